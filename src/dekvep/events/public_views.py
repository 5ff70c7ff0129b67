"""Pages at the site root: certificate verification and the issuer's published key."""

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from dekvep.core.throttle import client_ip

from .credentials import did_document
from .forms import VerifyForm
from .status_list import status_list_credential
from .verification import Throttled, verify_code


def verify_form(request):
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("verify:certificate", code=form.cleaned_data["code"].strip())
    return render(request, "events/verify.html", {"form": form, "result": None})


@never_cache
def verify(request, code):
    try:
        result = verify_code(code, client_ip(request))
    except Throttled as error:
        return render(
            request,
            "events/verify.html",
            {"throttled": str(error), "form": VerifyForm()},
            status=429,
        )
    status = 404 if result["status"] == "unknown" else 200
    return render(
        request, "events/verify.html", {"result": result, "form": VerifyForm()}, status=status
    )


def status_list(request):
    """The signed revocation list every credential points at (public, like the DID document)."""
    response = JsonResponse(status_list_credential())
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "max-age=300"
    return response


def issuer(request):
    response = JsonResponse(did_document())
    response["Access-Control-Allow-Origin"] = "*"
    return response
