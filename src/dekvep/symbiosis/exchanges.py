"""Exchanges with their evidence, confirmed by both firms and verified by a facilitator; the route
a synergy replaces; the realised figures that count only recorded exchanges.

Realised tonnes of a year are the exchanges dated in the twelve months up to a day (the
programme's latest counted exchange by default): a one-off lot counts once, and an ended
synergy's exchanges after its end date never count. Verified figures count only the exchanges a
facilitator verified.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Max, Q, Sum
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from dekvep.core.audit import record as audit
from dekvep.core.audit import record_created
from dekvep.core.formatting import format_datetime
from dekvep.core.i18n import pick
from dekvep.core.memo import once, programme_key
from dekvep.core.permissions import require
from dekvep.core.rules import is_member_of
from dekvep.core.uploads import checked_upload
from dekvep.symbiosis import engine
from dekvep.symbiosis.models import BaselineRoute, Exchange, Synergy

LIVE = (Synergy.State.AGREED, Synergy.State.ACTIVE, Synergy.State.ENDED)
EVIDENCE_FIELDS = ("transport_document", "weighbridge_ticket", "invoice_number")
INVOICE_TYPES = (".pdf", ".png", ".jpg", ".jpeg")
YEAR = dt.timedelta(days=365)


def record(actor, synergy: Synergy, date: dt.date, tonnes: float, invoice=None, **evidence):
    """Record a delivery; the recording side's confirmation is given with it."""
    require(actor, "symbiosis.change_synergy", synergy)
    if synergy.state not in LIVE:
        raise ValidationError({"state": _("Exchanges are recorded once the synergy is agreed.")})
    if not tonnes or tonnes <= 0:
        raise ValidationError({"tonnes": _("Give the tonnes exchanged.")})
    if synergy.ended_on and date and date > synergy.ended_on:
        raise ValidationError({"date": _("The synergy ended before this date.")})
    unknown = set(evidence) - set(EVIDENCE_FIELDS)
    if unknown:
        raise TypeError(f"unknown evidence fields: {sorted(unknown)}")
    exchange = Exchange(
        synergy=synergy,
        date=date,
        tonnes=tonnes,
        recorded_by=actor,
        **{k: (v or "").strip() for k, v in evidence.items()},
    )
    if invoice is not None:
        exchange.invoice = checked_upload(invoice, allowed=INVOICE_TYPES)
    _confirm_side(actor, exchange)
    exchange.full_clean()
    with transaction.atomic():
        exchange.save()
        record_created(actor, exchange, programme=synergy.programme)
    return exchange


def _side(actor, synergy) -> str | None:
    if is_member_of(actor, synergy.offer):
        return "offer"
    if is_member_of(actor, synergy.want):
        return "want"
    return None


def _confirm_side(actor, exchange: Exchange) -> str | None:
    side = _side(actor, exchange.synergy)
    if side and not getattr(exchange, f"{side}_confirmed_at"):
        setattr(exchange, f"{side}_confirmed_by", actor)
        setattr(exchange, f"{side}_confirmed_at", timezone.now())
    return side


def confirm(actor, exchange: Exchange) -> Exchange:
    """A firm of the synergy confirms the delivery took place as recorded."""
    synergy = exchange.synergy
    require(actor, "symbiosis.view_synergy", synergy)
    with transaction.atomic():
        exchange = Exchange.objects.select_for_update().get(pk=exchange.pk)
        before = (exchange.offer_confirmed_at, exchange.want_confirmed_at)
        side = _confirm_side(actor, exchange)
        if side is None:
            raise PermissionDenied
        if before != (exchange.offer_confirmed_at, exchange.want_confirmed_at):
            field = f"{side}_confirmed_at"
            exchange.save(update_fields=[field, f"{side}_confirmed_by"])
            audit(
                actor,
                "confirmed",
                exchange,
                {field: [None, "confirmed"]},
                programme=synergy.programme,
            )
    return exchange


