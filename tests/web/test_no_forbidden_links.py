"""Offer only what can be done: no menu item, button or link a role is shown leads to a 403.

Each demo role opens its home; every link there (the navigation included) is followed, and so is
every link on each section page the navigation leads to (their "New …" buttons, sub-pages).
"""

from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from dekvep.core.demo import load_demo
from dekvep.core.models import User

from .visible import _DOWNLOADS, _NOT_PAGES, _pattern, visible

ROLES = [
    "yonetici",
    "analist",
    "kolaylastirici",
    "juri",
    "fon",
    "firma",
    "elci",
    "plastik",
    "cozum",
    "geridonusum",
    None,
]


def _client(email):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if email:
        client.force_login(User.objects.get(email=f"{email}@dekvep.demo"))
    return client


def _links(url, response) -> list[str]:
    if "text/html" not in response.get("Content-Type", ""):
        return []
    found = []
    for href in visible(response.content.decode())[1]:
        parts = urlsplit(urljoin(url, href))
        if parts.netloc and parts.netloc != "testserver":
            continue
        if not parts.path.startswith("/") or parts.path.startswith(_NOT_PAGES):
            continue
        if parts.path.endswith(_DOWNLOADS) or parts.path.endswith("/pdf/"):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def forbidden_links(client) -> list[tuple[str, str]]:
    """(page, link) pairs where a link shown on ``page`` answers 403."""
    home = client.get("/", follow=True)
    sections = _links("/", home)
    problems, seen = [], {"/"}
    for source, links in [("/", sections)] + [
        (section, _links(section, client.get(section))) for section in dict.fromkeys(sections)
    ]:
        for link in links:
            # One link per shape (/calls/N/) is enough: the same view makes the same check.
            shape = _pattern(link.split("?")[0])
            if link in seen or shape in seen:
                continue
            seen.update({link, shape})
            if client.get(link).status_code == 403:
                problems.append((source, link))
    return problems


@pytest.mark.django_db
def test_no_role_is_shown_a_link_that_is_refused():
    load_demo()
    problems = {}
    for role in ROLES:
        found = forbidden_links(_client(role))
        if found:
            problems[role or "public"] = found
    assert not problems, "links leading to 403:\n" + "\n".join(
        f"{role}: {link} (on {page})" for role, rows in problems.items() for page, link in rows
    )
