"""factory_boy factories for the core models; domain apps add theirs in tests/<app>/factories.py."""

import datetime

import factory

from dekvep.core.demo import demo_vkn
from dekvep.core.models import (
    Membership,
    Organisation,
    Participation,
    Programme,
    Site,
    StaffAssignment,
    User,
)

PASSWORD = "a-Strong-pass-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Faker("name", locale="tr_TR")
    preferred_language = "tr"
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Örnek Firma {n} A.Ş.")
    kind = Organisation.Kind.MANUFACTURER
    nace_codes = factory.LazyFunction(lambda: ["13.30"])
    sector = "textile"
    tax_number = factory.Sequence(lambda n: demo_vkn(5000 + n))
    province = "İstanbul"
    district = "Başakşehir"
    industrial_zone = "İkitelli OSB"
    latitude = 41.0667
    longitude = 28.7944
    employee_band = "50-249"


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Tesis {n}")
    latitude = 41.07
    longitude = 28.80


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    starts_on = datetime.date(2022, 3, 1)
    ends_on = datetime.date(2023, 8, 31)
    priority_sectors = factory.LazyFunction(lambda: ["textile", "plastics", "white_goods"])
    operator = factory.SubFactory(
        OrganisationFactory, kind=Organisation.Kind.OPERATOR, nace_codes=[], sector=""
    )


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    sector = factory.SelfAttribute("organisation.sector")


class StaffAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffAssignment

    programme = factory.SubFactory(ProgrammeFactory)
    user = factory.SubFactory(UserFactory)
    role = StaffAssignment.Role.MANAGER
