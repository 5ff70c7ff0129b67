"""Workshop mode: a table's haves and wants entered fast, its matches, the matches it agrees on.

Listings are entered on behalf of the firms at the table (programme participants or firms
already in the directory) and marked with the table they were entered at. They are saved as
drafts: the firm publishes them to the marketplace when it has checked them. Agreed matches go
to the programme's collaboration register (``dekvep.roadmaps``) as "symbiosis workshop match".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from dekvep.core.audit import record, record_created
from dekvep.core.models import Organisation, Participation
from dekvep.core.permissions import require
from dekvep.core.rules import staff_programme_ids
from dekvep.symbiosis import engine
from dekvep.symbiosis.adapters import profiles
from dekvep.symbiosis.models import Listing, WorkshopAgreement, WorkshopTable
from dekvep.symbiosis.register import register_agreement
from dekvep.symbiosis.services import save_new_listing
from dekvep.text import fold

COLUMNS = ("kind", "firm", "title", "description", "code", "quantity", "unit", "period")
COLUMN_LABELS = {
    "kind": pgettext_lazy("grid column", "kind"),
    "firm": pgettext_lazy("grid column", "firm"),
    "title": pgettext_lazy("grid column", "title"),
    "description": pgettext_lazy("grid column", "description"),
    "code": pgettext_lazy("grid column", "code"),
    "quantity": pgettext_lazy("grid column", "quantity"),
    "unit": pgettext_lazy("grid column", "unit"),
    "period": pgettext_lazy("grid column", "period"),
}
# The listing field an error names, back to the grid column it came from.
FIELD_COLUMN = {"waste_code": "code", "frequency": "period", "organisation": "firm"}

KINDS = {
    **dict.fromkeys(("offer", "have", "give", "teklif", "arz", "var", "veren"), "offer"),
    **dict.fromkeys(("want", "need", "take", "talep", "istek", "ihtiyac", "alan"), "want"),
}
UNITS = {
    **dict.fromkeys(("t", "ton", "tonne", "tonnes", "tons"), "t"),
    **dict.fromkeys(("kg", "kilogram"), "kg"),
    **dict.fromkeys(("m3", "m³", "metrekup"), "m3"),
    **dict.fromkeys(("l", "lt", "litre", "liter", "litres"), "l"),
    **dict.fromkeys(("pcs", "piece", "pieces", "adet"), "pcs"),
}
PERIODS = {
    **dict.fromkeys(("year", "yearly", "annual", "yil", "yilda", "yillik"), "year"),
    **dict.fromkeys(("month", "monthly", "ay", "ayda", "aylik"), "month"),
    **dict.fromkeys(("week", "weekly", "hafta", "haftada", "haftalik"), "week"),
    **dict.fromkeys(("once", "one-off", "one-time", "tek", "bir kez", "tek sefer"), "once"),
}


class RowErrors(ValidationError):
    """Every bad row of an entry, each naming its line (or row) and column."""

    def __init__(self, problems: list[tuple[int, str, str]], where: str = "line"):
        self.problems = problems
        template = (
            _("line %(line)s, column %(column)s: %(message)s")
            if where == "line"
            else _("row %(line)s, column %(column)s: %(message)s")
        )
        messages = [
            template % {"line": n, "column": COLUMN_LABELS.get(c, c), "message": m}
            for n, c, m in problems
        ]
        super().__init__({"rows": messages})


@dataclass
class Row:
    line: int
    cells: dict


def _allowed(actor, programme) -> None:
    require(actor, "symbiosis.run_workshop", programme)


def create_table(actor, programme, title: str, workshop=None, organisations=()) -> WorkshopTable:
    _allowed(actor, programme)
    if not title.strip():
        raise ValidationError({"title": _("Name the table.")})
    if workshop is not None and workshop.programme_id != programme.pk:
        raise ValidationError({"workshop": _("The workshop belongs to another programme.")})
    with transaction.atomic():
        table = WorkshopTable.objects.create(
            programme=programme, title=title.strip()[:200], workshop=workshop, created_by=actor
        )
        table.organisations.set(organisations)
        record_created(actor, table, programme=programme)
    return table


# Reading rows ------------------------------------------------------------------------------


def parse_tsv(text: str) -> list[Row]:
    """Rows pasted from a spreadsheet: tab-separated, in the grid's column order."""
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("\t")]
        if not rows and fold(cells[0]) in ("kind", "tur"):
            continue
        while len(cells) > len(COLUMNS) and not cells[-1]:
            cells.pop()
        if len(cells) > len(COLUMNS):
            raise RowErrors(
                [(number, len(COLUMNS) + 1, _("more than %(n)s columns") % {"n": len(COLUMNS)})]
            )
        cells += [""] * (len(COLUMNS) - len(cells))
        rows.append(Row(number, dict(zip(COLUMNS, cells, strict=True))))
    return rows


