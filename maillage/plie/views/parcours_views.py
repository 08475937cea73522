"""A participant's parcours (its steps, its exit) and recording the exit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import get_visible_or_404
from maillage.audit.services import Action, log
from maillage.core.permissions import capability_required
from maillage.plie import rules, services
from maillage.plie.commission_models import ExitProposal
from maillage.plie.forms import ExitForm, add_rule_errors
from maillage.plie.models import Parcours, Step


def _visible_parcours(request, pk) -> Parcours:
    return get_visible_or_404(
        Parcours.objects.select_related("person", "structure", "referent"), request.user, pk=pk
    )


@capability_required(Capability.VIEW_PEOPLE)
def detail(request, pk):
    """The parcours with every step; each display is written to the audit log."""
    parcours = get_visible_or_404(
        Parcours.objects.select_related("person", "structure", "referent").prefetch_related(
            "entry_situations",
            Prefetch(
                "steps",
                queryset=Step.objects.select_related("operation", "company").order_by(
                    "start_date", "pk"
                ),
            ),
        ),
        request.user,
        pk=pk,
    )
    log(Action.VIEW, parcours, person_id=parcours.person_id)
    steps = list(parcours.steps.all())
    others = (
        Parcours.objects.visible_to(request.user)
        .filter(person_id=parcours.person_id)
        .exclude(pk=parcours.pk)
        .select_related("structure")
        .order_by("-entry_date")
    )
    pending_exit = (
        ExitProposal.objects.visible_to(request.user).pending().filter(parcours=parcours).first()
    )
    return render(
        request,
        "plie/parcours_detail.html",
        {
            "parcours": parcours,
            "person": parcours.person,
            "steps": steps,
            "situations": list(parcours.entry_situations.all()),
            "others": list(others),
            "pending_exit": pending_exit,
            "exit_warnings": rules.positive_exit_consistency(parcours, steps),
            "can_edit": request.user.has_capability(Capability.EDIT_PEOPLE),
            "can_submit": request.user.has_capability(Capability.SUBMIT_PLIE_FILES),
        },
    )


@capability_required(Capability.EDIT_PEOPLE)
def record_exit(request, pk):
    """The exit's type and reason; a surprising exit (CDI without a CDI step) is confirmed."""
    parcours = _visible_parcours(request, pk)
    form = ExitForm(request.POST or None, parcours=parcours)
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            changes = services.record_exit(
                parcours=parcours,
                **form.exit_values(),
                confirm=form.cleaned_data["confirm"],
                acting_user=request.user,
            )
        except services.ConfirmationRequired as exc:
            warnings = exc.warnings
        except ValidationError as exc:
            add_rule_errors(form, exc)
        else:
            if changes:
                messages.success(request, "La sortie du parcours est enregistrée.")
            else:
                messages.info(request, "Aucune modification : la sortie est inchangée.")
            return redirect(reverse("plie:parcours_detail", args=[parcours.pk]))
    elif request.method != "POST":
        log(Action.VIEW, parcours, person_id=parcours.person_id)
    return render(
        request,
        "plie/exit_form.html",
        {"form": form, "parcours": parcours, "person": parcours.person, "warnings": warnings},
    )
