"""The sector report API gives every section of the sector page: the same figures, with units,
labels in the reader's language, and the same figures withheld for the same reasons."""

import html
import re

import pytest

from dekvep.assessment.engine.disclosure import round_sig
from dekvep.core.formatting import format_number, format_percent

from ..conftest import client_for
from .conftest import demo_firms

SECTIONS = (
    "profile",
    "indicator_distributions",
    "opportunities",
    "waste_streams",
    "green_deal",
    "workshop_questions",
)
# The decimals the page writes each indicator's quartiles with.
DIGITS = {"energy_kwh_per_t": 0, "mci": 2, "ghg_tco2e_per_t": 2}


def _api(user, programme, query: str = "lang=en", speaking: str = "en") -> dict:
    """The sector report API's answer to ``user`` whose browser speaks ``speaking``."""
    client = client_for(user)
    client.cookies["dekvep_language"] = speaking
    url = f"/api/assessment/programmes/{programme.pk}/sectors/textile/report?{query}"
    return client.get(url, HTTP_ACCEPT_LANGUAGE=speaking).json()


def _results(inventories) -> list[dict]:
    return [i.result for i in inventories]


def test_the_old_keys_stay_and_the_sections_follow(demo_sector, programme, people):
    body = _api(people["analyst"], programme)
    assert body["sector"] == "textile" and body["firms"] == 6
    assert body["indicators"]["recovery_rate"]["median"] < 1  # still the engine's 0-1 share
    assert {"total_tco2e", "package_money_try_per_year", "package_tco2e_per_year"} <= set(body)
    assert body["sector_label"] == "Textiles and apparel" and body["language"] == "en"
    assert body["year"] == 2024 and body["programme_name"] == "Test Programme"
    assert body["disclosure"]["min_firms_quartiles"] == 5 and body["withheld"] == {}
    assert all(body[key] for key in SECTIONS)


def test_the_profile_counts_firms_bands_production_and_scopes(demo_sector, programme, people):
    profile = _api(people["analyst"], programme)["profile"]
    results = _results(demo_sector)
    production = [r["intensity"]["production_t"] for r in results]
    assert (profile["firms"], profile["product_groups"]) == (6, 1)
    assert profile["production_total_t"] == round_sig(sum(production))
    assert profile["production_t"]["firms"] == 6
    assert min(production) <= profile["production_t"]["median"] <= max(production)
    bands = {b["band"]: b for b in profile["employment_bands"]}
    assert list(bands) == ["1-9", "10-49", "50-249", "250+"]
    assert bands["50-249"]["firms"] == 3 and bands["50-249"]["label"] == "50–249 employees"
    assert bands["250+"]["firms"] is None
    assert bands["250+"]["withheld"]["firms"] == {"rule": "count_below_3", "reason": "fewer than 3"}
    scope1 = round_sig(sum(r["ghg"]["scope1_tco2e"] for r in results))
    assert profile["scopes"][0] == {
        "scope": "scope1",
        "label": "Scope 1",
        "tco2e": scope1,
        "withheld": {},
    }


def test_the_distributions_are_in_the_unit_the_page_shows(demo_sector, programme, people):
    found = _api(people["analyst"], programme)["indicator_distributions"]
    rows = {r["indicator"]: r for r in found}
    recovery = rows["recovery_rate"]
    assert (recovery["label"], recovery["unit"]) == ("Waste recovery rate", "%")
    assert 1 < recovery["median"] <= 100 and recovery["firms"] == 6
    water = rows["water_m3_per_t"]
    assert water["unit"] == "m³/t" and water["p25"] <= water["median"] <= water["p75"]
    assert water["reference"]["low"] == 60 and water["reference"]["year"] == 2023
    assert "BREF" in water["reference"]["source"]


def test_the_opportunities_add_up_the_common_measures(demo_sector, programme, people):
    found = _api(people["analyst"], programme)["opportunities"]
    results = _results(demo_sector)
    first = found["measures"][0]
    savings = [
        o["money_try_per_year"]
        for r in results
        for o in r["opportunities"]
        if o["measure_id"] == first["measure_id"] and o.get("in_package") is not False
    ]
    assert first["firms"] == len(savings) >= 3
    assert first["money_try_per_year"] == round_sig(sum(savings))
    assert first["title"] and first["title"] != first["measure_id"]
    kinds = {k["kind"]: k for k in found["by_kind"]}
    assert kinds["thermal"]["label"] == "Saves heat and fuel"
    assert kinds["thermal"]["money_try_per_year"] > 0
    investment = [r["package"]["investment_try"] for r in results]
    assert found["investment_try"] == round_sig(sum(investment))


