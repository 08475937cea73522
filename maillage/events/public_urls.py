"""The public agenda (no login), mounted at /agenda/."""

app_name = "agenda"

urlpatterns: list = []
