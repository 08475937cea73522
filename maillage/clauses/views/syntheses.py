"""Syntheses (the seed's tables, with their XLSX exports) and the follow-up by company/person.

Figures only, computed in SQL with a fixed number of queries; the follow-up
page names people, limited to the user's scope and audited.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import for_aggregates
from maillage.audit.services import Action, build_entry, log, log_many
from maillage.clauses import figures, xlsx
from maillage.clauses.forms import SynthesisForm, YearForm
from maillage.clauses.models import Buyer, ClauseHours, LegalBasis
from maillage.clauses.views.common import chosen_year, years
from maillage.core.permissions import capability_required

VIEW = Capability.VIEW_CLAUSES
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: First year of the urban-renewal table when none is asked (the seed counts "depuis 2005").
URBAN_RENEWAL_SINCE = 2005


def _synthesis_params(request) -> tuple:
    available = years()
    form = SynthesisForm(request.GET or None, years=available)
    year = chosen_year(form, available)
    since = (form.cleaned_data.get("depuis") if form.is_valid() else None) or URBAN_RENEWAL_SINCE
    return form, year, min(since, year)


@capability_required(VIEW)
def syntheses(request):
    form, year, since = _synthesis_params(request)
    synthesis = figures.global_synthesis(year)
    context = {
        "form": form,
        "year": year,
        "since": since,
        "bases": LegalBasis.choices,
        "table": figures.table_rows(synthesis["columns"]),
        "buyers_total": synthesis["columns"]["total"]["buyers"],
        "comparison": synthesis["comparison"],
        "buyers": figures.buyers_table(year),
        "urban": figures.urban_renewal(since, year),
        "qpv": figures.qpv_shares(figures.hours_of_year(year)),
    }
    return render(request, "clauses/syntheses.html", context)


@capability_required(VIEW)
def export(request, table: str):
    """``table``: ``synthese``, ``donneurs-d-ordre``, ``renovation-urbaine``, ``acheteur-<id>``."""
    _, year, since = _synthesis_params(request)
    if table == "synthese":
        workbook, name = xlsx.global_workbook(year), f"clauses-synthese-{year}"
    elif table == "donneurs-d-ordre":
        workbook, name = xlsx.buyers_workbook(year), f"clauses-donneurs-d-ordre-{year}"
    elif table == "renovation-urbaine":
        workbook = xlsx.urban_renewal_workbook(since, year)
        name = f"clauses-renovation-urbaine-{since}-{year}"
    elif table.startswith("acheteur-") and table[9:].isdigit():
        buyer = get_object_or_404(Buyer, pk=int(table[9:]))
        workbook, name = xlsx.buyer_workbook(buyer, year), f"clauses-acheteur-{buyer.pk}-{year}"
    else:
        raise Http404
    log(Action.EXPORT, object_type="clauses.synthesis", object_repr=name)
    response = HttpResponse(xlsx.to_bytes(workbook), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@capability_required(VIEW)
def followup(request):
    """Per company and per person for a year; people named only in the user's scope."""
    available = years()
    form = YearForm(request.GET or None, years=available)
    year = chosen_year(form, available)
    rows = for_aggregates(ClauseHours.objects.all(), request.user).filter(month__year=year)
    people = figures.grouped(
        ClauseHours.objects.visible_to(request.user).filter(month__year=year),
        "person_id",
        "person__last_name",
        "person__first_names",
    )[:300]
    log_many(
        [
            build_entry(
                Action.VIEW,
                object_type="people.person",
                object_id=str(row["person_id"]),
                object_repr=f"{row['person__last_name']} {row['person__first_names']}",
                person_id=row["person_id"],
                changes={"clauses_followup": year},
            )
            for row in people
        ]
    )
    context = {
        "form": form,
        "year": year,
        "companies": figures.grouped(rows, "company_id", "company__name"),
        "people": people,
        "qpv": figures.qpv_shares(rows),
    }
    return render(request, "clauses/followup.html", context)
