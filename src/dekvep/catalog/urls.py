from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("", views.home, name="home"),
    path("waste/<str:code>/", views.waste_detail, name="waste"),
    path("nace/<str:code>/", views.nace_detail, name="nace"),
]
