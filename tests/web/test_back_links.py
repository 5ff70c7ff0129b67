"""A "back" link returns to the page the reader came from, else to the page's parent."""

import pytest

from tests.conftest import client_for
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


def _back(body: str) -> str:
    start = body.index('class="back-link"')
    return body[body.rindex("<a", 0, start) : body.index("</a>", start)]


def test_back_goes_to_the_referring_page_of_this_site(programme):
    event = EventFactory(programme=programme)
    body = (
        client_for(None)
        .get(f"/events/{event.pk}/", HTTP_REFERER="http://testserver/open-calls/?x=1")
        .content.decode()
    )
    link = _back(body)
    assert 'href="/open-calls/?x=1"' in link and "Back" in link


def test_back_falls_back_to_the_parent_without_a_referrer_or_from_elsewhere(programme):
    event = EventFactory(programme=programme)
    client = client_for(None)
    plain = _back(client.get(f"/events/{event.pk}/").content.decode())
    foreign = _back(
        client.get(f"/events/{event.pk}/", HTTP_REFERER="https://evil.example/x").content.decode()
    )
    for link in (plain, foreign):
        assert 'href="/events/"' in link and "Events" in link


def test_back_ignores_the_page_itself(programme):
    event = EventFactory(programme=programme)
    body = (
        client_for(None)
        .get(f"/events/{event.pk}/", HTTP_REFERER=f"http://testserver/events/{event.pk}/")
        .content.decode()
    )
    assert 'href="/events/"' in _back(body)


def test_an_explicit_back_parameter_wins(programme):
    event = EventFactory(programme=programme)
    body = client_for(None).get(f"/events/{event.pk}/?back=/events/my/").content.decode()
    assert 'href="/events/my/"' in _back(body)
