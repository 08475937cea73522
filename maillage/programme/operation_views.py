"""An operation's page (description, funding plan, circuit, participants, outcomes) and the
things done from it: recording the next step of the circuit (or the vote's refusal),
setting the funding plan, prescribing the operation to a participant.

Names on the page are those the user may see (scoped queryset); each one shown
is audited. The rest of the participants are only counted.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from maillage.accounts.roles import Capability
from maillage.audit.services import Action, build_entry, log_many
from maillage.core.forms import add_service_errors
from maillage.core.permissions import capability_required
from maillage.programme import proposals, services, workflow
from maillage.programme.forms import (
    FundingPlanForm,
    PrescriptionForm,
    TransitionForm,
)
from maillage.programme.models import Funder, Operation, Status
from maillage.programme.outcomes import outcomes, visible_steps

PAGE_SIZE = 50


def _operation(pk: int) -> Operation:
    return get_object_or_404(Operation.objects.select_related("structure"), pk=pk)


REFUSAL_PREFIX = "refus"


def _page(
    request,
    operation,
    *,
    transition_form=None,
    refusal_form=None,
    funding_form=None,
    status=200,
):
    user = request.user
    manage = user.has_capability(Capability.MANAGE_PROGRAMME)
    following = workflow.next_status(operation.status)
    if manage and following and transition_form is None:
        transition_form = TransitionForm(next_status=following)
    if (
        manage
        and refusal_form is None
        and Status.REFUSED in workflow.allowed_targets(operation.status)
    ):
        refusal_form = TransitionForm(prefix=REFUSAL_PREFIX, next_status=Status.REFUSED)
    if manage and funding_form is None and operation.status not in services.PLAN_FROZEN:
        funding_form = FundingPlanForm(operation=operation)
    result = outcomes(operation)
    steps = Paginator(visible_steps(operation, user), PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(steps)
    log_many(
        [
            build_entry(
                Action.VIEW,
                step,
                person_id=step.parcours.person_id,
                object_repr=f"Participant de l'opération {operation.code}",
            )
            for step in shown
        ]
    )
    visible_people = steps.paginator.count
    lines = list(operation.funding_lines.all())
    return render(
        request,
        "programme/operation_detail.html",
        {
            "operation": operation,
            "funding_lines": [(Funder(line.funder).label, line.amount_eur) for line in lines],
            "transitions": list(operation.transitions.select_related("recorded_by")),
            "outcomes": result,
            "steps": steps,
            "shown": shown,
            "hidden_count": max(result.participants - visible_people, 0),
            "transition_form": transition_form if manage else None,
            "refusal_form": refusal_form if manage else None,
            "can_edit": user.has_capability(Capability.PROPOSE_OPERATIONS)
            and proposals.may_edit(operation, user),
            "funding_form": funding_form if manage else None,
            "can_prescribe": user.has_capability(Capability.EDIT_PEOPLE)
            and operation.status in services.PRESCRIBABLE,
        },
        status=status,
    )


@capability_required(Capability.VIEW_PROGRAMME)
def detail(request, pk):
    return _page(request, _operation(pk))


@capability_required(Capability.MANAGE_PROGRAMME)
def transition(request, pk):
    operation = _operation(pk)
    following = workflow.next_status(operation.status)
    if request.method != "POST" or following is None:
        return redirect(reverse("programme:operation", args=[pk]))
    form = TransitionForm(request.POST, next_status=following)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_transition(
                operation=operation,
                status=data["status"],
                on=data["on"],
                note=data.get("note", ""),
                vote_body=data.get("vote_body", ""),
                checked_eur=data.get("checked_eur"),
                acting_user=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Étape enregistrée : {operation.get_status_display()}.")
            return redirect(reverse("programme:operation", args=[pk]) + "#circuit")
    return _page(request, operation, transition_form=form, status=400)


@capability_required(Capability.MANAGE_PROGRAMME)
def refuse(request, pk):
    """The vote did not retain the operation: a terminal step, dated, with its reason."""
    operation = _operation(pk)
    if request.method != "POST":
        return redirect(reverse("programme:operation", args=[pk]))
    form = TransitionForm(request.POST, prefix=REFUSAL_PREFIX, next_status=Status.REFUSED)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_transition(
                operation=operation,
                status=Status.REFUSED,
                on=data["on"],
                note=data.get("note", ""),
                vote_body=data.get("vote_body", ""),
                acting_user=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Opération non retenue au vote : refus enregistré.")
            return redirect(reverse("programme:operation", args=[pk]) + "#circuit")
    return _page(request, operation, refusal_form=form, status=400)


@capability_required(Capability.MANAGE_PROGRAMME)
def funding_plan(request, pk):
    operation = _operation(pk)
    if request.method != "POST":
        return redirect(reverse("programme:operation", args=[pk]))
    form = FundingPlanForm(request.POST, operation=operation)
    if form.is_valid():
        try:
            changes = services.set_funding_plan(
                operation=operation, amounts=form.amounts(), acting_user=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            text = "Plan de financement enregistré." if changes else "Plan de financement inchangé."
            messages.success(request, text)
            return redirect(reverse("programme:operation", args=[pk]) + "#financement")
    return _page(request, operation, funding_form=form, status=400)


@capability_required(Capability.VIEW_PROGRAMME)
def prescribe(request, pk):
    """A référent (``view_programme`` and ``edit_people``) enrols a participant they follow."""
    if not request.user.has_capability(Capability.EDIT_PEOPLE):
        raise PermissionDenied
    operation = _operation(pk)
    form = PrescriptionForm(
        request.POST or None,
        user=request.user,
        default_category=services.CATEGORY_BY_AXIS[operation.axis],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.prescribe(
                operation=operation,
                parcours=data["parcours"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                category=data["category"],
                contract_type=data["contract_type"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{data['parcours'].person} est inscrit(e) sur l'opération.")
            return redirect(reverse("programme:operation", args=[pk]) + "#participants")
    return render(request, "programme/prescribe.html", {"operation": operation, "form": form})
