from django.urls import path

from . import public, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.set_language, name="set_language"),
    path("open-calls/", public.open_calls, name="open_calls"),
    path("open-calls/<int:pk>/", public.open_call, name="open_call"),
    path("signup/", public.signup_page, name="signup"),
    path("signup/sent/", public.signup_sent, name="signup_sent"),
    path("programmes/<slug:slug>/public-figures/", public.publish_figures, name="publish_figures"),
    path("signup/confirm/<str:token>/", public.signup_confirm, name="signup_confirm"),
]
