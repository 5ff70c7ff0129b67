"""Turn a failed permission check into the right error; load only what a user may see."""

from functools import reduce

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404


def require(user, perm: str, obj=None) -> None:
    """Raise PermissionDenied unless ``user`` has ``perm`` (on ``obj``)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def require_visible(user, perm: str, obj) -> None:
    """Like ``require`` but answers 404, so that no one learns an object they may not see exists."""
    if not user.has_perm(perm, obj):
        raise Http404


def get_visible(
    queryset: type[Model] | QuerySet,
    pk,
    user,
    perm: str | None,
    *,
    act: str | None = None,
    of: str = "",
    **lookup,
):
    """The object ``pk`` of ``queryset`` (a model or a queryset) that ``user`` may see.

    404 when it does not exist or ``user`` lacks ``perm`` (the view permission), so its existence
    does not leak; 403 when it is visible but ``user`` lacks ``act`` (the permission to act on it).
    ``of`` names the attribute (dotted) whose object the permissions are checked on, e.g.
    ``"inventory"`` for an opportunity; ``lookup`` narrows the query (``call=call``).
    """
    obj = get_object_or_404(queryset, pk=pk, **lookup)
    target = reduce(getattr, of.split("."), obj) if of else obj
    if perm:
        require_visible(user, perm, target)
    if act:
        require(user, act, target)
    return obj
