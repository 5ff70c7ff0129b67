import pytest

from dekvep.assessment.services import compute_result

from ..factories import OrganisationFactory, ParticipationFactory
from .factories import InventoryFactory


@pytest.fixture
def inventory(programme, firm, people):
    """A complete draft inventory of ``firm`` with its result computed."""
    inventory = InventoryFactory(programme=programme, organisation=firm)
    compute_result(inventory)
    return inventory


@pytest.fixture
def approved(inventory, people):
    from dekvep.assessment.services import transition

    transition(people["firm_admin"], inventory, "submit")
    return transition(people["analyst"], inventory, "approve")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Issued PDFs are stored in a scratch media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def issued(approved, people):
    """The firm report of ``approved``, issued in English, its PDF left to the first download."""
    from dekvep.assessment.reporting import issue_firm_report

    return issue_firm_report(people["analyst"], approved, "en", render=False)


@pytest.fixture
def sector_of_three(approved, programme, people):
    """Two more textile firms with approved inventories of the same year as ``approved``."""
    from dekvep.assessment.services import transition

    for name in ("Anadolu Boya A.Ş.", "Trakya İplik A.Ş."):
        organisation = OrganisationFactory(name=name)
        ParticipationFactory(
            programme=programme, organisation=organisation, analyst=people["analyst"]
        )
        inventory = InventoryFactory(programme=programme, organisation=organisation)
        compute_result(inventory)
        transition(people["analyst"], inventory, "submit")
        transition(people["analyst"], inventory, "approve")
    return programme


DEMO_BANDS = ("250+", "50-249", "50-249", "50-249", "10-49", "1-9")


def demo_firms(programme, people, bands, prefix="Demo Örme"):
    """Approved textile inventories with the demo's data, one firm per employment band."""
    from dekvep.assessment import demo
    from dekvep.assessment.services import transition

    inventories = []
    for i, band in enumerate(bands):
        organisation = OrganisationFactory(name=f"{prefix} {i} A.Ş.", employee_band=band)
        ParticipationFactory(
            programme=programme, organisation=organisation, analyst=people["analyst"]
        )
        data = demo.inventory_data(organisation, "textile", 2024)
        inventory = InventoryFactory(programme=programme, organisation=organisation, data=data)
        compute_result(inventory)
        transition(people["analyst"], inventory, "submit")
        inventories.append(transition(people["analyst"], inventory, "approve"))
    return inventories


@pytest.fixture
def demo_sector(programme, people):
    """Six textile firms with the demo's inventories (sizes by employment band), approved."""
    return demo_firms(programme, people, DEMO_BANDS)
