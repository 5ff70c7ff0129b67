"""Factories for calls, their parts, applications and reviews."""

import datetime

import factory
from django.utils import timezone

from dekvep.calls.models import (
    Application,
    Call,
    Challenge,
    Criterion,
    Declaration,
    Question,
    Review,
    ReviewPhase,
)
from tests.factories import OrganisationFactory, ProgrammeFactory


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    programme = factory.SubFactory(ProgrammeFactory)
    kind = Call.Kind.FIRM_SELECTION
    title_tr = factory.Sequence(lambda n: f"Firma seçim çağrısı {n}")
    title_en = factory.Sequence(lambda n: f"Firm selection call {n}")
    description_tr = "Öncelikli sektörlerden firmalar başvurabilir."
    description_en = "Firms of the priority sectors may apply."
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    published = True
    places = 21


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    call = factory.SubFactory(CallFactory)
    kind = Question.Kind.LONG_TEXT
    label_tr = factory.Sequence(lambda n: f"Soru {n}")
    label_en = factory.Sequence(lambda n: f"Question {n}")
    required = True


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    call = factory.SubFactory(CallFactory)
    name_tr = factory.Sequence(lambda n: f"Ölçüt {n}")
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 1
    scale_min = 0
    scale_max = 10


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declaration

    call = factory.SubFactory(CallFactory)
    text_tr = "Verdiğim bilgilerin doğru olduğunu beyan ederim."
    text_en = "I declare that the information I give is true."


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    call = factory.SubFactory(CallFactory, kind=Call.Kind.OPEN_INNOVATION)
    title_tr = factory.Sequence(lambda n: f"İhtiyaç {n}")
    title_en = factory.Sequence(lambda n: f"Challenge {n}")


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewPhase

    call = factory.SubFactory(CallFactory)
    name_tr = "Kör değerlendirme"
    name_en = "Blind review"
    blind = True
    active = True


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"A-{n + 1:04d}")
    title = factory.Sequence(lambda n: f"Başvuru {n}")
    status = Application.Status.DRAFT


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    application = factory.SubFactory(ApplicationFactory)
    reviewer = None
