"""Conversations on the synergy page: what each role sees, posting, asking, the CSV export."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dekvep.core.models import Notification
from dekvep.symbiosis import conversations
from dekvep.symbiosis.conversation_models import Question
from tests.conftest import client_for
from tests.samples import jpeg_bytes
from tests.symbiosis.conftest import THREAD_READERS


def _page(user, synergy):
    return client_for(user).get(f"/symbiosis/synergies/{synergy.pk}/")


def _act(user, synergy, **data):
    return client_for(user).post(f"/symbiosis/synergies/{synergy.pk}/conversation/", data)


def test_a_firm_posts_a_message_with_a_photo_from_the_page(cast, introduced):
    photo = SimpleUploadedFile("numune.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = _act(cast["firm_member"], introduced, action="post", text="Numune", files=[photo])
    assert response.status_code == 302
    page = _page(cast["other_firm_member"], introduced).content.decode()
    assert "Numune" in page and "numune.jpg" in page


def test_the_page_shows_the_unread_count_once(cast, introduced):
    conversations.post_message(cast["firm_member"], introduced, "one")
    assert "1 new" in _page(cast["other_firm_member"], introduced).content.decode()
    assert "1 new" not in _page(cast["other_firm_member"], introduced).content.decode()


def test_the_page_speaks_turkish(cast, introduced):
    client = client_for(cast["firm_member"])
    client.cookies["dekvep_language"] = "tr"
    page = client.get(f"/symbiosis/synergies/{introduced.pk}/", HTTP_ACCEPT_LANGUAGE="tr")
    assert "Yazışma" in page.content.decode() and "Gönder" in page.content.decode()


def test_an_empty_message_shows_an_error(cast, introduced):
    client = client_for(cast["firm_member"])
    client.post(f"/symbiosis/synergies/{introduced.pk}/conversation/", {"action": "post"})
    page = client.get(f"/symbiosis/synergies/{introduced.pk}/").content.decode()
    assert "Write a message or attach a file." in page


def test_a_firm_asks_through_the_facilitator_before_the_introduction(cast, pending):
    _act(cast["firm_member"], pending, action="ask", text="Is it dyed?")
    assert Question.objects.get().text == "Is it dyed?"
    page = _page(cast["facilitator"], pending).content.decode()
    assert "Is it dyed?" in page and "Boğaziçi Örme A.Ş." in page


def test_the_other_firms_page_never_names_the_asker(cast, pending):
    _act(cast["firm_member"], pending, action="ask", text="Is it dyed?")
    question = Question.objects.get()
    _act(cast["facilitator"], pending, action="relay", question=question.pk, text="Dyed or not?")
    page = _page(cast["other_firm_member"], pending).content.decode()
    assert "Dyed or not?" in page and "passed on by the facilitator" in page
    assert "Boğaziçi" not in page and "Is it dyed?" not in page


def test_the_other_firm_answers_from_the_page(cast, pending):
    _act(cast["firm_member"], pending, action="ask", text="Is it dyed?")
    question = Question.objects.get()
    _act(cast["facilitator"], pending, action="relay", question=question.pk, text="")
    _act(cast["other_firm_member"], pending, action="answer", question=question.pk, text="No.")
    assert "No." in _page(cast["firm_member"], pending).content.decode()


def test_the_page_export_is_a_csv_of_the_firms_threads(cast, introduced):
    conversations.post_message(cast["other_firm_member"], introduced, "Fiyat 40 EUR/t")
    response = client_for(cast["firm_member"]).get("/symbiosis/conversations/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "Fiyat 40 EUR/t" in response.content.decode()


def test_a_solution_providers_export_holds_nothing_of_the_firms(cast, introduced):
    conversations.post_message(cast["firm_member"], introduced, "Fiyat 40 EUR/t")
    response = client_for(cast["provider"]).get("/symbiosis/conversations/export.csv")
    assert response.content.decode().strip().count("\n") == 0  # the header only


@pytest.mark.parametrize("role", ["manager", "facilitator", "funder", "jury", "anonymous"])
def test_the_export_is_for_firms(cast, role):
    response = client_for(cast[role]).get("/symbiosis/conversations/export.csv")
    assert response.status_code == (302 if role == "anonymous" else 403)


@pytest.mark.parametrize(("role", "sees"), THREAD_READERS)
def test_only_the_two_firms_and_staff_see_the_thread_on_the_page(cast, introduced, role, sees):
    conversations.post_message(cast["firm_member"], introduced, "only for us")
    response = _page(cast[role], introduced)
    assert ("only for us" in response.content.decode()) is sees


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("firm_member", True),
        ("other_firm_member", True),
        ("facilitator", True),
        ("manager", True),
        ("analyst", True),
        ("third_firm_member", False),
        ("jury", False),
        ("funder", False),
        ("provider", False),
        ("anonymous", False),
    ],
)
def test_only_the_thread_may_post(cast, introduced, role, allowed):
    _act(cast[role], introduced, action="post", text="hello there")
    assert introduced.messages.filter(text="hello there").exists() is allowed


@pytest.mark.parametrize(
    ("role", "sees_asker"),
    [
        ("firm_member", False),
        ("other_firm_member", False),
        ("manager", True),
        ("analyst", True),
        ("facilitator", True),
        ("third_firm_member", False),
        ("jury", False),
        ("funder", False),
        ("provider", False),
        ("anonymous", False),
    ],
)
def test_only_staff_see_who_asked(cast, pending, role, sees_asker):
    question = conversations.ask_question(cast["firm_member"], pending, "Is it dyed?")
    conversations.relay_question(cast["facilitator"], question, "Dyed or not?")
    page = _page(cast[role], pending).content.decode()
    assert ("Asked by" in page) is sees_asker


def test_the_asker_is_never_in_the_other_firms_notifications(cast, pending):
    question = conversations.ask_question(cast["firm_member"], pending, "Is it dyed?")
    conversations.relay_question(cast["facilitator"], question, "")
    conversations.answer_question(cast["other_firm_member"], question, "No")
    for note in Notification.objects.filter(recipient=cast["other_firm_member"]):
        assert "Boğaziçi" not in note.subject + note.body
