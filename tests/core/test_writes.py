"""The write kit: allowed fields only, validation before saving, one audit entry per write."""

import pytest
from django.core.exceptions import ValidationError

from dekvep.core import schemas, services
from dekvep.core.forms import OrganisationForm, SiteForm
from dekvep.core.models import AuditEntry, Organisation


def test_a_field_outside_the_list_is_refused_by_name_and_nothing_changes(people, firm):
    with pytest.raises(ValidationError) as caught:
        services.update_organisation(people["manager"], firm, name="Yeni Ad", sector="textile")
    assert caught.value.message_dict == {"sector": ["This field cannot be changed here."]}
    firm.refresh_from_db()
    assert firm.name == "Boğaziçi Örme A.Ş."
    assert not AuditEntry.objects.filter(action="updated", object_id=str(firm.pk)).exists()


def test_an_update_is_audited_with_before_and_after(people, firm):
    services.update_organisation(people["manager"], firm, nace_codes=["22.21"])
    entry = AuditEntry.objects.get(action="updated", object_id=str(firm.pk))
    assert entry.actor == people["manager"]
    assert entry.changes["nace_codes"][1] == ["22.21"]
    assert entry.changes["sector"] == ["textile", "plastics"]


def test_an_invalid_value_saves_nothing(people, firm):
    with pytest.raises(ValidationError) as caught:
        services.add_site(people["firm_admin"], firm, name="Depo", latitude=123, longitude=28.9)
    assert "latitude" in caught.value.message_dict
    assert not firm.sites.exists()
    assert not AuditEntry.objects.filter(object_type="core.site").exists()


def test_a_creation_is_audited_as_created(people):
    organisation = services.create_organisation(
        people["manager"], name="Ege Plastik", kind="manufacturer", nace_codes=["22.22"]
    )
    assert Organisation.objects.get(pk=organisation.pk).sector == "plastics"
    entry = AuditEntry.objects.get(action="created", object_id=str(organisation.pk))
    assert entry.changes["name"] == [None, "Ege Plastik"]


def test_forms_and_schemas_offer_exactly_the_writable_fields():
    assert list(OrganisationForm.Meta.fields) == list(services.ORGANISATION_FIELDS)
    assert list(SiteForm.Meta.fields) == list(services.SITE_FIELDS)
    assert set(schemas.OrganisationIn.model_fields) == set(services.ORGANISATION_FIELDS)
    assert set(schemas.OrganisationPatch.model_fields) == set(services.ORGANISATION_FIELDS)
    assert set(schemas.SiteIn.model_fields) == set(services.SITE_FIELDS)
