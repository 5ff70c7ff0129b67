"""Moving action plans and the register to ``plans`` keeps every row, audit entry and link."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("roadmaps", "0001_initial"), ("plans", None)]


def _migrate(targets, state):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(state).apps


@pytest.mark.django_db(transaction=True)
def test_rows_written_under_roadmaps_are_read_back_through_plans():
    old = _migrate(BEFORE, [("roadmaps", "0001_initial")])
    # ``core`` stays at its latest tables (later columns such as the programme's publishing
    # choices are there): its rows are written with today's models, linked to by id.
    from dekvep.core.models import AuditEntry, Organisation, Programme

    firm = Organisation.objects.create(name="Örnek Tekstil", kind="manufacturer")
    programme = Programme.objects.create(
        name="İstanbul",
        slug="ist",
        operator=firm,
        starts_on="2026-01-01",
        ends_on="2027-06-30",
    )
    plan = old.get_model("roadmaps", "ActionPlan").objects.create(
        programme_id=programme.pk, kind="firm", organisation_id=firm.pk, title="Firma planı"
    )
    action = old.get_model("roadmaps", "Action").objects.create(
        plan=plan,
        title="Boya suyunu geri kazan",
        owner_organisation_id=firm.pk,
        savings_water_m3=1200,
    )
    action.partners.add(firm.pk)
    AuditEntry.objects.create(
        object_type="roadmaps.action", object_id=str(action.pk), action="created"
    )

    latest = [key for key in MigrationExecutor(connection).loader.graph.leaf_nodes()]
    new = _migrate(latest, latest)
    moved = new.get_model("plans", "Action").objects.get(pk=action.pk)
    assert moved.title == "Boya suyunu geri kazan"
    assert float(moved.savings_water_m3) == 1200
    assert moved.plan.title == "Firma planı"
    assert list(moved.partners.values_list("name", flat=True)) == ["Örnek Tekstil"]
    entries = new.get_model("core", "AuditEntry").objects.filter(object_id=str(action.pk))
    assert list(entries.values_list("object_type", flat=True)) == ["plans.action"]
