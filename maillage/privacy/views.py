"""The people's rights, processed by an administrator: access export and erasure."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import get_visible_or_404
from maillage.audit.models import Action
from maillage.audit.services import log
from maillage.core.permissions import capability_required
from maillage.people.models import Person
from maillage.privacy.anonymisation import anonymise
from maillage.privacy.retention import kept_reasons
from maillage.privacy.subject_access import collect


def _person(request, pk) -> Person:
    return get_visible_or_404(Person.objects.all(), request.user, pk=pk)


@capability_required(Capability.PROCESS_RIGHTS_REQUESTS)
def subject_access(request, pk):
    """Everything held about the person, readable, with the JSON download and erasure."""
    person = _person(request, pk)
    data = collect(person)
    log(Action.EXPORT, person, changes={"subject_access": "html"})
    sections = [
        _table(title, rows if isinstance(rows, list) else [rows]) for title, rows in data.items()
    ]
    return render(
        request,
        "privacy/subject_access.html",
        {"person": person, "sections": sections, "kept": kept_reasons(person)},
    )


def _table(title: str, rows: list[dict]) -> tuple[str, list[str], list[list]]:
    """``(title, columns, cells)``: the union of the rows' keys, in order of appearance."""
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    return title, columns, [[row.get(column) for column in columns] for row in rows]


@capability_required(Capability.PROCESS_RIGHTS_REQUESTS)
def subject_access_json(request, pk):
    person = _person(request, pk)
    log(Action.EXPORT, person, changes={"subject_access": "json"})
    body = json.dumps(collect(person), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="donnees-personne-{person.pk}.json"'
    return response


@require_POST
@capability_required(Capability.PROCESS_RIGHTS_REQUESTS)
def erase(request, pk):
    """Right to erasure: the identity is anonymised, unless a retention obligation applies."""
    person = _person(request, pk)
    reasons = kept_reasons(person)
    if reasons:
        messages.error(
            request,
            "Effacement refusé : ces données doivent être conservées ("
            + " ; ".join(reasons)
            + "). Répondez à la personne en citant ces motifs.",
        )
        return redirect("privacy:subject_access", pk=person.pk)
    anonymise(Person.objects.filter(pk=person.pk), reason="demande d'effacement")
    messages.success(request, "L'identité de la personne a été effacée (dossier anonymisé).")
    return redirect("privacy:subject_access", pk=person.pk)
