"""The cultural partner's space: its own offers, their dates, the check-in lists.

A partner's account reaches only its own structure's offers (404 otherwise) and never a
person's file. The check-in list shows what the door needs: the booking number, the
actionneur's first name and the initial of the last name, the number of seats
(actionneur, guests and accompagnants), the coopérateur social who booked — each line
shown is audited. The ticketing team reaches every partner's pages.
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from maillage.accounts.roles import Capability
from maillage.audit.services import Action, build_entry, log_many
from maillage.core.permissions import capability_required
from maillage.culture import offer_services, rules, services
from maillage.culture.forms import OfferDateForm, OfferForm
from maillage.culture.models import HOLDING, Booking, CulturalPartner, OfferDate

PARTNER = (Capability.PUBLISH_CULTURE_OFFERS, Capability.MANAGE_TICKETING)


def _partners(user):
    if user.has_capability(Capability.MANAGE_TICKETING):
        return CulturalPartner.objects.select_related("structure")
    return CulturalPartner.objects.filter(pk__in=services.partner_ids_of(user)).select_related(
        "structure"
    )


def _offer(user, pk):
    offer = offer_services.offers_for(user).select_related("partner__structure", "venue")
    return get_object_or_404(offer, pk=pk)


def _date(user, pk) -> OfferDate:
    return get_object_or_404(
        OfferDate.objects.select_related("offer__venue", "offer__partner__structure").filter(
            offer__in=offer_services.offers_for(user)
        ),
        pk=pk,
    )


@capability_required(*PARTNER)
def partner_home(request):
    """The partner's offers with their dates to come and the seats booked."""
    partners = list(_partners(request.user))
    if request.user.has_capability(Capability.MANAGE_TICKETING) and request.GET.get("partenaire"):
        partners = [p for p in partners if str(p.pk) == request.GET["partenaire"]]
    elif request.user.has_capability(Capability.MANAGE_TICKETING):
        partners = []
    now = timezone.now()
    dates = (
        OfferDate.objects.filter(offer__partner__in=partners)
        .filter(starts_at__gt=now - timedelta(days=7))
        .select_related("offer")
        .order_by("starts_at", "pk")
    )
    offers = (
        offer_services.offers_for(request.user)
        .filter(partner__in=partners)
        .annotate(upcoming=Count("dates", filter=Q(dates__starts_at__gt=now)))
        .select_related("venue")
        .order_by("title")
    )
    return render(
        request,
        "culture/partner_home.html",
        {
            "partners": partners,
            "all_partners": _partners(request.user)
            if request.user.has_capability(Capability.MANAGE_TICKETING)
            else [],
            "offers": offers,
            "dates": dates,
            "now": now,
        },
    )


@capability_required(*PARTNER)
def offer_edit(request, partner_pk=None, pk=None):
    offer = _offer(request.user, pk) if pk else None
    if offer is not None:
        partner = offer.partner
    else:
        partner = get_object_or_404(_partners(request.user), pk=partner_pk)
    form = OfferForm(request.POST or None, instance=offer, partner=partner)
    if request.method == "POST" and form.is_valid():
        try:
            saved = offer_services.save_offer(
                offer, form.offer_data(), partner=partner, acting_user=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "L'offre est enregistrée.")
            return redirect("culture:date_add", pk=saved.pk)
    return render(
        request, "culture/offer_form.html", {"form": form, "offer": offer, "partner": partner}
    )


@capability_required(*PARTNER)
def date_add(request, pk):
    offer = _offer(request.user, pk)
    form = OfferDateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            offer_services.add_date(
                offer,
                starts_at=form.cleaned_data["starts_at"],
                seats=form.cleaned_data["seats"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "La date est ajoutée.")
            return redirect("culture:date_add", pk=offer.pk)
    dates = offer.dates.order_by("starts_at", "pk")
    return render(request, "culture/date_form.html", {"form": form, "offer": offer, "dates": dates})


@capability_required(*PARTNER)
def checkin(request, pk):
    """The check-in list of a date: what the door needs, nothing more."""
    offer_date = _date(request.user, pk)
    rows = list(
        Booking.objects.filter(offer_date=offer_date, status__in=HOLDING)
        .select_related("person", "social_partner__structure")
        .order_by("person__first_names", "person__last_name", "pk")
    )
    lines = [
        {
            "booking": b,
            "name": rules.door_name(b.person.first_names, b.person.last_name),
        }
        for b in rows
    ]
    log_many(
        [
            build_entry(
                Action.VIEW,
                b,
                object_repr=f"{b.reference} ({offer_date})",
                person_id=b.person_id,
                changes={"culture": "liste de pointage"},
            )
            for b in rows
        ]
    )
    return render(
        request,
        "culture/checkin.html",
        {
            "offer_date": offer_date,
            "lines": lines,
            "started": rules.can_record_outcome(offer_date.starts_at, timezone.now()),
            "total": sum(b.seats for b in rows),
        },
    )


@require_POST
@capability_required(*PARTNER)
def checkin_mark(request, pk):
    booking = get_object_or_404(Booking.objects.select_related("offer_date__offer"), pk=pk)
    if not offer_services.offers_for(request.user).filter(pk=booking.offer_date.offer_id).exists():
        raise Http404
    try:
        services.record_outcome(
            booking, attended=request.POST.get("venu") == "oui", acting_user=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("culture:checkin", pk=booking.offer_date_id)
