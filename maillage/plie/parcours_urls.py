"""Routes of the référent workspace, parcours, steps and statistics (included by plie/urls.py)."""

from django.urls import path

from maillage.plie.views import parcours_views, statistics_views, step_views, workspace_views

urlpatterns = [
    path("", workspace_views.home, name="workspace"),
    path("parcours/<int:pk>/", parcours_views.detail, name="parcours_detail"),
    path("parcours/<int:pk>/sortie/", parcours_views.record_exit, name="parcours_exit"),
    path("parcours/<int:pk>/etapes/nouvelle/", step_views.create, name="step_create"),
    path("etapes/<int:pk>/modifier/", step_views.update, name="step_update"),
    path("etapes/type-de-contrat/", step_views.contract_type_field, name="step_contract_type"),
    path("etapes/entreprises/", step_views.company_options, name="step_company_options"),
    path("statistiques/", statistics_views.statistics_page, name="statistics"),
]
