"""Template filters for language and format, loaded in every template (settings ``builtins``).

``{{ call|bi:"title" }}`` the Turkish or English text with fallback; ``{{ value|label:"sector" }}``
a stored code through its label; ``{{ x|num }}``, ``{{ x|num:1 }}``, ``{{ x|pct }}``,
``{{ share|share }}``, ``{{ when|day }}``, ``{{ when|moment }}`` numbers and Istanbul dates in
the reader's format (see :mod:`dekvep.core.formatting`).
"""

from urllib.parse import urlsplit

from django import template
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext

from dekvep.catalog.waste import mirror_pair as pair_of
from dekvep.core import formatting, i18n
from dekvep.core.audit_labels import action_label, changes, object_label

register = template.Library()


@register.filter
def sector_label(key: str) -> str:
    """``"white_goods"`` → "Beyaz eşya" / "White goods" in the active language."""
    return i18n.label(key or "other", "sector")


@register.filter
def bi(obj, field: str) -> str:
    return i18n.bilingual(obj, field)


@register.filter
def label(value, vocabulary: str = "") -> str:
    return i18n.label(value, vocabulary)


@register.filter
def num(value, decimals=None) -> str:
    return formatting.format_number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def pct(value, decimals=0) -> str:
    return formatting.format_percent(value, int(decimals))


@register.filter
def share(value, decimals=0) -> str:
    return formatting.format_share(value, int(decimals))


@register.filter
def day(value) -> str:
    return formatting.format_date(value)


@register.filter
def moment(value) -> str:
    return formatting.format_datetime(value)


@register.filter
def month(value) -> str:
    return formatting.format_month(value)


@register.filter
def audit_action(entry) -> str:
    """An audit entry's action in words (``status_in_discussion`` → "durum: Görüşülüyor")."""
    return action_label(entry.action, entry.object_type)


@register.filter
def audit_object(entry) -> str:
    return object_label(entry.object_type)


@register.filter
def audit_changes(entry) -> list:
    """(field, before, after) of an audit entry, in words."""
    return changes(entry)


@register.filter
def mirror_pair(code):
    """The mirror pair of a waste code for the reader (None for an absolute entry)."""
    return pair_of(str(code or ""), i18n.language_of()) if code else None


@register.filter
def with_unit(value, unit: str = "") -> str:
    """``{{ value|with_unit:unit }}``: ``36,5 %`` is written ``%36,5`` in Turkish."""
    return formatting.with_unit(value, unit)


@register.simple_tag(takes_context=True)
def back_link(context, default_url: str, default_label) -> str:
    """A "back" link to the page the reader came from (``?back=`` or the referring page of
    this site), else to ``default_url`` with ``default_label``."""
    request = context.get("request")
    url, label = default_url, default_label
    if request is not None:
        host = {request.get_host()}
        candidate = request.GET.get("back") or request.META.get("HTTP_REFERER", "")
        if candidate and url_has_allowed_host_and_scheme(candidate, host, request.is_secure()):
            parts = urlsplit(candidate)
            if parts.path and parts.path != request.path and parts.path != default_url:
                url = parts.path + (f"?{parts.query}" if parts.query else "")
                label = gettext("Back")
    return format_html('<a href="{}" class="back-link">← {}</a>', url, label)