def grid_rows(data) -> list[Row]:
    """Rows of the grid form (``kind``, ``firm``, ... repeated); untouched rows are left out."""
    columns = [data.getlist(name) for name in COLUMNS]
    rows = []
    for number, cells in enumerate(zip(*columns, strict=False), 1):
        row = dict(zip(COLUMNS, [c.strip() for c in cells], strict=True))
        # Kind, unit and period have defaults; a row counts once anything is typed in it.
        if any(row[c] for c in ("firm", "title", "description", "code", "quantity")):
            rows.append(Row(number, row))
    return rows


def _key(name: str) -> str:
    return " ".join(fold(unicodedata.normalize("NFC", name)).split())


class FirmIndex:
    """Firms a facilitator may name: the programme's participants and firms in the directory."""

    def __init__(self, table: WorkshopTable):
        self.by_name: dict[str, list[int]] = {}
        participants = set(
            Participation.objects.filter(programme=table.programme).values_list(
                "organisation_id", flat=True
            )
        )
        for pk, name in Organisation.objects.values_list("pk", "name"):
            self.by_name.setdefault(_key(name), []).append(pk)
        self.participants = participants

    def find(self, text: str) -> int:
        if text.lstrip("#").isdigit():
            pk = int(text.lstrip("#"))
            if Organisation.objects.filter(pk=pk).exists():
                return pk
        found = self.by_name.get(_key(text), [])
        if len(found) > 1:
            found = [pk for pk in found if pk in self.participants] or found
        if not found:
            raise ValueError(_("no known firm is called “%(name)s”") % {"name": text})
        if len(found) > 1:
            raise ValueError(_("more than one firm is called “%(name)s”") % {"name": text})
        return found[0]


def _fields(cells: dict, firms: FirmIndex) -> tuple[int, dict]:
    """The listing fields of one row; ValueError carries (column, message)."""
    for column in ("kind", "firm", "title", "quantity"):
        if not cells[column]:
            raise ValueError(column, _("required"))
    kind = KINDS.get(fold(cells["kind"]))
    if kind is None:
        raise ValueError("kind", _("use offer or want"))
    try:
        firm = firms.find(cells["firm"])
    except ValueError as error:
        raise ValueError("firm", str(error)) from None
    try:
        quantity = float(cells["quantity"].replace(" ", "").replace(",", "."))
    except ValueError:
        raise ValueError("quantity", _("not a number")) from None
    unit = UNITS.get(fold(cells["unit"] or "t"))
    if unit is None:
        raise ValueError("unit", _("use t, kg, m3, l or pcs"))
    period = PERIODS.get(fold(cells["period"] or "year"))
    if period is None:
        raise ValueError("period", _("use year, month, week or once"))
    return firm, {
        "kind": kind,
        "title": cells["title"],
        "description": cells["description"],
        "waste_code": cells["code"],
        "quantity": quantity,
        "unit": unit,
        "frequency": period,
    }


# Saving rows -------------------------------------------------------------------------------


def enter_listings(actor, table: WorkshopTable, rows: list[Row], where="line") -> list[Listing]:
    """Save the rows as draft listings of the table; one bad row and nothing is saved."""
    _allowed(actor, table.programme)
    if not rows:
        raise ValidationError({"rows": _("Enter at least one row.")})
    firms, problems, created = FirmIndex(table), [], []
    organisations = {
        o.pk: o
        for o in Organisation.objects.prefetch_related("sites").filter(
            pk__in=firms.participants | set(table.organisations.values_list("pk", flat=True))
        )
    }
    with transaction.atomic():
        for row in rows:
            try:
                firm_id, fields = _fields(row.cells, firms)
            except ValueError as error:
                problems.append((row.line, *error.args))
                continue
            organisation = organisations.get(firm_id) or Organisation.objects.get(pk=firm_id)
            try:
                with transaction.atomic():
                    created.append(_save_row(actor, table, organisation, fields))
            except ValidationError as error:
                field, messages = next(iter(error.message_dict.items()))
                problems.append((row.line, FIELD_COLUMN.get(field, field), " ".join(messages)))
        if problems:
            raise RowErrors(problems, where)
        table.organisations.add(*{listing.organisation_id for listing in created})
    return created


