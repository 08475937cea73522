"""Événements, mounted at /evenements/."""

from django.urls import path

from maillage.events import checkin_views, series_views, views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="home"),
    path("nouveau/", views.event_form, name="create"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/modifier/", views.event_form, name="edit"),
    path("<int:pk>/entreprises/", views.add_company, name="add_company"),
    path("<int:pk>/inscrire/", views.register, name="register"),
    path("<int:pk>/accueil/", checkin_views.checkin, name="checkin"),
    path("<int:pk>/questionnaires/", views.survey_entry, name="survey"),
    path("inscriptions/<int:pk>/desinscrire/", views.unregister, name="unregister"),
    path("inscriptions/<int:pk>/rattacher/", views.link_person, name="link"),
    path("inscriptions/<int:pk>/resultat/", views.outcome, name="outcome"),
    path("inscriptions/<int:pk>/presence/", checkin_views.checkin_toggle, name="checkin_toggle"),
    path("series/", series_views.series_list, name="series_list"),
    path("series/nouvelle/", series_views.series_form, name="series_create"),
    path("series/<int:pk>/", series_views.series_detail, name="series"),
    path("series/<int:pk>/modifier/", series_views.series_form, name="series_edit"),
    path("seances/<int:pk>/annuler/", series_views.occurrence_cancel, name="occurrence_cancel"),
]
