"""Méthode IOD, mounted at /iod/."""

from django.urls import path

from maillage.iod import views

app_name = "iod"

urlpatterns = [
    path("", views.home, name="home"),
    path("participants/nouveau/", views.enrol, name="enrol"),
    path("participants/<int:pk>/", views.participant, name="participant"),
    path("participants/<int:pk>/bilan/", views.review, name="review"),
    path("participants/<int:pk>/fin/", views.end, name="end"),
    path("entreprises/", views.company_actions, name="company_actions"),
    path("offres/", views.offer_list, name="offers"),
    path("offres/nouvelle/", views.offer_create, name="offer_create"),
    path("offres/<int:pk>/", views.offer_detail, name="offer"),
    path("offres/<int:pk>/proposer/", views.propose, name="propose"),
    path("propositions/<int:pk>/", views.proposal_detail, name="proposal"),
    path("propositions/<int:pk>/mise-en-relation/", views.meeting, name="meeting"),
    path("propositions/<int:pk>/issue/", views.outcome, name="outcome"),
    path("suivis/<int:pk>/", views.contact, name="contact"),
    path("statistiques/", views.statistics, name="statistics"),
]
