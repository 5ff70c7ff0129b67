"""The synergy page: state, route and impact, exchanges with their evidence."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from dekvep.core.formatting import language_of
from dekvep.core.forms import apply_errors, form_errors
from dekvep.core.permissions import get_visible
from dekvep.core.states import allowed_transitions
from dekvep.symbiosis import engine, exchanges, services
from dekvep.symbiosis.conversation_selectors import present_conversation
from dekvep.symbiosis.conversations import mark_read
from dekvep.symbiosis.forms import ExchangeForm, RouteForm, TransitionForm
from dekvep.symbiosis.identity import introduced_organisation_ids
from dekvep.symbiosis.models import Exchange, Synergy
from dekvep.symbiosis.selectors import present


def _lang() -> str:
    return language_of()


def _exchange_action(request, item, action) -> None:
    exchange = get_object_or_404(Exchange, pk=request.POST.get("exchange"), synergy=item)
    if action == "confirm":
        exchanges.confirm(request.user, exchange)
    else:
        exchanges.verify(request.user, exchange)


@login_required
def synergy(request, pk):
    item = get_visible(
        Synergy.objects.select_related("offer__organisation", "want__organisation"),
        pk,
        request.user,
        "symbiosis.view_synergy",
    )
    allowed = allowed_transitions(item, request.user)
    forms = {
        "transition": TransitionForm(allowed=allowed),
        "exchange": ExchangeForm(),
        "route": RouteForm(
            initial={
                "baseline_route": item.baseline_route,
                "receiving_process": item.receiving_process,
            },
            lang=_lang(),
        ),
    }
    if request.method == "POST":
        action = request.POST.get("action")
        with form_errors(request, show=False) as done:
            _post(request, item, action, forms, allowed)
            if not any(form.errors for form in forms.values()):
                return redirect("symbiosis:synergy", pk)
        if not done:
            # on the form _post bound for this action, so the page shows it next to its fields
            apply_errors(forms.get(action) or forms["exchange"], done.error)
    introduced = introduced_organisation_ids(request.user)
    context = {
        "item": item,
        "offer": present(request.user, item.offer, introduced, _lang()),
        "want": present(request.user, item.want, introduced, _lang()),
        "reasons": [engine.render_reason(engine.Reason(k, p), _lang()) for k, p in item.reasons],
        "impact": services.synergy_impact(item),
        "realised": exchanges.synergy_realised(item),
        "transition_form": forms["transition"] if allowed else None,
        "exchange_form": forms["exchange"],
        "route_form": forms["route"],
        "exchanges": [exchanges.present_exchange(request.user, e) for e in item.exchanges.all()],
        "conversation": present_conversation(request.user, item),
    }
    if context["conversation"]["may_read"]:
        mark_read(request.user, item)  # after counting: the page shows what was new
    return render(request, "symbiosis/synergy.html", context)


def _post(request, item, action, forms, allowed) -> None:
    if action == "introduce":
        services.agree_to_introduction(request.user, item)
    elif action == "transition":
        form = forms["transition"] = TransitionForm(request.POST, allowed=allowed)
        if form.is_valid():
            data = form.cleaned_data
            services.transition_synergy(request.user, item, data["state"], data["reason"])
    elif action == "exchange":
        form = forms["exchange"] = ExchangeForm(request.POST, request.FILES)
        if form.is_valid():
            data = dict(form.cleaned_data)
            services.record_exchange(request.user, item, **data)
    elif action == "route":
        form = forms["route"] = RouteForm(request.POST, lang=_lang())
        if form.is_valid():
            exchanges.set_route(request.user, item, **form.cleaned_data)
    elif action in ("confirm", "verify"):
        _exchange_action(request, item, action)


@login_required
def exchange_invoice(request, pk, exchange):
    found = get_object_or_404(Exchange.objects.select_related("synergy"), pk=exchange, synergy=pk)
    return exchanges.invoice_response(request.user, found)
