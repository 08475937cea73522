"""``{% culture_nav %}``: the ticketing's sub-menu, by what the user may do."""

from django import template
from django.urls import reverse

from maillage.accounts.roles import Capability

register = template.Library()

LINKS = (
    ("Agenda des sorties", "culture:home", (Capability.BOOK_OUTINGS, Capability.MANAGE_TICKETING)),
    ("Réservations", "culture:bookings", (Capability.BOOK_OUTINGS, Capability.MANAGE_TICKETING)),
    ("Actionneurs", "culture:actionneurs", (Capability.BOOK_OUTINGS, Capability.MANAGE_TICKETING)),
    ("Guichets", "culture:desks", (Capability.BOOK_OUTINGS, Capability.MANAGE_TICKETING)),
    ("Coopérateurs", "culture:partners", (Capability.MANAGE_TICKETING,)),
    ("Offres des coopérateurs culturels", "culture:partner_home", (Capability.MANAGE_TICKETING,)),
    ("Chiffres", "culture:statistics", (Capability.VIEW_AGGREGATES, Capability.MANAGE_TICKETING)),
)


@register.inclusion_tag("culture/_nav.html", takes_context=True)
def culture_nav(context):
    user = context["user"]
    links = [
        {"label": label, "url": reverse(name)}
        for label, name, capabilities in LINKS
        if any(user.has_capability(c) for c in capabilities)
    ]
    return {"links": links, "current": context["request"].path}
