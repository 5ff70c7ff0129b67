"""Operator staff put a new catalogue version in force; the change is audited and validated."""

import copy

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dekvep.core.models import AuditEntry
from dekvep.readiness import services
from dekvep.readiness.catalogue import current_catalogue, shipped_catalogue
from dekvep.readiness.selectors import firm_readiness


def test_a_new_version_changes_a_date_for_every_firm_and_is_audited(firm, profile, people):
    data = copy.deepcopy(shipped_catalogue())
    ppwr = next(r for r in data["rules"] if r["id"] == "textile_epr")
    ppwr["dates"] = [{"date": "2028-09-01", "label": {"tr": "Yeni tarih", "en": "New date"}}]
    services.publish_catalogue(people["manager"], data, "2026.1", "Textile EPR date moved (OJ)")
    assert current_catalogue()["version"] == "2026.1"
    row = next(r for r in firm_readiness(firm, "en")["rows"] if r["id"] == "textile_epr")
    assert (row["deadline"], row["deadline_label"]) == ("2028-09-01", "New date")
    entry = AuditEntry.objects.get(action="published")
    assert entry.changes["version"] == ["2026.12", "2026.1"]
    assert set(entry.changes) == {"version", "rule textile_epr"}


def test_a_rule_without_source_date_or_english_text_is_refused_naming_rule_and_field(people):
    data = copy.deepcopy(shipped_catalogue())
    data["rules"][0]["source"]["date"] = "17.10.2025"
    del data["rules"][1]["title"]["en"]
    with pytest.raises(ValidationError) as caught:
        services.publish_catalogue(people["manager"], data, "2026.1", "test")
    errors = caught.value.message_dict["data"]
    assert "rule cbam: source.date is not a date (YYYY-MM-DD)" in errors
    assert "rule espr_dpp_textiles: title needs Turkish and English text" in errors
    assert current_catalogue()["version"] == "2026.12"


def test_the_version_name_must_be_new_and_the_change_explained(people):
    with pytest.raises(ValidationError) as caught:
        services.publish_catalogue(people["manager"], shipped_catalogue(), "2026.12", " ")
    assert set(caught.value.message_dict) == {"version", "note"}


@pytest.mark.parametrize("role", ["firm_admin", "jury", "funder", "provider"])
def test_only_operator_staff_may_publish(people, role):
    with pytest.raises(PermissionDenied):
        services.publish_catalogue(people[role], shipped_catalogue(), "2026.1", "x")
