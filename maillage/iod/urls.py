"""Méthode IOD, mounted at /iod/."""

app_name = "iod"

urlpatterns: list = []