def test_the_waste_streams_name_chapters_routes_and_shared_codes(demo_sector, programme, people):
    wastes = _api(people["analyst"], programme)["waste_streams"]
    chapters = {c["chapter"]: c for c in wastes["chapters"]}
    assert chapters["04"]["title"] == "Wastes from the leather, fur and textile industries"
    assert chapters["04"]["firms"] == 6 and chapters["04"]["t_per_year"] > 0
    routes = {r["route"]: r["label"] for r in wastes["routes"]}
    assert routes["landfill"] == "Landfill" and routes["recycling"] == "Recycling"
    shared = wastes["shared_disposed"][0]
    assert shared["code"] == " ".join(re.findall("..", shared["ewc_code"]))
    assert shared["firms"] >= 3 and shared["disposed_t_per_year"] > 0
    assert wastes["avoidable_tco2e_per_year"] > 0


def test_the_green_deal_and_the_workshop_questions(demo_sector, programme, people):
    body = _api(people["analyst"], programme)
    deal = body["green_deal"]
    assert deal["cbam_firms"] == 0  # knitted fabric is no CBAM good
    assert deal["cbam_cost_eur_per_year"] is None
    assert deal["withheld"]["cbam_cost_eur_per_year"]["rule"] == (
        "total_needs_3_firms_none_above_half"
    )
    assert all(r["firms_touched"] >= 3 and r["title"] for r in deal["requirements"])
    questions = body["workshop_questions"]
    measure = body["opportunities"]["measures"][0]
    assert f"“{measure['title']}” applies to {measure['firms']} firms" in questions[0]
    assert questions[-1].startswith("Which targets for 2030")


def test_the_labels_follow_the_lang_parameter_or_the_request(demo_sector, programme, people):
    turkish = _api(people["analyst"], programme, "lang=tr")
    assert turkish["language"] == "tr"
    rows = {r["indicator"]: r for r in turkish["indicator_distributions"]}
    assert rows["energy_kwh_per_t"]["label"] == "Enerji yoğunluğu"
    kinds = {k["kind"]: k["label"] for k in turkish["opportunities"]["by_kind"]}
    assert kinds["thermal"] == "Isı ve yakıt tasarrufu"
    bands = {b["band"]: b for b in turkish["profile"]["employment_bands"]}
    assert bands["250+"]["withheld"]["firms"]["reason"] == "3'ten az"
    by_request = _api(people["analyst"], programme, "", speaking="tr")
    assert by_request["language"] == "tr"
    assert by_request["sector_label"] == turkish["sector_label"] != "Textiles and apparel"
    assert _api(people["analyst"], programme, "", speaking="en")["language"] == "en"
    assert _api(people["analyst"], programme, "lang=en", speaking="tr")["language"] == "en"


# Disclosure -----------------------------------------------------------------------------------


def _numbers(value) -> list[float]:
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in _numbers(v)]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [float(value)]
    return []


def _firm_figures(result: dict) -> list[float]:
    """A firm's own figures: production, footprint, water, indicators, savings, waste."""
    found = [
        result["intensity"]["production_t"],
        result["ghg"]["total_location_tco2e"],
        result["ghg"]["scope1_tco2e"],
        result["intensity"]["water_m3"],
        (result.get("package") or {}).get("money_try_per_year"),
        (result.get("package") or {}).get("investment_try"),
        *(v for v in result["benchmarks"]["values"].values() if v),
        *(o["money_try_per_year"] for o in result["opportunities"]),
        *(w["t"] for w in result["waste_streams"]),
    ]
    return [v for v in found if v and v > 10]


def test_below_five_firms_no_quartile_and_no_firm_figure_is_given(programme, people):
    inventories = demo_firms(programme, people, ("50-249",) * 3 + ("250+",), "Küçük Örme")
    body = _api(people["analyst"], programme)
    text = str(body)
    assert "Küçük Örme" not in text
    assert all(v is None for v in body["indicators"].values())
    for row in body["indicator_distributions"]:
        assert [row[k] for k in ("firms", "p25", "median", "p75")] == [None] * 4
        assert row["withheld"]["median"] == {
            "rule": "quartiles_need_5_firms",
            "reason": "fewer than 5 firms",
        }
    assert body["profile"]["production_t"] is None
    assert body["profile"]["withheld"]["production_t"]["reason"] == "fewer than 5 firms"
    published = _numbers(body)
    for inventory in inventories:
        for figure in _firm_figures(inventory.result):
            assert not [n for n in published if abs(n - figure) <= 0.001 * figure], figure


