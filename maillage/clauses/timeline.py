"""Clause contracts in the "Parcours et activités" section of a person's file.

Registered from ``ClausesConfig.ready()``: one item per contract the user may
see, with its operation, employer and hours. One query whatever their number;
the link to the contract page only for users who may open it.
"""

from django.db.models import Sum
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import date_format

from maillage.accounts.roles import Capability
from maillage.clauses.models import ClauseContract
from maillage.people.timeline import TimelineItem

SERVICE = "Clauses sociales"


def contract_items(person, user) -> list[TimelineItem]:
    linked = user.has_capability(Capability.VIEW_CLAUSES)
    contracts = (
        ClauseContract.objects.visible_to(user)
        .filter(person=person)
        .select_related("company", "operation")
        .annotate(total=Sum("hours__hours"))
    )
    items = []
    for contract in contracts:
        label = (
            f"Contrat sous clause ({contract.get_kind_display()}) chez {contract.company}, "
            f"opération « {contract.operation} »"
        )
        if contract.end_date:
            label += f", jusqu'au {date_format(contract.end_date, 'd/m/Y')}"
        label += f" — {floatformat(contract.total or 0, '-2g')} h réalisées"
        url = reverse("clauses:contract", args=[contract.pk]) if linked else None
        items.append(TimelineItem(contract.start_date, label, SERVICE, url))
    return items
