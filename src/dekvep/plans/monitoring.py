"""Every change of the monitoring phase: approved versions, baselines, results, splits,
evidence, verification and goal targets.

Each function checks the actor's permission, validates (errors name the field), saves in a
transaction and writes the audit log. Results are recomputed from approved inventory versions
only (``InventoryVersion``): a draft or a returned inventory never yields a realised saving.
The assessment app calls ``record_approved_inventory`` when an inventory is approved.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dekvep.core import audit
from dekvep.core.permissions import require
from dekvep.core.uploads import DOCUMENTS, IMAGES, validate_upload

from .engine import monitoring as engine
from .models import (
    Action,
    ActionResult,
    Baseline,
    Evidence,
    GoalTarget,
    InventoryVersion,
    MvOption,
    StreamSplit,
)

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


# Approved versions and baselines -------------------------------------------------------------


def _totals(inventory) -> dict:
    try:
        return engine.stream_totals(inventory.data or {}, inventory.result)
    except ValueError as error:
        path, _sep, message = str(error).partition(": ")
        raise ValidationError({path: message}) from error


@transaction.atomic
def record_approved_inventory(actor, inventory) -> InventoryVersion:
    """Keep the approved inventory as a new version (earlier versions stay) and recompute."""
    if inventory.status != "approved":
        raise ValidationError({"status": _("Only an approved inventory becomes a version.")})
    earlier = InventoryVersion.objects.filter(inventory=inventory)
    number = (earlier.aggregate(n=Max("version"))["n"] or 0) + 1
    earlier.update(current=False)
    version = InventoryVersion.objects.create(
        programme=inventory.programme,
        organisation=inventory.organisation,
        inventory=inventory,
        year=inventory.year,
        sector=inventory.sector,
        version=number,
        data=inventory.data,
        result=inventory.result,
        totals=_totals(inventory),
        approved_at=inventory.approved_at or timezone.now(),
        approved_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(
        actor,
        "inventory_version_recorded",
        version,
        {"year": [None, version.year], "version": [number - 1 or None, number]},
        programme=inventory.programme,
    )
    Baseline.objects.get_or_create(
        programme=inventory.programme,
        organisation=inventory.organisation,
        defaults={"year": inventory.year, "chosen_by": None},
    )
    recompute_firm(inventory.programme, inventory.organisation)
    return version


def approved_years(programme, organisation) -> dict[int, dict]:
    """Each approved year's stream totals (sites of one year added), from current versions."""
    versions = InventoryVersion.objects.filter(
        programme=programme, organisation=organisation, current=True
    )
    return year_totals(versions.order_by("year", "pk").values_list("year", "totals"))


def year_totals(rows) -> dict[int, dict]:
    """``(year, totals)`` rows of current versions, in year and version order, summed per year
    (a stream that no site reports stays None)."""
    years: dict[int, dict] = {}
    for year, totals in rows:
        into = years.setdefault(year, {})
        for key, value in totals.items():
            if value is None:
                into.setdefault(key, None)
            else:
                into[key] = (into.get(key) or 0.0) + value
    return years


@transaction.atomic
def set_baseline(actor, programme, organisation, year: int) -> Baseline:
    """The analyst picks another approved year as the firm's baseline."""
    require(actor, "plans.manage_monitoring", organisation)
    if year not in approved_years(programme, organisation):
        raise ValidationError(
            {"year": _("Baseline year: %(year)s has no approved inventory.") % {"year": year}}
        )
    baseline, _created = Baseline.objects.get_or_create(
        programme=programme, organisation=organisation, defaults={"year": year}
    )
    before = baseline.year
    baseline.year, baseline.chosen_by, baseline.chosen_at = year, actor, timezone.now()
    baseline.save()
    audit.record(actor, "baseline_chosen", baseline, {"year": [before, year]}, programme=programme)
    recompute_firm(programme, organisation)
    return baseline


# Results ---------------------------------------------------------------------------------------


def monitored_actions(programme, organisation):
    """Implemented actions of the firm that promise a saving on a stream."""
    return Action.objects.filter(
        plan__programme=programme,
        owner_organisation=organisation,
        status=Action.Status.DONE,
        stream__in=engine.STREAMS,
    ).order_by("pk")


def _promised(action: Action) -> float | None:
    try:
        return engine.promised_in_unit(action.saving_quantity, action.saving_unit, action.stream)
    except ValueError:
        return None


@transaction.atomic
def recompute_firm(programme, organisation) -> list[ActionResult]:
    """Compare every approved year after the baseline with it, action by action."""
    baseline = Baseline.objects.filter(programme=programme, organisation=organisation).first()
    actions = list(monitored_actions(programme, organisation))
    ActionResult.objects.filter(action__in=actions).delete()
    if baseline is None or not actions:
        return []
    years = approved_years(programme, organisation)
    base = years.get(baseline.year)
    results = []
    for year in sorted(y for y in years if y > baseline.year and base is not None):
        results += _results_for_year(actions, baseline.year, base, year, years[year])
    return results


def _results_for_year(actions, baseline_year, base, year, current) -> list[ActionResult]:
    results = []
    shares = dict(
        StreamSplit.objects.filter(action__in=actions, year=year).values_list("action_id", "share")
    )
    for stream in engine.STREAMS:
        on_stream = [a for a in actions if a.stream == stream]
        if not on_stream:
            continue
        change = engine.stream_change(base, current, stream)
        no_output = not base.get("production_t") or current.get("production_t") is None
        promised = {a.pk: _promised(a) for a in on_stream}
        mine = {pk: shares[pk] for pk in promised if pk in shares}
        outcomes = engine.attribute(
            change, promised, mine, "no_production" if no_output else "not_reported"
        )
        for action in on_stream:
            outcome = outcomes[action.pk]
            results.append(
                ActionResult.objects.create(
                    action=action,
                    year=year,
                    baseline_year=baseline_year,
                    stream=stream,
                    unit=engine.UNIT[stream],
                    promised=promised[action.pk],
                    measured=outcome.measured,
                    share=mine.get(action.pk) if len(on_stream) > 1 else 1.0,
                    status=outcome.status,
                    reason=outcome.reason,
                )
            )
    return results


