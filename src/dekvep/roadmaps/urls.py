from django.urls import path

from . import views

app_name = "roadmaps"

urlpatterns = [
    path("", views.home, name="home"),
    path("figures/", views.figures, name="figures"),
    path("workshops/", views.workshops, name="workshops"),
    path("workshops/new/", views.workshop_create, name="workshop_create"),
    path("workshops/<int:pk>/", views.workshop_detail, name="workshop"),
    path("workshops/<int:pk>/edit/", views.workshop_edit, name="workshop_edit"),
    path(
        "workshops/<int:pk>/attendance/", views.workshop_attendance_view, name="workshop_attendance"
    ),
    path("workshops/<int:pk>/files/", views.workshop_file_add, name="workshop_file_add"),
    path("files/<int:pk>/", views.workshop_file_download, name="workshop_file"),
    path("workshops/<int:pk>/proposals/", views.vote_item_add, name="vote_item_add"),
    path("workshops/<int:pk>/voting/<str:to>/", views.voting_change, name="voting_change"),
    path("workshops/<int:pk>/vote/", views.vote, name="vote"),
    path("workshops/<int:pk>/results/", views.vote_results, name="vote_results"),
    path("sector-roadmaps/", views.roadmaps, name="roadmaps"),
    path("sector-roadmaps/new/", views.roadmap_create, name="roadmap_create"),
    path("sector-roadmaps/<int:pk>/new-version/", views.version_new, name="version_new"),
    path("versions/<int:pk>/", views.version_detail, name="version"),
    path("versions/<int:pk>/edit/", views.version_edit, name="version_edit"),
    path("versions/<int:pk>/status/<str:to>/", views.version_status, name="version_status"),
    path("versions/<int:pk>/goals/", views.goal_add, name="goal_add"),
    path("versions/<int:pk>/barriers/", views.barrier_add, name="barrier_add"),
    path("versions/<int:pk>/actions/", views.measure_add, name="measure_add"),
    path("versions/<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("items/<str:kind>/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("cluster-meetings/", views.meetings, name="meetings"),
    path("cluster-meetings/new/", views.meeting_create, name="meeting_create"),
    path("cluster-meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("cluster-meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("cluster-meetings/<int:pk>/needs/", views.need_add, name="need_add"),
    path("needs/<int:pk>/follow-up/", views.need_follow_up, name="need_follow_up"),
    path("support-instruments/", views.instrument_list, name="instruments"),
]
