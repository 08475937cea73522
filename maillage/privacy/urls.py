"""The people's rights, mounted at /confidentialite/."""

from django.urls import path

from maillage.privacy import views

app_name = "privacy"

urlpatterns = [
    path("personnes/<int:pk>/", views.subject_access, name="subject_access"),
    path("personnes/<int:pk>/donnees.json", views.subject_access_json, name="subject_access_json"),
    path("personnes/<int:pk>/effacement/", views.erase, name="erase"),
]
