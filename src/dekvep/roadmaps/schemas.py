"""API shapes for workshops, roadmaps, actions, cluster meetings and the register."""

import datetime
from decimal import Decimal
from typing import Literal

from django.urls import reverse
from ninja import Field, Schema


class WorkshopIn(Schema):
    title: str
    sector: str
    session_number: int = Field(1, ge=1)
    kind: Literal["roadmap", "symbiosis", "clustering", "other"] = "roadmap"
    starts_at: datetime.datetime
    duration_hours: Decimal = Decimal("3")
    place: str = ""
    online_link: str = ""
    agenda: str = ""
    notes: str = ""
    vote_allowance: int = Field(5, ge=1, le=100)
    facilitators: list[int] = []
    invited_people: list[int] = []
    invited_organisations: list[int] = []


class WorkshopPatch(Schema):
    title: str | None = None
    sector: str | None = None
    session_number: int | None = Field(None, ge=1)
    kind: Literal["roadmap", "symbiosis", "clustering", "other"] | None = None
    starts_at: datetime.datetime | None = None
    duration_hours: Decimal | None = None
    place: str | None = None
    online_link: str | None = None
    agenda: str | None = None
    notes: str | None = None
    vote_allowance: int | None = Field(None, ge=1, le=100)
    facilitators: list[int] | None = None
    invited_people: list[int] | None = None
    invited_organisations: list[int] | None = None


class WorkshopOut(Schema):
    id: int
    title: str
    sector: str
    session_number: int
    kind: str
    starts_at: datetime.datetime
    duration_hours: Decimal
    place: str
    online_link: str
    agenda: str
    notes: str
    vote_allowance: int
    voting: str
    outcome: list
    facilitators: list[int]
    attending_people: int
    attending_organisations: int

    @staticmethod
    def resolve_facilitators(obj):
        return [u.pk for u in obj.facilitators.all()]

    @staticmethod
    def resolve_attending_people(obj):
        return obj.attending_people.count()

    @staticmethod
    def resolve_attending_organisations(obj):
        return obj.attending_organisations.count()


class AttendanceIn(Schema):
    people: list[int] = []
    organisations: list[int] = []


class ProposalIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    kind: Literal["goal", "action"] = "action"
    description: str = ""


class ProposalOut(Schema):
    id: int
    title: str
    kind: str
    description: str


class VotingIn(Schema):
    to: Literal["open", "closed"]


class VotesIn(Schema):
    votes: dict[int, int]


class ResultOut(Schema):
    id: int
    title: str
    votes: int
    voters: int
    rank: int


class ResultsOut(Schema):
    voting: str
    vote_allowance: int
    voters: int
    my_votes: dict[int, int]
    results: list[ResultOut]


class FileOut(Schema):
    id: int
    kind: str
    title: str
    size: int
    url: str

    @staticmethod
    def resolve_url(obj):
        return reverse("roadmaps:workshop_file", args=[obj.pk])


class RoadmapIn(Schema):
    sector: str
    title: str = Field(..., min_length=1, max_length=200)
    vision: str = ""


class VersionSummary(Schema):
    id: int
    number: int
    status: str
    published_at: datetime.datetime | None


class RoadmapOut(Schema):
    id: int
    sector: str
    title: str
    versions: list[VersionSummary]


class GoalIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    description: str = ""
    indicator: str = ""
    unit: str = ""
    baseline: Decimal | None = None
    baseline_year: int | None = None
    target_value: Decimal | None = None
    target_year: int | None = None


class GoalOut(GoalIn):
    id: int


class BarrierIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    description: str = ""


class BarrierOut(BarrierIn):
    id: int


class MeasureIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    description: str = ""
    goal: int | None = None
    barriers: list[int] = []
    timeframe: str = ""


class MeasureOut(Schema):
    id: int
    title: str
    description: str
    goal: int | None = Field(None, alias="goal_id")
    barriers: list[int]
    timeframe: str

    @staticmethod
    def resolve_barriers(obj):
        return [b.pk for b in obj.barriers.all()]


class CommentIn(Schema):
    text: str
    goal: int | None = None


class CommentOut(Schema):
    id: int
    text: str
    goal: int | None = Field(None, alias="goal_id")
    created_at: datetime.datetime


class VersionOut(Schema):
    id: int
    roadmap: int = Field(..., alias="roadmap_id")
    title: str
    sector: str
    number: int
    status: str
    vision: str
    summary: str
    consultation_until: datetime.date | None
    published_at: datetime.datetime | None
    goals: list[GoalOut]
    barriers: list[BarrierOut]
    measures: list[MeasureOut]

    @staticmethod
    def resolve_title(obj):
        return obj.roadmap.title

    @staticmethod
    def resolve_sector(obj):
        return obj.roadmap.sector

    @staticmethod
    def resolve_goals(obj):
        return list(obj.goals.all())

    @staticmethod
    def resolve_barriers(obj):
        return list(obj.barriers.all())

    @staticmethod
    def resolve_measures(obj):
        return list(obj.measures.all())


class VersionPatch(Schema):
    vision: str | None = None
    summary: str | None = None
    consultation_until: datetime.date | None = None


class StatusIn(Schema):
    to: str


class MeetingIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    sector: str
    number: int = Field(1, ge=1)
    starts_at: datetime.datetime
    place: str = ""
    agenda: str = ""
    notes: str = ""
    facilitators: list[int] = []
    participants: list[int] = []
    participant_people: list[int] = []


class NeedIn(Schema):
    type: Literal["collaboration", "skill_gap", "technology", "finance"]
    title: str = Field(..., min_length=1, max_length=200)
    description: str = ""
    organisations: list[int] = []


class InstrumentOut(Schema):
    key: str
    name: str
    institution: str
    scope: str
    funds: str
    need_types: list[str]
    url: str
    source: str
    year: int


class NeedOut(Schema):
    id: int
    type: str
    title: str
    description: str
    instruments: list[str]
    follow_up: int | None = Field(None, alias="follow_up_id")


class MeetingOut(Schema):
    id: int
    title: str
    sector: str
    number: int
    starts_at: datetime.datetime
    place: str
    agenda: str
    needs: list[NeedOut]

    @staticmethod
    def resolve_needs(obj):
        return list(obj.needs.all())


class FollowUpIn(Schema):
    owner_organisation: int
    title: str = ""
    start_date: datetime.date | None = None
    due_date: datetime.date | None = None
    funding_source: str = ""


class FiguresOut(Schema):
    workshops: int
    workshop_people: int
    workshop_firms: int
    workshop_hours: float
    roadmaps: int
    roadmaps_published: int
    actions: int
    actions_by_status: dict[str, int]
    actions_overdue: int
    firm_plans: int
    cluster_meetings: int
    cluster_needs: int
    cluster_needs_followed_up: int
    opportunities: dict
