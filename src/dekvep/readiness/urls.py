from django.urls import path

from . import views

app_name = "readiness"

urlpatterns = [
    path("", views.home, name="home"),
    path("firms/<int:pk>/", views.firm, name="firm"),
    path("firms/<int:pk>/profile", views.profile, name="profile"),
    path("firms/<int:pk>/footprints.pdf", views.footprints_pdf, name="footprints_pdf"),
    path("firms/<int:pk>/vsme.pdf", views.vsme_pdf, name="vsme_pdf"),
    path("firms/<int:pk>/vsme.xlsx", views.vsme_xlsx, name="vsme_xlsx"),
    path("programmes/<int:pk>/", views.programme, name="programme"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue.xlsx", views.catalogue_xlsx, name="catalogue_xlsx"),
    path("catalogue/edit", views.catalogue_edit, name="catalogue_edit"),
]
