"""Pages of action plans, actions and the collaboration register.

They keep the addresses they had under ``/roadmaps/`` (the site includes this module there).
"""

from django.urls import path

from . import monitoring_views, views

app_name = "plans"

urlpatterns = [
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("goals/<int:pk>/action/", views.action_from_goal, name="action_from_goal"),
    path("actions/", views.actions, name="actions"),
    path("actions/timeline/", views.actions_timeline, name="timeline"),
    path("actions/export.xlsx", views.actions_export, name="actions_export"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/status/", views.action_status, name="action_status"),
    path("actions/<int:pk>/progress/", views.action_progress, name="action_progress"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("register/", views.register, name="register"),
    path("register/new/", views.opportunity_create, name="opportunity_create"),
    path("register/<int:pk>/", views.opportunity_detail, name="opportunity"),
    path("register/<int:pk>/status/", views.opportunity_status, name="opportunity_status"),
    path("monitoring/", monitoring_views.overview, name="monitoring"),
    path("monitoring/method/", monitoring_views.method, name="monitoring_method"),
    path("monitoring/firms/<int:pk>/", monitoring_views.firm, name="monitoring_firm"),
    path(
        "monitoring/firms/<int:pk>/baseline/",
        monitoring_views.baseline,
        name="monitoring_baseline",
    ),
    path("monitoring/firms/<int:pk>/split/", monitoring_views.split, name="monitoring_split"),
    path(
        "monitoring/evidence/<int:pk>/", monitoring_views.evidence_file, name="monitoring_evidence"
    ),
    path("actions/<int:pk>/evidence/", monitoring_views.evidence_add, name="evidence_add"),
    path("actions/<int:pk>/verify/", monitoring_views.verify, name="action_verify"),
    path("goals/<int:pk>/target/", monitoring_views.goal_target, name="goal_target"),
]
