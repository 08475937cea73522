from django.urls import path

from maillage.bundle import views

app_name = "bundle"

urlpatterns = [path("", views.upload, name="upload")]
