import pytest

from dekvep.symbiosis.models import Listing, Synergy
from tests.conftest import client_for


@pytest.mark.parametrize(
    ("role", "seen"),
    [
        ("firm_member", "Boğaziçi Örme A.Ş."),
        ("other_firm_member", "a textile firm"),
        ("manager", "Boğaziçi Örme A.Ş."),
    ],
)
def test_it_lists_published_listings_naming_firms_only_to_the_entitled(people, offer, role, seen):
    page = client_for(people[role]).get("/symbiosis/").content.decode()
    assert "Pamuklu kumaş kırpıntısı" in page
    assert seen in page


def test_it_never_shows_another_firm_the_name_on_the_marketplace(people, offer):
    assert (
        "Boğaziçi"
        not in client_for(people["other_firm_member"]).get("/symbiosis/").content.decode()
    )


def test_it_sends_anonymous_visitors_to_log_in(offer):
    assert client_for(None).get("/symbiosis/")["Location"].startswith("/login/")


@pytest.mark.parametrize("role", ["jury", "funder", "provider"])
def test_it_shows_roles_outside_the_marketplace_no_listings(people, offer, role):
    assert "Pamuklu" not in client_for(people[role]).get("/symbiosis/").content.decode()


def test_it_shows_a_listing_with_its_matches_and_reasons(people, offer, want):
    page = (
        client_for(people["firm_member"]).get(f"/symbiosis/listings/{offer.pk}/").content.decode()
    )
    assert "Keçe üretimi için tekstil kırpıntısı" in page
    assert "cotton textile is a kind of textiles" in page
    assert "Rakip" not in page


@pytest.mark.parametrize("role", ["jury", "funder", "provider"])
def test_it_hides_a_listing_page_from_outsiders(people, offer, role):
    assert client_for(people[role]).get(f"/symbiosis/listings/{offer.pk}/").status_code == 404


def test_it_creates_a_draft_listing_from_the_form(people, firm, programme):
    response = client_for(people["firm_member"]).post(
        f"/symbiosis/new/?organisation={firm.pk}",
        {
            "kind": "offer",
            "title": "Uçucu kül",
            "quantity": "100",
            "unit": "t",
            "frequency": "year",
        },
    )
    listing = Listing.objects.get(title="Uçucu kül")
    assert response["Location"] == f"/symbiosis/listings/{listing.pk}/"
    assert (listing.status, listing.material) == ("draft", "fly_ash")


def test_it_refuses_the_listing_form_for_another_firm(people, firm):
    assert (
        client_for(people["other_firm_member"])
        .get(f"/symbiosis/new/?organisation={firm.pk}")
        .status_code
        == 403
    )


def test_it_expresses_interest_from_the_listing_page(people, offer, want):
    response = client_for(people["firm_member"]).post(
        f"/symbiosis/listings/{offer.pk}/interest/{want.pk}/"
    )
    synergy = Synergy.objects.get()
    assert response["Location"] == f"/symbiosis/synergies/{synergy.pk}/"
    assert synergy.offer_side_agrees and not synergy.want_side_agrees


def test_it_shows_the_synergy_board_by_state(people, offer, want):
    client_for(people["firm_member"]).post(f"/symbiosis/listings/{offer.pk}/interest/{want.pk}/")
    page = client_for(people["other_firm_member"]).get("/symbiosis/synergies/").content.decode()
    assert "Identified (1)" in page
    assert "Boğaziçi" not in page


def test_it_moves_a_synergy_to_agreed_from_its_page(people, offer, want):
    member, other = client_for(people["firm_member"]), client_for(people["other_firm_member"])
    member.post(f"/symbiosis/listings/{offer.pk}/interest/{want.pk}/")
    synergy = Synergy.objects.get()
    other.post(f"/symbiosis/synergies/{synergy.pk}/", {"action": "introduce"})
    for state in ("negotiating", "agreed"):
        member.post(f"/symbiosis/synergies/{synergy.pk}/", {"action": "transition", "state": state})
    page = member.get(f"/symbiosis/synergies/{synergy.pk}/").content.decode()
    assert "Agreed" in page and "Rakip Plastik A.Ş." in page


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("manager", 200),
        ("facilitator", 200),
        ("analyst", 200),
        ("firm_member", 403),
        ("funder", 403),
        ("jury", 403),
    ],
)
def test_it_shows_the_match_board_to_programme_staff_only(people, offer, role, status):
    assert client_for(people[role]).get("/symbiosis/board/").status_code == status


def test_it_draws_the_network_as_svg(people, offer, want):
    client_for(people["firm_member"]).post(f"/symbiosis/listings/{offer.pk}/interest/{want.pk}/")
    svg = client_for(people["manager"]).get("/symbiosis/network.svg").content.decode()
    assert svg.startswith("<svg") and svg.count("<circle") == 2 and "<line" in svg


def test_it_speaks_turkish_by_default(people, offer):
    from django.test import Client

    client = Client()
    client.force_login(people["firm_member"])
    assert "Malzeme" in client.get("/symbiosis/").content.decode()


def test_a_listing_page_gives_the_quantity_with_its_unit_and_period(people, offer):
    offer.quantity, offer.unit, offer.frequency, offer.tonnes_per_year = 250, "t", "month", 3000
    offer.save()
    page = (
        client_for(people["firm_member"]).get(f"/symbiosis/listings/{offer.pk}/").content.decode()
    )
    assert "250 tonnes per month (3,000.0 t/year)" in page
