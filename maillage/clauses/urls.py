"""Clauses sociales, mounted at /clauses/."""

app_name = "clauses"

urlpatterns: list = []
