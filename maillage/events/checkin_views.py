"""The check-in page at the door: a tablet, a search box, one tap per person.

Typing filters the list (htmx, no page load); tapping a name marks the person
present (or undoes a wrong tap) and swaps that row only. Registrants are those
in the user's scope plus the online registrations not yet linked to a file;
each name shown is audited.
"""

from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import get_visible_or_404
from maillage.audit.services import Action, build_entry, log_many
from maillage.core.permissions import capability_required
from maillage.events import figures, services
from maillage.events.models import Event, Registration, RegistrationStatus
from maillage.people.text import fold, search_terms

MANAGE = Capability.MANAGE_EVENTS


def _matches(registration: Registration, terms: list[str]) -> bool:
    if registration.person_id:
        key = registration.person.search_key
    else:
        key = fold(f"{registration.last_name} {registration.first_name}")
    return all(term in key for term in terms)


@capability_required(MANAGE)
def checkin(request, pk):
    event = get_object_or_404(Event, pk=pk)
    query = request.GET.get("q", "").strip()
    rows = list(
        event.registrations.visible_to(request.user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("person")
        .order_by("person__last_name", "last_name", "pk")
    )
    if query:
        terms = search_terms(query)
        rows = [r for r in rows if _matches(r, terms)]
    log_many(
        [
            build_entry(Action.VIEW, r.person, changes={"checkin": event.pk})
            for r in rows
            if r.person
        ]
    )
    context = {"event": event, "rows": rows, "query": query, "counts": figures.attendance(event)}
    if request.htmx:
        return render(request, "events/_checkin_rows.html", context)
    return render(request, "events/checkin.html", context)


@require_POST
@capability_required(MANAGE)
def checkin_toggle(request, pk):
    registration = get_visible_or_404(
        Registration.objects.select_related("person", "event"), request.user, pk=pk
    )
    present = request.POST.get("present") == "1"
    try:
        services.check_in(registration=registration, acting_user=request.user, present=present)
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages))
    if request.htmx:
        return render(request, "events/_checkin_row.html", {"row": registration})
    return redirect("events:checkin", registration.event_id)
