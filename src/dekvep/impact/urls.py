from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("figures/<slug:key>/", views.figure_detail, name="figure"),
    path("targets/", views.targets, name="targets"),
    path("participant-list/", views.participant_list, name="participant_list"),
    path("export.xlsx", views.export_excel, name="export_excel"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
]
