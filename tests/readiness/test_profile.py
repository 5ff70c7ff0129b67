"""The questionnaire: field-level validation, nothing half-saved, every save audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from dekvep.core.models import AuditEntry
from dekvep.readiness import services
from dekvep.readiness.models import ReadinessProfile

from .conftest import textile_answers


def test_it_saves_the_answers_with_cn_codes_as_digits_and_audits_the_save(firm, people, answers):
    profile = services.save_profile(people["firm_admin"], firm, answers)
    assert profile.cn_codes == ["610910", "6302"]
    assert profile.export_markets == ["eu", "mena"]
    entry = AuditEntry.objects.get(object_type="readiness.readinessprofile")
    assert entry.actor == people["firm_admin"]
    assert entry.changes["eu_export_share"] == [None, 55]
    assert entry.programme == firm.participations.get().programme


def test_a_change_is_audited_with_its_before_and_after(profile, people, firm):
    services.save_profile(people["analyst"], firm, textile_answers(eu_export_share=20))
    entry = AuditEntry.objects.filter(action="updated").get()
    assert entry.changes == {"eu_export_share": [55, 20]}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"cn_codes": "6109, 9999"},
            "cn_codes",
            "code 2 (9999): heading 9999 is not in the CN list",
        ),
        ({"cn_codes": "61A9"}, "cn_codes", "code 1 (61A9): a CN code has 4, 6 or 8 digits"),
        ({"eu_export_share": 150}, "eu_export_share", "between 0 and 100"),
        ({"collective_bargaining_pct": -1}, "collective_bargaining_pct", "between 0 and 100"),
        ({"female_employees": 500}, "female_employees", "Cannot exceed the headcount."),
        ({"fgas_equipment": ["none", "heat_pumps"]}, "fgas_equipment", "cannot be combined"),
        ({"product_types": ["rockets"]}, "product_types", "Not a choice: rockets"),
        (
            {"export_markets": ["mena"]},
            "eu_export_share",
            "the EU is not among your export markets",
        ),
    ],
)
def test_a_wrong_answer_is_refused_at_its_field_and_nothing_is_saved(
    firm, people, changes, field, message
):
    with pytest.raises(ValidationError) as caught:
        services.save_profile(people["firm_admin"], firm, textile_answers(**changes))
    assert message in " ".join(caught.value.message_dict[field])
    assert not ReadinessProfile.objects.exists()
    assert not AuditEntry.objects.filter(object_type="readiness.readinessprofile").exists()


def test_errors_speak_turkish_to_a_turkish_reader(firm, people):
    with translation.override("tr"), pytest.raises(ValidationError) as caught:
        services.save_profile(people["firm_admin"], firm, textile_answers(eu_export_share=150))
    assert caught.value.message_dict["eu_export_share"] == ["0 ile 100 arasında bir yüzde girin."]


def test_only_the_firm_its_analyst_and_managers_may_answer(firm, people, answers):
    for role in ("other_firm_member", "facilitator", "jury", "funder", "provider"):
        with pytest.raises(PermissionDenied):
            services.save_profile(people[role], firm, answers)
    assert services.save_profile(people["manager"], firm, answers).updated_by == people["manager"]
