"""Every core page and endpoint, for every role: who gets in, and that outsiders see nothing."""

import pytest

from dekvep.core import jobs
from tests.conftest import ROLES, client_for

FIRM_ONLY = {"firm_admin", "firm_member"}
STAFF = {"manager", "analyst", "facilitator"}


def _expected(role, allowed):
    return "allowed" if role in allowed else ("login" if role == "anonymous" else "denied")


PAGES = [
    # (url template, roles allowed, text only an allowed user sees)
    ("/organisations/{firm}/", FIRM_ONLY | STAFF, "Boğaziçi Örme A.Ş."),
    ("/organisations/{firm}/edit/", {"firm_admin"} | STAFF, "Boğaziçi Örme A.Ş."),
    ("/organisations/{firm}/sites/new/", {"firm_admin"} | STAFF, "Boğaziçi Örme A.Ş."),
    ("/organisations/{firm}/team/", {"firm_admin"} | STAFF, "member@firm.example"),
    ("/organisations/new/", STAFF, "New organisation"),
    ("/organisations/", STAFF, "Organisation directory"),
    ("/audit/", STAFF, "Audit log"),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url", "allowed", "secret"), PAGES)
def test_it_guards_every_core_page(people, firm, role, url, allowed, secret):
    response = client_for(people[role]).get(url.format(firm=firm.pk))
    expected = _expected(role, allowed)
    html = response.content.decode()
    if expected == "allowed":
        assert response.status_code == 200
        assert secret in html
    elif expected == "login":
        assert response.status_code == 302 and "/login/" in response["Location"]
    else:
        assert response.status_code in (403, 404)
        assert secret not in html


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_each_role_its_own_home(people, role):
    response = client_for(people[role]).get("/")
    if role == "anonymous":  # the public landing page
        assert "Sign up your organisation" in response.content.decode()
        return
    html = response.content.decode()
    if role in STAFF:
        assert "Programme overview" in html
    elif role == "funder":
        assert "Programme figures" in html and "read-only" in html
    else:
        assert "Welcome" in html
    if role in FIRM_ONLY:
        assert "Boğaziçi Örme A.Ş." in html
    if role == "other_firm_member":
        assert "Boğaziçi Örme A.Ş." not in html


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_it_lets_everyone_signed_in_manage_their_own_account(people, role):
    html = client_for(people[role]).get("/account/").content.decode()
    assert people[role].email in html
    assert "Personal API tokens" in html


def test_it_sends_anonymous_visitors_to_log_in_for_the_account_page(db):
    response = client_for(None).get("/account/")
    assert response.status_code == 302


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_a_job_only_to_its_starter_and_staff(people, role):
    job = jobs.start_job("match_run", created_by=people["analyst"], total=10)
    jobs.report_progress(job.pk, 4, message="matching offers")
    response = client_for(people[role]).get(f"/jobs/{job.pk}/")
    if role in STAFF:
        assert "matching offers" in response.content.decode()
    elif role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 404


API = [
    ("/api/core/organisations/{firm}", FIRM_ONLY | STAFF),
    ("/api/core/organisations/{firm}/sites", FIRM_ONLY | STAFF),
    ("/api/core/organisations/{firm}/members", FIRM_ONLY | STAFF),
    # The funder sees the list only once the programme publishes it (issue 10.13).
    ("/api/core/programmes/test-2022/participants", STAFF | {"jury"}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url", "allowed"), API)
def test_it_guards_every_core_endpoint(people, firm, role, url, allowed):
    response = client_for(people[role]).get(url.format(firm=firm.pk))
    if role in allowed:
        assert response.status_code == 200
        assert (
            "Boğaziçi Örme A.Ş." in response.content.decode()
            or "member@firm.example" in (response.content.decode())
            or response.json()
        )
    elif role == "anonymous":
        assert response.status_code == 401
    else:
        assert response.status_code in (403, 404)
        assert "Boğaziçi" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_admins_and_staff_change_a_firm_through_the_api(people, firm, role):
    response = client_for(people[role]).patch(
        f"/api/core/organisations/{firm.pk}",
        {"website": "https://x.example"},
        content_type="application/json",
    )
    firm.refresh_from_db()
    changed = firm.website == "https://x.example"
    assert changed == (role in {"firm_admin"} | STAFF)
    if not changed:
        assert response.status_code in (401, 403, 404)
