"""Individual aids, mounted at /aides/."""

from django.urls import path

from maillage.aids import views

app_name = "aids"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("nouvelle/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/decision/", views.decide, name="decide"),
    path("<int:pk>/pieces/", views.upload_document, name="document_upload"),
    path("pieces/<int:pk>/", views.download_document, name="document"),
    path("budget/", views.budget, name="budget"),
    path("statistiques/", views.statistics_page, name="statistics"),
    path("prestations/", views.session_list, name="sessions"),
    path("prestations/<int:pk>/", views.session_detail, name="session_detail"),
    path(
        "prestations/participants/<int:pk>/retirer/",
        views.remove_participant,
        name="remove_participant",
    ),
]
