from django.urls import path

from . import public_views

app_name = "verify"

urlpatterns = [
    path("verify/", public_views.verify_form, name="form"),
    path("verify/<str:code>", public_views.verify, name="certificate"),
    path(".well-known/dekvep-issuer.json", public_views.issuer, name="issuer"),
    path(".well-known/did.json", public_views.issuer, name="did"),
    path("credentials/status/1", public_views.status_list, name="status_list"),
]
