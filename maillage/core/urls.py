from django.urls import path

from maillage.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("statistiques/", views.statistics, name="statistics"),
    path("administration/", views.administration, name="administration"),
]
