"""Helpers that turn a failed permission check into the right error."""

from django.core.exceptions import PermissionDenied
from django.http import Http404


def require(user, perm: str, obj=None) -> None:
    """Raise PermissionDenied unless ``user`` has ``perm`` (on ``obj``)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def require_visible(user, perm: str, obj) -> None:
    """Like ``require`` but answers 404, so that no one learns an object they may not see exists."""
    if not user.has_perm(perm, obj):
        raise Http404