def verify(actor, exchange: Exchange) -> Exchange:
    """A facilitator marks a delivery verified: both firms confirmed it and it has evidence."""
    synergy = exchange.synergy
    require(actor, "symbiosis.verify_exchange", synergy.programme)
    with transaction.atomic():
        exchange = Exchange.objects.select_for_update().get(pk=exchange.pk)
        if not exchange.confirmed:
            raise ValidationError({"exchange": _("Both firms must confirm the exchange first.")})
        if not exchange.has_evidence:
            raise ValidationError(
                {"exchange": _("Give a transport document, weighbridge ticket or invoice first.")}
            )
        if exchange.verified_at is None:
            exchange.verified_at, exchange.verified_by = timezone.now(), actor
            exchange.save(update_fields=["verified_at", "verified_by"])
            audit(
                actor,
                "verified",
                exchange,
                {"verified_at": [None, "verified"]},
                programme=synergy.programme,
            )
    return exchange


def attach_invoice(actor, exchange: Exchange, upload) -> Exchange:
    """An invoice file for a recorded exchange, through the upload checks."""
    require(actor, "symbiosis.change_synergy", exchange.synergy)
    if exchange.verified_at:
        raise ValidationError({"invoice": _("A verified exchange cannot be changed.")})
    upload = checked_upload(upload, allowed=INVOICE_TYPES)
    with transaction.atomic():
        exchange.invoice = upload
        exchange.save(update_fields=["invoice"])
        audit(
            actor,
            "updated",
            exchange,
            {"invoice": [None, "uploaded"]},
            programme=exchange.synergy.programme,
        )
    return exchange


def set_route(actor, synergy: Synergy, baseline_route: str, receiving_process: str) -> Synergy:
    """Say what happened to the material before and what the receiver now does with it."""
    require(actor, "symbiosis.change_synergy", synergy)
    if baseline_route not in BaselineRoute.values:
        raise ValidationError({"baseline_route": _("Pick one of the listed routes.")})
    receiving_process = (receiving_process or "").strip()
    if receiving_process and receiving_process not in engine.default_knowledge().processes:
        raise ValidationError({"receiving_process": _("Unknown receiving process.")})
    changes = {
        name: [getattr(synergy, name), value]
        for name, value in (
            ("baseline_route", baseline_route),
            ("receiving_process", receiving_process),
        )
        if getattr(synergy, name) != value
    }
    if changes:
        with transaction.atomic():
            for name, (_before, value) in changes.items():
                setattr(synergy, name, value)
            synergy.save(update_fields=list(changes))
            audit(actor, "updated", synergy, changes, programme=synergy.programme)
    return synergy


def counted(exchanges):
    """Exchanges that count: not after their synergy's end date, of a live synergy."""
    return exchanges.filter(synergy__state__in=LIVE).filter(
        Q(synergy__ended_on__isnull=True) | Q(date__lte=F("synergy__ended_on"))
    )


def realised_exchanges(programme, until: dt.date | None = None, verified: bool = False):
    """The counted exchanges of the programme dated in the twelve months up to ``until``: by
    default its latest counted exchange (never after today), so that a programme that ended
    still shows the year its synergies last delivered."""
    counted_here = counted(Exchange.objects.filter(synergy__programme=programme))
    today = timezone.localdate()
    if until is None:
        latest = once(
            ("latest_counted_exchange", programme_key(programme), today),
            lambda: counted_here.filter(date__lte=today).aggregate(d=Max("date"))["d"],
        )
        until = latest or today
    found = counted_here.filter(date__gt=until - YEAR, date__lte=until)
    return found.filter(verified_at__isnull=False) if verified else found


def realised_impact(programme, until=None, verified=False) -> engine.Impact:
    """Impact of the realised exchanges, summed per material, process, route and distance
    (read once per request: the impact page shows several of its figures)."""
    key = ("realised_impact", programme_key(programme), until, verified)
    return once(key, lambda: _realised_impact(programme, until, verified))


