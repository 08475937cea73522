"""Booking outings for actionneurs, their bookings and outcomes, registering actionneurs.

Référents (and reception, desks, the ticketing team) act for people in their scope: the
lists are ``visible_to(user)`` querysets and every name shown is audited (one bulk insert).
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import get_visible_or_404
from maillage.audit.services import log_views
from maillage.core.permissions import capability_required
from maillage.culture import rules, services
from maillage.culture.forms import ActionneurForm, BookingForm
from maillage.culture.models import Booking, BookingStatus, Channel, OfferDate, Registration
from maillage.people.models import Person
from maillage.people.services import PeopleError

PAGE_SIZE = 30
SEARCH_LIMIT = 20
BOOK = Capability.BOOK_OUTINGS
STAFF = (Capability.BOOK_OUTINGS, Capability.MANAGE_TICKETING)


@capability_required(BOOK)
def book(request, pk):
    offer_date = get_object_or_404(
        OfferDate.objects.select_related("offer__venue", "offer__partner__structure"),
        pk=pk,
        offer__channel=Channel.SOLIDARITY,
        offer__is_published=True,
    )
    offer = offer_date.offer
    form = BookingForm(request.POST or None, user=request.user, offer=offer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        registration = data["registration"]
        arguments = {
            "offer_date": offer_date,
            "person": registration.person,
            "guests": data["guests"],
            "accompanists": data["accompanists"],
            "social_partner": registration.social_partner,
            "desk": data["desk"],
            "acting_user": request.user,
        }
        try:
            wait = data["waiting_list"] and offer_date.remaining < rules.seats_of(
                data["guests"], data["accompanists"]
            )
            if wait:
                services.join_waiting_list(**arguments)
                messages.success(
                    request,
                    f"{registration.person} est sur la liste d'attente : si des places se "
                    "libèrent, la réservation sera faite et vous recevrez un courriel.",
                )
            else:
                booking = services.book(**arguments)
                messages.success(
                    request,
                    f"Réservation {booking.reference} enregistrée : {booking.seats} place(s) "
                    f"pour {registration.person}.",
                )
            return redirect("culture:bookings")
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(
        request,
        "culture/book.html",
        {"offer_date": offer_date, "offer": offer, "form": form},
    )


def _flagged(user) -> list[dict]:
    """Actionneurs in scope whose no-shows reached the threshold (one query)."""
    limits = rules.Limits.from_settings()
    since = timezone.localdate() - timedelta(days=limits.no_show_window_days)
    rows = (
        Booking.objects.visible_to(user)
        .filter(status=BookingStatus.NO_SHOW, offer_date__starts_at__date__gte=since)
        .values("person", "person__last_name", "person__first_names")
        .annotate(no_shows=Count("pk"))
        .filter(no_shows__gte=max(limits.no_show_threshold, 1))
        .order_by("person__last_name", "person__first_names")
    )
    return list(rows)


@capability_required(*STAFF)
def bookings(request):
    """Bookings of people in scope: to come, to confirm after the date, past."""
    now = timezone.now()
    show = request.GET.get("voir", "a-venir")
    rows = Booking.objects.visible_to(request.user).select_related(
        "person", "offer_date__offer__venue", "social_partner__structure"
    )
    if show == "a-confirmer":
        rows = rows.filter(status=BookingStatus.BOOKED, offer_date__starts_at__lte=now)
        rows = rows.order_by("offer_date__starts_at", "pk")
    elif show == "tout":
        rows = rows.order_by("-offer_date__starts_at", "pk")
    else:
        show = "a-venir"
        rows = rows.filter(offer_date__starts_at__gt=now).order_by("offer_date__starts_at", "pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    flagged = _flagged(request.user)
    log_views([b.person for b in page.object_list], culture="reservations")
    return render(
        request,
        "culture/bookings.html",
        {
            "page": page,
            "show": show,
            "query": f"voir={show}",
            "now": now,
            "flagged": flagged,
            "threshold": rules.Limits.from_settings().no_show_threshold,
        },
    )


@require_POST
@capability_required(*STAFF)
def cancel(request, pk):
    booking = get_visible_or_404(Booking.objects, request.user, pk=pk)
    try:
        given = services.cancel_booking(booking, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = "Réservation annulée : les places sont rendues."
        if given:
            text += f" {len(given)} réservation(s) faite(s) depuis la liste d'attente."
        messages.success(request, text)
    return redirect(request.POST.get("suite") or reverse("culture:bookings"))


@require_POST
@capability_required(*STAFF)
def outcome(request, pk):
    booking = get_visible_or_404(
        Booking.objects.select_related("offer_date__offer"), request.user, pk=pk
    )
    try:
        services.record_outcome(
            booking, attended=request.POST.get("venu") == "oui", acting_user=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Sortie enregistrée.")
    return redirect(f"{reverse('culture:bookings')}?voir=a-confirmer")


@capability_required(*STAFF)
def actionneurs(request):
    """Actionneurs registered by the user's coopérateurs (people in scope)."""
    rows = (
        Registration.objects.visible_to(request.user)
        .select_related("person", "social_partner__structure", "referent")
        .order_by("person__last_name", "person__first_names", "pk")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    log_views([r.person for r in page.object_list], culture="actionneurs")
    return render(request, "culture/actionneurs.html", {"page": page, "query": ""})


@capability_required(BOOK)
def register(request):
    """Register an actionneur: an existing file (``?personne=<id>``) or a new one."""
    existing = None
    if request.GET.get("personne"):
        existing = get_visible_or_404(Person.objects, request.user, pk=request.GET["personne"])
    form = ActionneurForm(request.POST or None, user=request.user, existing=existing)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "criterion": data["criterion"],
            "checked_on": data["checked_on"],
            "acting_user": request.user,
            "social_partner": data.get("social_partner"),
            "desk": data["desk"],
        }
        try:
            if existing is not None:
                registration = services.register_actionneur(person=existing, **common)
            else:
                registration = services.register_new_actionneur(form.person_data(), **common)
        except ValidationError as exc:
            form.add_error(None, exc)
        except PeopleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"{registration.person} est inscrit·e comme actionneur auprès de "
                f"{registration.social_partner}.",
            )
            return redirect("culture:actionneurs")
    query = request.GET.get("q", "").strip()
    found = []
    if existing is None and query:
        found = list(Person.objects.visible_to(request.user).search(query)[:SEARCH_LIMIT])
        log_views(found, culture="recherche d'actionneur")
    return render(
        request,
        "culture/register.html",
        {"form": form, "existing": existing, "query": query, "found": found},
    )
