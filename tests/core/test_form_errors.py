"""core.forms.form_errors: a service's refusal shown on a page, or kept for the page to place."""

from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from dekvep.core.forms import form_errors


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_refusal_without_a_form_becomes_the_page_s_message():
    request = _request()
    with form_errors(request) as saved:
        raise ValidationError("Kapasite sıfırdan büyük olmalı.")
    assert not saved
    assert [str(m) for m in get_messages(request)] == ["Kapasite sıfırdan büyük olmalı."]


def test_a_kept_refusal_gives_its_messages_per_field_and_shows_nothing():
    request = _request()
    with form_errors(request, show=False) as saved:
        raise ValidationError({"seminars": ["Enter a number."]})
    assert saved.by_field == {"seminars": ["Enter a number."]}
    assert list(get_messages(request)) == []


def test_a_refusal_of_no_field_is_kept_under_all():
    with form_errors(_request(), show=False) as saved:
        raise ValidationError("Geçersiz.")
    assert saved.by_field == {"__all__": ["Geçersiz."]}


def test_a_success_has_no_messages():
    with form_errors(_request()) as saved:
        pass
    assert saved and saved.by_field == {} and saved.messages == []
