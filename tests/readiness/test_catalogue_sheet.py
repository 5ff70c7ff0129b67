"""The rule catalogue as a workbook staff edit: labelled columns and choices in the reader's
language, read back in either language, every wrong cell named by sheet, row and column, and
nothing saved while one is wrong."""

import io

import pytest
from openpyxl import load_workbook

from dekvep.readiness.catalogue import shipped_catalogue
from dekvep.readiness.catalogue_sheet import catalogue_workbook, read_catalogue
from dekvep.readiness.models import CatalogueVersion

from ..conftest import ROLES, client_for
from ..web.visible import raw_codes, workbook_text


def _book(language="tr"):
    return load_workbook(io.BytesIO(catalogue_workbook(shipped_catalogue(), language)))


def _file(book) -> io.BytesIO:
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "catalogue.xlsx"
    return buffer


def _column(sheet, header: str) -> int:
    return [c.value for c in sheet[1]].index(header) + 1


@pytest.mark.parametrize("language", ["tr", "en"])
def test_the_workbook_reads_back_to_the_same_catalogue(language):
    shipped = shipped_catalogue()
    data = read_catalogue(_file(_book(language)), {})
    assert data["rules"] == [
        {**rule, "dates": sorted(rule.get("dates", []), key=lambda d: d["date"])}
        | {"indirect": rule.get("indirect", []), "conditions": rule.get("conditions", [])}
        for rule in shipped["rules"]
    ]
    assert data["topics"] == shipped["topics"] and data["note"] == shipped["note"]
    assert data["reviewed_on"] == shipped["reviewed_on"]


def test_the_turkish_workbook_shows_labels_not_codes():
    content = catalogue_workbook(shipped_catalogue(), "tr")
    texts = [text for _where, text in workbook_text(content)]
    assert not {code for t in texts for code in raw_codes(t)}
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Katalog", "Kurallar", "Tarihler", "Konular"]
    rules = book["Kurallar"]
    assert "Başlık (Türkçe)" in [c.value for c in rules[1]]
    assert rules.cell(2, 1).value == "CBAM"
    kinds = rules.cell(3, _column(rules, "Ürün türleri")).value
    assert "Giyim ve giyim aksesuarları" in kinds or "Ev tekstili" in kinds


def test_labels_from_the_other_language_are_accepted():
    book = _book("tr")
    rules = book["Kurallar"]
    rules.cell(3, _column(rules, "Koşullar")).value = "Exports to the EU; Large firm"
    data = read_catalogue(_file(book), {})
    assert data["rules"][1]["conditions"] == ["eu_export", "large"]


def test_every_wrong_cell_is_named_and_nothing_is_saved(people):
    book = _book("tr")
    rules, dates = book["Kurallar"], book["Tarihler"]
    rules.cell(2, _column(rules, "Koşullar")).value = "Ayda bir"
    rules.cell(4, _column(rules, "Başlık (İngilizce)")).value = None
    rules.cell(5, _column(rules, "Kaynak: tarih")).value = "dün"
    dates.cell(2, 2).value = "31.02.2026"
    client = client_for(people["manager"])
    client.cookies["dekvep_language"] = "tr"
    form = {"version": "2027.1", "note": "Deneme", "file": _file(book)}
    page = client.post("/readiness/catalogue/edit", form, HTTP_ACCEPT_LANGUAGE="tr")
    html = page.content.decode()
    assert "Kurallar, 2. satır, Koşullar: Ayda bir seçeneklerden biri değil" in html
    assert "Kurallar, 4. satır, Başlık (İngilizce): zorunlu" in html
    assert "Kurallar, 5. satır, Kaynak: tarih: tarih değil (GG.AA.YYYY)" in html
    assert "Tarihler, 2. satır, Tarih: tarih değil (GG.AA.YYYY)" in html
    assert not CatalogueVersion.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused(people):
    client = client_for(people["manager"])
    upload = io.BytesIO(b"PK\x03\x04 not really a workbook")
    upload.name = "catalogue.xlsx"
    page = client.post(
        "/readiness/catalogue/edit", {"version": "2027.1", "note": "x", "file": upload}
    )
    assert "The file is not an Excel workbook (.xlsx)." in page.content.decode()
    assert not CatalogueVersion.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_download_and_upload_by_role(people, role):
    from .test_permissions import CATALOGUE_EDITORS

    client = client_for(people[role])
    page = client.get("/readiness/catalogue.xlsx")
    api = client.get("/api/readiness/catalogue.xlsx?language=en")
    if role == "anonymous":
        assert page.status_code == 302 and api.status_code == 401
        return
    assert "Rules" in load_workbook(io.BytesIO(api.content)).sheetnames
    assert "Rules" in load_workbook(io.BytesIO(page.content)).sheetnames
    posted = client.post(
        "/api/readiness/catalogue/upload",
        {"version": f"2027-{role}", "note": "x", "file": _file(_book("en"))},
    )
    if role in CATALOGUE_EDITORS:
        assert posted.status_code == 201, posted.text
        assert posted.json()["version"] == f"2027-{role}"
        assert CatalogueVersion.objects.get().data["rules"][0]["id"] == "cbam"
    else:
        assert posted.status_code == 403 and not CatalogueVersion.objects.exists()


def test_the_api_upload_names_the_wrong_cells(people):
    book = _book("en")
    rules = book["Rules"]
    rules.cell(3, _column(rules, "Every manufacturer")).value = "maybe"
    client = client_for(people["manager"])
    posted = client.post(
        "/api/readiness/catalogue/upload", {"version": "2027.2", "note": "x", "file": _file(book)}
    )
    assert posted.status_code == 400
    assert "Rules, row 3, Every manufacturer: write Yes or leave it empty" in posted.text
