"""Commissions' pages: list, planning, the meeting (agenda and decisions), print-outs.

Reading (capability ``view_commissions``) shows each user the files they may
see (``visible_to``) and counts the others; every page that names people writes
one "view" audit entry per person listed, in bulk. Planning and deciding need
``manage_commissions``. The decision on one file is an htmx form that swaps
that file's card; without JavaScript the page reloads.
"""

from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import get_visible_or_404
from maillage.audit.services import Action, build_entry, log_many
from maillage.core.forms import add_service_errors
from maillage.core.permissions import capability_required
from maillage.plie import commission_services, eligibility, rules
from maillage.plie.commission_forms import (
    CommissionForm,
    CommissionNotesForm,
    DecisionForm,
)
from maillage.plie.commission_models import (
    Commission,
    CommissionDecision,
    CommissionKind,
    CommissionStatus,
    EntryRequest,
    ExitProposal,
    ItemKind,
    Outcome,
)
from maillage.plie.models import Step
from maillage.plie.sensitive import has_sensitive, may_see_sensitive
from maillage.plie.services import ConfirmationRequired

PAGE_SIZE = 40


def _year(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) == 4 else None


@capability_required(Capability.VIEW_COMMISSIONS, Capability.MANAGE_COMMISSIONS)
def commission_list(request):
    """Commissions by date, filtered by territory, kind and year; files waiting per territory."""
    territory = request.GET.get("territoire", "")
    kind = request.GET.get("type", "")
    year = _year(request.GET.get("annee", ""))
    commissions = Commission.objects.annotate(
        files=Count("decisions"),
        undecided=Count("decisions", filter=Q(decisions__outcome=Outcome.PENDING)),
    )
    if territory:
        commissions = commissions.filter(territory=territory)
    if kind in CommissionKind.values:
        commissions = commissions.filter(kind=kind)
    if year:
        commissions = commissions.filter(date__year=year)
    page = Paginator(commissions.order_by("-date", "territory", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    user = request.user
    entries = dict(
        EntryRequest.objects.visible_to(user)
        .pending()
        .values_list("structure__territory")
        .annotate(n=Count("pk"))
        .order_by()
    )
    exits = dict(
        ExitProposal.objects.visible_to(user)
        .pending()
        .values_list("parcours__structure__territory")
        .annotate(n=Count("pk"))
        .order_by()
    )
    territories = commission_services.territories()
    waiting = [(t, entries.get(t, 0), exits.get(t, 0)) for t in territories]
    return render(
        request,
        "plie/commissions/list.html",
        {
            "page": page,
            "territories": territories,
            "kinds": CommissionKind.choices,
            "filters": {"territory": territory, "kind": kind, "year": year or ""},
            "waiting": waiting,
            "can_manage": user.has_capability(Capability.MANAGE_COMMISSIONS),
        },
    )


@capability_required(Capability.MANAGE_COMMISSIONS)
def commission_create(request):
    form = CommissionForm(request.POST or None, territories=commission_services.territories())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            commission = commission_services.schedule_commission(
                kind=data["kind"],
                territory=data["territory"],
                date=data["date"],
                place=data["place"],
                members=list(data["members"]),
                external_members=data["external_members"],
                acting_user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = commission.decisions.count()
            messages.success(
                request, f"Commission planifiée ; {count} dossier(s) à l'ordre du jour."
            )
            return redirect("plie:commission_detail", pk=commission.pk)
    return render(request, "plie/commissions/form.html", {"form": form, "commission": None})


@capability_required(Capability.MANAGE_COMMISSIONS)
def commission_edit(request, pk):
    commission = get_object_or_404(Commission, pk=pk)
    form = CommissionForm(
        request.POST or None, instance=commission, territories=commission_services.territories()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            commission_services.update_commission(
                Commission.objects.get(pk=pk),
                date=data["date"],
                place=data["place"],
                external_members=data["external_members"],
                members=list(data["members"]),
                acting_user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "La commission est mise à jour.")
            return redirect("plie:commission_detail", pk=pk)
    return render(request, "plie/commissions/form.html", {"form": form, "commission": commission})


def _items(commission, user, **lookup):
    """The files of the agenda that ``user`` may see, with what each page shows about them."""
    items = (
        CommissionDecision.objects.visible_to(user)
        .filter(commission=commission, **lookup)
        .select_related(
            "person",
            "decided_by",
            "entry_request__structure",
            "entry_request__referent",
            "entry_request__prescriber_structure",
            "exit_proposal__parcours__structure",
            "exit_proposal__parcours__referent",
            "parcours__structure",
            "parcours__referent",
        )
        .order_by("item_kind", "review_reason", "pk")
    )
    if commission.is_validation:
        steps = Step.objects.only("pk", "parcours_id", "category", "contract_type")
        items = items.prefetch_related(Prefetch("exit_proposal__parcours__steps", queryset=steps))
    else:
        last_step = Step.objects.filter(parcours=OuterRef("parcours_id")).order_by("-start_date")
        items = items.annotate(last_step_on=Subquery(last_step.values("start_date")[:1]))
    return list(items)


def _exit_warnings(decision) -> list[str]:
    """The confirmation ``record_exit`` will ask for, shown before the commission decides."""
    proposal = decision.exit_proposal
    proposed_exit = SimpleNamespace(exit_type=proposal.exit_type, exit_reason=proposal.exit_reason)
    return rules.positive_exit_consistency(proposed_exit, list(proposal.parcours.steps.all()))


def _prepare(decision, *, user, can_decide: bool, data=None) -> None:
    """What the card of one file shows: conditions, warnings, and its decision form."""
    decision.warnings = _exit_warnings(decision) if decision.item_kind == ItemKind.EXIT else []
    decision.sensitive_shown = False
    decision.conditions = []
    if decision.item_kind == ItemKind.ENTRY:
        entry = decision.entry_request
        sensitive = may_see_sensitive(user, entry)
        decision.sensitive_shown = sensitive and has_sensitive(entry)
        decision.conditions = eligibility.conditions(entry, sensitive=sensitive)
    decision.form = (
        DecisionForm(data, decision=decision, warnings=decision.warnings)
        if can_decide and not decision.is_decided
        else None
    )


def _audit_display(commission, items) -> None:
    """One "view" entry per person named on the page (flagged when sensitive details showed)."""
    sensitive = {item.person_id for item in items if getattr(item, "sensitive_shown", False)}
    people = sorted({item.person_id for item in items})
    log_many(
        [
            build_entry(
                Action.VIEW,
                commission,
                person_id=pid,
                changes={"sensitive_shown": True} if pid in sensitive else None,
            )
            for pid in people
        ]
    )


def _hidden_count(commission, items) -> int:
    return commission.decisions.count() - len(items)


@capability_required(Capability.VIEW_COMMISSIONS, Capability.MANAGE_COMMISSIONS)
def commission_detail(request, pk):
    commission = get_object_or_404(Commission, pk=pk)
    user = request.user
    items = _items(commission, user)
    can_manage = user.has_capability(Capability.MANAGE_COMMISSIONS)
    for item in items:
        _prepare(item, user=user, can_decide=can_manage and commission.is_planned)
    _audit_display(commission, items)
    return render(
        request,
        "plie/commissions/detail.html",
        {
            "commission": commission,
            "members": list(commission.members.order_by("last_name", "first_name")),
            "items": items,
            "hidden": _hidden_count(commission, items),
            "can_manage": can_manage,
            "notes_form": CommissionNotesForm(initial={"minutes": commission.minutes}),
        },
    )


@require_POST
@capability_required(Capability.MANAGE_COMMISSIONS)
def decision_record(request, pk, decision_pk):
    """The decision on one file; the card is returned to htmx, else the page reloads."""
    commission = get_object_or_404(Commission, pk=pk)
    decisions = CommissionDecision.objects.filter(commission=commission)
    decision = get_visible_or_404(decisions, request.user, pk=decision_pk)
    [item] = _items(commission, request.user, pk=decision.pk)
    _prepare(item, user=request.user, can_decide=commission.is_planned, data=request.POST)
    form = item.form
    if form is not None and form.is_valid():
        try:
            commission_services.decide(item, acting_user=request.user, **form.decision_data())
        except ConfirmationRequired as confirmation:
            form.add_error(None, " ".join(confirmation.warnings))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if not request.htmx:
                messages.success(request, f"Décision enregistrée pour {item.person}.")
                return redirect("plie:commission_detail", pk=commission.pk)
            [item] = _items(commission, request.user, pk=decision.pk)
            _prepare(item, user=request.user, can_decide=True)
    log_many([build_entry(Action.VIEW, commission, person_id=item.person_id)])
    context = {"commission": commission, "item": item, "can_manage": True}
    if request.htmx:
        return render(request, "plie/commissions/_item.html", context)
    if form is not None and form.errors:
        messages.error(request, f"Décision non enregistrée pour {item.person} : {_errors(form)}")
    return redirect("plie:commission_detail", pk=commission.pk)


def _errors(form) -> str:
    return " ".join(str(m) for messages_ in form.errors.values() for m in messages_)


@require_POST
@capability_required(Capability.MANAGE_COMMISSIONS)
def commission_refresh(request, pk):
    commission = get_object_or_404(Commission, pk=pk)
    try:
        added = commission_services.build_agenda(commission, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Ordre du jour actualisé : {len(added)} dossier(s) ajouté(s).")
    return redirect("plie:commission_detail", pk=pk)


@require_POST
@capability_required(Capability.MANAGE_COMMISSIONS)
def commission_hold(request, pk):
    """Close the meeting with its notes; its decisions then form the minutes."""
    commission = get_object_or_404(Commission, pk=pk)
    form = CommissionNotesForm(request.POST)
    minutes = form.cleaned_data["minutes"] if form.is_valid() else None
    try:
        commission_services.hold_commission(commission, minutes=minutes, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("plie:commission_detail", pk=pk)
    messages.success(request, "La commission est close ; son compte rendu est disponible.")
    return redirect("plie:commission_minutes", pk=pk)


@capability_required(Capability.VIEW_COMMISSIONS, Capability.MANAGE_COMMISSIONS)
def commission_agenda(request, pk):
    """Printable agenda: the files to examine, with the diagnosis summary."""
    return _print_page(request, pk, "plie/commissions/agenda.html")


@capability_required(Capability.VIEW_COMMISSIONS, Capability.MANAGE_COMMISSIONS)
def commission_minutes(request, pk):
    """Printable minutes: members, decisions with their reasons, notes."""
    return _print_page(request, pk, "plie/commissions/minutes.html")


def _print_page(request, pk, template):
    commission = get_object_or_404(Commission, pk=pk)
    items = _items(commission, request.user)
    for item in items:
        _prepare(item, user=request.user, can_decide=False)
    _audit_display(commission, items)
    counts = {
        outcome.value: sum(1 for i in items if i.outcome == outcome)
        for outcome in (Outcome.ACCEPTED, Outcome.REFUSED, Outcome.ADJOURNED, Outcome.REVIEWED)
    }
    return render(
        request,
        template,
        {
            "commission": commission,
            "members": list(commission.members.order_by("last_name", "first_name")),
            "entries": [i for i in items if i.item_kind == ItemKind.ENTRY],
            "exits": [i for i in items if i.item_kind == ItemKind.EXIT],
            "reviews": [i for i in items if i.item_kind == ItemKind.FOLLOW_UP],
            "hidden": _hidden_count(commission, items),
            "counts": counts,
            "held": commission.status == CommissionStatus.HELD,
        },
    )
