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
