"""API shapes for action plans, actions and the collaboration register."""

import datetime
from decimal import Decimal
from typing import Literal

from django.urls import reverse
from ninja import Field, Schema

OpportunityType = Literal[
    "symbiosis_workshop", "synergy", "cluster", "open_innovation", "partnership"
]


class PlanOut(Schema):
    id: int
    kind: str
    sector: str
    title: str
    organisation: int | None = Field(None, alias="organisation_id")


class ActionIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    title_en: str = Field("", max_length=200)
    description: str = ""
    description_en: str = ""
    owner_organisation: int | None = None
    owner_person: int | None = None
    partners: list[int] = []
    start_date: datetime.date | None = None
    due_date: datetime.date | None = None
    indicator: str = ""
    target: str = ""
    budget_try: Decimal | None = None
    funding_source: str = ""


class ActionPatch(Schema):
    title: str | None = None
    title_en: str | None = None
    description: str | None = None
    description_en: str | None = None
    owner_organisation: int | None = None
    owner_person: int | None = None
    partners: list[int] | None = None
    start_date: datetime.date | None = None
    due_date: datetime.date | None = None
    indicator: str | None = None
    target: str | None = None
    budget_try: Decimal | None = None
    funding_source: str | None = None
    status: str | None = None


class UpdateOut(Schema):
    id: int
    date: datetime.date
    note: str
    value: str
    status: str
    evidence_url: str | None
    evidence_size: int

    @staticmethod
    def resolve_evidence_url(obj):
        return reverse("plans:evidence", args=[obj.pk]) if obj.evidence else None


class ActionOut(Schema):
    id: int
    plan: int = Field(..., alias="plan_id")
    title: str
    title_en: str
    description: str
    description_en: str
    origin: str
    source_app: str
    source_id: str
    source_label: str
    owner_organisation: int = Field(..., alias="owner_organisation_id")
    owner_person: int | None = Field(None, alias="owner_person_id")
    start_date: datetime.date | None
    due_date: datetime.date | None
    status: str
    overdue: bool = Field(..., alias="is_overdue")
    indicator: str
    target: str
    budget_try: Decimal | None
    funding_source: str
    savings_try: Decimal | None
    savings_tco2e: Decimal | None


class ActionStatusIn(Schema):
    status: str
    note: str = ""


class OpportunityIn(Schema):
    type: OpportunityType
    title: str = Field(..., min_length=1, max_length=200)
    parties: list[int]
    source_label: str = ""
    next_step: str = ""
    expected_impact: str = ""
    status: str = "identified"


class OpportunityPatch(Schema):
    title: str | None = None
    type: OpportunityType | None = None
    parties: list[int] | None = None
    next_step: str | None = None
    expected_impact: str | None = None
    status: str | None = None


class OpportunityOut(Schema):
    id: int
    type: str
    title: str
    parties: list[str]
    source_app: str
    source_id: str
    source_label: str
    status: str
    next_step: str
    expected_impact: str
    updated_at: datetime.datetime
