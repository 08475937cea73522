"""The référent's pages for the commissions: entry files and exit proposals.

Thin views: the form types the input, ``entry_services`` applies the rules and
writes the audit; every object comes through ``visible_to`` (404 out of scope).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import get_visible_or_404
from maillage.audit.services import Action, build_entry, log, log_many
from maillage.core.forms import add_service_errors
from maillage.core.permissions import capability_required
from maillage.people.models import Person
from maillage.plie import eligibility, entry_services
from maillage.plie.commission_forms import (
    EngagementForm,
    EntryRequestForm,
    ExitProposalForm,
)
from maillage.plie.commission_models import (
    CommissionDecision,
    EntryRequest,
    EntryRequestStatus,
    ExitProposal,
)
from maillage.plie.models import Parcours
from maillage.plie.sensitive import has_sensitive, may_see_sensitive
from maillage.plie.services import ConfirmationRequired

READERS = (
    Capability.SUBMIT_PLIE_FILES,
    Capability.VIEW_COMMISSIONS,
    Capability.MANAGE_COMMISSIONS,
)
PAGE_SIZE = 50


def _entry(request, pk) -> EntryRequest:
    entries = EntryRequest.objects.select_related(
        "person", "person__qpv", "structure", "referent", "prescriber_structure", "parcours"
    )
    return get_visible_or_404(entries, request.user, pk=pk)


@capability_required(*READERS)
def entry_list(request):
    """Entry files the user may see, the pending ones first; names displayed are audited."""
    status = request.GET.get("statut", "")
    entries = EntryRequest.objects.visible_to(request.user).select_related(
        "person", "structure", "referent"
    )
    if status in EntryRequestStatus.values:
        entries = entries.filter(status=status)
    page = Paginator(entries.order_by("-oriented_on", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    log_many(
        [
            build_entry(Action.VIEW, entry, person_id=entry.person_id, object_repr="Liste")
            for entry in page
        ]
    )
    return render(
        request,
        "plie/entries/list.html",
        {
            "page": page,
            "status": status,
            "statuses": EntryRequestStatus.choices,
            "can_submit": request.user.has_capability(Capability.SUBMIT_PLIE_FILES),
        },
    )


def _save_entry(request, form, *, person=None, entry=None):
    """Create or update through the services; returns the saved file or None (errors on form)."""
    submit = request.POST.get("action") == "submit"
    try:
        if entry is None:
            entry = entry_services.create_entry_request(
                person=person, submit=submit, acting_user=request.user, **form.entry_data()
            )
        else:
            entry_services.update_entry_request(
                entry, acting_user=request.user, **form.entry_data()
            )
            if submit and entry.status == EntryRequestStatus.DRAFT:
                entry_services.submit_entry_request(entry, acting_user=request.user)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    if entry.status == EntryRequestStatus.DRAFT:
        messages.success(request, "Le dossier est enregistré comme brouillon.")
    else:
        messages.success(request, "Le dossier est transmis à la commission de validation.")
    return entry


@capability_required(Capability.SUBMIT_PLIE_FILES)
def entry_create(request):
    """A new candidate's file for ``?personne=<pk>`` (a person the user may see)."""
    person_pk = request.GET.get("personne", "")
    if not person_pk.isdigit():
        messages.info(request, "Choisissez d'abord la personne orientée vers le PLIE.")
        return redirect("people:search")
    person = get_visible_or_404(Person.objects.select_related("qpv"), request.user, pk=person_pk)
    submitting = request.POST.get("action") == "submit"
    form = EntryRequestForm(
        request.POST or None, user=request.user, person=person, submitting=submitting
    )
    if request.method == "POST":
        if form.is_valid() and (entry := _save_entry(request, form, person=person)):
            return redirect("plie:entry_detail", pk=entry.pk)
    else:
        log(Action.VIEW, person)
    return render(
        request,
        "plie/entries/form.html",
        {"form": form, "person": person, "entry": None, "title": f"Entrée au PLIE de {person}"},
    )


@capability_required(Capability.SUBMIT_PLIE_FILES)
def entry_edit(request, pk):
    entry = _entry(request, pk)
    if not entry.is_editable:
        messages.error(request, "Cette demande a été décidée : elle ne peut plus être modifiée.")
        return redirect("plie:entry_detail", pk=entry.pk)
    submitting = request.POST.get("action") == "submit" or entry.is_pending
    form = EntryRequestForm(
        request.POST or None,
        instance=entry,
        user=request.user,
        person=entry.person,
        submitting=submitting,
    )
    if request.method == "POST":
        if form.is_valid() and _save_entry(request, form, entry=entry):
            return redirect("plie:entry_detail", pk=entry.pk)
    else:
        log(Action.VIEW, entry, person_id=entry.person_id)
    title = f"Dossier d'entrée de {entry.person}"
    return render(
        request,
        "plie/entries/form.html",
        {"form": form, "person": entry.person, "entry": entry, "title": title},
    )


