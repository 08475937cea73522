"""The public agenda (no login), mounted at /agenda/."""

from django.urls import path

from maillage.events import public_views

app_name = "agenda"

urlpatterns = [
    path("", public_views.agenda, name="home"),
    path("<int:pk>/", public_views.event_page, name="event"),
    path("agenda.ics", public_views.feed, name="ics"),
    path("antennes/<slug:code>/agenda.ics", public_views.antenna_feed, name="antenna_ics"),
    path("questionnaire/<str:token>/", public_views.survey, name="survey"),
]
