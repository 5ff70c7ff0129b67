from dekvep.assessment import demo
from dekvep.assessment.models import Inventory, Report


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


def test_it_issues_the_demo_firms_report_leaving_the_pdf_to_the_first_download(
    programme, firm, people
):
    demo.load(programme)
    report = Report.objects.get(organisation=firm)
    assert (report.status, report.language, report.issued_by) == ("issued", "tr", people["analyst"])
    assert not report.pdf


def test_it_issues_each_report_once_when_loaded_twice(programme, firm, people):
    demo.load(programme)
    demo.load(programme)
    assert Report.objects.filter(organisation=firm).count() == 1
