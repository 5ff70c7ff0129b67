"""What the marketplace adds to the role home pages."""

import pytest

from dekvep.symbiosis import home, services, workshop
from dekvep.symbiosis.models import Listing
from tests.conftest import client_for


def test_it_asks_a_firm_to_answer_a_request_for_introduction(people, offer, want):
    services.express_interest(people["firm_member"], offer, want)
    labels = [t["label"] for t in home.todos(people["other_firm_member"])]
    assert "1 firm wants to be introduced to you" in labels


def test_it_does_not_ask_the_side_that_asked(people, offer, want):
    services.express_interest(people["firm_member"], offer, want)
    assert not any("introduced" in t["label"] for t in home.todos(people["firm_member"]))


def test_it_reminds_a_firm_of_its_drafts(people, offer):
    offer.status = Listing.Status.DRAFT
    offer.save()
    (item,) = home.todos(people["firm_member"])
    assert (item["label"], item["url"]) == (
        "1 draft listing is not published yet",
        "/symbiosis/mine/",
    )


def test_it_asks_a_firm_to_check_listings_entered_for_it_at_a_workshop(people, programme):
    table = workshop.create_table(people["facilitator"], programme, "Masa")
    rows = workshop.parse_tsv("offer\tBoğaziçi Örme A.Ş.\tKırpıntı\t\t\t5\tt\tmonth\n")
    workshop.enter_listings(people["facilitator"], table, rows)
    labels = [t["label"] for t in home.todos(people["firm_member"])]
    assert labels == ["Check and publish 1 listing entered for you at a workshop"]


@pytest.mark.parametrize("role", ["manager", "facilitator", "jury", "funder"])
def test_it_gives_staff_without_a_firm_nothing_to_do_here(people, offer, role):
    assert home.todos(people[role]) == []


def test_it_gives_programme_staff_the_marketplace_figures(people, programme, offer, want):
    figures = {f["label"]: f["value"] for f in home.figures(people["manager"], programme)}
    assert figures["Published listings"] == 2
    assert figures["Matches agreed at workshops"] == 0


def test_it_gives_a_firm_its_own_figures_only(people, programme, offer, want):
    figures = {f["label"]: f["value"] for f in home.figures(people["firm_member"], programme)}
    assert figures == {"My published listings": 1, "My synergies under way": 0}


@pytest.mark.parametrize("role", ["jury", "funder", "provider"])
def test_it_gives_outsiders_no_marketplace_figures(people, programme, offer, role):
    assert home.figures(people[role], programme) == []


def test_it_shows_the_todo_on_the_home_page(people, offer, want):
    services.express_interest(people["firm_member"], offer, want)
    page = client_for(people["other_firm_member"]).get("/").content.decode()
    assert "1 firm wants to be introduced to you" in page
