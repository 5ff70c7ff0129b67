"""The JSON API answers like the pages: decisions, field errors, footprints, programme counts."""

from ..conftest import client_for
from .conftest import textile_answers


def test_the_firm_endpoint_lists_decisions_with_sources(firm, profile, people):
    body = client_for(people["analyst"]).get(f"/api/readiness/firms/{firm.pk}?language=tr").json()
    rows = {row["id"]: row for row in body["rows"]}
    assert rows["textile_epr"]["status"] == "applies"
    assert rows["textile_epr"]["status_label"] == "Uygulanır"
    assert rows["textile_epr"]["source"]["citation"].startswith("Directive (EU) 2025/1892")
    assert body["catalogue_version"] == "2026.12"
    assert body["timeline"][0]["date"] <= body["timeline"][-1]["date"]


def test_a_wrong_answer_gets_400_naming_the_field_and_keeps_the_old_answers(firm, profile, people):
    payload = {**textile_answers(eu_export_share=120), "cn_codes": ["6109", "12"]}
    response = client_for(people["firm_admin"]).put(
        f"/api/readiness/firms/{firm.pk}/profile", payload, content_type="application/json"
    )
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"eu_export_share", "cn_codes"}
    profile.refresh_from_db()
    assert profile.eu_export_share == 55


def test_the_profile_endpoint_returns_the_answers(firm, profile, people):
    body = client_for(people["firm_member"]).get(f"/api/readiness/firms/{firm.pk}/profile").json()
    assert body["answered"] is True
    assert body["cn_codes"] == ["610910", "6302"]


def test_footprints_without_an_approved_inventory_say_so(firm, profile, people):
    body = client_for(people["firm_admin"]).get(f"/api/readiness/firms/{firm.pk}/footprints").json()
    assert body == {"available": False, "rows": []}


def test_the_programme_endpoint_counts_firms_per_rule(programme, firm, other_firm, profile, people):
    body = client_for(people["funder"]).get(f"/api/readiness/programmes/{programme.pk}").json()
    rules = {r["id"]: r for r in body["rules"]}
    assert body["firms"] == 2 and body["profiles"] == 1
    assert rules["espr_dpp_textiles"]["applies"] == 1
    assert sum(rules["cbam"][k] for k in ("applies", "may_apply", "does_not_apply")) == 2
    assert all(topic["firms"] is None for topic in body["topics"])


def test_the_funder_sees_no_prepared_count_for_groups_under_five(programme, firm, profile, people):
    funder = client_for(people["funder"]).get(f"/api/readiness/programmes/{programme.pk}").json()
    manager = client_for(people["manager"]).get(f"/api/readiness/programmes/{programme.pk}").json()
    funder_rows = funder["sectors"][0]["rules"]
    assert all(r["prepared"] is None and r["share_pct"] is None for r in funder_rows)
    assert all(r["touched"] == 1 for r in funder_rows)
    assert all(r["prepared"] is not None for r in manager["sectors"][0]["rules"])
