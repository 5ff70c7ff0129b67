"""API for organisations, sites, memberships, programmes, the current user and API tokens."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from . import audit, jobs, services
from .models import ApiToken, Job, Membership, Organisation, Participation, Site
from .pagination import Pagination
from .permissions import get_visible
from .schemas import (
    AuditEntryOut,
    InvitationIn,
    InvitationOut,
    JobOut,
    MembershipIn,
    MembershipOut,
    MeOut,
    OrganisationIn,
    OrganisationOut,
    OrganisationPatch,
    ParticipantListIn,
    ParticipantOut,
    ProgrammeOut,
    SiteIn,
    SiteOut,
    TokenCreatedOut,
    TokenIn,
    TokenOut,
)
from .selectors import user_roles, visible_organisations, visible_programmes

router = Router(tags=["core"])


def _organisation(request, pk: int) -> Organisation:
    return get_visible(Organisation, pk, request.user, "core.view_organisation")


@router.get("/me", response=MeOut)
def me(request):
    user = request.user
    return {
        **{f: getattr(user, f) for f in MeOut.model_fields if f != "roles"},
        "roles": user_roles(user),
    }


@router.get("/organisations", response=list[OrganisationOut])
@paginate(Pagination)
def list_organisations(request, q: str = "", kind: str = "", sector: str = ""):
    organisations = visible_organisations(request.user).prefetch_related("sites")
    if q:
        organisations = organisations.filter(name__icontains=q)
    if kind:
        organisations = organisations.filter(kind=kind)
    if sector:
        organisations = organisations.filter(sector=sector)
    return organisations.order_by("name")


@router.post("/organisations", response={201: OrganisationOut})
def create_organisation(request, payload: OrganisationIn):
    return 201, services.create_organisation(request.user, **payload.dict())


@router.get("/organisations/{pk}", response=OrganisationOut)
def get_organisation(request, pk: int):
    return _organisation(request, pk)


@router.patch("/organisations/{pk}", response=OrganisationOut)
def update_organisation(request, pk: int, payload: OrganisationPatch):
    organisation = _organisation(request, pk)
    return services.update_organisation(
        request.user, organisation, **payload.dict(exclude_unset=True)
    )


@router.get("/organisations/{pk}/sites", response=list[SiteOut])
@paginate(Pagination)
def list_sites(request, pk: int):
    return _organisation(request, pk).sites.all()


@router.post("/organisations/{pk}/sites", response={201: SiteOut})
def add_site(request, pk: int, payload: SiteIn):
    return 201, services.add_site(request.user, _organisation(request, pk), **payload.dict())


@router.delete("/sites/{pk}", response={204: None})
def delete_site(request, pk: int):
    site = get_visible(Site, pk, request.user, "core.view_organisation", of="organisation")
    services.delete_site(request.user, site)
    return 204, None


@router.get("/organisations/{pk}/members", response=list[MembershipOut])
@paginate(Pagination)
def list_members(request, pk: int):
    organisation = _organisation(request, pk)
    return organisation.memberships.select_related("user").order_by("user__full_name")


@router.patch("/memberships/{pk}", response=MembershipOut)
def change_membership(request, pk: int, payload: MembershipIn):
    membership = get_visible(
        Membership.objects.select_related("user"),
        pk,
        request.user,
        "core.view_organisation",
        of="organisation",
    )
    return services.change_member_role(request.user, membership, payload.role)


@router.delete("/memberships/{pk}", response={204: None})
def remove_membership(request, pk: int):
    membership = get_visible(
        Membership, pk, request.user, "core.view_organisation", of="organisation"
    )
    services.remove_member(request.user, membership)
    return 204, None


@router.post("/organisations/{pk}/invitations", response={201: InvitationOut})
def invite(request, pk: int, payload: InvitationIn):
    organisation = _organisation(request, pk)
    invitation, link = services.invite(request.user, payload.email, organisation, payload.role)
    return 201, {
        "id": invitation.pk,
        "email": invitation.email,
        "role": invitation.role,
        "expires_at": invitation.expires_at.isoformat(),
        "link": request.build_absolute_uri(link),
    }


@router.get("/programmes", response=list[ProgrammeOut])
@paginate(Pagination)
def list_programmes(request):
    return (
        visible_programmes(request.user)
        .distinct()
        .annotate(participant_count=Count("participations", distinct=True))
        .order_by("-starts_on")
    )


@router.get("/programmes/{slug}", response=ProgrammeOut)
def get_programme(request, slug: str):
    programme = get_object_or_404(visible_programmes(request.user).distinct(), slug=slug)
    programme.participant_count = programme.participations.count()
    return programme


@router.get("/programmes/{slug}/participants", response=list[ParticipantOut])
@paginate(Pagination)
def list_participants(request, slug: str):
    programme = get_object_or_404(visible_programmes(request.user).distinct(), slug=slug)
    if not request.user.has_perm("core.view_participants", programme):
        raise PermissionDenied
    return Participation.objects.filter(programme=programme).select_related("organisation")


@router.put("/programmes/{slug}/participant-list", response=ProgrammeOut)
def publish_participant_list(request, slug: str, payload: ParticipantListIn):
    """Publish the participant list to the programme's funder viewers, or withdraw it."""
    programme = get_object_or_404(visible_programmes(request.user).distinct(), slug=slug)
    programme = services.publish_participant_list(request.user, programme, payload.published)
    programme.participant_count = programme.participations.count()
    return programme


def _token_out(token: ApiToken) -> dict:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at.isoformat(),
        "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
        "revoked": token.revoked_at is not None,
    }


@router.get("/tokens", response=list[TokenOut])
@paginate(Pagination)
def list_tokens(request):
    return [_token_out(t) for t in request.user.api_tokens.all()]


@router.post("/tokens", response={201: TokenCreatedOut})
def create_token(request, payload: TokenIn):
    token, key = services.create_api_token(request.user, payload.name)
    return 201, {**_token_out(token), "key": key}


@router.delete("/tokens/{pk}", response={204: None})
def revoke_token(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_api_token(request.user, token)
    return 204, None


@router.get("/audit", response=list[AuditEntryOut])
@paginate(Pagination)
def list_audit_entries(request, object_type: str = "", action: str = "", actor: str = ""):
    """The audit log, only entries about objects the caller may see (as on /audit/)."""
    if not request.user.has_perm("core.view_audit_log"):
        raise PermissionDenied
    entries = audit.visible_entries(request.user).select_related("actor")
    if object_type:
        entries = entries.filter(object_type=object_type)
    if action:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(actor__email__icontains=actor)
    return entries


def _job(request, pk: int):
    job = get_object_or_404(Job, pk=pk)
    if job.created_by_id != request.user.pk and not request.user.has_perm("core.view_audit_log"):
        raise Http404
    return job


@router.get("/jobs/{pk}", response=JobOut)
def get_job(request, pk: int):
    """A background job's progress; one whose heartbeat stopped is reported failed."""
    job = _job(request, pk)
    jobs.mark_stalled()
    job.refresh_from_db()
    return job


@router.post("/jobs/{pk}/resume", response=JobOut)
def resume_job(request, pk: int):
    """Run a failed job again; it skips what it finished (nothing is issued twice)."""
    return jobs.resume_job(_job(request, pk))
