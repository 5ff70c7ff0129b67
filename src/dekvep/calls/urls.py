from django.urls import path

from . import views

app_name = "calls"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.call_form, name="create"),
    path("<int:pk>/", views.call_detail, name="detail"),
    path("<int:pk>/edit/", views.call_form, name="edit"),
    path("<int:pk>/setup/", views.call_setup, name="setup"),
    path("<int:pk>/setup/<str:part>/<int:part_pk>/remove/", views.remove_part, name="remove_part"),
    path("<int:pk>/phases/<int:phase_pk>/activate/", views.activate_phase, name="activate_phase"),
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("<int:pk>/applications/", views.applications, name="applications"),
    path("<int:pk>/auto-assign/", views.auto_assign, name="auto_assign"),
    path("<int:pk>/announce/", views.announce, name="announce"),
    path("<int:pk>/ranking/", views.ranking_page, name="ranking"),
    path("<int:pk>/ranking.xlsx", views.ranking_export, name="ranking_export"),
    path("<int:pk>/conflicts/", views.conflicts, name="conflicts"),
    path("<int:pk>/outbox/", views.outbox, name="outbox"),
    path("<int:pk>/outbox/release/", views.release_all, name="release_all"),
    path("<int:pk>/pitch/", views.pitch, name="pitch"),
    path("<int:pk>/interests/", views.interests, name="interests"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("applications/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("applications/<int:pk>/override/", views.override, name="override"),
    path("applications/<int:pk>/stage/", views.stage, name="stage"),
    path("applications/<int:pk>/assign/", views.assign, name="assign"),
    path("answers/<int:pk>/file/", views.answer_file, name="answer_file"),
    path("reviews/", views.review_list, name="reviews"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/unassign/", views.unassign, name="unassign"),
    path("notices/<int:pk>/", views.notice_edit, name="notice"),
    path("notices/<int:pk>/<str:target>/", views.notice_move, name="notice_move"),
    path("pitch-days/<int:pk>/slots/", views.add_slot, name="add_slot"),
    path("pitch-days/<int:pk>/invite/", views.invite, name="invite"),
    path("pitch-days/<int:pk>/remind/", views.invite, {"reminder": True}, name="remind"),
    path("slots/<int:pk>/interest/", views.mark_interest, name="mark_interest"),
    path("interests/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
]
