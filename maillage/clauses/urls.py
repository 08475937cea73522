"""Clauses sociales, mounted at /clauses/."""

from django.urls import path

from maillage.clauses.views import buyers, operations, people, syntheses

app_name = "clauses"

urlpatterns = [
    path("", operations.home, name="home"),
    path("operations/", operations.operation_list, name="operations"),
    path("operations/nouvelle/", operations.operation_form, name="operation_create"),
    path("operations/<int:pk>/", operations.operation_detail, name="operation"),
    path("operations/<int:pk>/modifier/", operations.operation_form, name="operation_update"),
    path("operations/<int:pk>/attributaires/", operations.award, name="award"),
    path("operations/<int:pk>/offres/nouvelle/", operations.offer_create, name="offer_create"),
    path("offres/", people.offer_list, name="offers"),
    path("offres/<int:pk>/", people.offer_detail, name="offer"),
    path("offres/<int:pk>/positionner/", people.offer_position, name="offer_position"),
    path("contrats/nouveau/", people.contract_create, name="contract_create"),
    path("contrats/a-verifier/", people.contracts_to_check, name="contracts_to_check"),
    path("contrats/<int:pk>/", people.contract_detail, name="contract"),
    path("personnes/<int:pk>/eligibilite/", people.eligibility, name="eligibility"),
    path("donneurs-d-ordre/", buyers.buyer_list, name="buyers"),
    path("donneurs-d-ordre/nouveau/", buyers.buyer_form, name="buyer_create"),
    path("donneurs-d-ordre/<int:pk>/", buyers.buyer_detail, name="buyer"),
    path("donneurs-d-ordre/<int:pk>/modifier/", buyers.buyer_form, name="buyer_update"),
    path(
        "donneurs-d-ordre/<int:pk>/contacts/nouveau/", buyers.contact_create, name="contact_create"
    ),
    path("donneurs-d-ordre/<int:pk>/bilan/", buyers.buyer_report, name="buyer_report"),
    path("reseau-des-acheteurs/", buyers.meetings, name="meetings"),
    path("syntheses/", syntheses.syntheses, name="syntheses"),
    path("syntheses/<slug:table>.xlsx", syntheses.export, name="export"),
    path("suivi/", syntheses.followup, name="followup"),
]
