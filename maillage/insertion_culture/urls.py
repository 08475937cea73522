"""Mission Insertion Culture, mounted at /mission-culture/."""

app_name = "insertion_culture"

urlpatterns: list = []
