"""IOD items in the "Parcours et activités" section of a person's file.

Registered from ``IodConfig.ready()``: the orientation (and end) of each IOD
follow-up the user may see, each proposal, its mise en relation and its hire.
Two queries whatever the number of items.
"""

from django.urls import reverse

from maillage.accounts.roles import Capability
from maillage.iod.models import IodFollowup, Proposal, ProposalStatus
from maillage.people.timeline import TimelineItem

SERVICE = "Méthode IOD"


def iod_items(person, user) -> list[TimelineItem]:
    # Links only for those who may open the IOD pages (référents and chargés de mission).
    linked = user.has_capability(Capability.MANAGE_IOD) or user.has_capability(
        Capability.VIEW_RECRUITMENT
    )
    items = []
    followups = IodFollowup.objects.visible_to(user).filter(person=person).select_related("chargee")
    for followup in followups:
        url = reverse("iod:participant", args=[followup.pk]) if linked else None
        items.append(
            TimelineItem(
                followup.oriented_on,
                f"Orientation vers la méthode IOD ({followup.chargee})",
                SERVICE,
                url,
            )
        )
        if followup.ended_on:
            label = f"Fin du suivi IOD : {followup.get_end_reason_display().lower()}"
            items.append(TimelineItem(followup.ended_on, label, SERVICE, url))
    proposals = (
        Proposal.objects.visible_to(user)
        .filter(followup__person=person)
        .select_related("offer__company")
    )
    for proposal in proposals:
        url = reverse("iod:proposal", args=[proposal.pk]) if linked else None
        post = f"{proposal.offer.title} chez {proposal.offer.company}"
        label = f"Proposé(e) sur le poste {post}"
        items.append(TimelineItem(proposal.proposed_on, label, SERVICE, url))
        if proposal.meeting_on:
            label = f"Mise en relation sur le poste {post}"
            items.append(TimelineItem(proposal.meeting_on, label, SERVICE, url))
        if proposal.status == ProposalStatus.HIRED:
            label = f"Embauche ({proposal.get_contract_type_display()}) : {post}"
            items.append(TimelineItem(proposal.hired_on, label, SERVICE, url))
        elif proposal.outcome_on:
            label = f"{proposal.get_status_display()} sur le poste {post}"
            items.append(TimelineItem(proposal.outcome_on, label, SERVICE, url))
    return items
