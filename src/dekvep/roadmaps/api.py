"""API for workshops and voting, sector roadmaps, actions, cluster meetings and the register."""

from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from ninja import File, Form, Router
from ninja.files import UploadedFile
from ninja.pagination import paginate

from dekvep.core.api_ids import objects_by_id, programme_of, resolve_ids
from dekvep.core.models import Organisation, User
from dekvep.core.pagination import Pagination
from dekvep.core.permissions import get_visible, require
from dekvep.plans.schemas import ActionOut

from . import instruments, selectors, services
from .models import (
    ClusterMeeting,
    ClusterNeed,
    RoadmapVersion,
    Workshop,
)
from .rules import require_pages
from .schemas import (
    AttendanceIn,
    BarrierIn,
    BarrierOut,
    CommentIn,
    CommentOut,
    FiguresOut,
    FileOut,
    FollowUpIn,
    GoalIn,
    GoalOut,
    InstrumentOut,
    MeasureIn,
    MeasureOut,
    MeetingIn,
    MeetingOut,
    NeedIn,
    NeedOut,
    ProposalIn,
    ProposalOut,
    ResultsOut,
    RoadmapIn,
    RoadmapOut,
    StatusIn,
    VersionOut,
    VersionPatch,
    VotesIn,
    VotingIn,
    WorkshopIn,
    WorkshopOut,
    WorkshopPatch,
)

router = Router(tags=["roadmaps"])


# Workshops ---------------------------------------------------------------------------------


@router.get("/workshops", response=list[WorkshopOut])
@paginate(Pagination)
def list_workshops(request, sector: str = ""):
    require_pages(request.user)
    workshops = selectors.visible_workshops(request.user).prefetch_related("facilitators")
    if sector:
        workshops = workshops.filter(sector=sector)
    return workshops.order_by("starts_at", "pk")


@router.post("/workshops", response={201: WorkshopOut})
def create_workshop(request, payload: WorkshopIn):
    programme = programme_of(request.user)
    return 201, services.create_workshop(request.user, programme, **resolve_ids(payload.dict()))


@router.get("/workshops/{pk}", response=WorkshopOut)
def get_workshop(request, pk: int):
    return get_visible(Workshop, pk, request.user, "roadmaps.view_workshop")


@router.patch("/workshops/{pk}", response=WorkshopOut)
def update_workshop(request, pk: int, payload: WorkshopPatch):
    workshop = get_visible(Workshop, pk, request.user, "roadmaps.view_workshop")
    return services.update_workshop(
        request.user, workshop, **resolve_ids(payload.dict(exclude_unset=True))
    )


@router.put("/workshops/{pk}/attendance", response=WorkshopOut)
def set_attendance(request, pk: int, payload: AttendanceIn):
    workshop = get_visible(Workshop, pk, request.user, "roadmaps.view_workshop")
    return services.record_attendance(
        request.user,
        workshop,
        people=objects_by_id(User, payload.people, "people"),
        organisations=objects_by_id(Organisation, payload.organisations, "organisations"),
    )


@router.post("/workshops/{pk}/files", response={201: FileOut})
def upload_file(request, pk: int, kind: Form[str], file: File[UploadedFile], title: Form[str] = ""):
    workshop = get_visible(Workshop, pk, request.user, "roadmaps.view_workshop")
    return 201, services.add_workshop_file(request.user, workshop, file, kind, title)


@router.get("/workshops/{pk}/proposals", response=list[ProposalOut])
@paginate(Pagination)
def list_proposals(request, pk: int):
    return get_visible(Workshop, pk, request.user, "roadmaps.view_workshop").items.all()


@router.post("/workshops/{pk}/proposals", response={201: ProposalOut})
def add_proposal(request, pk: int, payload: ProposalIn):
    workshop = get_visible(Workshop, pk, request.user, "roadmaps.view_workshop")
    return 201, services.add_vote_item(request.user, workshop, **payload.dict())


@router.post("/workshops/{pk}/voting", response=WorkshopOut)
def change_voting(request, pk: int, payload: VotingIn):
    workshop = get_visible(Workshop, pk, request.user, "roadmaps.view_workshop")
    return services.change_voting(request.user, workshop, payload.to)


def _results(workshop, user):
    return {
        "voting": workshop.voting,
        "vote_allowance": workshop.vote_allowance,
        "voters": selectors.voter_count(workshop),
        "my_votes": selectors.my_votes(workshop, user),
        "results": selectors.vote_results(workshop),
    }


@router.put("/workshops/{pk}/votes", response=ResultsOut)
def cast_votes(request, pk: int, payload: VotesIn):
    workshop = get_visible(Workshop, pk, request.user, "roadmaps.view_workshop")
    services.cast_votes(request.user, workshop, payload.votes)
    workshop.refresh_from_db()
    return _results(workshop, request.user)


@router.get("/workshops/{pk}/results", response=ResultsOut)
def results(request, pk: int):
    workshop = get_visible(Workshop, pk, request.user, "roadmaps.view_workshop")
    return _results(workshop, request.user)


# Roadmaps ----------------------------------------------------------------------------------


def _roadmap_out(roadmap, user):
    return {
        "id": roadmap.pk,
        "sector": roadmap.sector,
        "title": roadmap.title,
        "versions": list(selectors.visible_versions(user, roadmap)),
    }


