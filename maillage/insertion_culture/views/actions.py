"""Pages of the collective actions: home, action page with its attendance grid, forms.

Thin views: MANAGE_INSERTION_CULTURE (403), people through scoped querysets (404 out
of scope), services for every write. Participants named on an action page are those
in the user's scope, each display audited; the others are counted only.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import get_visible_or_404
from maillage.audit.services import Action, build_entry, log, log_many
from maillage.core.forms import add_service_errors
from maillage.core.permissions import capability_required
from maillage.insertion_culture import figures, services
from maillage.insertion_culture.forms import ActionForm, ParticipationForm, SessionForm
from maillage.insertion_culture.models import (
    ActionSession,
    Attendance,
    CollectiveAction,
    Participation,
)
from maillage.insertion_culture.views.common import chosen_person, chosen_year

MANAGE = Capability.MANAGE_INSERTION_CULTURE


@capability_required(MANAGE)
def home(request):
    form, year = chosen_year(request)
    actions = (
        figures.actions_of_year(year)
        .annotate(
            n_participants=Count("participations", distinct=True),
            n_sessions=Count("sessions", distinct=True),
            n_partners=Count("partners", distinct=True),
        )
        .order_by("starts_on", "title", "pk")
    )
    context = {
        "form": form,
        "year": year,
        "actions": list(actions),
        "figures": figures.insertion_culture_block(year),
    }
    return render(request, "insertion_culture/home.html", context)


def _action_form_page(request, action: CollectiveAction | None):
    form = ActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_action(
                form.instance,
                partners=list(form.cleaned_data["partners"]),
                acting_user=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "L'action est enregistrée.")
            return redirect("insertion_culture:action", pk=saved.pk)
    return render(
        request,
        "insertion_culture/action_form.html",
        {"form": form, "action": action},
        status=400 if form.errors else 200,
    )


@capability_required(MANAGE)
def action_create(request):
    return _action_form_page(request, None)


@capability_required(MANAGE)
def action_edit(request, pk):
    return _action_form_page(request, get_object_or_404(CollectiveAction, pk=pk))


def _grid(request, action: CollectiveAction) -> dict:
    """Sessions × visible participants, with who was present (three queries), audited."""
    sessions = list(action.sessions.all())
    visible = list(
        Participation.objects.visible_to(request.user)
        .filter(action=action)
        .select_related("person", "referred_by")
    )
    present = set(
        Attendance.objects.filter(participation__in=visible).values_list(
            "participation_id", "session_id"
        )
    )
    rows = [
        {
            "participation": p,
            "cells": [{"session": s, "present": (p.pk, s.pk) in present} for s in sessions],
        }
        for p in visible
    ]
    log_many(
        [build_entry(Action.VIEW, p.person, changes={"mic_action": action.pk}) for p in visible]
    )
    hidden = Participation.objects.filter(action=action).count() - len(visible)
    return {"sessions": sessions, "rows": rows, "hidden": hidden}


@capability_required(MANAGE)
def action_detail(request, pk):
    action = get_object_or_404(CollectiveAction, pk=pk)
    session_form = SessionForm(request.POST or None)
    if request.method == "POST" and session_form.is_valid():
        try:
            services.add_session(action, **session_form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            add_service_errors(session_form, exc)
        else:
            messages.success(request, "La séance est ajoutée.")
            return redirect("insertion_culture:action", pk=action.pk)
    context = {
        "action": action,
        "partners": list(action.partners.order_by("side", "name")),
        "session_form": session_form,
        **_grid(request, action),
    }
    return render(
        request,
        "insertion_culture/action_detail.html",
        context,
        status=400 if session_form.errors else 200,
    )


@capability_required(MANAGE)
def participant_add(request, pk):
    action = get_object_or_404(CollectiveAction, pk=pk)
    person, response = chosen_person(
        request, {"target": action, "title": "Inscrire un participant"}
    )
    if response is not None:
        return response
    form = ParticipationForm(
        request.POST or None,
        action=action,
        initial_publics=services.default_publics(person, action.starts_on),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.register_participant(
                action,
                person,
                registered_on=form.cleaned_data["registered_on"],
                referred_by=form.cleaned_data["referred_by"],
                publics=form.publics(),
                acting_user=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{person} est inscrit(e) à l'action.")
            return redirect("insertion_culture:action", pk=action.pk)
    log(Action.VIEW, person, changes={"mic_action": action.pk})
    return render(
        request,
        "insertion_culture/participant_form.html",
        {"form": form, "person": person, "action": action},
        status=400 if form.errors else 200,
    )


@require_POST
@capability_required(MANAGE)
def presence(request, pk, session_pk):
    """One tap in the attendance grid: store the presence asked, answer the new cell."""
    participation = get_visible_or_404(
        Participation.objects.select_related("person"), request.user, pk=pk
    )
    session = get_object_or_404(ActionSession, pk=session_pk)
    if session.action_id != participation.action_id:
        raise Http404
    present = request.POST.get("present") == "1"
    services.set_presence(participation, session, present, acting_user=request.user)
    if not request.htmx:
        return redirect("insertion_culture:action", pk=participation.action_id)
    cell = {"session": session, "present": present}
    return render(
        request,
        "insertion_culture/_presence_cell.html",
        {"cell": cell, "participation": participation},
    )
