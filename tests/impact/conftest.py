import pytest

from . import factories as f


@pytest.fixture
def records(programme, firm, other_firm, people):
    """A few records of each kind: public activities and firms' confidential records."""
    f.EventFactory(programme=programme, title="Yeşil Mutabakat semineri")
    f.InventoryFactory(programme=programme, organisation=firm)
    f.InventoryFactory(programme=programme, organisation=other_firm, sector="plastics")
    f.OutreachFactory(programme=programme, students=100, teachers=10)
    return programme
