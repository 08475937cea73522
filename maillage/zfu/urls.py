from django.urls import path

from maillage.zfu import views

app_name = "zfu"

urlpatterns = [
    path("simulateur/", views.simulator, name="simulator"),
    path("reporting/", views.reporting_page, name="reporting"),
]
