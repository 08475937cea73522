"""Routes of the validation and follow-up commissions (included by plie/urls.py)."""

from django.urls import path

from maillage.plie.views import commission_views, entry_views

urlpatterns = [
    path("commissions/", commission_views.commission_list, name="commission_list"),
    path("commissions/nouvelle/", commission_views.commission_create, name="commission_create"),
    path("commissions/<int:pk>/", commission_views.commission_detail, name="commission_detail"),
    path(
        "commissions/<int:pk>/modifier/", commission_views.commission_edit, name="commission_edit"
    ),
    path(
        "commissions/<int:pk>/ordre-du-jour/",
        commission_views.commission_agenda,
        name="commission_agenda",
    ),
    path(
        "commissions/<int:pk>/compte-rendu/",
        commission_views.commission_minutes,
        name="commission_minutes",
    ),
    path(
        "commissions/<int:pk>/actualiser/",
        commission_views.commission_refresh,
        name="commission_refresh",
    ),
    path(
        "commissions/<int:pk>/cloturer/", commission_views.commission_hold, name="commission_hold"
    ),
    path(
        "commissions/<int:pk>/dossiers/<int:decision_pk>/decision/",
        commission_views.decision_record,
        name="decision_record",
    ),
    path("entrees/", entry_views.entry_list, name="entry_list"),
    path("entrees/nouvelle/", entry_views.entry_create, name="entry_create"),
    path("entrees/<int:pk>/", entry_views.entry_detail, name="entry_detail"),
    path("entrees/<int:pk>/modifier/", entry_views.entry_edit, name="entry_edit"),
    path("entrees/<int:pk>/soumettre/", entry_views.entry_submit, name="entry_submit"),
    path("entrees/<int:pk>/retirer/", entry_views.entry_withdraw, name="entry_withdraw"),
    path(
        "entrees/<int:pk>/contrat-engagement/",
        entry_views.entry_engagement,
        name="entry_engagement",
    ),
    path("parcours/<int:pk>/proposer-une-sortie/", entry_views.exit_propose, name="exit_propose"),
]
