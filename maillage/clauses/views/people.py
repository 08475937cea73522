"""Pages about people: eligibility, contracts and their monthly hours, offers and positioning.

Every person is fetched through ``visible_to`` (404 out of scope) and every
display of a name is audited.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import get_visible_or_404
from maillage.audit.services import Action, log, log_views
from maillage.clauses import services
from maillage.clauses.forms import ContractForm, EligibilityForm, HoursForm, PositionForm
from maillage.clauses.models import ClauseContract, ClauseOffer, ClauseOperation, Eligibility
from maillage.clauses.views.common import choose_person
from maillage.core.forms import add_service_errors
from maillage.core.permissions import capability_required
from maillage.people.models import Person

VIEW = Capability.VIEW_CLAUSES
MANAGE = Capability.MANAGE_CLAUSES
POSITION = Capability.POSITION_ON_CLAUSES


def _person(request):
    person_id = request.GET.get("personne") or request.POST.get("personne")
    if not (person_id and str(person_id).isdigit()):
        return None
    return get_visible_or_404(Person.objects.all(), request.user, pk=person_id)


@capability_required(VIEW)
def eligibility(request, pk):
    """A person's clause eligibility: the criteria checked, and a form for the facilitator."""
    person = get_visible_or_404(Person.objects.all(), request.user, pk=pk)
    can_manage = request.user.has_capability(MANAGE)
    form = EligibilityForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.record_eligibility(
                    person=person, acting_user=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "L'éligibilité est enregistrée.")
                return redirect("clauses:eligibility", pk=person.pk)
    log(Action.VIEW, person, changes={"clauses": "eligibility"})
    context = {
        "person": person,
        "criteria": list(Eligibility.objects.filter(person=person).select_related("checked_by")),
        "contracts": list(
            ClauseContract.objects.filter(person=person).select_related("company", "operation")
        ),
        "form": form,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "clauses/eligibility.html", context, status=status)


@capability_required(MANAGE)
def contract_create(request):
    person = _person(request)
    if person is None:
        return choose_person(
            request,
            title="Nouveau contrat sous clause",
            intro="Choisissez la personne recrutée.",
        )
    initial = {}
    if (operation_id := request.GET.get("operation", "")).isdigit():
        initial["operation"] = ClauseOperation.objects.filter(pk=operation_id).first()
    form = ContractForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            contract = services.create_contract(
                person=person, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Le contrat est enregistré.")
            return redirect("clauses:contract", pk=contract.pk)
    log(Action.VIEW, person, changes={"clauses": "new_contract"})
    if Eligibility.objects.filter(person=person).exists():
        intro = f"{person} a une éligibilité clause enregistrée."
    else:
        intro = (
            f"{person} n'a pas d'éligibilité clause validée : enregistrez-la d'abord "
            "(page Éligibilité), ou motivez une dérogation ci-dessous."
        )
    context = {
        "form": form,
        "person": person,
        "title": f"Nouveau contrat sous clause — {person}",
        "intro": intro,
        "back": reverse("clauses:eligibility", args=[person.pk]),
    }
    return render(request, "clauses/form.html", context, status=400 if form.errors else 200)


@capability_required(VIEW)
def contract_detail(request, pk):
    contract = get_visible_or_404(
        ClauseContract.objects.select_related("person", "company", "operation__buyer"),
        request.user,
        pk=pk,
    )
    can_manage = request.user.has_capability(MANAGE)
    form = HoursForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.record_hours(
                    contract=contract, acting_user=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Les heures du mois sont enregistrées.")
                return redirect("clauses:contract", pk=contract.pk)
    log(Action.VIEW, contract, person_id=contract.person_id)
    hours = list(contract.hours.select_related("operation", "company").order_by("month", "pk"))
    context = {
        "contract": contract,
        "hours": hours,
        "total": sum(row.hours for row in hours),
        "eligible": Eligibility.objects.filter(person_id=contract.person_id).exists(),
        "form": form,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "clauses/contract_detail.html", context, status=status)


@capability_required(VIEW, POSITION)
def offer_list(request):
    offers = (
        ClauseOffer.objects.select_related("company", "operation__buyer")
        .annotate(n=Count("positionings"))
        .order_by("closed", "-opened_on", "pk")
    )
    context = {"offers": list(offers[:200]), "can_view": request.user.has_capability(VIEW)}
    return render(request, "clauses/offer_list.html", context)


@capability_required(VIEW, POSITION)
def offer_detail(request, pk):
    offer = get_object_or_404(
        ClauseOffer.objects.select_related("company", "operation__buyer"), pk=pk
    )
    positionings = offer.positionings.all()
    visible = list(
        positionings.visible_to(request.user)
        .select_related("person", "positioned_by")
        .order_by("person__last_name", "person__first_names", "pk")
    )
    log_views([p.person for p in visible], clause_offer=offer.pk)
    context = {
        "offer": offer,
        "visible": visible,
        "hidden": positionings.count() - len(visible),
        "can_view": request.user.has_capability(VIEW),
    }
    return render(request, "clauses/offer_detail.html", context)


@capability_required(POSITION)
def offer_position(request, pk):
    offer = get_object_or_404(ClauseOffer.objects.select_related("company"), pk=pk)
    person = _person(request)
    if person is None:
        return choose_person(
            request,
            title=f"Positionner sur « {offer.title} »",
            intro="Choisissez une personne que vous suivez.",
        )
    form = PositionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.position_person(
                offer=offer, person=person, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "La personne est positionnée sur l'offre.")
            return redirect("clauses:offer", pk=offer.pk)
    log(Action.VIEW, person, changes={"clause_offer": offer.pk})
    context = {
        "form": form,
        "person": person,
        "title": f"Positionner {person}",
        "intro": f"Sur l'offre « {offer.title} » de {offer.company}.",
        "back": reverse("clauses:offer", args=[offer.pk]),
    }
    return render(request, "clauses/form.html", context, status=400 if form.errors else 200)


@capability_required(VIEW)
def contracts_to_check(request):
    """Imported contracts of people without a recorded eligibility (the importer cannot check)."""
    contracts = list(
        ClauseContract.objects.visible_to(request.user)
        .filter(imported=True, eligibility_override="")
        .exclude(person__clause_eligibilities__isnull=False)
        .select_related("person", "company", "operation")
        .annotate(total=Sum("hours__hours"))
        .order_by("person__last_name", "person__first_names", "pk")[:200]
    )
    log_views([contract.person for contract in contracts], clauses="to_check")
    return render(request, "clauses/contracts_to_check.html", {"contracts": contracts})
