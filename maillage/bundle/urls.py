from django.urls import path

from maillage.bundle import views

app_name = "bundle"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.job, name="job"),
    path("<int:pk>/progression/", views.job_progress, name="job_progress"),
    path("export/", views.export, name="export"),
]
