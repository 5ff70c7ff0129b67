from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.event_create, name="event_create"),
    path("<int:pk>/", views.event_detail, name="event"),
    path("<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("<int:pk>/sessions/", views.sessions, name="sessions"),
    path("<int:pk>/attendees/", views.attendees, name="attendees"),
    path("<int:pk>/attendees.xlsx", views.attendees_export, name="attendees_export"),
    path("<int:pk>/completion/", views.completion, name="completion"),
    path("<int:pk>/certificates/bulk/", views.issue_bulk, name="issue_bulk"),
    path("sessions/<int:pk>/checkin/", views.check_in, name="checkin"),
    path("registrations/<int:pk>/cancel/", views.staff_cancel, name="staff_cancel"),
    path("registrations/<int:pk>/score/", views.set_score, name="score"),
    path("registrations/<int:pk>/certificate/", views.issue_one, name="issue_one"),
    path("certificates/<int:pk>/", views.certificate_detail, name="certificate"),
    path("certificates/<int:pk>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path(
        "certificates/<int:pk>/credential.json",
        views.certificate_credential,
        name="certificate_credential",
    ),
    path("jobs/<int:pk>/", views.job, name="job"),
    path("r/<str:token>/", views.registration, name="registration"),
    path("r/<str:token>/cancel/", views.registration_cancel, name="registration_cancel"),
    path("confirm/<str:token>/", views.registration_confirm, name="registration_confirm"),
    path("r/<str:token>/qr.svg", views.registration_qr, name="registration_qr"),
    path("r/<str:token>/calendar.ics", views.registration_calendar, name="registration_calendar"),
    path("r/<str:token>/data.json", views.registration_data, name="registration_data"),
    path("r/<str:token>/erase/", views.registration_erase, name="registration_erase"),
    path(
        "r/<str:token>/certificate.pdf", views.registration_certificate_pdf, name="registration_pdf"
    ),
    path(
        "r/<str:token>/credential.json",
        views.registration_credential,
        name="registration_credential",
    ),
    path("my/", views.my_events, name="my"),
    path("my/data.json", views.my_data, name="my_data"),
    path("my/erase/", views.my_erase, name="my_erase"),
    path("ambassadors/", views.ambassadors, name="ambassadors"),
    path("ambassadors/<int:org_pk>/name/", views.ambassador_name, name="ambassador_name"),
    path("ambassadors/<int:pk>/remove/", views.ambassador_remove, name="ambassador_remove"),
    path("outreach/", views.outreach, name="outreach"),
    path("privacy/", views.data_requests, name="data_requests"),
    path("privacy/<int:pk>/decide/", views.data_request_decide, name="data_request_decide"),
]
