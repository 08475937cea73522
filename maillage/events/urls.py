"""Événements, mounted at /evenements/."""

app_name = "events"

urlpatterns: list = []
