"""Factories for inventories: a valid textile inventory built from the documented example."""

import copy
import json
from pathlib import Path

import factory

from dekvep.assessment.models import Inventory, Opportunity

EXAMPLE = json.loads(
    (Path(__file__).resolve().parents[2] / "examples" / "inventory.json").read_text("utf-8")
)


def example_data(**changes) -> dict:
    data = copy.deepcopy(EXAMPLE)
    data.update(changes)
    return data


class InventoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inventory

    year = 2024
    sector = "textile"
    product_group = "knitted fabric dyeing"
    data = factory.LazyAttribute(
        lambda o: example_data(organization=o.organisation.name, year=o.year, sector=o.sector)
    )


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity

    title_en = "Find and fix compressed-air leaks"
    title_tr = "Basınçlı hava kaçaklarının giderilmesi"
    kind = "electricity"
    saving = 84000
    saving_unit = "kWh"
    money_try_per_year = 285600
    tco2e_per_year = 39.4
    investment_try = 46200
    priority = "high"
