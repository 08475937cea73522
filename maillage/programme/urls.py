"""Programme pages, mounted at /programme/."""

from django.urls import path

from maillage.programme import operation_views, proposal_views, views

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
    path("operations/<int:pk>/refus/", operation_views.refuse, name="refuse"),
    path("operations/<int:pk>/modifier/", proposal_views.edit_proposal, name="edit_proposal"),
    path("appels/", proposal_views.calls, name="calls"),
    path("appels/nouveau/", proposal_views.call_create, name="call_create"),
    path("appels/<int:year>/modifier/", proposal_views.call_edit, name="call_edit"),
    path("appels/<int:year>/proposer/", proposal_views.propose, name="propose"),
]
