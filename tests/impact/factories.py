"""Records of the other apps that the impact figures count, made the way those apps store them.

The apps' own factories, dated inside the reference programme (``PAST``) and in the states the
figures count; the records no app's tests need (pitch days, reports, certificates, synergies
...) are made here.
"""

import datetime

import factory
from django.utils import timezone

from dekvep.assessment.models import Inventory, Report
from dekvep.calls.models import Application, Call, PitchDay, PitchInterest, PitchSlot
from dekvep.events.models import (
    Ambassador,
    Certificate,
    Event,
    OutreachActivity,
    Registration,
    organisation_key,
    person_key,
)
from dekvep.plans.models import Action, ActionPlan, CollaborationOpportunity
from dekvep.roadmaps.models import RoadmapVersion
from dekvep.symbiosis.models import Exchange, Listing, Synergy
from tests.assessment import factories as assessment
from tests.calls import factories as calls
from tests.events import factories as events
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory
from tests.roadmaps import factories as roadmaps
from tests.symbiosis import factories as symbiosis

PAST = timezone.make_aware(datetime.datetime(2022, 6, 15, 10, 0))


class CallFactory(calls.CallFactory):
    programme = factory.SubFactory(ProgrammeFactory)
    kind = Call.Kind.FIRM_SELECTION
    title_tr = factory.Sequence(lambda n: f"Çağrı {n}")
    opens_at = PAST - datetime.timedelta(days=60)
    closes_at = PAST - datetime.timedelta(days=30)
    published = True


class ApplicationFactory(calls.ApplicationFactory):
    call = factory.SubFactory(CallFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"APP-{n:04d}")
    title = factory.Sequence(lambda n: f"Başvuru {n}")
    status = Application.Status.SUBMITTED
    submitted_at = PAST - datetime.timedelta(days=40)


class PitchDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PitchDay

    call = factory.SubFactory(CallFactory, kind=Call.Kind.OPEN_INNOVATION)
    name = "Sunum günü"
    date = PAST.date()


class PitchSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PitchSlot

    pitch_day = factory.SubFactory(PitchDayFactory)
    application = factory.SubFactory(
        ApplicationFactory,
        call=factory.SelfAttribute("..pitch_day.call"),
        status=Application.Status.SHORTLISTED,
    )
    starts_at = PAST
    ends_at = PAST + datetime.timedelta(minutes=15)


class PitchInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PitchInterest

    slot = factory.SubFactory(PitchSlotFactory)
    firm = factory.SubFactory(OrganisationFactory)
    created_at = PAST


class InventoryFactory(assessment.InventoryFactory):
    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    year = 2021
    sector = "textile"
    status = Inventory.Status.APPROVED
    approved_at = PAST


class ReportFactory(factory.django.DjangoModelFactory):
    """An issued firm report (pass ``kind="sector", organisation=None`` for a sector report)."""

    class Meta:
        model = Report

    kind = Report.Kind.FIRM
    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    sector = "textile"
    year = 2021
    language = "tr"
    issued_at = PAST


class WorkshopFactory(roadmaps.WorkshopFactory):
    programme = factory.SubFactory(ProgrammeFactory)
    sector = "textile"
    session_number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Çalıştay {n}")
    starts_at = PAST


class RoadmapFactory(roadmaps.RoadmapFactory):
    programme = factory.SubFactory(ProgrammeFactory)
    sector = "textile"
    title = "Tekstil yol haritası"


class RoadmapVersionFactory(roadmaps.VersionFactory):
    roadmap = factory.SubFactory(RoadmapFactory)
    number = 1
    status = RoadmapVersion.Status.PUBLISHED


class ActionPlanFactory(roadmaps.PlanFactory):
    programme = factory.SubFactory(ProgrammeFactory)
    kind = ActionPlan.Kind.FIRM
    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Eylem planı {n}")


class ActionFactory(roadmaps.ActionFactory):
    plan = factory.SubFactory(ActionPlanFactory)
    title = factory.Sequence(lambda n: f"Eylem {n}")
    owner_organisation = factory.SelfAttribute("plan.organisation")
    status = Action.Status.DONE


class ClusterMeetingFactory(roadmaps.MeetingFactory):
    programme = factory.SubFactory(ProgrammeFactory)
    sector = "textile"
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Kümelenme toplantısı {n}")
    starts_at = PAST


class OpportunityFactory(roadmaps.OpportunityFactory):
    programme = factory.SubFactory(ProgrammeFactory)
    type = CollaborationOpportunity.Type.SYNERGY
    title = factory.Sequence(lambda n: f"İşbirliği {n}")
    source_app = "symbiosis"
    source_id = factory.Sequence(str)
    created_at = PAST


class EventFactory(events.EventFactory):
    programme = factory.SubFactory(ProgrammeFactory)
    kind = Event.Kind.SEMINAR
    title = factory.Sequence(lambda n: f"AYM semineri {n}")
    place = "İstanbul"
    starts_at = PAST
    ends_at = PAST + datetime.timedelta(hours=3)
    capacity = 200
    registration_opens = PAST - datetime.timedelta(days=30)
    registration_closes = PAST - datetime.timedelta(days=1)


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    event = factory.SubFactory(EventFactory, kind=Event.Kind.CERTIFICATE_PROGRAMME)
    holder_name = factory.Sequence(lambda n: f"Katılımcı {n}")
    holder_key = factory.Sequence(lambda n: f"{n:040d}")
    title = factory.SelfAttribute("event.title")
    hours = 24
    issuer = "DEKVEP"
    issued_at = PAST


class OutreachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachActivity

    programme = factory.SubFactory(ProgrammeFactory)
    school = factory.SubFactory(OrganisationFactory, kind="school", nace_codes=[], sector="")
    title = "Döngüsel ekonomi dersi"
    held_on = PAST.date()
    students = 50
    teachers = 5


class ListingFactory(symbiosis.ListingFactory):
    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    kind = Listing.Kind.OFFER
    title = factory.Sequence(lambda n: f"İlan {n}")
    material = "textile"
    quantity = 100
    tonnes_per_year = 100
    status = Listing.Status.PUBLISHED


class SynergyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Synergy

    programme = factory.SubFactory(ProgrammeFactory)
    offer = factory.SubFactory(ListingFactory, programme=factory.SelfAttribute("..programme"))
    want = factory.SubFactory(
        ListingFactory, programme=factory.SelfAttribute("..programme"), kind=Listing.Kind.WANT
    )
    state = Synergy.State.ACTIVE
    distance_km = 50


class ExchangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exchange

    synergy = factory.SubFactory(SynergyFactory)
    date = PAST.date()
    tonnes = 10


class RegistrationFactory(events.RegistrationFactory):
    event = factory.SubFactory(EventFactory)
    full_name = factory.Sequence(lambda n: f"Katılımcı {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.com")
    organisation_name = factory.Sequence(lambda n: f"Firma {n}")
    person_key = factory.LazyAttribute(lambda r: person_key(r.email))
    organisation_key = factory.LazyAttribute(
        lambda r: organisation_key(
            r.organisation.pk if r.organisation else None, r.organisation_name
        )
    )
    status = Registration.Status.CONFIRMED
    consent_at = PAST
    created_at = PAST
    attended_hours = 3
    organisation = None


class AmbassadorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ambassador

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    named_at = PAST