@capability_required(*READERS)
def entry_detail(request, pk):
    """The file with its three conditions, its decisions, and the parcours it opened."""
    entry = _entry(request, pk)
    user = request.user
    sensitive = may_see_sensitive(user, entry)
    shown = {"sensitive_shown": True} if sensitive and has_sensitive(entry) else None
    log(Action.VIEW, entry, person_id=entry.person_id, changes=shown)
    decisions = CommissionDecision.objects.filter(entry_request=entry).select_related("commission")
    can_submit = user.has_capability(Capability.SUBMIT_PLIE_FILES)
    can_engage = entry.parcours_id is not None and (
        can_submit or user.has_capability(Capability.MANAGE_COMMISSIONS)
    )
    return render(
        request,
        "plie/entries/detail.html",
        {
            "entry": entry,
            "person": entry.person,
            "conditions": eligibility.conditions(entry, sensitive=sensitive),
            "eligible": eligibility.is_eligible(eligibility.Diagnosis.of(entry)),
            "decisions": list(decisions.order_by("commission__date", "pk")),
            "can_submit": can_submit,
            "engagement_form": (
                EngagementForm(
                    initial={"engagement_signed_on": entry.parcours.engagement_signed_on}
                )
                if can_engage
                else None
            ),
        },
    )


@require_POST
@capability_required(Capability.SUBMIT_PLIE_FILES)
def entry_submit(request, pk):
    entry = _entry(request, pk)
    try:
        entry_services.submit_entry_request(entry, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, "Le dossier n'a pas été transmis : complétez le diagnostic.")
        for message in error.messages:
            messages.error(request, message)
        return redirect("plie:entry_detail", pk=entry.pk)
    messages.success(request, "Le dossier est transmis à la commission de validation.")
    return redirect("plie:entry_detail", pk=entry.pk)


@require_POST
@capability_required(Capability.SUBMIT_PLIE_FILES)
def entry_withdraw(request, pk):
    entry = _entry(request, pk)
    try:
        entry_services.withdraw_entry_request(entry, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "La demande est retirée.")
    return redirect("plie:entry_detail", pk=entry.pk)


@require_POST
@capability_required(Capability.SUBMIT_PLIE_FILES, Capability.MANAGE_COMMISSIONS)
def entry_engagement(request, pk):
    """Date of the engagement contract of the parcours this file opened."""
    entry = _entry(request, pk)
    form = EngagementForm(request.POST)
    if entry.parcours_id is None or not form.is_valid():
        messages.error(request, "Saisissez une date valide (jj/mm/aaaa).")
        return redirect("plie:entry_detail", pk=entry.pk)
    try:
        entry_services.record_engagement(
            parcours=entry.parcours,
            signed_on=form.cleaned_data["engagement_signed_on"],
            acting_user=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "La date du contrat d'engagement est enregistrée.")
    return redirect("plie:entry_detail", pk=entry.pk)


@capability_required(Capability.SUBMIT_PLIE_FILES)
def exit_propose(request, pk):
    """Propose the exit of a parcours to the validation commission (``?`` confirmation)."""
    parcours = get_visible_or_404(
        Parcours.objects.select_related("person", "structure", "referent"), request.user, pk=pk
    )
    pending = ExitProposal.objects.visible_to(request.user).pending().filter(parcours=parcours)
    form = ExitProposalForm(request.POST or None)
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry_services.propose_exit(
                parcours=parcours,
                exit_date=data["exit_date"],
                exit_type=data["exit_type"],
                exit_reason=data["exit_reason"],
                exit_comment=data["exit_comment"],
                confirm=data["confirm"],
                acting_user=request.user,
            )
        except ConfirmationRequired as confirmation:
            warnings = confirmation.warnings
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "La sortie est proposée à la commission de validation.")
            return redirect("plie:parcours_detail", pk=parcours.pk)
    elif request.method != "POST":
        log(Action.VIEW, parcours, person_id=parcours.person_id)
    return render(
        request,
        "plie/entries/exit_form.html",
        {
            "form": form,
            "parcours": parcours,
            "person": parcours.person,
            "warnings": warnings,
            "pending": pending.first(),
        },
    )


__all__ = [
    "entry_create",
    "entry_detail",
    "entry_edit",
    "entry_engagement",
    "entry_list",
    "entry_submit",
    "entry_withdraw",
    "exit_propose",
]
