"""Antennes de proximité, mounted at /accueil/."""

app_name = "antennas"

urlpatterns: list = []