def test_below_three_firms_every_section_is_withheld_with_the_pages_words(
    approved, programme, people
):
    body = _api(people["analyst"], programme)
    assert body["firms"] is None and "Boğaziçi" not in str(body)
    for key in SECTIONS:
        assert body[key] is None
        assert body["withheld"][key]["rule"] == "sector_needs_3_firms"
        assert body["withheld"][key]["reason"].startswith("Fewer than three firms of this sector")


def test_a_total_one_firm_dominates_is_withheld(programme, people):
    inventories = demo_firms(programme, people, ("250+", "1-9", "1-9"), "Baskın Örme")
    body = _api(people["analyst"], programme)
    production = [i.result["intensity"]["production_t"] for i in inventories]
    assert max(production) > sum(production) / 2
    assert body["profile"]["production_total_t"] is None
    assert body["profile"]["withheld"]["production_total_t"] == {
        "rule": "total_needs_3_firms_none_above_half",
        "reason": "fewer than 3 firms, or one firm makes up more than half",
    }


# The page and the API ---------------------------------------------------------------------------


def _page_text(client, programme) -> str:
    page = client.get(f"/assessment/sectors/textile/?programme={programme.pk}&lang=en")
    text = html.unescape(re.sub(r"<[^>]*>", " ", page.content.decode()))
    return re.sub(r"\s+", " ", text)


def _n(value, digits: int = 0) -> str:
    return "–" if value is None else format_number(value, digits, "en")


@pytest.mark.parametrize("section", ["profile", "distributions", "opportunities", "wastes", "deal"])
def test_the_page_shows_the_same_figures_as_the_api(section, demo_sector, programme, people):
    client = client_for(people["analyst"])
    body = client.get(
        f"/api/assessment/programmes/{programme.pk}/sectors/textile/report?lang=en"
    ).json()
    page = _page_text(client, programme)
    CHECKS[section](body, page)


def _same_profile(body: dict, page: str) -> None:
    profile = body["profile"]
    assert f"Production {_n(profile['production_total_t'])} t" in page
    assert f"Waste {_n(profile['waste_total_t'])} t" in page
    assert f"Firms with an approved inventory {profile['firms']}" in page
    quartiles = " · ".join(_n(profile["production_t"][k]) for k in ("p25", "median", "p75"))
    assert f"lower quartile, median, upper quartile {quartiles} t" in page
    for band in profile["employment_bands"]:
        assert f"{band['label']} {band['firms'] or 'fewer than 3'}" in page


def _same_distributions(body: dict, page: str) -> None:
    for row in body["indicator_distributions"]:
        digits = DIGITS.get(row["indicator"], 1)
        figures = " ".join(_n(row[k], digits) for k in ("p25", "median", "p75"))
        unit = f" ({row['unit']})" if row["unit"] else ""
        assert f"{row['label']}{unit} {row['firms']} {figures}" in page, row["indicator"]


def _same_opportunities(body: dict, page: str) -> None:
    found = body["opportunities"]
    for m in found["measures"]:
        figures = f"{_n(m['money_try_per_year'])} {_n(m['tco2e_per_year'])}"
        assert f"{m['title']} {m['firms']} {figures}" in page, m["measure_id"]
    assert f"packages together: {_n(found['investment_try'])} TRY." in page
    for kind in found["by_kind"]:
        assert (kind["label"] in page) == (kind["money_try_per_year"] is not None)


def _same_wastes(body: dict, page: str) -> None:
    wastes = body["waste_streams"]
    for c in wastes["chapters"]:
        assert f"{c['chapter']} {c['title']} {c['firms']} {_n(c['t_per_year'])}" in page
    for s in wastes["shared_disposed"]:
        assert f"{s['code']} {s['firms']} {_n(s['disposed_t_per_year'])}" in page
    assert f"avoid about {_n(wastes['avoidable_tco2e_per_year'])} tCO2e" in page


def _same_deal(body: dict, page: str) -> None:
    deal = body["green_deal"]
    assert f"Firms with goods under CBAM: {deal['cbam_firms']};" in page
    assert f"together: {_n(deal['cbam_cost_eur_per_year'])} EUR a year" in page
    for r in deal["requirements"]:
        pct = r["prepared_pct"]
        prepared = "–" if pct is None else format_percent(pct, 0, "en")
        assert f"{r['title']} {r['firms_touched']} {prepared}" in page
    for question in body["workshop_questions"]:
        assert question in page


CHECKS = {
    "profile": _same_profile,
    "distributions": _same_distributions,
    "opportunities": _same_opportunities,
    "wastes": _same_wastes,
    "deal": _same_deal,
}
