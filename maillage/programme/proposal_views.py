"""Calls for projects and proposals: the team writes the call, structures propose operations.

Thin views: who may propose for which structure, the open call and the rules
are ``proposals.py``'s. Pages show operations and structures only (no
personal data) in a fixed number of queries.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.core.permissions import capability_required
from maillage.programme import proposals
from maillage.programme.models import CallForProjects, Funder, Operation
from maillage.programme.proposal_forms import CallForm, ProposalForm, funding_formset

PAGE_SIZE = 50


@capability_required(Capability.VIEW_PROGRAMME, Capability.PROPOSE_OPERATIONS)
def calls(request):
    """The calls for projects, the open ones first to answer, and the user's structures'
    operations (what they proposed, where it stands)."""
    user = request.user
    counts = (
        Operation.objects.filter(year=OuterRef("year"))
        .order_by()
        .values("year")
        .annotate(n=Count("id"))
        .values("n")
    )
    today = timezone.localdate()
    rows = [
        {"call": call, "open": proposals.call_is_open(call, today)}
        for call in CallForProjects.objects.annotate(operations=Coalesce(Subquery(counts), 0))
    ]
    manage = user.has_capability(Capability.MANAGE_PROGRAMME)
    can_propose = user.has_capability(Capability.PROPOSE_OPERATIONS)
    own = None
    if can_propose and not manage:
        own = Paginator(
            Operation.objects.filter(structure__in=proposals.proposable_structures(user))
            .select_related("structure")
            .order_by("-year", "structure__name", "title"),
            PAGE_SIZE,
        ).get_page(request.GET.get("page"))
    return render(
        request,
        "programme/calls.html",
        {"rows": rows, "manage": manage, "can_propose": can_propose, "own": own},
    )


def _save_call(request, call):
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        try:
            saved = proposals.save_call(
                call=call, values=form.cleaned_data, acting_user=request.user
            )
        except ValidationError as exc:
            _put_errors(form, None, exc)
        else:
            messages.success(request, f"Appel à projets {saved.year} enregistré.")
            return redirect("programme:calls")
    status = 400 if request.method == "POST" else 200
    return render(request, "programme/call_form.html", {"form": form, "call": call}, status=status)


@capability_required(Capability.MANAGE_PROGRAMME)
def call_create(request):
    return _save_call(request, None)


@capability_required(Capability.MANAGE_PROGRAMME)
def call_edit(request, year):
    return _save_call(request, get_object_or_404(CallForProjects, year=year))


def _put_errors(form, formset, exc: ValidationError) -> None:
    """The service's refusal: on the form's fields, on the funding rows, or above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    plan = {}
    for key, errors in exc.message_dict.items():
        if key in form.fields:
            form.add_error(key, errors)
        elif formset is not None and (key in Funder.values or key == "funding_plan"):
            plan[key] = errors
        else:
            form.add_error(None, errors)
    if plan:
        formset.put_errors(plan)


def _proposal_page(request, form, formset, *, call, operation=None, status=200):
    return render(
        request,
        "programme/proposal_form.html",
        {"form": form, "formset": formset, "call": call, "operation": operation},
        status=status,
    )


@capability_required(Capability.PROPOSE_OPERATIONS)
def propose(request, year):
    """A structure's staff answer the year's call with an operation."""
    call = get_object_or_404(CallForProjects, year=year)
    user = request.user
    manage = user.has_capability(Capability.MANAGE_PROGRAMME)
    if not manage and not proposals.call_is_open(call, timezone.localdate()):
        messages.error(request, f"L'appel à projets {call.year} n'est pas ouvert aux dépôts.")
        return redirect("programme:calls")
    structures = proposals.proposable_structures(user)
    data = request.POST if request.method == "POST" else None
    initial = {}
    if data is None and len(choices := list(structures[:2])) == 1:
        initial["structure"] = choices[0].pk
    form = ProposalForm(data, structures=structures, with_code=manage, initial=initial)
    formset = funding_formset(data)
    if data is not None:
        if form.is_valid() & formset.is_valid():
            try:
                operation = proposals.propose_operation(
                    call=call,
                    structure=form.cleaned_data["structure"],
                    details=form.details(),
                    amounts=formset.amounts(),
                    code=form.cleaned_data.get("code", ""),
                    acting_user=user,
                )
            except ValidationError as exc:
                _put_errors(form, formset, exc)
            else:
                messages.success(request, f"Opération déposée (code {operation.code}).")
                return redirect("programme:operation", operation.pk)
        return _proposal_page(request, form, formset, call=call, status=400)
    return _proposal_page(request, form, formset, call=call)


@capability_required(Capability.PROPOSE_OPERATIONS)
def edit_proposal(request, pk):
    """The structure corrects its proposal while it is still "Déposée"."""
    operation = get_object_or_404(Operation.objects.select_related("structure"), pk=pk)
    user = request.user
    if not proposals.proposable_structures(user).filter(pk=operation.structure_id).exists():
        raise PermissionDenied
    if not proposals.may_edit(operation, user):
        messages.error(
            request,
            f"L'opération est « {operation.get_status_display()} » : elle ne se modifie plus.",
        )
        return redirect("programme:operation", operation.pk)
    call = CallForProjects.objects.filter(year=operation.year).first()
    data = request.POST if request.method == "POST" else None
    initial = {field: getattr(operation, field) for field in proposals.DETAIL_FIELDS}
    form = ProposalForm(data, initial=initial)
    formset = funding_formset(data, operation=operation)
    if data is not None:
        if form.is_valid() & formset.is_valid():
            try:
                changes = proposals.update_proposal(
                    operation=operation,
                    details=form.details(),
                    amounts=formset.amounts(),
                    acting_user=user,
                )
            except ValidationError as exc:
                _put_errors(form, formset, exc)
            else:
                text = "Proposition modifiée." if changes else "Proposition inchangée."
                messages.success(request, text)
                return redirect(reverse("programme:operation", args=[operation.pk]))
        return _proposal_page(request, form, formset, call=call, operation=operation, status=400)
    return _proposal_page(request, form, formset, call=call, operation=operation)
