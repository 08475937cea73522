"""Recruitment support of the Service Entreprises, mounted at /recrutement/."""

from django.urls import path

from maillage.recruitment import views

app_name = "recruitment"

urlpatterns = [
    path("offres/", views.offer_list, name="offers"),
    path("offres/<int:pk>/", views.offer_detail, name="offer"),
    path("offres/<int:pk>/positionner/", views.position_on_offer, name="offer_position"),
    path("campagnes/", views.campaign_list, name="campaigns"),
    path("campagnes/<int:pk>/", views.campaign_detail, name="campaign"),
    path("campagnes/<int:pk>/positionner/", views.position_in_campaign, name="campaign_position"),
    path("candidatures/<int:pk>/", views.candidacy_detail, name="candidacy"),
    path("mises-a-l-emploi/", views.placement_list, name="placements"),
    path("statistiques/", views.statistics_page, name="statistics"),
]
