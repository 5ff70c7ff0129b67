"""Issue 10.2: blind review must not reveal the applicant through its own words.

An application started through the API without a title was titled with the firm's name, and
blind pages showed the title; the jury's conflict form listed the organisation directory.
"""

import json

import pytest

from dekvep.calls import services
from dekvep.calls.blinding import MASK, identity_terms, mask
from dekvep.calls.models import Conflict
from tests.conftest import client_for
from tests.factories import OrganisationFactory

from .conftest import fill
from .factories import PhaseFactory

NAME = "Boğaziçi Örme"


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_an_application_without_a_title_is_refused_in_the_api(people, call, firm):
    response = _post(
        client_for(people["firm_admin"]),
        f"/api/calls/calls/{call.pk}/applications",
        {"organisation_id": firm.pk},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "title"
    assert not call.applications.exists()


def test_an_application_without_a_title_is_refused_on_the_web(people, call, firm):
    page = client_for(people["firm_admin"]).post(
        f"/calls/{call.pk}/apply/", {"organisation": firm.pk, "title": "  "}
    )
    assert page.status_code == 200 and not call.applications.exists()


def test_it_finds_the_name_its_variants_members_and_tax_number(firm, people):
    terms = identity_terms(firm)
    member = people["firm_admin"].full_name
    text = (
        f"BOGAZICI ÖRME A.Ş. olarak; Boğaziçi'nin projesi; {member} yürütür; "
        f"VKN {firm.tax_number}. Örme makineleri."
    )
    masked = mask(text, terms)
    assert "BOGAZICI" not in masked and "Boğaziçi" not in masked
    assert member not in masked and firm.tax_number not in masked
    # Ordinary words are left alone.
    assert "Örme makineleri" in masked and masked.count(MASK) == 4


@pytest.fixture
def named(people, call, firm):
    """A submitted application that names its applicant everywhere, reviewed blind."""
    application = services.start_application(
        people["firm_admin"], call, firm, "Boğaziçi Örme su projesi"
    )
    fill(people["firm_admin"], application)
    question = call.questions.get(kind="long_text")
    services.save_application(
        people["firm_admin"],
        application,
        summary=f"Biz {NAME} A.Ş. olarak (VKN {firm.tax_number}) suyu azaltırız.",
        answers={question.pk: f"{people['firm_admin'].full_name} yönetir."},
    )
    application = services.submit(people["firm_admin"], application)
    assert application.status == "eligible", application.eligibility_reasons
    review = services.assign_reviewer(people["manager"], application, people["jury"])
    PhaseFactory(call=call, blind=True, active=True)
    return {"application": application, "review": review, "question": question}


def test_the_applicant_is_warned_at_submission_on_the_web(people, call, firm):
    client = client_for(people["firm_admin"])
    client.post(f"/calls/{call.pk}/apply/", {"organisation": firm.pk, "title": "Boğaziçi su"})
    application = call.applications.get()
    question = call.questions.get(kind="long_text")
    page = client.post(
        f"/calls/applications/{application.pk}/edit/",
        {
            "title": "Boğaziçi su",
            f"q{question.pk}": "Pilot",
            f"d{call.declarations.get().pk}": "on",
            "action": "submit",
        },
        follow=True,
    ).content.decode()
    assert "Your application names your organisation" in page and "Title" in page


def test_the_applicant_is_told_where_in_the_api(people, named):
    data = (
        client_for(people["firm_admin"])
        .get(f"/api/calls/applications/{named['application'].pk}")
        .json()
    )
    assert {"title", "summary", f"q{named['question'].pk}"} <= set(data["identity_mentions"])


def test_a_blind_reviewer_reads_firma_on_the_page(people, named, firm):
    client = client_for(people["jury"])
    page = client.get(f"/calls/reviews/{named['review'].pk}/").content.decode()
    listing = client.get("/calls/reviews/").content.decode()
    for body in (page, listing):
        assert "Boğaziçi" not in body and MASK in body
    assert firm.tax_number not in page and people["firm_admin"].full_name not in page


def test_a_blind_reviewer_reads_firma_in_the_api(people, named, firm):
    data = client_for(people["jury"]).get(f"/api/calls/reviews/{named['review'].pk}").json()
    text = json.dumps(data, ensure_ascii=False)
    assert "Boğaziçi" not in text and firm.tax_number not in text
    assert people["firm_admin"].full_name not in text
    assert data["application"]["title"].startswith(MASK)
    assert data["application"]["identity_mentions"] == []


def test_staff_read_the_words_as_written(people, named):
    page = (
        client_for(people["manager"])
        .get(f"/calls/applications/{named['application'].pk}/")
        .content.decode()
    )
    assert "Boğaziçi Örme su projesi" in page and "Your application names" in page


# Conflicts of interest without the directory ------------------------------------------------


def test_the_conflict_form_lists_no_organisation_directory(people, call, named):
    OrganisationFactory(name="Gizli Rakip Tekstil A.Ş.")
    page = client_for(people["jury"]).get(f"/calls/{call.pk}/conflicts/").content.decode()
    assert "Gizli Rakip" not in page and "Rakip Plastik" not in page and NAME not in page
    assert named["application"].reference in page


def test_a_reviewer_declares_by_reference(people, call, named, firm):
    client_for(people["jury"]).post(
        f"/calls/{call.pk}/conflicts/",
        {"application": named["application"].reference, "note": "Danışmanıyım"},
    )
    assert Conflict.objects.get(reviewer=people["jury"]).organisation == firm
    page = client_for(people["jury"]).get("/calls/reviews/").content.decode()
    assert named["application"].reference not in page


def test_a_typed_name_is_matched_on_the_server_and_answers_alike(people, call, named, firm):
    client = client_for(people["jury"])
    hit = client.post(f"/calls/{call.pk}/conflicts/", {"name": "boğaziçi örme"}, follow=True)
    miss = client.post(f"/calls/{call.pk}/conflicts/", {"name": "Uzak Firma"}, follow=True)
    assert (
        Conflict.objects.get(reviewer=people["jury"], declared_name="boğaziçi örme").organisation
        == firm
    )
    assert Conflict.objects.get(declared_name="Uzak Firma").organisation is None
    for response in (hit, miss):
        assert "Your conflict of interest is recorded." in response.content.decode()


def test_a_waiting_name_is_matched_when_that_organisation_applies(people, call):
    services.declare_by_name(people["jury"], call, "Geç Gelen Kimya")
    late = OrganisationFactory(name="Geç Gelen Kimya A.Ş.")
    from tests.factories import MembershipFactory

    admin = MembershipFactory(organisation=late, role="admin").user
    services.start_application(admin, call, late, "Kimyasal yönetimi")
    assert Conflict.objects.get(declared_name="Geç Gelen Kimya").organisation == late


def test_the_api_declares_without_revealing_who_applied(people, call, named, firm):
    client = client_for(people["jury"])
    url = f"/api/calls/calls/{call.pk}/conflicts"
    by_ref = _post(client, url, {"application_reference": named["application"].reference})
    stranger = OrganisationFactory(name="Başvurmayan Ltd. Şti.")
    by_id = _post(client, url, {"organisation_id": stranger.pk})
    assert by_ref.status_code == by_id.status_code == 201
    assert set(by_ref.json()) == set(by_id.json())
    assert Conflict.objects.get(reviewer=people["jury"], organisation=firm)
    outsider = _post(client_for(people["firm_admin"]), url, {"name": "Herhangi"})
    assert outsider.status_code in (403, 404)
