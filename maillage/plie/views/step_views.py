"""Adding and correcting a parcours' steps, and the two small htmx helpers of the form.

Without JavaScript the form works as is: the contract type is shown until a
category other than "contrat de travail" is saved, and the company is found by
typing part of its name (resolved on save when one company matches). With
htmx, changing the category shows or hides the contract type, and typing in
the company search narrows the list.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import get_visible_or_404
from maillage.core.permissions import capability_required
from maillage.plie import services
from maillage.plie.forms import StepForm, add_rule_errors, company_matches
from maillage.plie.models import Parcours, Step, StepCategory


def _done(request, parcours, text):
    messages.success(request, text)
    return redirect(reverse("plie:parcours_detail", args=[parcours.pk]) + "#etapes")


def _render(request, form, parcours, step=None):
    title = "Modifier l'étape" if step else "Nouvelle étape"
    return render(
        request,
        "plie/step_form.html",
        {
            "form": form,
            "parcours": parcours,
            "person": parcours.person,
            "step": step,
            "title": title,
        },
    )


@capability_required(Capability.EDIT_PEOPLE)
def create(request, pk):
    parcours = get_visible_or_404(Parcours.objects.select_related("person"), request.user, pk=pk)
    form = StepForm(request.POST or None, parcours=parcours)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_step(parcours=parcours, **form.step_values(), acting_user=request.user)
        except ValidationError as exc:
            add_rule_errors(form, exc)
        else:
            return _done(request, parcours, "L'étape est ajoutée au parcours.")
    return _render(request, form, parcours)


@capability_required(Capability.EDIT_PEOPLE)
def update(request, pk):
    step = get_visible_or_404(
        Step.objects.select_related("parcours__person", "operation", "company"),
        request.user,
        pk=pk,
    )
    parcours = step.parcours
    if request.method == "POST":
        form = StepForm(request.POST, parcours=parcours, step=step)
        if form.is_valid():
            try:
                changes = services.update_step(
                    step=step, **form.step_values(), acting_user=request.user
                )
            except ValidationError as exc:
                add_rule_errors(form, exc)
            else:
                if not changes:
                    messages.info(request, "Aucune modification : l'étape est inchangée.")
                    return redirect(reverse("plie:parcours_detail", args=[parcours.pk]))
                return _done(request, parcours, "L'étape est modifiée.")
    else:
        form = StepForm(parcours=parcours, step=step)
    return _render(request, form, parcours, step)


@capability_required(Capability.EDIT_PEOPLE)
def contract_type_field(request):
    """htmx: the contract type field for the chosen category (or a short note).

    The typed contract type is kept for a contract and dropped for another category,
    so that hiding the field also empties it.
    """
    category = request.GET.get("category", "")
    initial = {"category": category}
    if category in ("", StepCategory.EMPLOYMENT_CONTRACT):
        initial["contract_type"] = request.GET.get("contract_type", "")
    form = StepForm(initial=initial)
    return render(request, "plie/_contract_type_field.html", {"form": form})


@capability_required(Capability.EDIT_PEOPLE)
def company_options(request):
    """htmx: the company select's options matching what was typed (no personal data)."""
    companies = company_matches(request.GET.get("company_query", ""), request.GET.get("company"))
    return render(
        request,
        "plie/_company_options.html",
        {"companies": companies, "selected": request.GET.get("company", "")},
    )
