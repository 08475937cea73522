"""Browsing the audit log: read-only, filtered, paginated, constant number of queries."""

import json
from datetime import datetime, time, timedelta

from django import forms
from django.apps import apps
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from maillage.accounts.roles import Capability
from maillage.audit.formatting import readable_changes
from maillage.audit.models import Action, AuditEntry
from maillage.audit.services import log
from maillage.core.exports import csv_response
from maillage.core.permissions import capability_required

PAGE_SIZE = 50


def _object_types() -> list[tuple[str, str]]:
    """Maillage's models, named in French: what entries' object_type can be. No query."""
    models = [m for m in apps.get_models() if m.__module__.startswith("maillage.")]
    choices = sorted(
        (m._meta.label_lower, f"{str(m._meta.verbose_name).capitalize()} ({m._meta.label_lower})")
        for m in models
    )
    return [("", "Tous"), *choices]


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label="Utilisateur (identifiant)", required=False)
    action = forms.ChoiceField(label="Action", required=False)
    object_type = forms.ChoiceField(label="Type d'objet", required=False)
    person = forms.IntegerField(label="N° de personne", required=False, min_value=1)
    date_from = forms.DateField(
        label="Du",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label="Au",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "Toutes"), *Action.choices]
        self.fields["object_type"].choices = _object_types()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "La date de fin précède la date de début.")
        return cleaned

    def filter(self, entries):
        """The entries matching the valid filters (all entries when the form is empty)."""
        if not self.is_valid():
            return entries.none()
        data = self.cleaned_data
        if data["actor"]:
            entries = entries.filter(actor_name__icontains=data["actor"])
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["object_type"]:
            entries = entries.filter(object_type=data["object_type"])
        if data["person"]:
            entries = entries.filter(person_id=data["person"])
        # Whole local days, as aware datetimes: the index on ``at`` stays usable.
        tz = timezone.get_current_timezone()
        if data["date_from"]:
            entries = entries.filter(at__gte=datetime.combine(data["date_from"], time.min, tz))
        if data["date_to"]:
            end = datetime.combine(data["date_to"] + timedelta(days=1), time.min, tz)
            entries = entries.filter(at__lt=end)
        return entries


@require_safe
@capability_required(Capability.VIEW_AUDIT)
def entry_list(request):
    form = AuditFilterForm(request.GET)
    page = Paginator(form.filter(AuditEntry.objects.all()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(entry, readable_changes(entry.object_type, entry.changes)) for entry in page]
    query = request.GET.urlencode()
    return render(
        request, "audit/list.html", {"form": form, "page": page, "rows": rows, "query": query}
    )


EXPORT_HEADER = (
    "date",
    "utilisateur",
    "source",
    "action",
    "type d'objet",
    "n° d'objet",
    "objet",
    "n° de personne",
    "adresse IP",
    "chemin",
    "modifications",
)


@require_safe
@capability_required(Capability.VIEW_AUDIT)
def export_csv(request):
    """The filtered trail (a person's, a user's, a period's) as CSV, e.g. for a CNIL request."""
    form = AuditFilterForm(request.GET)
    entries = form.filter(AuditEntry.objects.order_by("at", "id"))
    log(Action.EXPORT, object_type="audit", object_repr="Journal d'audit", changes=form.data)
    rows = (
        (
            timezone.localtime(e.at).isoformat(timespec="seconds"),
            e.actor_name,
            e.source,
            e.get_action_display(),
            e.object_type,
            e.object_id,
            e.object_repr,
            e.person_id,
            e.ip,
            e.path,
            json.dumps(e.changes, ensure_ascii=False) if e.changes else "",
        )
        for e in entries.iterator(chunk_size=2000)
    )
    stamp = timezone.localdate().isoformat()
    return csv_response(f"journal-audit-{stamp}.csv", EXPORT_HEADER, rows)
