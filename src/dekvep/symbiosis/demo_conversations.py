"""Demo: the realised synergies' conversations, and a question asked through the facilitator.

Written straight to the tables (no notifications or e-mails for a demo), with dates placed
before the first delivery, so the demo stays fast and gives the same result every time.
Idempotent: a synergy that has messages is left as it is.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dekvep.core.formatting import format_number
from dekvep.core.models import Membership
from dekvep.symbiosis.conversation_models import Message, Question, Side
from dekvep.symbiosis.models import Synergy

THREAD = [
    (
        Side.OFFER,
        "Merhaba, numune fotoğraflarını ve son analiz sertifikasını paylaşıyoruz. "
        "Ayda yaklaşık {t} t verebiliriz.",
    ),
    (
        Side.WANT,
        "Teşekkürler. Nem ve kirlilik değerleri hattımız için uygun görünüyor. "
        "İlk sevkiyatı ne zaman planlayabiliriz?",
    ),
    (
        Side.STAFF,
        "Her sevkiyatta atık taşıma formunu ve kantar fişini kaydetmeyi unutmayın; "
        "doğrulamayı ben yapacağım.",
    ),
    (Side.OFFER, "İlk yükleme {day} için hazır; nakliyeyi biz üstleniyoruz."),
]
QUESTION = (
    "Malzeme boyalı mı, yoksa doğal renkte mi? Aylık miktar düzenli mi?",
    "Malzeme ağırlıklı olarak doğal renkte; miktar aylık olarak düzenli.",
)


def _first_member(organisation):
    membership = Membership.objects.filter(organisation=organisation).order_by("pk").first()
    return membership.user if membership else None


def _first_day(synergy: Synergy) -> dt.date:
    first = synergy.exchanges.order_by("date").first()
    return first.date if first else synergy.programme.starts_on + dt.timedelta(days=90)


def _thread(synergy: Synergy, facilitator) -> None:
    day = _first_day(synergy)
    start = timezone.make_aware(dt.datetime.combine(day - dt.timedelta(days=20), dt.time(10)))
    tonnes = round(min(synergy.offer.tonnes_per_year, synergy.want.tonnes_per_year) / 12, 1)
    for n, (side, text) in enumerate(THREAD):
        organisation = None if side == Side.STAFF else getattr(synergy, side).organisation
        author = facilitator if side == Side.STAFF else _first_member(organisation)
        message = Message.objects.create(
            synergy=synergy,
            side=side,
            organisation=organisation,
            author=author,
            text=text.format(t=format_number(tonnes, 1, "tr"), day=day.strftime("%d.%m.%Y")),
        )
        Message.objects.filter(pk=message.pk).update(created_at=start + dt.timedelta(days=2 * n))


def _question(synergy: Synergy, facilitator) -> None:
    asker = _first_member(synergy.want.organisation)
    if asker is None or synergy.questions.exists():
        return
    day = _first_day(synergy) - dt.timedelta(days=40)
    asked = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    text, answer = QUESTION
    question = Question.objects.create(
        synergy=synergy,
        side=Side.WANT,
        organisation=synergy.want.organisation,
        asked_by=asker,
        text=text,
        relayed_text=text,
        relayed_by=facilitator,
        relayed_at=asked + dt.timedelta(hours=3),
        answer=answer,
        answered_by=_first_member(synergy.offer.organisation),
        answered_by_side=Side.OFFER,
        answered_at=asked + dt.timedelta(days=1),
    )
    Question.objects.filter(pk=question.pk).update(asked_at=asked)  # not the loading time


def load(programme, facilitator) -> int:
    """Threads on the active and ended synergies; a question on one still waiting for its
    introduction. Returns how many threads were written."""
    realised = Synergy.objects.filter(
        programme=programme, state__in=[Synergy.State.ACTIVE, Synergy.State.ENDED]
    ).select_related("offer__organisation", "want__organisation", "programme")
    written = 0
    for synergy in realised.order_by("pk"):
        if not synergy.messages.exists():
            _thread(synergy, facilitator)
            written += 1
        _question(synergy, facilitator)
    waiting = Synergy.objects.filter(
        programme=programme, state=Synergy.State.IDENTIFIED, want_side_agrees=False
    ).order_by("pk")
    for synergy in waiting[:1]:
        _question(synergy, facilitator)
    return written
