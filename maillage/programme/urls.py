"""Programme pages, mounted at /programme/."""

from django.urls import path

from maillage.programme import operation_views, views

app_name = "programme"

urlpatterns = [
    path("", views.repertoire, name="repertoire"),
    path("imprimer/", views.repertoire_print, name="repertoire_print"),
    path("marche-aux-actions/", views.marche, name="marche"),
    path("statistiques/", views.statistics, name="statistics"),
    path("operations/<int:pk>/", operation_views.detail, name="operation"),
    path("operations/<int:pk>/etape/", operation_views.transition, name="transition"),
    path("operations/<int:pk>/financement/", operation_views.funding_plan, name="funding"),
    path("operations/<int:pk>/prescrire/", operation_views.prescribe, name="prescribe"),
]
