"""The annual evening: the evenings, one evening's guest list (status changed in place with
htmx) and its printable list for the reception desk."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from maillage.charter import services
from maillage.charter.forms import EveningForm, GuestForm, GuestStatusForm
from maillage.charter.models import Evening, Guest, GuestStatus
from maillage.charter.views.signatories import EDIT, VIEW
from maillage.companies.models import Company, Contact
from maillage.core.forms import add_service_errors
from maillage.core.permissions import capability_required


def _guests(evening: Evening) -> list[Guest]:
    """The list in the order of the printed sheet: organisation, then name."""
    guests = Guest.objects.filter(evening=evening).select_related("company", "contact", "structure")
    return sorted(guests, key=lambda g: (g.organisation.casefold(), g.label.casefold(), g.pk))


@capability_required(VIEW)
def evening_list(request):
    evenings = Evening.objects.annotate(
        guests_count=Count("guests"),
        confirmed=Count("guests", filter=Q(guests__status=GuestStatus.CONFIRMED)),
        present=Count("guests", filter=Q(guests__status=GuestStatus.PRESENT)),
    ).order_by("-year")
    form = EveningForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_capability(EDIT):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                evening = services.save_evening(
                    acting_user=request.user, year=data["held_on"].year, **data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"La soirée {evening.year} est enregistrée.")
                return redirect("charter:evening", evening.year)
    return render(
        request,
        "charter/evening_list.html",
        {"evenings": evenings, "form": form, "can_edit": request.user.has_capability(EDIT)},
        status=400 if form.errors else 200,
    )


def _guest_form(data=None):
    return GuestForm(
        data,
        companies=Company.objects.filter(charter_signed_on__isnull=False).order_by("name"),
    )


@capability_required(VIEW)
def evening_detail(request, year):
    evening = get_object_or_404(Evening, year=year)
    form = _guest_form(request.POST or None) if request.user.has_capability(EDIT) else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.invite(evening, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "L'invité est ajouté à la liste.")
            return redirect("charter:evening", year)
    guests = _guests(evening)
    counts = {status: 0 for status in GuestStatus.values}
    for guest in guests:
        counts[guest.status] += 1
    return render(
        request,
        "charter/evening_detail.html",
        {
            "evening": evening,
            "guests": guests,
            "counts": [(label, counts[value]) for value, label in GuestStatus.choices],
            "form": form,
            "statuses": GuestStatus.choices,
            "can_edit": form is not None,
        },
        status=400 if form is not None and form.errors else 200,
    )


@capability_required(EDIT)
def guest_contacts(request, year):
    """htmx: the contact choices of the company picked in the guest form."""
    company_id = request.GET.get("company", "")
    contacts = (
        Contact.objects.filter(company_id=company_id, active_until__isnull=True)
        if company_id.isdigit()
        else Contact.objects.none()
    )
    return render(request, "charter/_contact_options.html", {"contacts": contacts})


@require_POST
@capability_required(EDIT)
def invite_signatories(request, year):
    evening = get_object_or_404(Evening, year=year)
    added = services.invite_signatories(evening, acting_user=request.user)
    messages.success(request, f"{added} entreprise(s) signataire(s) ajoutée(s) à la liste.")
    return redirect("charter:evening", year)


@require_POST
@capability_required(EDIT)
def guest_status(request, pk):
    guest = get_object_or_404(
        Guest.objects.select_related("evening", "company", "contact", "structure"), pk=pk
    )
    form = GuestStatusForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.set_guest_status(
                guest, acting_user=request.user, status=form.cleaned_data["status"]
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
            guest.refresh_from_db(fields=["status"])
    else:
        error = "Statut inconnu."
    if request.htmx:
        return render(
            request,
            "charter/_guest_row.html",
            {"guest": guest, "statuses": GuestStatus.choices, "can_edit": True, "error": error},
        )
    if error:
        messages.error(request, error)
    return redirect("charter:evening", guest.evening.year)


@capability_required(VIEW)
def evening_print(request, year):
    evening = get_object_or_404(Evening, year=year)
    return render(
        request, "charter/evening_print.html", {"evening": evening, "guests": _guests(evening)}
    )
