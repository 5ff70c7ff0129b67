"""``get_visible``: 404 for what a user may not see, 403 for what they see but may not change."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from dekvep.core.models import Organisation, Site
from dekvep.core.permissions import get_visible


def test_a_member_gets_their_firm(people, firm):
    found = get_visible(Organisation, firm.pk, people["firm_member"], "core.view_organisation")
    assert found.name == "Boğaziçi Örme A.Ş."


def test_another_firm_answers_404_not_403(people, firm):
    with pytest.raises(Http404):
        get_visible(Organisation, firm.pk, people["other_firm_member"], "core.view_organisation")


def test_a_missing_object_answers_404(people):
    with pytest.raises(Http404):
        get_visible(Organisation, 999_999, people["manager"], "core.view_organisation")


def test_seen_but_not_changeable_answers_403(people, firm):
    with pytest.raises(PermissionDenied):
        get_visible(
            Organisation,
            firm.pk,
            people["firm_member"],
            "core.view_organisation",
            act="core.change_organisation",
        )
    admin = people["firm_admin"]
    assert get_visible(
        Organisation, firm.pk, admin, "core.view_organisation", act="core.change_organisation"
    )


def test_permission_checked_on_the_owner_named_by_of(people, firm):
    site = Site.objects.create(organisation=firm, name="Merkez", latitude=41.07, longitude=28.79)
    args = (Site, site.pk)
    assert get_visible(*args, people["firm_member"], "core.view_organisation", of="organisation")
    with pytest.raises(Http404):
        get_visible(*args, people["other_firm_member"], "core.view_organisation", of="organisation")


def test_lookup_narrows_the_query(people, firm, other_firm):
    with pytest.raises(Http404):
        get_visible(Organisation, firm.pk, people["manager"], None, name="Rakip Plastik A.Ş.")
