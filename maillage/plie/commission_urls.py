"""Routes of the validation and follow-up commissions (included by plie/urls.py)."""

urlpatterns: list = []
