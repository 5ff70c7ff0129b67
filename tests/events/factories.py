"""Factories for events, sessions and registrations."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from dekvep.events.models import Event, Registration, Session, person_key
from tests.factories import ProgrammeFactory


def _soon():
    return timezone.now() + datetime.timedelta(days=10)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    kind = Event.Kind.SEMINAR
    title = factory.Sequence(lambda n: f"Avrupa Yeşil Mutabakatı semineri {n}")
    title_en = factory.Sequence(lambda n: f"European Green Deal seminar {n}")
    place = "İSO Odakule, Beyoğlu"
    starts_at = factory.LazyFunction(_soon)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    capacity = 100
    registration_opens = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    registration_closes = factory.LazyAttribute(lambda o: o.starts_at - datetime.timedelta(hours=1))
    total_hours = Decimal("3")

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):
        if not create:
            return
        _add_sessions(self, extracted or [Decimal("3")])


def _add_sessions(event, hours_list):
    for i, hours in enumerate(hours_list):
        start = event.starts_at + datetime.timedelta(days=i)
        Session.objects.create(
            event=event,
            title=f"Oturum {i + 1}",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=float(hours)),
            hours=hours,
        )
    event.total_hours = sum((s.hours for s in event.sessions.all()), Decimal("0"))
    event.save(update_fields=["total_hours"])


class CertificateProgrammeFactory(EventFactory):
    kind = Event.Kind.CERTIFICATE_PROGRAMME
    title = factory.Sequence(lambda n: f"Temiz Üretim Sertifika Programı {n}")
    title_en = factory.Sequence(lambda n: f"Cleaner Production Certificate Programme {n}")

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):
        if create:
            _add_sessions(self, extracted or [Decimal("4"), Decimal("4"), Decimal("2")])


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    full_name = factory.Faker("name", locale="tr_TR")
    email = factory.Sequence(lambda n: f"katilimci{n}@example.com")
    organisation_name = "Örnek Tekstil A.Ş."
    person_key = factory.LazyAttribute(lambda o: person_key(o.email))
    organisation_key = factory.LazyAttribute(lambda o: f"name:{o.organisation_name.lower()}")
    status = Registration.Status.CONFIRMED
    consent_at = factory.LazyFunction(timezone.now)