def _save_row(actor, table, organisation, fields) -> Listing:
    site = organisation.sites.all()[0] if organisation.sites.all() else None
    return save_new_listing(
        actor,
        organisation,
        table.programme,
        site=site,
        workshop_table=table,
        status=Listing.Status.DRAFT,
        **fields,
    )


# The table's match board and its agreements --------------------------------------------------


def table_listings(table: WorkshopTable):
    return (
        table.listings.exclude(status=Listing.Status.CLOSED)
        .select_related("organisation", "site")
        .order_by("pk")
    )


def table_matches(table: WorkshopTable, top: int = 5) -> list[engine.Match]:
    """The best matches among the table's listings, best first."""
    listings = list(table_listings(table))
    if not listings:
        return []
    ranked = engine.match_all(profiles(listings), top=top)
    found = [m for matches in ranked.values() for m in matches]
    return sorted(found, key=lambda m: (-m.score, m.offer_id, m.want_id))


def agree(actor, table: WorkshopTable, offer: Listing, want: Listing, note: str = ""):
    """Record a match the table agrees on and register it as a collaboration opportunity."""
    _allowed(actor, table.programme)
    if offer.workshop_table_id != table.pk or want.workshop_table_id != table.pk:
        raise ValidationError({"want": _("Both listings must be entered at this table.")})
    if offer.kind != Listing.Kind.OFFER or want.kind != Listing.Kind.WANT:
        raise ValidationError({"want": _("Pick an offer and a want.")})
    match = engine.explain(*profiles([offer, want]), engine.default_knowledge())
    if match.score <= 0 or offer.organisation_id == want.organisation_id:
        raise ValidationError({"want": _("These listings do not match.")})
    with transaction.atomic():
        agreement, created = WorkshopAgreement.objects.get_or_create(
            table=table,
            offer=offer,
            want=want,
            defaults={
                "score": match.score,
                "distance_km": match.distance_km,
                "reasons": [list(r) for r in match.reasons],
                "note": note.strip()[:300],
                "recorded_by": actor,
            },
        )
        if created:
            record_created(actor, agreement, programme=table.programme)
        opportunity = register_agreement(agreement)
        if agreement.opportunity_id != opportunity.pk:
            agreement.opportunity_id = opportunity.pk
            agreement.save(update_fields=["opportunity_id"])
            record(
                actor,
                "registered",
                agreement,
                {"opportunity": [None, opportunity.pk]},
                programme=table.programme,
            )
    return agreement


def visible_tables(user):
    programmes = staff_programme_ids(user, roles=("manager", "facilitator"))
    return WorkshopTable.objects.filter(programme_id__in=programmes).select_related("programme")


# What the table's pages and the API show ---------------------------------------------------


def present_row(listing: Listing) -> dict:
    """A listing of the table as the facilitator sees it: the firms are at the table."""
    return {
        "id": listing.pk,
        "kind": listing.kind,
        "firm": listing.organisation.name,
        "title": listing.title,
        "waste_code": listing.waste_code,
        "material": listing.material,
        "tonnes_per_year": round(listing.tonnes_per_year, 3),
        "status": listing.status,
    }


def board(table: WorkshopTable, lang: str = "en") -> list[dict]:
    """The table's matches with their reasons, each marked when the table has agreed on it."""
    by_id = {str(item.pk): item for item in table_listings(table)}
    agreed = set(table.agreements.values_list("offer_id", "want_id"))
    return [
        {
            "offer": present_row(by_id[m.offer_id]),
            "want": present_row(by_id[m.want_id]),
            "score": m.score,
            "distance_km": m.distance_km,
            "reasons": [
                {"key": r.key, "params": r.params, "text": engine.render_reason(r, lang)}
                for r in m.reasons
            ],
            "agreed": (int(m.offer_id), int(m.want_id)) in agreed,
        }
        for m in table_matches(table)
    ]


def present_agreement(agreement: WorkshopAgreement) -> dict:
    return {
        "id": agreement.pk,
        "offer": present_row(agreement.offer),
        "want": present_row(agreement.want),
        "score": agreement.score,
        "note": agreement.note,
        "opportunity_id": agreement.opportunity_id,
    }


def present_table(table: WorkshopTable) -> dict:
    return {
        "id": table.pk,
        "programme_id": table.programme_id,
        "title": table.title,
        "workshop_id": table.workshop_id,
        "firms": sorted(o.name for o in table.organisations.all()),
        "listings": table.listings.count(),
        "agreements": table.agreements.count(),
    }
