"""The PLIE's items in the "Parcours et activités" section of a person's file.

Registered from ``PlieConfig.ready()``. For each parcours the user may see:
its entry, its exit, and each step (contracts with their type, company and
end). Two queries whatever the number of parcours and steps: the parcours (with
their structure and référent), then their steps (with operation and company).
"""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.formats import date_format

from maillage.people.timeline import TimelineItem
from maillage.plie.models import ExitType, Parcours, Step, StepCategory

SERVICE = "PLIE"


def _day(value) -> str:
    return date_format(value, "d/m/Y")


def step_label(step: Step) -> str:
    """One line saying what the step is: "Contrat de travail : CDI chez X, 35 h/semaine"."""
    if step.category == StepCategory.EMPLOYMENT_CONTRACT:
        label = f"Contrat de travail : {step.get_contract_type_display()}"
        if step.company_id:
            label += f" chez {step.company}"
        if step.weekly_hours is not None:
            label += f", {step.weekly_hours:g} h/semaine".replace(".", ",")
    else:
        label = f"Étape : {step.get_category_display()}"
        if step.company_id:
            label += f" ({step.company})"
    if step.label:
        label += f" — {step.label}"
    if step.operation_id:
        label += f" — opération {step.operation.code}"
    if step.end_date:
        label += f", jusqu'au {_day(step.end_date)}"
    else:
        label += ", en cours"
    return label


def exit_label(parcours: Parcours) -> str:
    label = f"Sortie du PLIE : {parcours.get_exit_type_display().lower()}"
    if parcours.exit_type == ExitType.POSITIVE and parcours.exit_reason:
        label += f" ({parcours.get_exit_reason_display()})"
    elif parcours.exit_comment:
        label += f" ({parcours.exit_comment})"
    return label


def entry_label(parcours: Parcours) -> str:
    label = f"Entrée dans le PLIE, suivi par {parcours.structure}"
    if parcours.referent_id:
        label += f" ({parcours.referent})"
    return label


def parcours_items(person, user) -> list[TimelineItem]:
    """Entry, steps and exit of each of the person's parcours visible to ``user``."""
    steps = Step.objects.select_related("operation", "company").order_by("start_date", "pk")
    parcours_list = (
        Parcours.objects.visible_to(user)
        .filter(person=person)
        .select_related("structure", "referent")
        .prefetch_related(Prefetch("steps", queryset=steps))
    )
    items = []
    for parcours in parcours_list:
        # Latest first, so that on a same day the exit shows above the step, the step above
        # the entry (the file sorts by date only, keeping this order for equal dates).
        url = reverse("plie:parcours_detail", args=[parcours.pk])
        if parcours.exit_date:
            items.append(TimelineItem(parcours.exit_date, exit_label(parcours), SERVICE, url))
        for step in list(parcours.steps.all())[::-1]:
            items.append(TimelineItem(step.start_date, step_label(step), SERVICE, url))
        items.append(TimelineItem(parcours.entry_date, entry_label(parcours), SERVICE, url))
    return items
