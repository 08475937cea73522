"""The desk's home, the operations (list, form, page with its follow-up), awards and offers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.audit.services import log_views
from maillage.clauses import figures, rules, services
from maillage.clauses.forms import (
    AwardForm,
    OfferForm,
    OperationFilterForm,
    OperationForm,
    YearForm,
)
from maillage.clauses.models import ClauseContract, ClauseHours, ClauseOperation
from maillage.clauses.views.common import PAGE_SIZE, chosen_year, years
from maillage.core.forms import add_service_errors
from maillage.core.permissions import capability_required

VIEW = Capability.VIEW_CLAUSES
MANAGE = Capability.MANAGE_CLAUSES


def with_progress(operations: list[ClauseOperation]) -> list[dict]:
    """Each operation with its realised hours and forecast (one query for all)."""
    realised = figures.operation_hours([operation.pk for operation in operations])
    today = timezone.localdate()
    return [
        {
            "operation": operation,
            "progress": rules.progress(
                operation.required_hours,
                realised.get(operation.pk, 0),
                operation.start_date,
                operation.end_date,
                today,
            ),
        }
        for operation in operations
    ]


@capability_required(VIEW)
def home(request):
    """The facilitator's landing page: the year's figures and the operations falling behind."""
    available = years()
    form = YearForm(request.GET or None, years=available)
    year = chosen_year(form, available)
    today = timezone.localdate()
    running = list(
        ClauseOperation.objects.select_related("buyer")
        .filter(start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .filter(required_hours__isnull=False)
        .order_by("end_date", "pk")
    )
    behind = [row for row in with_progress(running) if row["progress"].behind]
    context = {
        "form": form,
        "year": year,
        "figures": figures.by_legal_basis(figures.hours_of_year(year))["total"],
        "behind": behind,
        "running": len(running),
        "to_check": ClauseContract.objects.visible_to(request.user)
        .filter(imported=True, eligibility_override="")
        .exclude(person__clause_eligibilities__isnull=False)
        .count(),
    }
    return render(request, "clauses/home.html", context)


@capability_required(VIEW)
def operation_list(request):
    form = OperationFilterForm(request.GET or None)
    operations = ClauseOperation.objects.select_related("buyer").order_by("-start_date", "pk")
    if form.is_valid():
        if text := form.cleaned_data["q"].strip():
            operations = operations.filter(title__icontains=text)
        if buyer := form.cleaned_data["acheteur"]:
            operations = operations.filter(buyer=buyer)
        if basis := form.cleaned_data["fondement"]:
            operations = operations.filter(legal_basis=basis)
    page = Paginator(operations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": with_progress(list(page.object_list)),
        "query": query.urlencode(),
        "can_manage": request.user.has_capability(MANAGE),
    }
    return render(request, "clauses/operation_list.html", context)


@capability_required(MANAGE)
def operation_form(request, pk=None):
    operation = get_object_or_404(ClauseOperation, pk=pk) if pk else None
    # The form validates its own copy: the service compares the stored values to the new ones.
    copy = ClauseOperation.objects.get(pk=pk) if pk else None
    form = OperationForm(request.POST or None, instance=copy)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_operation(
                operation, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "L'opération est enregistrée.")
            return redirect("clauses:operation", pk=saved.pk)
    context = {
        "form": form,
        "title": f"Modifier « {operation} »" if operation else "Nouvelle opération avec clause",
        "intro": "Heures exigées : laissez-les vides pour les calculer (montant × part de "
        "main-d'œuvre × taux d'insertion ÷ coût horaire), ou saisissez le chiffre retenu.",
        "back": reverse("clauses:operation", args=[operation.pk])
        if operation
        else reverse("clauses:operations"),
    }
    status = 400 if form.errors else 200
    return render(request, "clauses/form.html", context, status=status)


@capability_required(VIEW)
def operation_detail(request, pk):
    operation = get_object_or_404(ClauseOperation.objects.select_related("buyer"), pk=pk)
    hours = ClauseHours.objects.filter(operation=operation)
    monthly = figures.monthly_hours(hours)
    (row,) = with_progress([operation])
    contracts = ClauseContract.objects.filter(
        Q(operation=operation) | Q(pk__in=hours.values("contract_id"))
    )
    visible = list(
        contracts.visible_to(request.user)
        .select_related("person", "company")
        .annotate(total=Sum("hours__hours", filter=Q(hours__operation=operation)))
        .order_by("person__last_name", "person__first_names", "pk")
    )
    log_views([contract.person for contract in visible], clause_operation=operation.pk)
    can_manage = request.user.has_capability(MANAGE)
    context = {
        "operation": operation,
        "progress": row["progress"],
        "monthly": _cumulated(monthly, operation),
        "awarded": list(operation.awarded.select_related("company").order_by("company__name")),
        "by_company": figures.grouped(hours, "company__name"),
        "qpv": figures.qpv_shares(hours),
        "offers": list(
            operation.offers.select_related("company").annotate(n=Count("positionings"))
        ),
        "visible": visible,
        "hidden": contracts.count() - len(visible),
        "can_manage": can_manage,
        "award_form": AwardForm() if can_manage else None,
    }
    return render(request, "clauses/operation_detail.html", context)


def _cumulated(monthly: list[tuple], operation: ClauseOperation) -> list[dict]:
    """Monthly hours with the cumulated total and the expected one at a linear pace."""
    rows, total = [], 0.0
    for month, hours in monthly:
        total += hours
        expected = None
        if operation.required_hours and operation.start_date and operation.end_date:
            span = rules.months_between(operation.start_date, operation.end_date)
            elapsed = min(max(rules.months_between(operation.start_date, month), 0), span)
            expected = float(operation.required_hours) * elapsed / span
        rows.append({"month": month, "hours": hours, "total": total, "expected": expected})
    return rows


@capability_required(MANAGE)
def award(request, pk):
    operation = get_object_or_404(ClauseOperation, pk=pk)
    form = AwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.award_company(
                operation=operation, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "L'entreprise attributaire est ajoutée.")
            return redirect("clauses:operation", pk=operation.pk)
    return _form(request, form, f"Entreprise attributaire de « {operation} »", operation)


@capability_required(MANAGE)
def offer_create(request, pk):
    operation = get_object_or_404(ClauseOperation, pk=pk)
    form = OfferForm(request.POST or None, operation=operation)
    if request.method == "POST" and form.is_valid():
        offer = services.create_offer(
            operation=operation, acting_user=request.user, **form.cleaned_data
        )
        messages.success(request, "L'offre est ouverte : les référents peuvent y positionner.")
        return redirect("clauses:offer", pk=offer.pk)
    return _form(request, form, f"Nouvelle offre sur « {operation} »", operation)


def _form(request, form, title: str, operation: ClauseOperation):
    context = {
        "form": form,
        "title": title,
        "intro": "",
        "back": reverse("clauses:operation", args=[operation.pk]),
    }
    return render(request, "clauses/form.html", context, status=400 if form.errors else 200)
