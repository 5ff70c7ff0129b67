import pytest

from dekvep.core import services
from tests.conftest import client_for


def test_it_lets_staff_filter_the_audit_log(people, firm):
    services.update_organisation(people["manager"], firm, website="https://a.example")
    services.create_api_token(people["firm_member"], "x")
    response = client_for(people["manager"]).get("/audit/", {"object_type": "core.organisation"})
    html = response.content.decode()
    assert "https://a.example" in html
    assert "core.apitoken #" not in html


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("firm_admin", False),
        ("other_firm_member", False),
        ("provider", False),
        ("jury", False),
        ("funder", False),
        ("manager", True),
        ("analyst", True),
        ("facilitator", True),
    ],
)
def test_it_shows_the_audit_log_only_to_operator_staff(people, role, allowed):
    response = client_for(people[role]).get("/audit/")
    assert (response.status_code == 200) == allowed
    assert ("Audit log" in response.content.decode()) == allowed


def test_it_records_a_file_field_by_its_name_even_when_empty(people):
    from dekvep.core import audit
    from dekvep.plans.models import ProgressUpdate

    update = ProgressUpdate(note="no evidence")
    assert audit._plain(update.evidence) == ""
