"""The weekly digest: one e-mail per member who chose it, in their language, their firm only."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from dekvep.core.models import Membership
from dekvep.symbiosis.alerts import set_alert_frequency
from dekvep.symbiosis.models import AlertPreference, Listing, MatchAlert, MatchRun
from dekvep.symbiosis.services import execute_match_run, express_interest
from dekvep.symbiosis.tasks import send_weekly_digests
from tests.factories import OrganisationFactory, ParticipationFactory

from .factories import ListingFactory

TITLE = "Pamuklu kumaş kırpıntısı"


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the periodic task inline and return the e-mails it sent, by recipient."""

    def run():
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            send_weekly_digests.delay()
        return {m.to[0]: m for m in mail.outbox}

    return run


def _speak(user, language):
    user.preferred_language = language
    user.save()


@pytest.fixture
def matched(people, programme, offer, want):
    execute_match_run(MatchRun.objects.create(programme=programme))
    return people


def test_it_lists_new_matches_in_english(matched, send):
    _speak(matched["firm_member"], "en")
    digest = send()["member@firm.example"]
    assert digest.subject == "DEKVEP weekly digest for Boğaziçi Örme A.Ş. — 1 new match"
    assert "New matches for your listings" in digest.body
    assert f"Your listing “{TITLE}”:" in digest.body
    assert "– Keçe üretimi için tekstil kırpıntısı (want, a plastics firm in Dudullu OSB)" in (
        digest.body
    )


def test_it_lists_new_matches_in_turkish(matched, send):
    _speak(matched["firm_member"], "tr")
    digest = send()["member@firm.example"]
    assert digest.subject == "Boğaziçi Örme A.Ş. için DEKVEP haftalık özeti — 1 yeni eşleşme"
    assert "İlanlarınız için yeni eşleşmeler" in digest.body
    assert f"“{TITLE}” ilanınız:" in digest.body
    assert "(talep, Dudullu OSB bölgesinde bir plastik firması)" in digest.body
    assert "weekly" not in digest.body and "want" not in digest.body


def test_it_never_names_the_other_firm(matched, send):
    assert "Rakip" not in send()["member@firm.example"].body


def test_each_firm_gets_its_own_matches(matched, send):
    _speak(matched["other_firm_member"], "en")
    digest = send()["member@other.example"]
    assert "Your listing “Keçe üretimi için tekstil kırpıntısı”:" in digest.body
    assert f"– {TITLE} (offer, a textile firm in İkitelli OSB)" in digest.body


def test_another_firms_listings_and_matches_never_appear(people, programme, offer, want, send):
    third = OrganisationFactory(name="Üçüncü Tekstil A.Ş.")
    ParticipationFactory(programme=programme, organisation=third)
    ListingFactory(programme=programme, organisation=third, title="Üçüncü firmanın kırpıntısı")
    ListingFactory(
        programme=programme,
        organisation=third,
        title="Üçüncü firmanın eski ilanı",
        available_until=timezone.localdate() + dt.timedelta(days=3),
    )
    execute_match_run(MatchRun.objects.create(programme=programme))
    body = send()["member@firm.example"].body
    assert "Üçüncü" not in body


def test_it_is_sent_to_each_member_who_did_not_choose_otherwise(matched, send):
    set_alert_frequency(
        matched["firm_admin"], Membership.objects.get(user=matched["firm_admin"]), "at_once"
    )
    set_alert_frequency(
        matched["other_firm_member"],
        Membership.objects.get(user=matched["other_firm_member"]),
        "never",
    )
    assert set(send()) == {"member@firm.example"}


def test_it_is_not_sent_twice_in_a_week(matched, send):
    assert "member@firm.example" in send()
    assert send() == {}


def test_a_later_digest_holds_only_what_is_new_since_the_last(matched, send, programme):
    send()
    week_ago = timezone.now() - dt.timedelta(days=7)
    AlertPreference.objects.update(last_digest_at=week_ago)
    MatchAlert.objects.update(found_at=week_ago - dt.timedelta(days=1))
    execute_match_run(MatchRun.objects.create(programme=programme))
    assert "member@firm.example" not in send()  # nothing new: no empty e-mail


