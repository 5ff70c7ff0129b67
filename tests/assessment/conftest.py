import pytest

from dekvep.assessment.services import compute_result

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