@transaction.atomic
def split_stream(actor, programme, organisation, year: int, shares: dict[int, float]) -> list:
    """The analyst shares one stream's change among the actions acting on it (audited)."""
    require(actor, "plans.manage_monitoring", organisation)
    actions = {a.pk: a for a in monitored_actions(programme, organisation)}
    errors = {}
    for pk, share in shares.items():
        field = f"shares.{pk}"
        if pk not in actions:
            errors[field] = _("Action %(id)s is not an implemented action of the firm.") % {
                "id": pk
            }
        elif share is None or not 0 <= share <= 1:
            errors[field] = _("Share of “%(title)s”: give a number between 0 and 1.") % {
                "title": actions[pk].title
            }
    streams = {actions[pk].stream for pk in shares if pk in actions}
    if not errors and len(streams) != 1:
        errors["shares"] = _("Shares: split one stream at a time.")
    if not errors and sum(shares.values()) > 1 + engine.method()["split_tolerance"]:
        errors["shares"] = _("Shares: together they come to more than the whole change.")
    if errors:
        raise ValidationError(errors)
    for pk, share in shares.items():
        split = StreamSplit.objects.filter(action_id=pk, year=year).first()
        before = split.share if split else None
        StreamSplit.objects.update_or_create(
            action_id=pk, year=year, defaults={"share": share, "set_by": actor}
        )
        audit.record(
            actor,
            "stream_split",
            actions[pk],
            {f"share_{year}": [before, share]},
            programme=programme,
        )
    return recompute_firm(programme, organisation)


# Evidence and verification --------------------------------------------------------------------


def _check_meter(fields: dict) -> None:
    for name in ("reading_before", "date_before", "reading_after", "date_after", "unit"):
        if fields.get(name) in (None, ""):
            raise ValidationError(
                {name: _("Meter readings: give both readings, their dates and the unit.")}
            )
    if fields["date_after"] <= fields["date_before"]:
        raise ValidationError(
            {"date_after": _("Date of the reading after: it is on or before the reading before.")}
        )


@transaction.atomic
def add_evidence(actor, action: Action, kind: str, upload=None, **fields) -> Evidence:
    require(actor, "plans.change_action", action)
    if kind not in Evidence.Kind.values:
        raise ValidationError({"kind": _("Kind: choose meter readings, an invoice or a photo.")})
    if kind == Evidence.Kind.METER:
        _check_meter(fields)
    elif upload is None:
        raise ValidationError({"file": _("File: attach the invoice or photo.")})
    if upload is not None:
        allowed = IMAGES if kind == Evidence.Kind.PHOTO else DOCUMENTS
        validate_upload(upload, allowed, EVIDENCE_MAX_BYTES)
    evidence = Evidence(action=action, kind=kind, added_by=actor, **fields)
    if upload is not None:
        evidence.file = upload
    evidence.full_clean()
    evidence.save()
    audit.record_created(
        actor, evidence, programme=action.plan.programme, fields=["action", "kind", "note"]
    )
    return evidence


@transaction.atomic
def verify_action(actor, action: Action, mv_option: str, mv_note: str) -> Action:
    """The analyst confirms the evidence, naming the IPMVP option used."""
    require(actor, "plans.verify_action", action)
    if mv_option not in MvOption.values:
        raise ValidationError({"mv_option": _("IPMVP option: choose A, B or C.")})
    if not mv_note.strip():
        raise ValidationError(
            {"mv_note": _("Measurement note: say in a sentence how the saving was measured.")}
        )
    if not action.evidence.exists():
        raise ValidationError({"evidence": _("Evidence: add evidence before verifying.")})
    before = audit.snapshot(action, ["mv_option", "mv_note", "verified_at"])
    action.mv_option, action.mv_note = mv_option, mv_note.strip()
    action.verified_at, action.verified_by = timezone.now(), actor
    action.save(update_fields=["mv_option", "mv_note", "verified_at", "verified_by", "updated_at"])
    after = audit.snapshot(action, ["mv_option", "mv_note", "verified_at"])
    audit.record(
        actor, "action_verified", action, audit.diff(before, after), programme=action.plan.programme
    )
    return action


# Roadmap goal targets ---------------------------------------------------------------------------


@transaction.atomic
def set_goal_target(
    actor, goal, indicator: str, change_pct: float, baseline_year: int, target_year: int
) -> GoalTarget:
    require(actor, "roadmaps.change_roadmap", goal.version)
    if indicator not in GoalTarget.Indicator.values:
        raise ValidationError({"indicator": _("Indicator: choose one of the list.")})
    if not -100 < change_pct < 100 or change_pct == 0:
        raise ValidationError(
            {"change_pct": _("Change (%): give a percentage between −100 and 100, not 0.")}
        )
    if target_year <= baseline_year:
        raise ValidationError({"target_year": _("Target year: it comes after the baseline year.")})
    target = GoalTarget.objects.filter(goal=goal).first()
    before = audit.snapshot(target) if target else {}
    target = target or GoalTarget(goal=goal)
    target.indicator, target.change_pct = indicator, change_pct
    target.baseline_year, target.target_year, target.set_by = baseline_year, target_year, actor
    target.save()
    audit.record(
        actor,
        "goal_target_set",
        target,
        audit.diff(before, audit.snapshot(target)),
        programme=goal.version.roadmap.programme,
    )
    return target
