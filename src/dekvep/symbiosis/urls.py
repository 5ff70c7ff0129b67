from django.urls import path

from dekvep.symbiosis import (
    alert_views,
    conversation_views,
    map_views,
    marketplace_views,
    synergy_views,
    views,
    workshop_views,
)
from dekvep.symbiosis.interchange_tmm import views as interchange_views

app_name = "symbiosis"

urlpatterns = [
    path("", views.home, name="home"),
    path("mine/", views.mine, name="mine"),
    path("new/", views.create, name="create"),
    path("listings/<int:pk>/", views.detail, name="detail"),
    path("listings/<int:pk>/edit/", views.edit, name="edit"),
    path("listings/<int:pk>/status/", views.set_status, name="status"),
    path("listings/<int:pk>/attachments/", views.add_attachment, name="add_attachment"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("attachments/<int:pk>/delete/", views.delete_attachment, name="delete_attachment"),
    path("listings/<int:pk>/interest/<int:other_pk>/", views.interest, name="interest"),
    path("synergies/", views.synergies, name="synergies"),
    path("synergies/<int:pk>/", synergy_views.synergy, name="synergy"),
    path(
        "synergies/<int:pk>/exchanges/<int:exchange>/invoice",
        synergy_views.exchange_invoice,
        name="exchange_invoice",
    ),
    path("board/", views.board, name="board"),
    path("board/run/", views.start_run, name="start_run"),
    path("network.svg", views.network, name="network"),
    path("workshop/", workshop_views.tables, name="workshop"),
    path("workshop/<int:pk>/", workshop_views.table, name="workshop_table"),
    path("workshop/<int:pk>/board/", workshop_views.board, name="workshop_board"),
    path("workshop/<int:pk>/rows/", workshop_views.enter_rows, name="workshop_rows"),
    path("workshop/<int:pk>/paste/", workshop_views.paste, name="workshop_paste"),
    path("workshop/<int:pk>/agree/", workshop_views.agree, name="workshop_agree"),
    path("map/", map_views.map_page, name="map"),
    # Interchange with the Türkiye Materials Marketplace
    path("board/marketplace/", interchange_views.download, name="marketplace_download"),
    path("marketplace/import/", interchange_views.import_file, name="marketplace_import"),
    path("services/", marketplace_views.services, name="services"),
    path("services/new/", marketplace_views.service_form, name="service_create"),
    path("services/<int:pk>/edit/", marketplace_views.service_form, name="service_edit"),
    path("challenges/", marketplace_views.challenge_proposals, name="challenge_proposals"),
    path("challenges/settings/", marketplace_views.challenge_settings, name="challenge_settings"),
    path(
        "listings/<int:pk>/challenge/",
        marketplace_views.draft_challenge,
        name="draft_challenge",
    ),
]

# Conversations on a synergy (see conversation_views).
urlpatterns += [
    path("synergies/<int:pk>/conversation/", conversation_views.act, name="conversation"),
    path("message-files/<int:pk>/", conversation_views.attachment, name="message_file"),
    path("conversations/export.csv", conversation_views.export, name="conversation_export"),
    path("alerts/", alert_views.settings_page, name="alerts"),
    path("listings/<int:pk>/renew/", alert_views.renew, name="renew"),
]