@router.get("/roadmaps", response=list[RoadmapOut])
@paginate(Pagination)
def list_roadmaps(request):
    require_pages(request.user)
    return [
        _roadmap_out(r, request.user)
        for r in selectors.visible_roadmaps(request.user).order_by("sector")
    ]


@router.post("/roadmaps", response={201: VersionOut})
def create_roadmap(request, payload: RoadmapIn):
    return 201, services.create_roadmap(request.user, programme_of(request.user), **payload.dict())


@router.post("/roadmaps/{pk}/versions", response={201: VersionOut})
def new_version(request, pk: int):
    roadmap = get_object_or_404(selectors.visible_roadmaps(request.user), pk=pk)
    return 201, services.start_new_version(request.user, roadmap)


def _version(request, pk):
    return get_visible(
        RoadmapVersion.objects.select_related("roadmap__programme"),
        pk,
        request.user,
        "roadmaps.view_roadmap",
    )


@router.get("/versions/{pk}", response=VersionOut)
def get_version(request, pk: int):
    return _version(request, pk)


@router.patch("/versions/{pk}", response=VersionOut)
def update_version(request, pk: int, payload: VersionPatch):
    """A published version is not changed: the edit makes a new draft version, returned here."""
    return services.update_version(
        request.user, _version(request, pk), **payload.dict(exclude_unset=True)
    )


@router.post("/versions/{pk}/status", response=VersionOut)
def change_status(request, pk: int, payload: StatusIn):
    return services.change_version_status(request.user, _version(request, pk), payload.to)


@router.post("/versions/{pk}/goals", response={201: GoalOut})
def add_goal(request, pk: int, payload: GoalIn):
    return 201, services.add_goal(request.user, _version(request, pk), **payload.dict())


@router.post("/versions/{pk}/barriers", response={201: BarrierOut})
def add_barrier(request, pk: int, payload: BarrierIn):
    return 201, services.add_barrier(request.user, _version(request, pk), **payload.dict())


@router.post("/versions/{pk}/actions", response={201: MeasureOut})
def add_measure(request, pk: int, payload: MeasureIn):
    version = _version(request, pk)
    data = payload.dict()
    goal = version.goals.filter(pk=data.pop("goal")).first() if data.get("goal") else None
    barriers = list(version.barriers.filter(pk__in=data.pop("barriers")))
    return 201, services.add_measure(request.user, version, goal=goal, barriers=barriers, **data)


@router.get("/versions/{pk}/comments", response=list[CommentOut])
@paginate(Pagination)
def list_comments(request, pk: int):
    version = _version(request, pk)
    if not request.user.has_perm("roadmaps.change_roadmap", version):
        return version.comments.filter(author=request.user)
    return version.comments.all()


@router.post("/versions/{pk}/comments", response={201: CommentOut})
def add_comment(request, pk: int, payload: CommentIn):
    version = _version(request, pk)
    goal = version.goals.filter(pk=payload.goal).first() if payload.goal else None
    return 201, services.comment_on_roadmap(request.user, version, payload.text, goal)


# Cluster meetings --------------------------------------------------------------------------


@router.get("/cluster-meetings", response=list[MeetingOut])
@paginate(Pagination)
def list_meetings(request):
    require_pages(request.user)
    return selectors.visible_meetings(request.user).prefetch_related("needs").order_by("starts_at")


@router.post("/cluster-meetings", response={201: MeetingOut})
def create_meeting(request, payload: MeetingIn):
    return 201, services.create_cluster_meeting(
        request.user, programme_of(request.user), **resolve_ids(payload.dict())
    )


@router.get("/cluster-meetings/{pk}", response=MeetingOut)
def get_meeting(request, pk: int):
    return get_visible(ClusterMeeting, pk, request.user, "roadmaps.view_cluster_meeting")


@router.post("/cluster-meetings/{pk}/needs", response={201: NeedOut})
def add_need(request, pk: int, payload: NeedIn):
    meeting = get_visible(ClusterMeeting, pk, request.user, "roadmaps.view_cluster_meeting")
    data = payload.dict()
    organisations = list(meeting.participants.filter(pk__in=data.pop("organisations")))
    return 201, services.record_need(request.user, meeting, organisations=organisations, **data)


@router.post("/needs/{pk}/follow-up", response={201: ActionOut})
def follow_up(request, pk: int, payload: FollowUpIn):
    need = get_visible(
        ClusterNeed.objects.select_related("meeting"),
        pk,
        request.user,
        "roadmaps.view_cluster_meeting",
        of="meeting",
    )
    data = resolve_ids(payload.dict())
    owner = data.pop("owner_organisation")
    return 201, services.create_follow_up(request.user, need, owner, **data)


@router.get("/instruments", response=list[InstrumentOut])
@paginate(Pagination)
def list_instruments(request, need_type: str = ""):
    require_pages(request.user)
    items = instruments.for_need_type(need_type) if need_type else instruments.instruments()
    return [i.as_dict(get_language() or "tr") for i in items]


# Figures -----------------------------------------------------------------------------------


@router.get("/figures", response=FiguresOut)
def figures(request):
    programme = programme_of(request.user)
    require(request.user, "roadmaps.view_figures", programme)
    return selectors.programme_figures(programme)
