"""API schemas for calls, applications, reviews, notices and pitch days."""

import datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class CallIn(Schema):
    programme: str = Field(description="Programme slug")
    kind: str
    title_tr: str
    title_en: str = ""
    description_tr: str = ""
    description_en: str = ""
    opens_at: datetime.datetime = Field(description="Naive times are Istanbul time")
    closes_at: datetime.datetime
    published: bool = False
    places: int = 1
    eligible_kinds: list[str] = []
    eligible_nace_prefixes: list[str] = []
    eligible_provinces: list[str] = []
    eligible_zones: list[str] = []
    eligible_employee_bands: list[str] = []
    reviewers_per_application: int = 3
    disagreement_threshold: Decimal = Decimal(25)


class CallPatch(Schema):
    kind: str | None = None
    title_tr: str | None = None
    title_en: str | None = None
    description_tr: str | None = None
    description_en: str | None = None
    opens_at: datetime.datetime | None = None
    closes_at: datetime.datetime | None = None
    published: bool | None = None
    places: int | None = None
    eligible_kinds: list[str] | None = None
    eligible_nace_prefixes: list[str] | None = None
    eligible_provinces: list[str] | None = None
    eligible_zones: list[str] | None = None
    eligible_employee_bands: list[str] | None = None
    reviewers_per_application: int | None = None
    disagreement_threshold: Decimal | None = None


class QuestionIn(Schema):
    kind: str
    label_tr: str
    label_en: str = ""
    help_tr: str = ""
    help_en: str = ""
    required: bool = False
    choices: list[str] = []
    choices_en: list[str] = []
    order: int = 0


class CriterionIn(Schema):
    name_tr: str
    name_en: str = ""
    description_tr: str = ""
    description_en: str = ""
    weight: Decimal = Decimal(1)
    scale_min: int = 0
    scale_max: int = 10
    order: int = 0


class DeclarationIn(Schema):
    text_tr: str
    text_en: str = ""
    order: int = 0


class ChallengeIn(Schema):
    title_tr: str
    title_en: str = ""
    description_tr: str = ""
    description_en: str = ""
    source: str = "firm"
    firm_ids: list[int] = []


class PhaseIn(Schema):
    name_tr: str
    name_en: str = ""
    blind: bool = True
    scoring_open: bool = True
    active: bool = False
    order: int = 0


class QuestionOut(Schema):
    id: int
    kind: str
    label: str
    help: str
    required: bool
    choices: list[str]
    choices_en: list[str] = []
    choice_labels: list[str] = []

    @staticmethod
    def resolve_choice_labels(obj) -> list[str]:
        return [text for _value, text in obj.options]


class CriterionOut(Schema):
    id: int
    name: str
    description: str
    weight: Decimal
    scale_min: int
    scale_max: int


class DeclarationOut(Schema):
    id: int
    text: str


class ChallengeOut(Schema):
    id: int
    title: str
    description: str
    source: str
    firm_count: int


class PhaseOut(Schema):
    id: int
    name: str
    blind: bool
    scoring_open: bool
    active: bool


class CallOut(Schema):
    id: int
    programme: str
    kind: str
    title: str
    title_tr: str
    title_en: str
    description: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    is_open: bool
    published: bool
    places: int


class CallDetailOut(CallOut):
    eligible_kinds: list[str]
    eligible_nace_prefixes: list[str]
    eligible_provinces: list[str]
    eligible_zones: list[str]
    eligible_employee_bands: list[str]
    questions: list[QuestionOut]
    criteria: list[CriterionOut]
    declarations: list[DeclarationOut]
    challenges: list[ChallengeOut]
    phases: list[PhaseOut]


class StartIn(Schema):
    organisation_id: int
    title: str = ""


class ApplicationPatch(Schema):
    title: str | None = None
    summary: str | None = None
    answers: dict[int, Any] = {}
    challenge_ids: list[int] | None = None
    declaration_ids: list[int] | None = None


class AnswerOut(Schema):
    id: int
    question_id: int
    value: Any = None
    file: str | None = None


class ApplicationOut(Schema):
    id: int
    reference: str
    call_id: int
    applicant: str
    organisation_id: int | None
    title: str
    summary: str
    # Fields ("title", "summary", "q<question id>") that name the applicant; a blind reviewer
    # reads [firma] there.
    identity_mentions: list[str] = []
    status: str
    staged_status: str | None = None
    eligibility_reasons: list[str]
    challenge_ids: list[int]
    declaration_ids: list[int]
    answers: list[AnswerOut]
    comments_to_applicant: list[str]
    submitted_at: datetime.datetime | None
    # The statuses this user may move the application to now (what the page offers).
    allowed_transitions: list[str] = []


class OverrideIn(Schema):
    eligible: bool
    note: str


class StageIn(Schema):
    decision: str


class AssignIn(Schema):
    reviewer_id: int


class AutoAssignIn(Schema):
    per_application: int | None = None


class CountOut(Schema):
    count: int


class ReviewOut(Schema):
    id: int
    application: ApplicationOut
    status: str
    total: Decimal | None
    scores: dict[int, int]
    comment_to_applicant: str
    comment_internal: str


class ReviewIn(Schema):
    scores: dict[int, int]
    comment_to_applicant: str = ""
    comment_internal: str = ""


class ConflictIn(Schema):
    """One of: an application reference of the call, a typed organisation name, or (older
    clients) an organisation id."""

    application_reference: str = ""
    name: str = ""
    organisation_id: int | None = None
    note: str = ""


class ConflictOut(Schema):
    id: int
    organisation_id: int | None = None
    declared_as: str = ""
    note: str


class RankOut(Schema):
    rank: int | None
    application_id: int
    reference: str
    applicant: str
    status: str
    reviewed: int
    assigned: int
    criteria: dict[int, float]
    mean: Decimal | None
    median: Decimal | None
    spread: Decimal | None
    disagreement: bool


class NoticeOut(Schema):
    id: int
    application_id: int | None
    recipient: str
    kind: str
    language: str
    subject: str
    body: str
    status: str
    sent_at: datetime.datetime | None


class NoticePatch(Schema):
    subject: str
    body: str


class PitchDayIn(Schema):
    name: str
    date: datetime.date
    venue: str = ""


class SlotIn(Schema):
    application_id: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    room: str = ""
    online_link: str = ""


class SlotOut(Schema):
    id: int
    application_id: int
    provider: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    room: str
    online_link: str


class PitchDayOut(Schema):
    id: int
    name: str
    date: datetime.date
    venue: str
    slots: list[SlotOut]


class InterestIn(Schema):
    firm_id: int
    note: str = ""


class InterestOut(Schema):
    id: int
    slot_id: int
    firm_id: int
    firm: str
    provider_id: int
    provider: str
    note: str
    status: str
    follow_up_note: str


class FollowUpIn(Schema):
    status: str
    note: str = ""
