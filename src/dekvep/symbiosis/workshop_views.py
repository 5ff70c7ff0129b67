"""Workshop mode pages: the tables, a table's entry grid and paste box, its live match board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dekvep.core.formatting import language_of
from dekvep.core.forms import form_errors
from dekvep.core.models import Organisation, Participation
from dekvep.core.permissions import require
from dekvep.core.selectors import primary_programme
from dekvep.symbiosis import workshop
from dekvep.symbiosis.forms import AgreementForm, PasteForm, TableForm
from dekvep.symbiosis.models import Listing, WorkshopTable
from dekvep.symbiosis.selectors import load_workshop_table

GRID_ROWS = 8


def _lang() -> str:
    return language_of()


@login_required
def tables(request):
    programme = primary_programme(request.user)
    if programme is None:
        raise PermissionDenied
    require(request.user, "symbiosis.run_workshop", programme)
    form = TableForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form):
            data = form.cleaned_data
            table = workshop.create_table(request.user, programme, data["title"], data["workshop"])
            return redirect("symbiosis:workshop_table", table.pk)
    # Each row shows its workshop and counts: read with the tables, not one query per row.
    found = (
        workshop.visible_tables(request.user)
        .filter(programme=programme)
        .select_related("workshop")
        .annotate(
            listing_count=Count("listings", distinct=True),
            agreement_count=Count("agreements", distinct=True),
        )
        .order_by(*WorkshopTable._meta.ordering)  # an aggregate query drops Meta.ordering
    )
    context = {"form": form, "tables": found, "programme": programme}
    return render(request, "symbiosis/workshop_tables.html", context)


def _grid(data=None) -> list[dict]:
    """The grid's rows as typed (after an error) or empty ones to type into."""
    if data is None:
        return [dict.fromkeys(workshop.COLUMNS, "") for _ in range(GRID_ROWS)]
    columns = [data.getlist(name) for name in workshop.COLUMNS]
    rows = [
        dict(zip(workshop.COLUMNS, cells, strict=False)) for cells in zip(*columns, strict=False)
    ]
    return rows or _grid()


def _page(request, table, grid=None, paste=None, errors=(), saved=None):
    firms = (
        Organisation.objects.filter(
            pk__in=Participation.objects.filter(programme=table.programme).values("organisation_id")
        )
        | table.organisations.all()
    )
    context = {
        "table": table,
        "grid": grid or _grid(),
        "paste_form": paste or PasteForm(),
        "errors": errors,
        "saved": saved,
        "firms": firms.distinct().order_by("name"),
        "kinds": Listing.Kind.choices,
        "units": Listing.Unit.choices,
        "periods": Listing.Frequency.choices,
        **_board_context(table),
    }
    # htmx swaps only successful answers; the page itself reports the bad rows.
    status = 400 if errors and not request.htmx else 200
    return render(request, "symbiosis/workshop_table.html", context, status=status)


def _board_context(table) -> dict:
    return {
        "table": table,
        "listings": [workshop.present_row(item) for item in workshop.table_listings(table)],
        "matches": workshop.board(table, _lang()),
        "agreements": [
            workshop.present_agreement(a)
            for a in table.agreements.select_related("offer__organisation", "want__organisation")
        ],
    }


@login_required
def table(request, pk):
    return _page(request, load_workshop_table(request.user, pk))


@login_required
def board(request, pk):
    table = load_workshop_table(request.user, pk)
    return render(request, "symbiosis/_workshop_board.html", _board_context(table))


def _saved(request, table, created):
    text = ngettext("%(n)s listing saved.", "%(n)s listings saved.", len(created)) % {
        "n": len(created)
    }
    if request.htmx:
        response = _page(request, table, saved=text)
        response["HX-Trigger"] = "listings-saved"
        return response
    messages.success(request, text)
    return redirect("symbiosis:workshop_table", table.pk)


@login_required
@require_POST
def enter_rows(request, pk):
    table = load_workshop_table(request.user, pk)
    with form_errors(request, show=False) as entered:
        created = workshop.enter_listings(
            request.user, table, workshop.grid_rows(request.POST), "row"
        )
    if not entered:
        return _page(request, table, grid=_grid(request.POST), errors=entered.messages)
    return _saved(request, table, created)


@login_required
@require_POST
def paste(request, pk):
    table = load_workshop_table(request.user, pk)
    form = PasteForm(request.POST)
    with form_errors(request, show=False) as entered:
        if not form.is_valid():
            raise ValidationError({"rows": form.errors["tsv"]})
        rows = workshop.parse_tsv(form.cleaned_data["tsv"])
        created = workshop.enter_listings(request.user, table, rows, "line")
    if not entered:
        return _page(request, table, paste=form, errors=entered.messages)
    return _saved(request, table, created)


@login_required
@require_POST
def agree(request, pk):
    table = load_workshop_table(request.user, pk)
    form = AgreementForm(request.POST)
    error_text = ""
    if form.is_valid():
        data = form.cleaned_data
        offer = get_object_or_404(table.listings.select_related("organisation"), pk=data["offer"])
        want = get_object_or_404(table.listings.select_related("organisation"), pk=data["want"])
        with form_errors(request, show=False) as agreed:
            workshop.agree(request.user, table, offer, want, data["note"])
        error_text = " ".join(agreed.messages)
    else:
        error_text = " ".join(form.errors.get("note", [])) or _("Pick an offer and a want.")
    if request.htmx:
        context = {**_board_context(table), "agree_error": error_text}
        return render(request, "symbiosis/_workshop_board.html", context)
    if error_text:
        messages.error(request, error_text)
    return redirect("symbiosis:workshop_table", table.pk)
