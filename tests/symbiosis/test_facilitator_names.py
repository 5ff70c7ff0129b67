"""A facilitator sees the names of the firms at the tables of the workshops they run."""

import pytest

from dekvep.symbiosis import workshop
from tests.roadmaps.factories import WorkshopFactory
from tests.symbiosis.factories import ListingFactory


@pytest.fixture
def listings(programme, firm, other_firm, people):
    session = WorkshopFactory(programme=programme, kind="symbiosis", title="Simbiyoz çalıştayı")
    session.facilitators.add(people["facilitator"])
    workshop.create_table(
        people["manager"], programme, "Masa 1", workshop=session, organisations=[firm]
    )
    at_table = ListingFactory(programme=programme, organisation=firm, title="Masadaki ilan")
    elsewhere = ListingFactory(programme=programme, organisation=other_firm, title="Diğer ilan")
    return at_table, elsewhere


def _firms(client) -> dict[str, str]:
    rows = client.get("/api/symbiosis/listings?page_size=100").json()
    items = rows["items"] if isinstance(rows, dict) else rows
    return {row["title"]: row["firm"] for row in items}


def test_the_facilitator_sees_the_firms_at_their_tables_by_name(listings, people, login):
    firms = _firms(login(people["facilitator"]))
    assert firms["Masadaki ilan"] == "Boğaziçi Örme A.Ş."
    assert "Rakip" not in firms["Diğer ilan"]


def test_a_facilitator_of_another_workshop_does_not(listings, people, login, programme):
    from dekvep.core.models import StaffAssignment
    from tests.factories import StaffAssignmentFactory

    other = StaffAssignmentFactory(programme=programme, role=StaffAssignment.Role.FACILITATOR).user
    firms = _firms(login(other))
    assert "Boğaziçi" not in firms["Masadaki ilan"]


def test_other_firms_still_see_the_listing_anonymised(listings, people, login):
    firms = _firms(login(people["other_firm_member"]))
    assert firms["Masadaki ilan"] != "Boğaziçi Örme A.Ş."
    assert "Boğaziçi" not in firms["Masadaki ilan"]
