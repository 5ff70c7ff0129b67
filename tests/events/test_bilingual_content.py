"""Staff write an event's title and description in Turkish and English; each reader sees its
own language and, where that one is empty, the other (never an empty heading)."""

import pytest
from django.test import Client

from .factories import EventFactory


def _page(event, language: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["dekvep_language"] = language
    return client.get(f"/events/{event.pk}/").content.decode()


@pytest.mark.django_db
def test_each_reader_sees_the_event_in_its_language():
    event = EventFactory(
        title="Sıfır Atık semineri",
        title_en="Zero Waste seminar",
        description="Türkçe açıklama",
        description_en="English description",
    )
    turkish, english = _page(event, "tr"), _page(event, "en")
    assert "Sıfır Atık semineri" in turkish and "Türkçe açıklama" in turkish
    assert "Zero Waste seminar" not in turkish
    assert "Zero Waste seminar" in english and "English description" in english
    assert "Türkçe açıklama" not in english


@pytest.mark.django_db
def test_an_empty_english_field_falls_back_to_the_turkish_text():
    event = EventFactory(title="Sıfır Atık semineri", title_en="", description="Türkçe açıklama")
    english = _page(event, "en")
    assert "Sıfır Atık semineri" in english and "Türkçe açıklama" in english
