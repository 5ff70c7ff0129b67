"""Log in, switch language, open each role's home."""

import pytest

from dekvep.core.models import Membership, StaffAssignment
from tests.factories import MembershipFactory, StaffAssignmentFactory

from .conftest import log_in

pytestmark = pytest.mark.browser


def test_it_logs_in_and_switches_language(page, live_server, transactional_db):
    manager = StaffAssignmentFactory(role=StaffAssignment.Role.MANAGER).user
    log_in(page, live_server, manager)
    assert page.locator("h1").inner_text() == "Programın genel görünümü"
    page.click("button[value=en]")
    page.wait_for_selector("h1:text('Programme overview')")
    page.goto(f"{live_server.url}/core-missing-page/")
    assert "Page not found" in page.locator("h1").inner_text()
    page.goto(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Programme overview"


@pytest.mark.parametrize(
    ("role", "heading"),
    [
        ("funder", "Program göstergeleri"),
        ("firm", "Hoş geldiniz"),
    ],
)
def test_it_opens_each_role_home(page, live_server, transactional_db, role, heading):
    if role == "funder":
        user = StaffAssignmentFactory(role=StaffAssignment.Role.FUNDER).user
    else:
        user = MembershipFactory(role=Membership.Role.ADMIN).user
    log_in(page, live_server, user)
    assert heading in page.locator("h1").inner_text()
