"""Culture pour tous (billetterie solidaire), mounted at /culture/."""

from django.urls import path

from maillage.culture.views import agenda, booking, manage, partner

app_name = "culture"

urlpatterns = [
    path("", agenda.home, name="home"),
    path("offres/<int:pk>/", agenda.offer_detail, name="offer"),
    path("dates/<int:pk>/reserver/", booking.book, name="book"),
    path("reservations/", booking.bookings, name="bookings"),
    path("reservations/<int:pk>/annuler/", booking.cancel, name="cancel"),
    path("reservations/<int:pk>/sortie/", booking.outcome, name="outcome"),
    path("actionneurs/", booking.actionneurs, name="actionneurs"),
    path("actionneurs/inscrire/", booking.register, name="register"),
    path("partenaire/", partner.partner_home, name="partner_home"),
    path("partenaire/<int:partner_pk>/offres/nouvelle/", partner.offer_edit, name="offer_create"),
    path("partenaire/offres/<int:pk>/modifier/", partner.offer_edit, name="offer_edit"),
    path("partenaire/offres/<int:pk>/dates/", partner.date_add, name="date_add"),
    path("dates/<int:pk>/pointage/", partner.checkin, name="checkin"),
    path("pointage/<int:pk>/", partner.checkin_mark, name="checkin_mark"),
    path("cooperateurs/", manage.partners, name="partners"),
    path("guichets/", manage.desks, name="desks"),
    path("statistiques/", manage.statistics, name="statistics"),
    path("choreia/", agenda.company_offers, name="company_offers"),
    path("choreia/dates/<int:pk>/reserver/", agenda.company_book, name="company_book"),
    path("choreia/reservations/<int:pk>/annuler/", agenda.company_cancel, name="company_cancel"),
]
