"""Events in the "Parcours et activités" section of a person's file.

Registered from ``EventsConfig.ready()``: each registration the user may see,
with its outcome (present or not, interviews, contract). One query.
"""

from django.urls import reverse
from django.utils import timezone

from maillage.events.models import Registration, RegistrationStatus
from maillage.people.timeline import TimelineItem

SERVICE = "Événements"


def registration_label(registration: Registration) -> str:
    event = registration.event
    label = f"{event.get_kind_display()} : {event.title}"
    if registration.status == RegistrationStatus.CANCELLED:
        return label + " — désinscrit(e)"
    if registration.status == RegistrationStatus.WAITING:
        return label + " — en liste d'attente"
    if registration.attended:
        label += " — présent(e)"
        if registration.interviews:
            plural = "s" if registration.interviews > 1 else ""
            label += f", {registration.interviews} entretien{plural}"
        if registration.hired:
            label += ", contrat signé"
    elif event.date < timezone.localdate():
        label += " — absent(e)"
    else:
        label += " — inscrit(e)"
    return label


def registration_items(person, user) -> list[TimelineItem]:
    return [
        TimelineItem(
            registration.event.date,
            registration_label(registration),
            SERVICE,
            reverse("events:detail", args=[registration.event_id]),
        )
        for registration in Registration.objects.visible_to(user)
        .filter(person=person)
        .select_related("event")
    ]
