"""The support-instrument data file."""

import pytest

from dekvep.catalog.files import CatalogFileError
from dekvep.roadmaps import instruments


def test_it_reads_every_instrument_with_its_source():
    items = instruments.instruments()
    assert len(items) >= 15 and all(i.source and i.year >= 2020 for i in items)


def test_it_names_the_programmes_of_the_reference_list():
    keys = {i.key for i in instruments.instruments()}
    assert {
        "tubitak-1501",
        "tubitak-1507",
        "tubitak-1707",
        "ebrd-geff",
        "life-circular",
        "horizon-cl6",
        "istka-mali",
        "kosgeb-arge-urge",
    } <= keys


def test_it_covers_every_type_of_need():
    assert all(instruments.for_need_type(t) for t in instruments.NEED_TYPES)


def test_it_names_the_row_and_field_of_a_bad_file(tmp_path):
    path = tmp_path / "bad.csv"
    header = ",".join(instruments.COLUMNS)
    path.write_text(header + "\nx,A,A,I,national,f,f,cooking,u,s,2023\n", encoding="utf-8")
    with pytest.raises(CatalogFileError) as error:
        instruments.load(path)
    assert str(error.value).startswith("bad.csv, row 2, field need_types")
