"""Routes of the référent workspace, parcours, steps and statistics (included by plie/urls.py)."""

urlpatterns: list = []
