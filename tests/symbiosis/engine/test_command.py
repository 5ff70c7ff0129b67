# ruff: noqa: E501  (CSV rows are kept whole so they read as the file would)
import csv
import io
import json

import pytest

from dekvep.symbiosis.command import main

HEADER = "id,kind,organization,title,description,ewc_code,quantity,unit,period,latitude,longitude,hazardous_licence\n"
A1 = "A1,offer,Örnek Konfeksiyon,Pamuklu kumaş kırpıntısı,Kesimhane kırpıntıları,04 02 22,10,t,month,41.07,28.80,\n"
B7 = "B7,want,Keçe Fabrikası,Textile waste for felt,Cotton and polyester cutting waste,,500,t,year,41.16,27.80,no\n"


@pytest.fixture
def write(tmp_path):
    def make(text, name="listings.csv"):
        path = tmp_path / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return str(path)

    return make


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_it_writes_ranked_matches_as_csv(write, capsys):
    code, out, _ = run(capsys, write(HEADER + A1 + B7))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert [(r["offer_id"], r["want_id"], r["rank"]) for r in rows] == [("A1", "B7", "1")]
    assert "cotton textile → nonwovens and felt" in rows[0]["reasons"]


def test_it_writes_json_with_reason_keys(write, capsys):
    _, out, _ = run(capsys, write(HEADER + A1 + B7), "--format", "json", "--lang", "tr")
    match = json.loads(out)["matches"][0]
    assert match["reasons"][0]["key"] == "same_material"
    assert match["reasons"][0]["text"] == "aynı malzeme: pamuklu tekstil"


def test_it_keeps_only_the_top_n(write, capsys):
    wants = "".join(
        B7.replace("B7", f"B{i}").replace("Keçe Fabrikası", f"Keçe {i}") for i in range(5)
    )
    _, out, _ = run(capsys, write(HEADER + A1 + wants), "--top", "3")
    assert len(out.strip().splitlines()) == 1 + 3


def test_it_writes_the_output_file(write, capsys, tmp_path):
    target = tmp_path / "out.csv"
    run(capsys, write(HEADER + A1 + B7), "--output", str(target))
    assert target.read_text(encoding="utf-8").startswith(
        "offer_id,want_id,rank,score,distance_km,reasons"
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            A1.replace("04 02 22", "99 99 99"),
            "line 2, column ewc_code: 99 99 99 is not in the List of Waste",
        ),
        (
            A1.replace(",10,t,", ",-5,t,"),
            "line 2, column quantity: quantity must be a positive number",
        ),
        (
            A1.replace(",10,t,", ",9000000,t,"),
            "line 2, column quantity: 108,000,000 t per year is more",
        ),
        (
            A1.replace(",t,month,", ",l,month,"),
            "line 2, column unit: unit 'l' does not fit cotton textile",
        ),
        (
            A1.replace("41.07,28.80", "141.07,28.80"),
            "line 2, column latitude: 141.07 is outside the world",
        ),
        (A1.replace(",month,", ",fortnight,"), "line 2, column period: 'fortnight' is not one of"),
        (
            A1.replace("04 02 22", "04 02 22*"),
            "line 2, column ewc_code: 04 02 22 is not a hazardous entry",
        ),
    ],
)
def test_it_names_line_and_column_of_a_bad_row(write, capsys, row, message):
    code, out, err = run(capsys, write(HEADER + row + B7))
    assert code == 1
    assert message in err
    assert out == ""


def test_it_rejects_duplicate_ids(write, capsys):
    _, _, err = run(capsys, write(HEADER + A1 + A1))
    assert "line 3, column id: duplicate id 'A1' (first on line 2)" in err


def test_it_rejects_an_empty_file(write, capsys):
    code, _, err = run(capsys, write(""))
    assert code == 1
    assert "the file is empty" in err


def test_it_rejects_a_file_that_is_not_utf8(write, capsys):
    _, _, err = run(capsys, write((HEADER + A1).encode("cp1254")))
    assert "line 2, column 10: the file is not UTF-8" in err


def test_it_rejects_a_file_over_the_size_limit(write, capsys):
    big = HEADER + A1 * (50 * 1024 * 1024 // len(A1.encode()) + 1)
    code, _, err = run(capsys, write(big))
    assert code == 1
    assert "the file is 50.0 MB; the limit is 32 MB" in err


def test_it_skips_bad_rows_when_asked(write, capsys):
    bad = A1.replace("A1", "A2").replace("41.07", "x")
    code, out, err = run(capsys, write(HEADER + A1 + bad + B7), "--skip-invalid")
    assert code == 0
    assert "skipped line 3, column latitude: 'x' is not a number" in err
    assert "A1,B7,1" in out


def test_it_leaves_no_output_file_when_the_input_is_bad(write, capsys, tmp_path):
    target = tmp_path / "out.csv"
    run(capsys, write(HEADER + A1.replace("t,month", "t,decade")), "--output", str(target))
    assert not target.exists()
