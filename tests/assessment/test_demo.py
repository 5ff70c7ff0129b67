from dekvep.assessment import demo
from dekvep.assessment.models import Inventory


def test_it_gives_a_demo_manufacturer_an_approved_inventory_with_a_report(programme, firm, people):
    demo.load(programme)
    inventory = Inventory.objects.get(organisation=firm, year=demo.YEAR)
    assert inventory.status == Inventory.Status.APPROVED
    assert 50 < inventory.result["intensity"]["water_m3_per_t"] < 200
    assert inventory.opportunities.filter(status="accepted").count() == 3


def test_it_changes_nothing_when_loaded_twice(programme, firm, people):
    demo.load(programme)
    demo.load(programme)
    assert Inventory.objects.filter(organisation=firm).count() == 1
