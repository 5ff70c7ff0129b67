import pytest

from dekvep.assessment.services import compute_result, transition
from dekvep.readiness import services

from ..assessment.factories import InventoryFactory


def textile_answers(**changes) -> dict:
    answers = {
        "export_markets": ["eu", "mena"],
        "eu_export_share": 55,
        "customer_requests": True,
        "cn_codes": "6109 10, 6302",
        "product_types": ["apparel", "home_textiles"],
        "packaging_placed_t": 40,
        "packaging_kinds": ["paper"],
        "fgas_equipment": ["air_conditioning"],
        "fgas_in_products": False,
        "mrv_installation": False,
        "headcount": 120,
        "turnover_eur_m": 14,
        "female_employees": 50,
        "permanent_employees": 110,
        "recordable_accidents": 2,
        "fatalities": 0,
        "training_hours": 12,
        "collective_bargaining_pct": 0,
        "allocation_key": "mass",
    }
    answers.update(changes)
    return answers


@pytest.fixture
def answers():
    return textile_answers()


@pytest.fixture
def profile(firm, people, answers):
    return services.save_profile(people["firm_admin"], firm, answers)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def approved(programme, firm, people):
    """An approved textile inventory of ``firm`` (the documented example)."""
    inventory = InventoryFactory(programme=programme, organisation=firm)
    compute_result(inventory)
    transition(people["firm_admin"], inventory, "submit")
    return transition(people["analyst"], inventory, "approve")