def _realised_impact(programme, until, verified) -> engine.Impact:
    rows = (
        realised_exchanges(programme, until, verified)
        .order_by()
        .values(
            "synergy__offer__material",
            "synergy__offer__hazardous",
            "synergy__receiving_process",
            "synergy__baseline_route",
            "synergy__distance_km",
        )
        .annotate(t=Sum("tonnes"), n=Count("pk"))
    )
    impacts = []
    for row in rows:
        impact = engine.exchange_impact(
            row["t"] or 0.0,
            row["synergy__offer__material"] or None,
            row["synergy__distance_km"],
            row["synergy__offer__hazardous"],
            process=row["synergy__receiving_process"] or None,
            baseline_route=row["synergy__baseline_route"],
        )
        # the savings not reported are counted in exchanges, not in groups of them
        impacts.append(replace(impact, savings_not_reported=impact.savings_not_reported * row["n"]))
    return engine.total_impact(impacts)


def synergy_realised(synergy: Synergy, until=None) -> engine.Impact:
    mine = counted(synergy.exchanges.all())
    if until is None:
        latest = mine.filter(date__lte=timezone.localdate()).aggregate(d=Max("date"))["d"]
        until = latest or timezone.localdate()
    exchanges = mine.filter(date__gt=until - YEAR, date__lte=until)
    tonnes = exchanges.aggregate(t=Sum("tonnes"))["t"] or 0.0
    return engine.exchange_impact(
        tonnes,
        synergy.offer.material or None,
        synergy.distance_km,
        synergy.offer.hazardous,
        process=synergy.receiving_process or None,
        baseline_route=synergy.baseline_route,
    )


def present_exchange(user, exchange: Exchange) -> dict:
    """An exchange as the pages and the API show it, with what this user may do to it."""
    side = _side(user, exchange.synergy)
    return {
        "id": exchange.pk,
        "date": exchange.date,
        "tonnes": exchange.tonnes,
        "transport_document": exchange.transport_document,
        "weighbridge_ticket": exchange.weighbridge_ticket,
        "invoice_number": exchange.invoice_number,
        "has_invoice": bool(exchange.invoice),
        "offer_confirmed": exchange.offer_confirmed_at is not None,
        "want_confirmed": exchange.want_confirmed_at is not None,
        "verified": exchange.verified_at is not None,
        "verified_at": exchange.verified_at,
        "may_confirm": bool(side) and getattr(exchange, f"{side}_confirmed_at") is None,
        "may_verify": exchange.verified_at is None
        and user.has_perm("symbiosis.verify_exchange", exchange.synergy.programme),
    }


def invoice_response(user, exchange: Exchange):
    require(user, "symbiosis.view_synergy", exchange.synergy)
    if not exchange.invoice:
        raise Http404
    suffix = exchange.invoice.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        exchange.invoice.open("rb"),
        content_type="application/pdf" if suffix == "pdf" else f"image/{suffix}",
        as_attachment=True,
        filename=f"{_('invoice')}-{exchange.pk}.{suffix}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def verification_trail(programme, language: str = "tr") -> list[dict]:
    """Every exchange of the programme's agreed synergies with its evidence, confirmations and
    verification — for the funder's report, so firms are named by neither name nor site."""
    materials = engine.default_knowledge().materials
    realised = set(realised_exchanges(programme).values_list("pk", flat=True))
    found = (
        Exchange.objects.filter(synergy__programme=programme, synergy__state__in=LIVE)
        .select_related("synergy__offer", "verified_by")
        .order_by("date", "pk")
    )
    rows = []
    for e in found:
        material = materials.get(e.synergy.offer.material or "")
        when = {
            key: format_datetime(getattr(e, key)) if getattr(e, key) else ""
            for key in ("offer_confirmed_at", "want_confirmed_at", "verified_at")
        }
        rows.append(
            {
                "exchange": e.pk,
                "synergy": e.synergy_id,
                "date": format_datetime(e.date),
                "material": pick(material.name_tr, material.name_en, language) if material else "",
                "tonnes": e.tonnes,
                "transport_document": e.transport_document,
                "weighbridge_ticket": e.weighbridge_ticket,
                "invoice_number": e.invoice_number,
                "invoice_file": bool(e.invoice),
                **when,
                "verified_by": e.verified_by.get_full_name() if e.verified_by else "",
                "realised": e.pk in realised,
            }
        )
    return rows
