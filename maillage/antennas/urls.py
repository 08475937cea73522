"""Antennes de proximité, mounted at /accueil/."""

from django.urls import path

from maillage.antennas import views

app_name = "antennas"

urlpatterns = [
    path("", views.home, name="home"),
    path("recherche/", views.person_search, name="person_search"),
    path("visites/<int:pk>/corriger/", views.correct, name="correct"),
    path("visites/<int:pk>/annuler/", views.cancel, name="cancel"),
    path("statistiques/", views.statistics_page, name="statistics"),
]
