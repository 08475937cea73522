"""Charte des 1 000 entreprises, mounted at /charte/."""

from django.urls import path

from maillage.charter.views import evenings, signatories, sponsorships

app_name = "charter"

urlpatterns = [
    path("", signatories.home, name="home"),
    path("signature/", signatories.choose_company, name="choose_company"),
    path("entreprises/<int:pk>/", signatories.company, name="company"),
    path("entreprises/<int:pk>/signature/", signatories.sign, name="sign"),
    path(
        "entreprises/<int:pk>/engagements/nouveau/",
        signatories.commitment_add,
        name="commitment_add",
    ),
    path("engagements/<int:pk>/suivi/", signatories.follow_up, name="follow_up"),
    path("parrainages/", sponsorships.sponsorship_list, name="sponsorships"),
    path(
        "entreprises/<int:pk>/parrainages/nouveau/",
        sponsorships.sponsorship_add,
        name="sponsorship_add",
    ),
    path("parrainages/<int:pk>/", sponsorships.sponsorship_detail, name="sponsorship"),
    path("soirees/", evenings.evening_list, name="evenings"),
    path("soirees/<int:year>/", evenings.evening_detail, name="evening"),
    path("soirees/<int:year>/contacts/", evenings.guest_contacts, name="guest_contacts"),
    path(
        "soirees/<int:year>/inviter-les-signataires/",
        evenings.invite_signatories,
        name="invite_signatories",
    ),
    path("soirees/<int:year>/imprimer/", evenings.evening_print, name="evening_print"),
    path("invites/<int:pk>/statut/", evenings.guest_status, name="guest_status"),
]
