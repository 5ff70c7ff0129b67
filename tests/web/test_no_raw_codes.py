"""No raw code reaches a reader: every page of every demo role, and the files those pages link
to (Excel workbooks, PDFs), read in Turkish, show choices through their labels.

A page fails on any ``snake_case`` token in its visible text (``white_goods``,
``status_in_discussion``) and on any cell, option or label that is nothing but an English choice
value (``other``, ``draft``).
"""

import collections

import pytest
from django.apps import apps
from django.test import Client

from dekvep.core.demo import load_demo
from dekvep.core.models import User

from .visible import _pattern, crawl, pdf_text, raw_codes, visible_parts, workbook_text

DEMO_ROLES = [
    "yonetici",  # programme manager
    "analist",
    "kolaylastirici",  # facilitator
    "juri",
    "fon",  # funder
    "firma",  # firm admin (textile)
    "elci",  # company ambassador
    "plastik",
    "cozum",  # solution provider
    "geridonusum",  # recycler
    None,  # the public
]
PAGES_PER_ROLE = 150


def english_choice_values() -> set[str]:
    """Every stored choice value of every model that is a plain English word."""
    values = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for key, _label in getattr(field, "flatchoices", None) or ():
                if isinstance(key, str) and key.isalpha() and key.islower() and len(key) > 2:
                    values.add(key)
    return values


def turkish_client(email: str | None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="tr")
    client.cookies["dekvep_language"] = "tr"
    if email:
        client.force_login(User.objects.get(email=f"{email}@dekvep.demo"))
    return client


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _document_codes(url: str, response) -> list[str]:
    content, kind = _body(response), response.get("Content-Type", "")
    if "pdf" in kind:
        return raw_codes(pdf_text(content))
    if "spreadsheet" in kind or url.split("?")[0].endswith(".xlsx"):
        return sorted({code for _where, text in workbook_text(content) for code in raw_codes(text)})
    return []


@pytest.mark.django_db
def test_no_page_or_document_of_any_role_shows_a_raw_code_in_turkish():
    load_demo()
    english = english_choice_values()
    problems: dict[str, set[str]] = collections.defaultdict(set)
    checked = collections.Counter()
    for role in DEMO_ROLES:
        client, downloads = turkish_client(role), set()
        for url, response in crawl(client, "/", PAGES_PER_ROLE, downloads=downloads):
            if "text/html" not in response.get("Content-Type", ""):
                continue
            checked["pages"] += 1
            text, nodes, _links = visible_parts(response.content.decode())
            for code in raw_codes(text, nodes, english):
                problems[code].add(f"{role}: {url}")
        shapes = collections.Counter()
        for url in sorted(downloads):
            if shapes[_pattern(url.split("?")[0])]:
                continue
            shapes[_pattern(url.split("?")[0])] += 1
            response = client.get(url)
            if response.status_code != 200:
                continue
            checked["documents"] += 1
            for code in _document_codes(url, response):
                problems[code].add(f"{role}: {url}")
    assert checked["pages"] > 400 and checked["documents"] >= 8, checked
    report = "\n".join(f"{code}: {sorted(where)[:3]}" for code, where in sorted(problems.items()))
    assert not problems, f"raw codes shown to readers:\n{report}"
