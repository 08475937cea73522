"""Culture pour tous (billetterie solidaire), mounted at /culture/."""

app_name = "culture"

urlpatterns: list = []
