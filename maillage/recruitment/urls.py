"""Recruitment support of the Service Entreprises, mounted at /recrutement/."""

from django.urls import path

from maillage.recruitment import edit_views, views

app_name = "recruitment"

urlpatterns = [
    path("offres/", views.offer_list, name="offers"),
    path("offres/nouvelle/", edit_views.offer_create, name="offer_create"),
    path("offres/<int:pk>/", views.offer_detail, name="offer"),
    path("offres/<int:pk>/modifier/", edit_views.offer_update, name="offer_update"),
    path("offres/<int:pk>/clore/", edit_views.offer_close, name="offer_close"),
    path("offres/<int:pk>/rouvrir/", edit_views.offer_reopen, name="offer_reopen"),
    path("offres/<int:pk>/positionner/", views.position_on_offer, name="offer_position"),
    path("campagnes/", views.campaign_list, name="campaigns"),
    path("campagnes/nouvelle/", edit_views.campaign_create, name="campaign_create"),
    path("campagnes/<int:pk>/", views.campaign_detail, name="campaign"),
    path("campagnes/<int:pk>/modifier/", edit_views.campaign_update, name="campaign_update"),
    path("campagnes/<int:pk>/sessions/nouvelle/", edit_views.session_create, name="session_create"),
    path("sessions/<int:pk>/modifier/", edit_views.session_update, name="session_update"),
    path("sessions/<int:pk>/supprimer/", edit_views.session_delete, name="session_delete"),
    path("campagnes/<int:pk>/positionner/", views.position_in_campaign, name="campaign_position"),
    path("candidatures/<int:pk>/", views.candidacy_detail, name="candidacy"),
    path("mises-a-l-emploi/", views.placement_list, name="placements"),
    path("mises-a-l-emploi/nouvelle/", edit_views.placement_create, name="placement_create"),
    path(
        "mises-a-l-emploi/<int:pk>/modifier/",
        edit_views.placement_update,
        name="placement_update",
    ),
    path("statistiques/", views.statistics_page, name="statistics"),
]
