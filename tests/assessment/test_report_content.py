"""What the firm and sector reports say: every section, read back from the PDF's text, in Turkish
and English typography, with no table row split across pages."""

import copy
import io
import json
import random
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from dekvep.assessment.engine import assess
from dekvep.assessment.report_render import (
    pdf_from_html,
    render_sector_standalone,
    render_standalone,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = json.loads((ROOT / "examples" / "inventory.json").read_text(encoding="utf-8"))


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(texts: list[str]) -> str:
    """The text with line breaks as spaces (a table cell wraps where the PDF wants)."""
    return re.sub(r"\s+", " ", " ".join(texts))


@pytest.fixture(scope="module")
def result():
    return assess(EXAMPLE, current_year=2025).as_dict()


@pytest.fixture(scope="module")
def firm_tr(result):
    return pages(render_standalone(result, "pdf", "tr"))


@pytest.fixture(scope="module")
def firm_en(result):
    return pages(render_standalone(result, "pdf", "en"))


def _sector_results(n: int) -> list[dict]:
    rng = random.Random(5)
    results = []
    for i in range(n):
        data = copy.deepcopy(EXAMPLE)
        data["organization"] = f"Gizli Firma {i}"
        scale = rng.uniform(0.4, 3.0)
        for section in ("production", "energy", "water", "materials", "wastes"):
            for line in data[section]:
                line["quantity"] *= scale * rng.uniform(0.7, 1.3)
                if "certified_renewable_kwh" in line:
                    line["certified_renewable_kwh"] = min(
                        line["certified_renewable_kwh"] * scale, line["quantity"]
                    )
        results.append(assess(data, current_year=2025).as_dict())
    return results


@pytest.fixture(scope="module")
def sector_tr():
    return pages(render_sector_standalone(_sector_results(12), "textile", "pdf", "tr"))


def test_page_one_is_an_executive_summary_with_findings_package_and_first_steps(firm_tr):
    first = flat(firm_tr[:1])
    for heading in ("Yönetici özeti", "En önemli bulgular", "Önerilen önlem paketi", "İlk üç adım"):
        assert heading in first
    # the package with its yearly saving in TL and tCO2e, investment and payback
    assert re.search(r"yılda \d{1,3}(\.\d{3})+ TL ve \d{1,3}(\.\d{3})*,\d tCO2e", first)
    assert re.search(r"Yatırım: \d{1,3}(\.\d{3})+ TL · Geri ödeme: \d+,\d yıl", first)
    # findings compare the firm with its sector in plain words, and explain the jargon
    assert "sektörünüz için yayımlanmış aralığın" in first
    assert "tCO2e: ton karbondioksit eşdeğeri" in first
    assert "ile başlayın: kendini" in first


def test_the_firm_report_has_every_section_in_turkish(firm_tr):
    text = flat(firm_tr)
    for heading in (
        "İçindekiler",
        "Tesisin akışları",
        "Malzemeler (t)",
        "Su (m³)",
        "Enerji (MWh)",
        "Sektöre göre göstergeler",
        "Ne anlama geliyor",
        "Önlemler",
        "Neden size uygun",
        "Mevcut en iyi teknik veya kaynak",
        "Yatırımdan önce neyi kontrol etmeli",
        "Paket toplamı",
        "Atık akışları ve simbiyoz",
        "Daha iyi bir yolun getirisi",
        "Yöntem ve varsayımlar",
        "Sınır",
        "Raporlama yılı",
        "Küresel ısınma potansiyelleri",
        "Kapsam dışı bırakılan kapsam 3 kategorileri",
        "Dağıtım (allokasyon)",
        "Kullanılan varsayılan değerler",
        "Hazırlayan ve onaylayan",
    ):
        assert heading in text, heading
    # why a measure applies: the firm's own figure against the catalogue's threshold
    assert re.search(r"Elektrik kullanımı: 4\.200\.000 kWh \(önlem \d{1,3}(\.\d{3})* kWh", text)
    assert "IPCC AR5" in text and "ETKB" in text


def test_turkish_numbers_percentages_and_currency(firm_tr):
    text = flat(firm_tr)
    assert re.search(r"\d{1,3}\.\d{3},\d", text)  # 1.234,5
    assert re.search(r"%\d+", text)  # %65 (the sign before the number)
    assert not re.search(r"\d %(?!\d)|\d%", text)  # never 65 % or 65%
    assert " TL" in text and "TRY" not in text


def test_english_typography_and_currency(firm_en):
    text = flat(firm_en)
    assert "Executive summary" in text and "Methodology and assumptions" in text
    assert re.search(r"\d{1,3},\d{3}\.\d", text)  # 1,234.5
    assert re.search(r"\d%", text) and " TRY" in text and " TL " not in text


def test_every_page_is_numbered_and_the_contents_point_to_pages(firm_tr):
    total = len(firm_tr)
    for number, text in enumerate(firm_tr, start=1):
        assert f"Sayfa {number} / {total}" in text
    contents = flat(firm_tr[1:2])
    assert re.search(r"Yöntem ve varsayımlar\s*\.*\s*\d+", contents)


def test_the_report_asks_tables_not_to_split_rows():
    from django.template.loader import render_to_string

    style = render_to_string("assessment/_report_style.html", {})
    assert re.search(r"tr,[^{]*\{[^}]*break-inside: avoid", style)


def test_no_table_row_is_split_across_pages():
    """A table of tall rows over many pages: each row's first and last line on one page."""
    from django.template.loader import render_to_string

    style = render_to_string("assessment/_report_style.html", {})
    rows = "".join(
        f"<tr><td>START-{i}<br>{'satır<br>' * 6}END-{i}</td><td>{i}</td></tr>" for i in range(60)
    )
    pdf = pdf_from_html(f"<html><head>{style}</head><body><table>{rows}</table></body></html>")
    texts = pages(pdf)
    assert len(texts) > 3
    for i in range(60):
        on = [n for n, text in enumerate(texts) if f"START-{i}\n" in text + "\n"]
        assert on and f"END-{i}" in texts[on[0]], i


def test_the_sector_report_has_every_section_and_names_no_firm(sector_tr):
    text = flat(sector_tr)
    assert 6 <= len(sector_tr) <= 12
    for heading in (
        "Sektör profili",
        "Sektör genelinde göstergeler",
        "En sık görülen fırsatlar",
        "Atık akışları ve simbiyoz potansiyeli",
        "Yeşil Mutabakat etkisi",
        "Yol haritası çalıştayı için sorular",
        "Envanteri onaylanmış firmalar",
        "Alt çeyrek",
    ):
        assert heading in text, heading
    assert "Gizli Firma" not in text
    assert re.search(r"\d{1,3}(\.\d{3})+ TL", text)
    assert "Gelecek yıl her firma hangi göstergeleri" in text


def test_the_findings_rank_the_furthest_from_the_sector_first(result):
    from django.utils import translation

    from dekvep.assessment.report_render import firm_context

    stats = {
        "water_m3_per_t": {"median_raw": 20.0, "median": "20", "firms": 9},
        "energy_kwh_per_t": {"median_raw": 15000.0, "median": "15.000", "firms": 9},
    }
    with translation.override("en"):
        context = firm_context(result, "en", stats=stats)
    first = context["findings"][0]
    assert first.startswith("Your water use per tonne of product is 4.2 times the sector's median")
    assert "(9 firms)" in first and len(context["findings"]) == 3


def test_the_flow_diagram_wraps_long_labels_instead_of_cutting_them():
    from dekvep.web.sankey import band

    svg = band(
        "Water",
        [("Evaporation and product losses of the dye house (balance)", 50.0), ("Mains", 10.0)],
        "Site",
        [("Wastewater", 60.0)],
        "m³",
        lambda v: f"{v:.0f}",
    )
    assert svg.startswith("<svg") and "…" not in svg
    assert ">Evaporation and product<" in svg and ">losses of the dye house<" in svg
    assert band("Empty", [], "Site", [], "t", str) == ""


@pytest.mark.django_db
def test_a_draft_inventorys_report_says_draft_across_its_pages(inventory, people):
    from dekvep.assessment.reports import firm_report_pdf

    texts = pages(firm_report_pdf(people["firm_admin"], inventory, "tr"))
    assert all("TASLAK" in text for text in texts)


@pytest.mark.django_db
def test_an_approved_report_names_who_prepared_and_approved_it(approved, people):
    from dekvep.assessment.reports import firm_report_context

    context = firm_report_context(people["analyst"], approved, "en")
    review = context["methodology"]["review"]
    assert review["approved_by"] in (people["analyst"].get_full_name(), people["analyst"].email)
    assert review["approved_on"] not in ("", "–") and context["draft"] is False
