"""Due and late post-hire follow-ups of a chargé de mission ("Mes actions", ``iod:home``).

A contact is *due* from a week before its date until it is done; it is *late*
once its date has passed. The chargé de mission of a contact is the one
following the participant (``IodFollowup.chargee``). One query.
"""

import datetime

from django.urls import reverse

from maillage.companies.home_sources import HomeItem
from maillage.iod.models import FollowupContact

#: How far ahead a coming contact is listed.
HORIZON = datetime.timedelta(days=7)
SOURCE = "Suivi IOD"


def due_contacts(user, today: datetime.date):
    """The contacts to do of ``user``'s participants, late first (in scope only)."""
    return (
        FollowupContact.objects.visible_to(user)
        .pending()
        .filter(proposal__followup__chargee=user, due_on__lte=today + HORIZON)
        .select_related("proposal__followup__person", "proposal__offer__company")
        .order_by("due_on", "proposal_id", "id")
    )


def home_items(user, today: datetime.date) -> list[HomeItem]:
    return [
        HomeItem(
            label=(
                f"Suivi {contact.get_party_display().lower()} : "
                f"{contact.proposal.followup.person} chez {contact.proposal.offer.company}"
            ),
            due=contact.due_on,
            url=reverse("iod:contact", args=[contact.pk]),
            source=SOURCE,
        )
        for contact in due_contacts(user, today)
    ]
