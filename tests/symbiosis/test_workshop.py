"""Workshop mode: fast entry of a table's haves and wants, its match board and its agreements."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from dekvep.plans.models import CollaborationOpportunity
from dekvep.symbiosis import workshop
from dekvep.symbiosis.models import Listing, WorkshopAgreement, WorkshopTable
from tests.conftest import client_for

TSV = (
    "kind\tfirm\ttitle\tdescription\tcode\tquantity\tunit\tperiod\n"
    "teklif\tBoğaziçi Örme A.Ş.\tPamuklu kumaş kırpıntısı\tKesimhane\t04 02 22\t10\tton\tay\n"
    "want\trakip plastik a.ş.\tKeçe için tekstil kırpıntısı\tcotton waste\t\t600\tt\tyear\n"
)


@pytest.fixture(autouse=True)
def _english():
    """Service messages are compared in English; pages get English through ``client_for``."""
    with translation.override("en"):
        yield


@pytest.fixture
def table(people, programme):
    return workshop.create_table(people["facilitator"], programme, "Masa 1 — tekstil")


@pytest.fixture
def entered(people, table, other_firm):
    other_firm.latitude, other_firm.longitude = 40.99, 29.15
    other_firm.save()
    return workshop.enter_listings(people["facilitator"], table, workshop.parse_tsv(TSV))


def _row(**cells):
    return {**dict.fromkeys(workshop.COLUMNS, ""), **cells}


# Entering rows ------------------------------------------------------------------------------


def test_it_saves_pasted_rows_as_drafts_of_the_named_firms_marked_as_entered_at_the_table(
    entered, table, firm, other_firm, people
):
    offer, want = entered
    assert (offer.organisation, want.organisation) == (firm, other_firm)
    assert (offer.kind, offer.tonnes_per_year, offer.waste_code) == ("offer", 120.0, "040222")
    assert {offer.status, want.status} == {"draft"}
    assert offer.workshop_table == table and offer.created_by == people["facilitator"]
    assert set(table.organisations.all()) == {firm, other_firm}


def test_it_reports_every_bad_pasted_row_by_line_and_column_and_saves_nothing(people, table):
    text = (
        TSV
        + "offer\tYok Böyle Firma\tTalaş\t\t\t5\tt\tyear\nwant\tRakip Plastik A.Ş.\tX\t\t\tbeş\n"
    )
    with pytest.raises(ValidationError) as error:
        workshop.enter_listings(people["facilitator"], table, workshop.parse_tsv(text))
    assert error.value.messages == [
        "line 4, column firm: no known firm is called “Yok Böyle Firma”",
        "line 5, column quantity: not a number",
    ]
    assert not Listing.objects.exists()


def test_it_names_the_code_column_when_the_service_refuses_a_waste_code(people, table):
    rows = [
        workshop.Row(
            2,
            _row(kind="offer", firm="Boğaziçi Örme A.Ş.", title="X", code="99 99 99", quantity="3"),
        )
    ]
    with pytest.raises(ValidationError) as error:
        workshop.enter_listings(people["facilitator"], table, rows, "row")
    assert error.value.messages == ["row 2, column code: 99 99 99 is not in the List of Waste."]


def test_it_accepts_a_firm_known_to_the_directory_but_outside_the_programme(people, table):
    from tests.factories import OrganisationFactory

    OrganisationFactory(name="Anadolu Çimento A.Ş.", sector="cement")
    rows = [
        workshop.Row(
            1, _row(kind="want", firm="ANADOLU ÇİMENTO A.Ş.", title="Uçucu kül", quantity="50")
        )
    ]
    (listing,) = workshop.enter_listings(people["facilitator"], table, rows)
    assert listing.organisation.name == "Anadolu Çimento A.Ş."


def test_it_refuses_an_empty_entry(people, table):
    with pytest.raises(ValidationError):
        workshop.enter_listings(people["facilitator"], table, workshop.parse_tsv("\n\n"))


@pytest.mark.parametrize("role", ["firm_member", "other_firm_member", "analyst", "jury", "funder"])
def test_it_keeps_workshop_entry_to_facilitators_and_managers(people, table, role):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        workshop.enter_listings(people[role], table, workshop.parse_tsv(TSV))


# The board and agreements ---------------------------------------------------------------------


def test_it_shows_the_matches_among_the_table_listings_with_reasons(entered, table):
    (match,) = workshop.board(table)
    assert (match["offer"]["title"], match["want"]["firm"]) == (
        "Pamuklu kumaş kırpıntısı",
        "Rakip Plastik A.Ş.",
    )
    assert any("textile" in r["text"] for r in match["reasons"])
    assert match["agreed"] is False


def test_it_registers_an_agreed_match_in_the_collaboration_register(people, entered, table):
    offer, want = entered
    agreement = workshop.agree(people["facilitator"], table, offer, want, "Numune gönderilecek")
    opportunity = CollaborationOpportunity.objects.get(pk=agreement.opportunity_id)
    assert opportunity.type == "symbiosis_workshop"
    assert opportunity.title == "Pamuklu kumaş kırpıntısı → Keçe için tekstil kırpıntısı"
    assert set(opportunity.parties.all()) == {offer.organisation, want.organisation}
    assert (opportunity.next_step, opportunity.source_label) == ("Numune gönderilecek", table.title)


def test_it_registers_an_agreement_once_however_often_it_is_recorded(people, entered, table):
    offer, want = entered
    for _ in range(2):
        workshop.agree(people["facilitator"], table, offer, want)
    assert WorkshopAgreement.objects.count() == 1
    assert CollaborationOpportunity.objects.filter(type="symbiosis_workshop").count() == 1


def test_it_refuses_to_agree_on_listings_of_another_table(people, entered, table, programme):
    other = workshop.create_table(people["facilitator"], programme, "Masa 2")
    with pytest.raises(ValidationError):
        workshop.agree(people["facilitator"], other, *entered)


# Pages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("firm_member", 404),
        ("other_firm_member", 404),
        ("analyst", 404),
        ("jury", 404),
        ("funder", 404),
        ("provider", 404),
        ("manager", 200),
        ("facilitator", 200),
    ],
)
def test_it_shows_a_table_page_to_its_facilitators_and_managers_only(people, table, role, status):
    response = client_for(people[role]).get(f"/symbiosis/workshop/{table.pk}/")
    assert response.status_code == status
    assert ("Masa 1 — tekstil" in response.content.decode()) == (status == 200)


def test_it_sends_anonymous_visitors_of_workshop_mode_to_log_in(table):
    assert (
        client_for(None).get(f"/symbiosis/workshop/{table.pk}/")["Location"].startswith("/login/")
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [("firm_member", 403), ("analyst", 403), ("jury", 403), ("facilitator", 200), ("manager", 200)],
)
def test_it_opens_workshop_mode_to_facilitators_and_managers(people, table, role, status):
    response = client_for(people[role]).get("/symbiosis/workshop/")
    assert response.status_code == status
    if status == 200:
        assert "Masa 1 — tekstil" in response.content.decode()


def test_it_opens_a_new_table_from_the_page(people, programme):
    response = client_for(people["facilitator"]).post("/symbiosis/workshop/", {"title": "Masa 3"})
    table = WorkshopTable.objects.get(title="Masa 3")
    assert response["Location"] == f"/symbiosis/workshop/{table.pk}/"


def test_it_saves_grid_rows_and_shows_them_on_the_board(people, table, other_firm):
    client = client_for(people["facilitator"])
    grid = {name: ["", "", ""] for name in workshop.COLUMNS}
    grid["kind"] = ["offer", "want", "offer"]
    grid["firm"] = ["Boğaziçi Örme A.Ş.", "Rakip Plastik A.Ş.", ""]
    grid["title"] = ["Pamuklu kumaş kırpıntısı", "Keçe için tekstil kırpıntısı", ""]
    grid["code"] = ["04 02 22", "", ""]
    grid["quantity"] = ["10", "600", ""]
    grid["unit"] = ["t", "t", "t"]
    grid["period"] = ["month", "year", "year"]
    response = client.post(f"/symbiosis/workshop/{table.pk}/rows/", grid)
    assert response.status_code == 302
    board = client.get(f"/symbiosis/workshop/{table.pk}/board/").content.decode()
    assert "Keçe için tekstil kırpıntısı" in board and "Rakip Plastik A.Ş." in board
    assert table.listings.count() == 2


def test_it_keeps_the_typed_grid_and_names_the_bad_row_after_an_error(people, table):
    client = client_for(people["facilitator"])
    grid = {name: [""] for name in workshop.COLUMNS}
    grid.update(kind=["offer"], firm=["Boğaziçi Örme A.Ş."], title=["Talaş"], quantity=["-3"])
    response = client.post(f"/symbiosis/workshop/{table.pk}/rows/", grid)
    page = response.content.decode()
    assert response.status_code == 400
    assert "row 1, column quantity: Give a quantity above zero." in page
    assert 'value="Talaş"' in page and not Listing.objects.exists()


def test_it_answers_htmx_saves_with_the_entry_and_a_board_refresh(people, table):
    response = client_for(people["facilitator"]).post(
        f"/symbiosis/workshop/{table.pk}/paste/", {"tsv": TSV}, HTTP_HX_REQUEST="true"
    )
    assert response["HX-Trigger"] == "listings-saved"
    assert "2 listings saved." in response.content.decode()


def test_it_reports_bad_pasted_lines_on_the_page(people, table):
    response = client_for(people["facilitator"]).post(
        f"/symbiosis/workshop/{table.pk}/paste/",
        {"tsv": "offer\tBoğaziçi Örme A.Ş.\tX\t\t\t1\tbarrel\n"},
    )
    assert "line 1, column unit: use t, kg, m3, l or pcs" in response.content.decode()


def test_it_records_an_agreement_from_the_board(people, entered, table):
    offer, want = entered
    response = client_for(people["facilitator"]).post(
        f"/symbiosis/workshop/{table.pk}/agree/",
        {"offer": offer.pk, "want": want.pk, "note": "Ziyaret"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert "in the collaboration register" in page and "Ziyaret" in page


def test_it_marks_a_workshop_listing_on_its_page_for_the_firm(people, entered):
    page = client_for(people["firm_member"]).get(f"/symbiosis/listings/{entered[0].pk}/")
    assert "at the workshop table “Masa 1 — tekstil”" in page.content.decode()


def test_it_lets_the_facilitator_correct_a_listing_entered_at_the_table(people, entered):
    from dekvep.symbiosis.services import update_listing

    listing = update_listing(people["facilitator"], entered[0], quantity=12)
    assert listing.tonnes_per_year == 144.0


# API -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 401),
        ("firm_member", 404),
        ("other_firm_member", 404),
        ("analyst", 404),
        ("jury", 404),
        ("funder", 404),
        ("manager", 201),
        ("facilitator", 201),
    ],
)
def test_it_takes_pasted_rows_in_the_api_from_facilitators_and_managers_only(
    people, table, role, status
):
    response = client_for(people[role]).post(
        f"/api/symbiosis/workshop-tables/{table.pk}/listings",
        {"tsv": TSV},
        content_type="application/json",
    )
    assert response.status_code == status
    assert Listing.objects.count() == (2 if status == 201 else 0)


def test_it_reports_bad_api_rows_by_row_and_column(people, table):
    response = client_for(people["facilitator"]).post(
        f"/api/symbiosis/workshop-tables/{table.pk}/listings",
        {
            "rows": [
                {
                    "kind": "offer",
                    "firm": "Boğaziçi Örme A.Ş.",
                    "title": "X",
                    "quantity": "1",
                    "period": "decade",
                }
            ]
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "rows", "message": "row 1, column period: use year, month, week or once"}
    ]


def test_it_creates_tables_and_lists_them_in_the_api(people, programme):
    client = client_for(people["facilitator"])
    created = client.post(
        "/api/symbiosis/workshop-tables",
        {"programme_id": programme.pk, "title": "Masa API"},
        content_type="application/json",
    )
    assert created.status_code == 201
    titles = [t["title"] for t in client.get("/api/symbiosis/workshop-tables").json()["items"]]
    assert titles == ["Masa API"]


def test_it_refuses_table_creation_to_firms_in_the_api(people, programme):
    response = client_for(people["firm_member"]).post(
        "/api/symbiosis/workshop-tables",
        {"programme_id": programme.pk, "title": "Masa"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_it_gives_the_table_matches_and_records_agreements_in_the_api(people, entered, table):
    client = client_for(people["facilitator"])
    (match,) = client.get(f"/api/symbiosis/workshop-tables/{table.pk}/matches").json()
    body = client.post(
        f"/api/symbiosis/workshop-tables/{table.pk}/agreements",
        {"offer_id": match["offer"]["id"], "want_id": match["want"]["id"]},
        content_type="application/json",
    ).json()
    assert body["opportunity_id"] == CollaborationOpportunity.objects.get().pk
    again = client.get(f"/api/symbiosis/workshop-tables/{table.pk}/matches").json()
    assert again[0]["agreed"] is True


def test_it_speaks_turkish_by_default_in_workshop_mode(people, table):
    from django.test import Client

    client = Client()
    client.force_login(people["facilitator"])
    page = client.get(f"/symbiosis/workshop/{table.pk}/").content.decode()
    assert "Verilenler ve istenenler" in page and "Masanın eşleşme panosu" in page


def test_it_names_bad_rows_in_turkish_by_default(people, table):
    with translation.override("tr"):
        rows = workshop.parse_tsv("offer\tBoğaziçi Örme A.Ş.\tX\t\t\tbeş\n")
        with pytest.raises(ValidationError) as error:
            workshop.enter_listings(people["facilitator"], table, rows)
    assert error.value.messages == ["satır 1, sütun miktar: sayı değil"]


def test_it_says_what_is_missing_when_an_agreement_names_no_listings(people, table):
    response = client_for(people["facilitator"]).post(
        f"/symbiosis/workshop/{table.pk}/agree/", {"note": "x"}, HTTP_HX_REQUEST="true"
    )
    assert "Pick an offer and a want." in response.content.decode()


def test_it_shows_the_services_refusal_of_an_agreement_on_the_board(people, entered, table):
    offer, want = entered
    response = client_for(people["facilitator"]).post(
        f"/symbiosis/workshop/{table.pk}/agree/",
        {"offer": want.pk, "want": offer.pk, "note": "Ziyaret"},
        HTTP_HX_REQUEST="true",
    )
    assert "Pick an offer and a want." in response.content.decode()
    assert not WorkshopAgreement.objects.exists()


def test_it_shows_a_refused_agreement_as_a_message_without_htmx(people, entered, table):
    offer, want = entered
    response = client_for(people["facilitator"]).post(
        f"/symbiosis/workshop/{table.pk}/agree/",
        {"offer": want.pk, "want": offer.pk, "note": "Ziyaret"},
        follow=True,
    )
    assert "Pick an offer and a want." in response.content.decode()
    assert not WorkshopAgreement.objects.exists()
