"""The audit log is no side door: an entry is shown only to those who may see its object.

The attack: a facilitator or an analyst not assigned to a firm opened /audit/ (or the staff home)
and read the firm's inventory comments, progress notes, evidence file names and draft listings.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dekvep.assessment import services as assessment
from dekvep.core import audit
from dekvep.core.models import AuditEntry
from dekvep.plans import monitoring
from dekvep.plans import services as plans
from dekvep.plans.models import ActionPlan
from dekvep.symbiosis import services as symbiosis
from dekvep.symbiosis.models import Listing
from tests.assessment.factories import InventoryFactory
from tests.conftest import client_for
from tests.roadmaps.factories import ActionFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SECRETS = [
    "Gizli yorum: kazan verimi düşük",
    "Gizli ilerleme: kompresör değişti",
    "rakip-fatura-2024.pdf",
    "Gizli taslak ilan: PVC hurdası",
]


@pytest.fixture
def other_firm_secrets(programme, other_firm, people):
    """Confidential writes about the other firm (no analyst is assigned to it)."""
    manager = people["manager"]
    inventory = InventoryFactory(programme=programme, organisation=other_firm)
    assessment.add_comment(manager, inventory, SECRETS[0])
    plan = plans.plan_for(programme, ActionPlan.Kind.FIRM, organisation=other_firm)
    action = ActionFactory(plan=plan, owner_organisation=other_firm, title="Basınçlı hava")
    plans.add_progress_update(manager, action, note=SECRETS[1])
    upload = SimpleUploadedFile(SECRETS[2], PDF, content_type="application/pdf")
    monitoring.add_evidence(manager, action, "invoice", upload=upload, note=SECRETS[2])
    symbiosis.create_listing(
        people["other_firm_member"],
        other_firm,
        programme,
        kind=Listing.Kind.OFFER,
        title=SECRETS[3],
        material="plastic",
        quantity=10,
        unit=Listing.Unit.TONNE,
        frequency=Listing.Frequency.YEAR,
        status="draft",
    )
    return inventory


def test_entries_carry_the_programme_and_the_owning_organisation(
    programme, other_firm, other_firm_secrets
):
    entries = AuditEntry.objects.filter(
        object_type__in=[
            "assessment.inventorycomment",
            "plans.progressupdate",
            "plans.evidence",
            "symbiosis.listing",
        ]
    )
    assert entries.count() == 4
    assert {(e.programme_id, e.organisation_id) for e in entries} == {(programme.pk, other_firm.pk)}


# Who may read the other firm's confidential entries: its assigned staff (the programme's
# manager) and site administrators; not a facilitator, not an analyst assigned elsewhere.
ROLES = [
    ("manager", True),
    ("analyst", False),
    ("facilitator", False),
    ("firm_admin", None),
    ("other_firm_member", None),
    ("jury", None),
    ("funder", None),
    ("provider", None),
]


@pytest.mark.parametrize(("role", "sees"), ROLES)
def test_the_audit_page_shows_only_entries_about_visible_objects(
    people, other_firm_secrets, role, sees
):
    response = client_for(people[role]).get("/audit/")
    html = response.content.decode()
    if sees is None:
        assert response.status_code == 403
        assert not any(secret in html for secret in SECRETS)
        return
    assert response.status_code == 200
    for secret in SECRETS:
        assert (secret in html) is sees, secret


@pytest.mark.parametrize(("role", "sees"), ROLES)
def test_the_audit_api_shows_only_entries_about_visible_objects(
    people, other_firm_secrets, role, sees
):
    response = client_for(people[role]).get("/api/core/audit", {"page_size": 500})
    body = json.dumps(response.json(), ensure_ascii=False)
    if sees is None:
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"
        return
    assert response.status_code == 200
    for secret in SECRETS:
        assert (secret in body) is sees, secret


@pytest.mark.parametrize("role", ["manager", "analyst", "facilitator"])
def test_the_staff_home_shows_no_audit_lines_at_all(people, other_firm_secrets, role):
    # The staff home is a dashboard of figures, stages and funnels; the audit log is /audit/.
    html = client_for(people[role]).get("/").content.decode()
    assert "Gizli" not in html
    assert "/audit/" in html or role != "manager"


def test_the_assigned_analyst_sees_their_firms_entries(programme, firm, people):
    inventory = InventoryFactory(programme=programme, organisation=firm)
    assessment.add_comment(people["manager"], inventory, "Yorum: atık su ölçümü eksik")
    for role, sees in [("analyst", True), ("facilitator", False)]:
        html = client_for(people[role]).get("/audit/").content.decode()
        assert ("Yorum: atık su ölçümü eksik" in html) is sees
        api = client_for(people[role]).get("/api/core/audit").json()
        texts = [json.dumps(item["changes"], ensure_ascii=False) for item in api["items"]]
        assert any("atık su" in t for t in texts) is sees


def test_programme_entries_are_shown_to_the_programme_staff(programme, people):
    from tests.events.factories import EventFactory

    event = EventFactory(programme=programme, title="Döngüsel ekonomi çalıştayı")
    audit.record_created(people["manager"], event)
    for role in ("manager", "analyst", "facilitator"):
        html = client_for(people[role]).get("/audit/").content.decode()
        assert "Döngüsel ekonomi çalıştayı" in html, role


def test_the_backfill_fills_owners_of_old_entries(programme, other_firm, other_firm_secrets):
    from importlib import import_module

    from django.apps import apps

    AuditEntry.objects.update(organisation=None, programme=None)
    migration = import_module("dekvep.core.migrations.0003_backfill_audit_owners")
    migration.backfill(apps, None)
    comment = AuditEntry.objects.get(object_type="assessment.inventorycomment")
    assert (comment.programme_id, comment.organisation_id) == (programme.pk, other_firm.pk)
