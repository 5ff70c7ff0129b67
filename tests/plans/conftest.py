"""The plans tests use the programme, firms and people the roadmaps tests set up, and, for
monitoring, approved inventories of the textile firm built from the documented example."""

import copy

import pytest

from dekvep.assessment.services import compute_result, transition
from dekvep.plans.models import Action, ActionPlan
from dekvep.plans.services import plan_for
from tests.assessment.factories import InventoryFactory, example_data
from tests.roadmaps.conftest import *  # noqa: F403
from tests.roadmaps.factories import ActionFactory


def inventory_data(organisation, year, output_t=1200.0, electricity=4_200_000, unit="kWh"):
    """The example inventory at ``output_t`` tonnes with one electricity line (no solar)."""
    data = example_data(organization=organisation.name, year=year, sector="textile")
    data = copy.deepcopy(data)
    data["production"][0]["quantity"] = output_t
    energy = [line for line in data["energy"] if line["carrier"] != "solar_onsite"]
    for line in energy:
        if line["carrier"] == "electricity":
            line.update(quantity=electricity, unit=unit, certified_renewable_kwh=0)
    data["energy"] = energy
    return data


def approved_inventory(programme, organisation, analyst, year, **kwargs):
    inventory = InventoryFactory(
        programme=programme,
        organisation=organisation,
        year=year,
        data=inventory_data(organisation, year, **kwargs),
    )
    compute_result(inventory)
    transition(analyst, inventory, "submit")
    return transition(analyst, inventory, "approve")


def electricity_action(programme, organisation, title="Compressed-air leaks", mwh=300.0):
    plan = plan_for(programme, ActionPlan.Kind.FIRM, organisation=organisation)
    return ActionFactory(
        plan=plan,
        owner_organisation=organisation,
        title=title,
        status=Action.Status.DONE,
        origin=Action.Origin.ASSESSMENT,
        stream="electricity",
        saving_kind="electricity",
        saving_quantity=mwh * 1000,
        saving_unit="kWh",
        savings_try=mwh * 3400,
        savings_tco2e=mwh * 0.44,
    )


@pytest.fixture
def monitored(programme, firm, people):
    """Baseline 2023: 1 200 t and 4 200 MWh. One implemented action promising 300 MWh."""
    baseline = approved_inventory(programme, firm, people["analyst"], 2023)
    action = electricity_action(programme, firm)
    return baseline, action
