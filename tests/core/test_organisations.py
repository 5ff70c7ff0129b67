import pytest

from dekvep.core.models import AuditEntry, Organisation
from tests.conftest import client_for
from tests.factories import OrganisationFactory


def _form(**overrides):
    data = {
        "name": "Yeni Geri Dönüşüm A.Ş.",
        "kind": "manufacturer",
        "nace_codes": "22.22",
        "tax_number": "1234567890",
        "province": "İstanbul",
        "district": "Tuzla",
        "industrial_zone": "Tuzla OSB",
        "latitude": "40.86",
        "longitude": "29.32",
        "employee_band": "10-49",
        "address": "",
        "website": "",
    }
    data.update(overrides)
    return data


def test_it_creates_an_organisation_and_derives_its_sector(people):
    response = client_for(people["manager"]).post("/organisations/new/", _form(), follow=True)
    organisation = Organisation.objects.get(name="Yeni Geri Dönüşüm A.Ş.")
    assert organisation.sector == "plastics"
    assert "Yeni Geri Dönüşüm A.Ş." in response.content.decode()


def test_it_records_who_created_the_organisation_in_the_audit_log(people):
    client_for(people["manager"]).post("/organisations/new/", _form())
    entry = AuditEntry.objects.get(object_type="core.organisation", action="created")
    assert entry.actor == people["manager"]
    assert entry.changes["name"] == [None, "Yeni Geri Dönüşüm A.Ş."]


def test_it_rejects_an_invalid_tax_number_and_saves_nothing(people):
    response = client_for(people["manager"]).post(
        "/organisations/new/", _form(tax_number="1234567891")
    )
    assert "check digit is wrong" in response.content.decode()
    assert not Organisation.objects.filter(name="Yeni Geri Dönüşüm A.Ş.").exists()


def test_it_rejects_an_unknown_nace_code_naming_it(people):
    response = client_for(people["manager"]).post("/organisations/new/", _form(nace_codes="12.50"))
    assert "12.5" in response.content.decode()
    assert not Organisation.objects.filter(name="Yeni Geri Dönüşüm A.Ş.").exists()


def test_it_rejects_coordinates_outside_the_world(people):
    response = client_for(people["manager"]).post("/organisations/new/", _form(latitude="123"))
    assert "Latitude must be between -90 and 90." in response.content.decode()


def test_it_lets_a_firm_admin_edit_its_own_organisation_with_before_and_after(people, firm):
    client = client_for(people["firm_admin"])
    data = _form(
        name=firm.name,
        nace_codes="13.30",
        tax_number=firm.tax_number,
        website="https://orme.example",
    )
    client.post(f"/organisations/{firm.pk}/edit/", data)
    firm.refresh_from_db()
    assert firm.website == "https://orme.example"
    entry = AuditEntry.objects.get(object_type="core.organisation", action="updated")
    assert entry.changes["website"] == ["", "https://orme.example"]


def test_it_hides_another_firms_page_from_a_firm_member(people, other_firm):
    response = client_for(people["firm_member"]).get(f"/organisations/{other_firm.pk}/")
    assert response.status_code == 404
    assert other_firm.name not in response.content.decode()


def test_it_refuses_a_plain_member_editing_the_organisation(people, firm):
    response = client_for(people["firm_member"]).get(f"/organisations/{firm.pk}/edit/")
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()


def test_it_adds_a_site_to_an_organisation(people, firm):
    client_for(people["firm_admin"]).post(
        f"/organisations/{firm.pk}/sites/new/",
        {"name": "Depo", "latitude": "41.1", "longitude": "28.7"},
    )
    assert list(firm.sites.values_list("name", flat=True)) == ["Depo"]


def test_it_filters_the_directory_as_you_type(people):
    OrganisationFactory(name="Hereke Çimento")
    response = client_for(people["manager"]).get(
        "/organisations/", {"q": "Hereke"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "Hereke Çimento" in html
    assert "<html" not in html


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("firm_admin", 403),
        ("firm_member", 403),
        ("other_firm_member", 403),
        ("provider", 403),
        ("jury", 403),
        ("funder", 403),
        ("manager", 200),
        ("analyst", 200),
        ("facilitator", 200),
    ],
)
def test_it_shows_the_directory_only_to_operator_staff(people, firm, role, status):
    response = client_for(people[role]).get("/organisations/")
    assert response.status_code == status
    assert (firm.name in response.content.decode()) == (status == 200)
