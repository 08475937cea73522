"""Charte des 1 000 entreprises, mounted at /charte/."""

app_name = "charter"

urlpatterns: list = []
