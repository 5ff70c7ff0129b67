from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("", views.home, name="home"),
    path("inventories/new", views.inventory_create, name="inventory_create"),
    path("inventories/<int:pk>/", views.inventory_detail, name="inventory_detail"),
    path("inventories/<int:pk>/edit", views.inventory_edit, name="inventory_edit"),
    path("inventories/<int:pk>/validate", views.inventory_validate, name="inventory_validate"),
    path(
        "inventories/<int:pk>/transition", views.inventory_transition, name="inventory_transition"
    ),
    path("inventories/<int:pk>/comment", views.inventory_comment, name="inventory_comment"),
    path("inventories/<int:pk>/template.xlsx", views.excel_template, name="excel_template"),
    path("inventories/<int:pk>/upload", views.excel_upload, name="excel_upload"),
    path("inventories/<int:pk>/report/", views.report, name="report"),
    path("inventories/<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("inventories/<int:pk>/report/issue", views.report_issue, name="report_issue"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/<int:pk>/download", views.report_download, name="report_download"),
    path("inventories/<int:pk>/opportunities/new", views.opportunity_add, name="opportunity_add"),
    path("inventories/<int:pk>/wastes/<int:index>/offer", views.waste_offer, name="waste_offer"),
    path("opportunities/<int:pk>/decide", views.opportunity_decide, name="opportunity_decide"),
    path("opportunities/<int:pk>/edit", views.opportunity_edit, name="opportunity_edit"),
    path("sectors/<slug:sector>/", views.sector_report, name="sector_report"),
    path("sectors/<slug:sector>/report.pdf", views.sector_report_pdf, name="sector_report_pdf"),
    path("sectors/<slug:sector>/issue", views.sector_report_issue, name="sector_report_issue"),
    path("reports/generate", views.generate_reports, name="generate_reports"),
    path("jobs/<int:pk>/", views.job, name="job"),
    path(
        "programmes/<int:programme_id>/settings",
        views.programme_settings,
        name="programme_settings",
    ),
]
