"""The cultural agenda (offers with dates to come), an offer's page, and Choreia.

Small pages for phones: 20 dates a page, htmx swaps the results when a filter changes,
two queries whatever the number of dates (the count and the page).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from maillage.accounts.roles import Capability
from maillage.core.permissions import capability_required
from maillage.culture import offer_services
from maillage.culture.forms import AgendaFilterForm, CompanyBookingForm
from maillage.culture.models import Channel, CompanyBooking, Offer, OfferDate

PAGE_SIZE = 20
HOME = (Capability.BOOK_OUTINGS, Capability.MANAGE_TICKETING, Capability.VIEW_AGGREGATES)
ACCESS_FIELD = {
    "wheelchair": "offer__wheelchair_access",
    "hearing": "offer__hearing_access",
    "visual": "offer__visual_access",
}


def agenda_dates(channel: str, data: dict | None):
    """Dates to come of published offers of ``channel``, filtered by the agenda's form.

    By default only dates with free seats: full ones are shown on request."""
    form = AgendaFilterForm(data or {})
    form.is_valid()  # the valid filters apply even when another one is not
    filters = form.cleaned_data
    dates = OfferDate.objects.filter(
        offer__channel=channel, offer__is_published=True, starts_at__gt=timezone.now()
    )
    if filters.get("du"):
        dates = dates.filter(starts_at__date__gte=filters["du"])
    if filters.get("categorie"):
        dates = dates.filter(offer__category=filters["categorie"])
    if filters.get("lieu"):
        place = filters["lieu"].strip()
        dates = dates.filter(
            Q(offer__venue__city__icontains=place)
            | Q(offer__venue__name__icontains=place)
            | Q(offer__venue__postcode__startswith=place)
            | Q(offer__partner__territory__icontains=place)
        )
    if filters.get("accessibilite"):
        dates = dates.filter(**{ACCESS_FIELD[filters["accessibilite"]]: True})
    if not filters.get("complets"):
        dates = dates.filter(booked__lt=F("seats"))
    dates = dates.select_related("offer__venue", "offer__partner__structure").order_by(
        "starts_at", "pk"
    )
    return form, dates


def _agenda_page(request, channel: str, template: str, extra: dict):
    data = request.GET.copy()
    page_number = data.pop("page", [None])[-1]
    form, dates = agenda_dates(channel, data)
    page = Paginator(dates, PAGE_SIZE).get_page(page_number)
    context = {"form": form, "page": page, "query": data.urlencode(), **extra}
    if request.htmx:
        return render(request, "culture/_agenda.html", context)
    return render(request, template, context)


@capability_required(*HOME)
def home(request):
    """The agenda, with the user's tools: bookings, actionneurs, desks, figures."""
    user = request.user
    extra = {
        "can_book": user.has_capability(Capability.BOOK_OUTINGS),
        "can_manage": user.has_capability(Capability.MANAGE_TICKETING),
        "can_see_figures": user.has_capability(Capability.VIEW_AGGREGATES)
        or user.has_capability(Capability.MANAGE_TICKETING),
        "offer_url_name": "culture:offer",
    }
    return _agenda_page(request, Channel.SOLIDARITY, "culture/home.html", extra)


@capability_required(
    Capability.BOOK_OUTINGS, Capability.MANAGE_TICKETING, Capability.VIEW_AGGREGATES
)
def offer_detail(request, pk):
    offer = get_object_or_404(
        Offer.objects.select_related("venue", "partner__structure"),
        pk=pk,
        channel=Channel.SOLIDARITY,
    )
    dates = offer.dates.filter(starts_at__gt=timezone.now()).order_by("starts_at", "pk")
    return render(
        request,
        "culture/offer_detail.html",
        {
            "offer": offer,
            "dates": dates,
            "can_book": request.user.has_capability(Capability.BOOK_OUTINGS),
        },
    )


@capability_required(Capability.BROWSE_COMPANY_OFFERS)
def company_offers(request):
    """Choreia: offers at preferential rates for partner companies' employees."""
    mine = (
        CompanyBooking.objects.filter(employee=request.user, cancelled_at__isnull=True)
        .filter(offer_date__starts_at__gt=timezone.now())
        .select_related("offer_date__offer__venue")
        .order_by("offer_date__starts_at")
    )
    extra = {"mine": mine, "seat_form": CompanyBookingForm()}
    return _agenda_page(request, Channel.CHOREIA, "culture/company_offers.html", extra)


@require_POST
@capability_required(Capability.BROWSE_COMPANY_OFFERS)
def company_book(request, pk):
    offer_date = get_object_or_404(OfferDate, pk=pk, offer__channel=Channel.CHOREIA)
    form = CompanyBookingForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Indiquez un nombre de places.")
        offer_services.book_company_seats(
            offer_date, seats=form.cleaned_data["seats"], acting_user=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Votre réservation est enregistrée.")
    return redirect("culture:company_offers")


@require_POST
@capability_required(Capability.BROWSE_COMPANY_OFFERS)
def company_cancel(request, pk):
    booking = get_object_or_404(CompanyBooking, pk=pk, employee=request.user)
    try:
        offer_services.cancel_company_booking(booking, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Votre réservation est annulée.")
    return redirect("culture:company_offers")