def test_it_lists_listings_to_renew(people, programme, firm, send):
    _speak(people["firm_member"], "en")
    ending = timezone.localdate() + dt.timedelta(days=10)
    ListingFactory(
        programme=programme, organisation=firm, title="Eski kumaş", available_until=ending
    )
    body = send()["member@firm.example"].body
    assert "Listings to renew" in body
    assert "“Eski kumaş” expires on" in body


def test_it_lists_expired_listings_in_turkish(people, programme, firm, send):
    _speak(people["firm_member"], "tr")
    ListingFactory(
        programme=programme, organisation=firm, title="Eski kumaş", status=Listing.Status.EXPIRED
    )
    body = send()["member@firm.example"].body
    assert "Yenilenecek ilanlar" in body
    assert "“Eski kumaş” ilanının süresi doldu: yeniden yayınlamak için yenileyin" in body


def test_it_lists_synergies_awaiting_the_firms_reply(people, offer, want, send):
    _speak(people["firm_member"], "en")
    express_interest(people["other_firm_member"], offer, want)
    digests = send()
    body = digests["member@firm.example"].body
    assert "Synergies awaiting your reply" in body
    assert (
        f"“{TITLE}”: a plastics firm in Dudullu OSB asks to be introduced "
        "about “Keçe üretimi için tekstil kırpıntısı”"
    ) in body
    assert "member@other.example" not in digests  # nothing awaits the asking firm


def test_the_command_sends_the_digest_by_hand(matched, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("digest", "--no-expiry")
    assert "member@firm.example" in {m.to[0] for m in mail.outbox}


def test_the_beat_schedule_sends_the_digest_weekly_and_expires_listings_daily():
    from celery.schedules import crontab
    from django.conf import settings
    from django.utils.module_loading import import_string

    tasks = {e["task"]: e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks["dekvep.symbiosis.tasks.send_weekly_digests"] == crontab(
        day_of_week="mon", hour=8, minute=0
    )
    assert tasks["dekvep.symbiosis.tasks.expire_listings"] == crontab(hour=6, minute=30)
    for name in tasks:
        assert import_string(name).name == name  # the names the workers know the tasks by


def test_beat_asks_for_a_broker(monkeypatch, capsys):
    from dekvep.cli import main

    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    assert main(["dekvep", "beat"]) == 2
    assert "dekvep beat: set CELERY_BROKER_URL" in capsys.readouterr().err


def test_it_shows_the_best_five_matches_of_a_listing_and_counts_the_rest(
    people, programme, offer, want, other_firm, send
):
    _speak(people["firm_member"], "en")
    for n in range(6):
        ListingFactory(
            programme=programme,
            organisation=other_firm,
            kind=Listing.Kind.WANT,
            title=f"Kırpıntı talebi {n}",
            material="textile",
        )
    execute_match_run(MatchRun.objects.create(programme=programme))
    body = send()["member@firm.example"].body
    assert body.count("(want, a plastics firm in Dudullu OSB)") == 5
    assert "– and 2 more on the listing's page" in body


def test_it_lists_conversations_with_unread_messages(cast, introduced, send):
    from dekvep.symbiosis.conversations import mark_read, post_message

    _speak(cast["firm_member"], "en")
    post_message(cast["other_firm_member"], introduced, "Numune gönderebilir misiniz?")
    post_message(cast["other_firm_member"], introduced, "Analiz belgesi de olursa iyi olur.")
    mark_read(cast["other_firm_member"], introduced)
    digests = send()
    body = digests["member@firm.example"].body
    assert "Open conversations" in body
    assert f"“{introduced}”: 2 unread messages" in body
    assert "Open conversations" not in digests.get("member@other.example", mail.EmailMessage()).body


def test_a_read_conversation_leaves_the_section_out(cast, introduced, send):
    from dekvep.symbiosis.conversations import mark_read, post_message

    post_message(cast["other_firm_member"], introduced, "Numune gönderebilir misiniz?")
    mark_read(cast["firm_member"], introduced)
    digests = send()
    assert "Açık yazışmalar" not in digests.get("member@firm.example", mail.EmailMessage()).body
