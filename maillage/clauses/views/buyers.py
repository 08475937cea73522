"""Buyers (donneurs d'ordre): list, page, form, contacts, their annual review; the network."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from maillage.accounts.roles import Capability
from maillage.clauses import figures, services
from maillage.clauses.forms import BuyerContactForm, BuyerForm, MeetingForm, YearForm
from maillage.clauses.models import Buyer, LegalBasis, NetworkMeeting
from maillage.clauses.views.common import chosen_year, years
from maillage.clauses.views.operations import with_progress
from maillage.core.forms import add_service_errors
from maillage.core.permissions import capability_required

VIEW = Capability.VIEW_CLAUSES
MANAGE = Capability.MANAGE_CLAUSES


@capability_required(VIEW)
def buyer_list(request):
    available = years()
    form = YearForm(request.GET or None, years=available)
    year = chosen_year(form, available)
    figures_by_buyer = {row["buyer_id"]: row for row in figures.buyers_table(year)}
    buyers = list(Buyer.objects.annotate(n_operations=Count("operations")).order_by("name"))
    rows = [{"buyer": buyer, "figures": figures_by_buyer.get(buyer.pk)} for buyer in buyers]
    context = {
        "form": form,
        "year": year,
        "rows": rows,
        "can_manage": request.user.has_capability(MANAGE),
    }
    return render(request, "clauses/buyer_list.html", context)


def _buyer_context(request, buyer: Buyer) -> dict:
    available = years()
    form = YearForm(request.GET or None, years=available)
    year = chosen_year(form, available)
    columns = figures.buyer_synthesis(buyer.pk, year)
    return {
        "buyer": buyer,
        "form": form,
        "year": year,
        "bases": LegalBasis.choices,
        "table": figures.table_rows(columns),
        "caption": f"Synthèse {buyer.name} {year}",
        "export_table": f"acheteur-{buyer.pk}",
        "operations": with_progress(list(buyer.operations.order_by("-start_date", "title", "pk"))),
    }


@capability_required(VIEW)
def buyer_detail(request, pk):
    buyer = get_object_or_404(Buyer, pk=pk)
    context = _buyer_context(request, buyer) | {
        "contacts": list(buyer.contacts.all()),
        "meetings": list(buyer.meetings.all()[:20]),
        "can_manage": request.user.has_capability(MANAGE),
    }
    return render(request, "clauses/buyer_detail.html", context)


@capability_required(VIEW)
def buyer_report(request, pk):
    """The print-friendly report for the buyer's annual review (no personal data)."""
    buyer = get_object_or_404(Buyer, pk=pk)
    return render(request, "clauses/buyer_report.html", _buyer_context(request, buyer))


@capability_required(MANAGE)
def buyer_form(request, pk=None):
    buyer = get_object_or_404(Buyer, pk=pk) if pk else None
    # The form validates its own copy: the service compares the stored values to the new ones.
    form = BuyerForm(request.POST or None, instance=Buyer.objects.get(pk=pk) if pk else None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_buyer(buyer, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Le donneur d'ordre est enregistré.")
            return redirect("clauses:buyer", pk=saved.pk)
    back = reverse("clauses:buyer", args=[buyer.pk]) if buyer else reverse("clauses:buyers")
    title = f"Modifier « {buyer} »" if buyer else "Nouveau donneur d'ordre"
    return _form(request, form, title, back)


@capability_required(MANAGE)
def contact_create(request, pk):
    buyer = get_object_or_404(Buyer, pk=pk)
    form = BuyerContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_buyer_contact(buyer, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Le contact est ajouté.")
            return redirect("clauses:buyer", pk=buyer.pk)
    back = reverse("clauses:buyer", args=[buyer.pk])
    return _form(request, form, f"Nouveau contact de {buyer}", back)


def _form(request, form, title: str, back: str):
    context = {"form": form, "title": title, "intro": "", "back": back}
    return render(request, "clauses/form.html", context, status=400 if form.errors else 200)


@capability_required(VIEW)
def meetings(request):
    """The network of socially responsible buyers: meetings, themes and attendance."""
    can_manage = request.user.has_capability(MANAGE)
    form = MeetingForm(request.POST or None) if can_manage else None
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        services.record_meeting(acting_user=request.user, **form.cleaned_data)
        messages.success(request, "La réunion est enregistrée.")
        return redirect("clauses:meetings")
    context = {
        "meetings": list(NetworkMeeting.objects.prefetch_related("attendees")[:100]),
        "members": Buyer.objects.filter(in_network=True).count(),
        "form": form,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "clauses/meetings.html", context, status=status)
