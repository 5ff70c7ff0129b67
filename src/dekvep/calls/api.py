"""API for calls, applications, reviews, notices and pitch days: the same services as the pages."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import File, Router
from ninja.files import UploadedFile
from ninja.pagination import paginate

from dekvep.core.models import Organisation, Programme, User
from dekvep.core.pagination import Pagination
from dekvep.core.permissions import get_visible
from dekvep.core.rules import member_organisation_ids
from dekvep.core.states import allowed_transitions

from . import services
from .blinding import Shown, mentions
from .downloads import answer_file_response
from .eligibility import reason_text
from .identity import applicant_name, download_name
from .models import Application, Call, Notice, PitchDay, PitchInterest, PitchSlot, Review
from .schemas import (
    ApplicationOut,
    ApplicationPatch,
    AssignIn,
    AutoAssignIn,
    CallDetailOut,
    CallIn,
    CallOut,
    CallPatch,
    ChallengeIn,
    ConflictIn,
    ConflictOut,
    CountOut,
    CriterionIn,
    DeclarationIn,
    FollowUpIn,
    InterestIn,
    InterestOut,
    NoticeOut,
    NoticePatch,
    OverrideIn,
    PhaseIn,
    PitchDayIn,
    PitchDayOut,
    QuestionIn,
    RankOut,
    ReviewIn,
    ReviewOut,
    SlotIn,
    SlotOut,
    StageIn,
    StartIn,
)
from .selectors import (
    assigned_reviews,
    load_application,
    load_call,
    own_applications,
    ranking,
    visible_calls,
)

router = Router(tags=["calls"])
S = Application.Status


def call_out(call: Call) -> dict:
    return {
        "id": call.pk,
        "programme": call.programme.slug,
        "kind": call.kind,
        "title": call.title,
        "title_tr": call.title_tr,
        "title_en": call.title_en,
        "description": call.description,
        "opens_at": call.opens_at,
        "closes_at": call.closes_at,
        "is_open": call.is_open(),
        "published": call.published,
        "places": call.places,
    }


def call_detail_out(call: Call) -> dict:
    return {
        **call_out(call),
        **{
            f: getattr(call, f)
            for f in (
                "eligible_kinds",
                "eligible_nace_prefixes",
                "eligible_provinces",
                "eligible_zones",
                "eligible_employee_bands",
            )
        },
        "questions": list(call.questions.all()),
        "criteria": list(call.criteria.all()),
        "declarations": list(call.declarations.all()),
        "challenges": [
            {
                "id": c.pk,
                "title": c.title,
                "description": c.description,
                "source": c.source,
                "firm_count": c.firms.count(),
            }
            for c in call.challenges.all()
        ],
        "phases": list(call.phases.all()),
    }


def application_out(application: Application, user) -> dict:
    """The application as ``user`` may see it: no identity in a blind phase, no staged decision."""
    name = applicant_name(application, user)
    hidden = name == application.reference and application.organisation.name != name
    is_staff = user.has_perm("calls.view_applications", application.call)
    shown = Shown(application, user)
    announced = application.status in (S.SHORTLISTED, S.REJECTED, S.SELECTED, S.CONFIRMED)
    comments = []
    if announced or is_staff:
        comments = [
            c for c in application.reviews.values_list("comment_to_applicant", flat=True) if c
        ]
    return {
        "id": application.pk,
        "reference": application.reference,
        "call_id": application.call_id,
        "applicant": name,
        "organisation_id": None if hidden else application.organisation_id,
        "title": shown.title,
        "summary": shown.summary,
        # Where the applicant's own words name it (for the applicant and staff, not the jury).
        "identity_mentions": [] if shown.blind else [m["field"] for m in mentions(application)],
        "status": application.status,
        "staged_status": application.staged_status if is_staff else None,
        "eligibility_reasons": [reason_text(r) for r in application.eligibility_reasons],
        "challenge_ids": list(application.challenges.values_list("pk", flat=True)),
        "declaration_ids": application.declarations_accepted,
        "answers": [
            {
                "id": a.pk,
                "question_id": a.question_id,
                "value": shown.value(a.value),
                "file": download_name(a) if a.file else None,
            }
            for a in application.answers.all()
        ],
        "comments_to_applicant": comments,
        "submitted_at": application.submitted_at,
        "allowed_transitions": allowed_transitions(application, user),
    }


# Calls -----------------------------------------------------------------------------------


@router.get("/calls", response=list[CallOut])
@paginate(Pagination)
def list_calls(request, kind: str = ""):
    calls = visible_calls(request.user).order_by("-opens_at")
    if kind:
        calls = calls.filter(kind=kind)
    return [call_out(c) for c in calls]


@router.post("/calls", response={201: CallDetailOut})
def create_call(request, payload: CallIn):
    data = payload.dict()
    programme = get_object_or_404(Programme, slug=data.pop("programme"))
    return 201, call_detail_out(services.create_call(request.user, programme, **data))


@router.get("/calls/{pk}", response=CallDetailOut)
def get_call(request, pk: int):
    return call_detail_out(load_call(request.user, pk))


@router.patch("/calls/{pk}", response=CallDetailOut)
def update_call(request, pk: int, payload: CallPatch):
    call = load_call(request.user, pk)
    return call_detail_out(
        services.update_call(request.user, call, **payload.dict(exclude_unset=True))
    )


def _add_part(request, pk, part, payload, **extra):
    call = load_call(request.user, pk)
    services.add_part(request.user, call, part, **payload.dict(), **extra)
    return 201, call_detail_out(call)


@router.post("/calls/{pk}/questions", response={201: CallDetailOut})
def add_question(request, pk: int, payload: QuestionIn):
    return _add_part(request, pk, "question", payload)


@router.post("/calls/{pk}/criteria", response={201: CallDetailOut})
def add_criterion(request, pk: int, payload: CriterionIn):
    return _add_part(request, pk, "criterion", payload)


@router.post("/calls/{pk}/declarations", response={201: CallDetailOut})
def add_declaration(request, pk: int, payload: DeclarationIn):
    return _add_part(request, pk, "declaration", payload)


@router.post("/calls/{pk}/challenges", response={201: CallDetailOut})
def add_challenge(request, pk: int, payload: ChallengeIn):
    data = payload.dict()
    firms = list(Organisation.objects.filter(pk__in=data.pop("firm_ids")))
    call = load_call(request.user, pk)
    services.add_part(request.user, call, "challenge", firms=firms, **data)
    return 201, call_detail_out(call)


@router.post("/calls/{pk}/phases", response={201: CallDetailOut})
def add_phase(request, pk: int, payload: PhaseIn):
    return _add_part(request, pk, "phase", payload)


@router.post("/calls/{pk}/phases/{phase_id}/activate", response=CallDetailOut)
def activate_phase(request, pk: int, phase_id: int):
    call = load_call(request.user, pk)
    services.activate_phase(request.user, get_object_or_404(call.phases, pk=phase_id))
    return call_detail_out(Call.objects.get(pk=pk))


# Applications ----------------------------------------------------------------------------


@router.get("/applications", response=list[ApplicationOut])
@paginate(Pagination)
def my_applications(request):
    return [
        application_out(a, request.user) for a in own_applications(request.user).order_by("-pk")
    ]


@router.post("/calls/{pk}/applications", response={201: ApplicationOut})
def start_application(request, pk: int, payload: StartIn):
    call = load_call(request.user, pk)
    organisation = get_object_or_404(Organisation, pk=payload.organisation_id)
    if organisation.pk not in member_organisation_ids(request.user):
        raise PermissionDenied
    application = services.start_application(request.user, call, organisation, payload.title)
    return 201, application_out(application, request.user)


@router.get("/calls/{pk}/applications", response=list[ApplicationOut])
@paginate(Pagination)
def call_applications(request, pk: int, status: str = ""):
    call = load_call(request.user, pk, "calls.view_applications")
    rows = call.applications.select_related("call__programme", "organisation").order_by("reference")
    if status:
        rows = rows.filter(status=status)
    return [application_out(a, request.user) for a in rows]


@router.get("/applications/{pk}", response=ApplicationOut)
def get_application(request, pk: int):
    return application_out(load_application(request.user, pk), request.user)


@router.patch("/applications/{pk}", response=ApplicationOut)
def update_application(request, pk: int, payload: ApplicationPatch):
    application = load_application(request.user, pk)
    services.save_application(request.user, application, **payload.dict(exclude_unset=True))
    return application_out(Application.objects.get(pk=pk), request.user)


@router.post("/applications/{pk}/files/{question_id}", response=ApplicationOut)
def upload_file(request, pk: int, question_id: int, file: UploadedFile = File(...)):
    application = load_application(request.user, pk)
    services.save_application(request.user, application, files={question_id: file})
    return application_out(Application.objects.get(pk=pk), request.user)


@router.get("/answers/{pk}/file")
def download_file(request, pk: int):
    return answer_file_response(request, pk)


def _move(request, pk, fn):
    application = load_application(request.user, pk)
    return application_out(fn(application), request.user)


@router.post("/applications/{pk}/submit", response=ApplicationOut)
def submit(request, pk: int):
    return _move(request, pk, lambda a: services.submit(request.user, a))


@router.post("/applications/{pk}/withdraw", response=ApplicationOut)
def withdraw(request, pk: int):
    return _move(request, pk, lambda a: services.withdraw(request.user, a))


@router.post("/applications/{pk}/confirm", response=ApplicationOut)
def confirm(request, pk: int):
    return _move(request, pk, lambda a: services.confirm(request.user, a))


@router.post("/applications/{pk}/eligibility", response=ApplicationOut)
def override(request, pk: int, payload: OverrideIn):
    return _move(
        request,
        pk,
        lambda a: services.override_eligibility(request.user, a, payload.eligible, payload.note),
    )


@router.post("/applications/{pk}/stage", response=ApplicationOut)
def stage(request, pk: int, payload: StageIn):
    return _move(request, pk, lambda a: services.stage_decision(request.user, a, payload.decision))


@router.post("/calls/{pk}/announce", response=CountOut)
def announce(request, pk: int):
    return {"count": services.announce(request.user, load_call(request.user, pk))}


# Review ----------------------------------------------------------------------------------


@router.post("/applications/{pk}/reviewers", response={201: CountOut})
def assign(request, pk: int, payload: AssignIn):
    application = load_application(request.user, pk)
    reviewer = get_object_or_404(User, pk=payload.reviewer_id)
    services.assign_reviewer(request.user, application, reviewer)
    return 201, {"count": application.reviews.count()}


@router.post("/calls/{pk}/auto-assign", response=CountOut)
def auto_assign(request, pk: int, payload: AutoAssignIn):
    call = load_call(request.user, pk)
    return {"count": services.auto_assign(request.user, call, payload.per_application)}


def review_out(review: Review, user) -> dict:
    return {
        "id": review.pk,
        "application": application_out(review.application, user),
        "status": review.status,
        "total": review.total,
        "scores": dict(review.scores.values_list("criterion_id", "value")),
        "comment_to_applicant": review.comment_to_applicant,
        "comment_internal": review.comment_internal,
    }


@router.get("/reviews", response=list[ReviewOut])
@paginate(Pagination)
def my_reviews(request):
    return [review_out(r, request.user) for r in assigned_reviews(request.user).order_by("pk")]


@router.get("/reviews/{pk}", response=ReviewOut)
def get_review(request, pk: int):
    return review_out(get_object_or_404(assigned_reviews(request.user), pk=pk), request.user)


@router.post("/reviews/{pk}/submit", response=ReviewOut)
def submit_review(request, pk: int, payload: ReviewIn):
    review = get_object_or_404(assigned_reviews(request.user), pk=pk)
    review = services.transition_review(
        request.user,
        review,
        Review.Status.SUBMITTED,
        payload.scores,
        payload.comment_to_applicant,
        payload.comment_internal,
    )
    return review_out(review, request.user)


@router.post("/calls/{pk}/conflicts", response={201: ConflictOut})
def declare_conflict(request, pk: int, payload: ConflictIn):
    """Declare by application reference or by a typed name (matched on the server).

    ``organisation_id`` is still taken, but answered the same way whether or not that
    organisation applied: the endpoint is no directory of who applied.
    """
    call = load_call(request.user, pk, "calls.declare_conflict")
    if payload.application_reference:
        conflict = services.declare_for_application(
            request.user, call, payload.application_reference, payload.note
        )
    elif payload.organisation_id is not None:
        organisation = get_object_or_404(Organisation, pk=payload.organisation_id)
        conflict = services.declare_by_name(request.user, call, organisation.name, payload.note)
    else:
        conflict = services.declare_by_name(request.user, call, payload.name, payload.note)
    return 201, {
        "id": conflict.pk,
        "organisation_id": payload.organisation_id,
        "declared_as": conflict.declared_name,
        "note": conflict.note,
    }


@router.get("/calls/{pk}/ranking", response=list[RankOut])
@paginate(Pagination)
def call_ranking(request, pk: int):
    call = load_call(request.user, pk, "calls.view_ranking")
    return [row.__dict__ for row in ranking(call, request.user)]


# Notices ---------------------------------------------------------------------------------


def notice_out(notice: Notice) -> dict:
    return {
        "id": notice.pk,
        "application_id": notice.application_id,
        "recipient": notice.recipient.email,
        "kind": notice.kind,
        "language": notice.language,
        "subject": notice.subject,
        "body": notice.body,
        "status": notice.status,
        "sent_at": notice.sent_at,
    }


@router.get("/calls/{pk}/notices", response=list[NoticeOut])
@paginate(Pagination)
def outbox(request, pk: int, status: str = "held"):
    call = load_call(request.user, pk, "calls.manage_notices")
    return [notice_out(n) for n in call.notices.filter(status=status).select_related("recipient")]


def _notice(request, pk) -> Notice:
    return get_visible(
        Notice.objects.select_related("call", "recipient"), pk, request.user, "calls.manage_notices"
    )


@router.patch("/notices/{pk}", response=NoticeOut)
def edit_notice(request, pk: int, payload: NoticePatch):
    notice = services.edit_notice(request.user, _notice(request, pk), payload.subject, payload.body)
    return notice_out(notice)


@router.post("/notices/{pk}/release", response=NoticeOut)
def release_notice(request, pk: int):
    services.transition_notice(request.user, _notice(request, pk), Notice.Status.RELEASED)
    return notice_out(_notice(request, pk))


@router.post("/notices/{pk}/discard", response=NoticeOut)
def discard_notice(request, pk: int):
    services.transition_notice(request.user, _notice(request, pk), Notice.Status.DISCARDED)
    return notice_out(_notice(request, pk))


# Pitch day -------------------------------------------------------------------------------


def slot_out(slot: PitchSlot) -> dict:
    return {
        "id": slot.pk,
        "application_id": slot.application_id,
        "provider": slot.application.organisation.name,
        "title": slot.application.title,
        "starts_at": slot.starts_at,
        "ends_at": slot.ends_at,
        "room": slot.room,
        "online_link": slot.online_link,
    }


def day_out(day: PitchDay) -> dict:
    slots = day.slots.select_related("application__organisation")
    return {
        "id": day.pk,
        "name": day.name,
        "date": day.date,
        "venue": day.venue,
        "slots": [slot_out(s) for s in slots],
    }


@router.get("/calls/{pk}/pitch-days", response=list[PitchDayOut])
@paginate(Pagination)
def pitch_days(request, pk: int):
    call = load_call(request.user, pk)
    return [
        day_out(d)
        for d in call.pitch_days.all()
        if request.user.has_perm("calls.view_pitch_day", d)
    ]


@router.post("/calls/{pk}/pitch-days", response={201: PitchDayOut})
def create_pitch_day(request, pk: int, payload: PitchDayIn):
    day = services.create_pitch_day(request.user, load_call(request.user, pk), **payload.dict())
    return 201, day_out(day)


def _day(request, pk) -> PitchDay:
    return get_visible(
        PitchDay.objects.select_related("call__programme"), pk, request.user, "calls.view_pitch_day"
    )


@router.post("/pitch-days/{pk}/slots", response={201: SlotOut})
def add_slot(request, pk: int, payload: SlotIn):
    day = _day(request, pk)
    data = payload.dict()
    application = get_object_or_404(Application, pk=data.pop("application_id"), call=day.call)
    return 201, slot_out(services.add_slot(request.user, day, application, **data))


@router.post("/pitch-days/{pk}/invitations", response=CountOut)
def invite(request, pk: int, reminder: bool = False):
    return {"count": services.invite_to_pitch(request.user, _day(request, pk), reminder=reminder)}


def interest_out(interest: PitchInterest) -> dict:
    provider = interest.slot.application.organisation
    return {
        "id": interest.pk,
        "slot_id": interest.slot_id,
        "firm_id": interest.firm_id,
        "firm": interest.firm.name,
        "provider_id": provider.pk,
        "provider": provider.name,
        "note": interest.note,
        "status": interest.status,
        "follow_up_note": interest.follow_up_note,
    }


@router.post("/slots/{pk}/interest", response={201: InterestOut})
def mark_interest(request, pk: int, payload: InterestIn):
    slot = get_visible(
        PitchSlot.objects.select_related("pitch_day__call__programme"),
        pk,
        request.user,
        "calls.view_pitch_day",
        of="pitch_day",
    )
    firm = get_object_or_404(Organisation, pk=payload.firm_id)
    return 201, interest_out(services.mark_interest(request.user, slot, firm, payload.note))


@router.get("/calls/{pk}/interests", response=list[InterestOut])
@paginate(Pagination)
def interests(request, pk: int):
    call = load_call(request.user, pk)
    rows = PitchInterest.objects.filter(slot__pitch_day__call=call).select_related(
        "firm", "slot__application__organisation"
    )
    if not request.user.has_perm("calls.view_applications", call):
        mine = member_organisation_ids(request.user)
        rows = rows.filter(firm_id__in=mine) | rows.filter(
            slot__application__organisation_id__in=mine
        )
    return [interest_out(i) for i in rows]


@router.post("/interests/{pk}/status", response=InterestOut)
def follow_up(request, pk: int, payload: FollowUpIn):
    interest = get_visible(
        PitchInterest.objects.select_related("slot__pitch_day__call"),
        pk,
        request.user,
        "calls.view_interest",
    )
    interest = services.transition_interest(request.user, interest, payload.status, payload.note)
    return interest_out(interest)
