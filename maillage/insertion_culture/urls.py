"""Mission Insertion Culture, mounted at /mission-culture/."""

from django.urls import path

from maillage.insertion_culture.views import actions, others

app_name = "insertion_culture"

urlpatterns = [
    path("", actions.home, name="home"),
    path("actions/nouvelle/", actions.action_create, name="action_create"),
    path("actions/<int:pk>/", actions.action_detail, name="action"),
    path("actions/<int:pk>/modifier/", actions.action_edit, name="action_edit"),
    path("actions/<int:pk>/inscrire/", actions.participant_add, name="participant_add"),
    path(
        "participations/<int:pk>/seances/<int:session_pk>/presence/",
        actions.presence,
        name="presence",
    ),
    path("partenaires/", others.partner_list, name="partners"),
    path("partenaires/nouveau/", others.partner_create, name="partner_create"),
    path("partenaires/<int:pk>/modifier/", others.partner_edit, name="partner_edit"),
    path("ressources-humaines/", others.hr_home, name="hr"),
    path("ressources-humaines/action/", others.employer_action_create, name="employer_action"),
    path("ressources-humaines/resultat/", others.employer_outcome_create, name="employer_outcome"),
    path("ressources-humaines/employeur/", others.employer_create, name="employer_create"),
    path("statistiques/", others.statistics, name="statistics"),
]
