from django.urls import path

from dekvep.symbiosis import views

app_name = "symbiosis"

urlpatterns = [
    path("", views.home, name="home"),
    path("mine/", views.mine, name="mine"),
    path("new/", views.create, name="create"),
    path("listings/<int:pk>/", views.detail, name="detail"),
    path("listings/<int:pk>/status/", views.set_status, name="status"),
    path("listings/<int:pk>/interest/<int:other_pk>/", views.interest, name="interest"),
    path("synergies/", views.synergies, name="synergies"),
    path("synergies/<int:pk>/", views.synergy, name="synergy"),
    path("board/", views.board, name="board"),
    path("board/run/", views.start_run, name="start_run"),
    path("network.svg", views.network, name="network"),
]
