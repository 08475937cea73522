"""The ticketing team's pages: partners, desks and their activity, figures."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.core.permissions import capability_required
from maillage.culture import offer_services
from maillage.culture.figures import culture_block
from maillage.culture.forms import DeskSessionForm, YearForm
from maillage.culture.models import HOLDING, CulturalPartner, Desk, SocialPartner


@capability_required(Capability.MANAGE_TICKETING)
def partners(request):
    """Cultural and social partners, with their activity this year (two queries)."""
    year = timezone.localdate().year
    cultural = CulturalPartner.objects.select_related("structure").annotate(
        offers_count=Count("offers", distinct=True),
        dates_count=Count("offers__dates", filter=Q(offers__dates__starts_at__year=year)),
    )
    social = SocialPartner.objects.select_related("structure").annotate(
        actionneurs=Count("registrations", distinct=True),
    )
    return render(
        request,
        "culture/partners.html",
        {"cultural": cultural, "social": social, "year": year},
    )


@capability_required(Capability.BOOK_OUTINGS, Capability.MANAGE_TICKETING)
def desks(request):
    """Desks and permanences: record a day's reception, see people received and bookings."""
    form = DeskSessionForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            offer_services.record_desk_session(
                data["desk"],
                on=data["date"],
                people_received=data["people_received"],
                hours=data["hours"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "L'accueil du jour est enregistré.")
            return redirect("culture:desks")
    year = timezone.localdate().year
    rows = Desk.objects.select_related("social_partner__structure").annotate(
        received=Count("sessions", filter=Q(sessions__date__year=year)),
        bookings_made=Count(
            "bookings",
            filter=Q(bookings__created_at__year=year, bookings__status__in=HOLDING),
            distinct=True,
        ),
    )
    return render(request, "culture/desks.html", {"form": form, "desks": rows, "year": year})


@capability_required(Capability.VIEW_AGGREGATES, Capability.MANAGE_TICKETING)
def statistics(request):
    """The figures of the report's ``culture`` block for a year (never a name)."""
    form = YearForm(request.GET or None)
    year = timezone.localdate().year
    if form.is_valid() and form.cleaned_data["annee"]:
        year = form.cleaned_data["annee"]
    return render(
        request,
        "culture/statistics.html",
        {"form": form, "year": year, "figures": culture_block(year)},
    )
