"""The programme pages for référents and the team: répertoire, Marché aux actions, figures.

None of them shows personal data: operations and structures only, and
anonymous counts. Each runs a fixed number of queries whatever the number of
operations. Operations the vote did not retain are left out of the répertoire
and the Marché aux actions (nobody may be sent there); the figures count
them under their status.
"""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import render
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.core.permissions import capability_required
from maillage.organisations.models import Structure
from maillage.programme.figures import participants_by_operation, programme_block
from maillage.programme.forms import CatalogueForm
from maillage.programme.models import Axis, CallForProjects, Funder, Operation, Status

TEMPLATES = "programme/"


def _years() -> list[int]:
    return list(Operation.objects.order_by("-year").values_list("year", flat=True).distinct())


def _chosen_year(form: CatalogueForm, years: list[int]) -> int:
    """The asked year, else the latest year with operations up to this one."""
    if form.is_valid() and form.cleaned_data.get("annee"):
        return form.cleaned_data["annee"]
    this_year = timezone.localdate().year
    past = [y for y in years if y <= this_year]
    return past[0] if past else (years[-1] if years else this_year)


def _retained(year: int):
    """The year's operations, without those the vote refused."""
    return Operation.objects.filter(year=year).exclude(status=Status.REFUSED)


def _search(year: int, form: CatalogueForm):
    operations = _retained(year).select_related("structure")
    if form.is_valid():
        if q := form.cleaned_data.get("q", "").strip():
            operations = operations.filter(
                Q(title__icontains=q)
                | Q(structure__name__icontains=q)
                | Q(target_public__icontains=q)
                | Q(place__icontains=q)
                | Q(description__icontains=q)
            )
        if axis := form.cleaned_data.get("axe"):
            operations = operations.filter(axis=axis)
    return operations.order_by("axis", "structure__name", "title")


def _by_axis(operations) -> list[dict]:
    groups = {axis: [] for axis in Axis.values}
    for operation in operations:
        groups[operation.axis].append(operation)
    return [
        {"axis": Axis(axis).label, "operations": items} for axis, items in groups.items() if items
    ]


@capability_required(Capability.VIEW_PROGRAMME)
def repertoire(request):
    """Searchable catalogue of the year's operations; htmx refreshes the results only."""
    years = _years()
    form = CatalogueForm(request.GET)
    year = _chosen_year(form, years)
    operations = list(_search(year, form))
    context = {
        "form": form,
        "year": year,
        "years": sorted({*years, year}, reverse=True),
        "groups": _by_axis(operations),
        "count": len(operations),
        "call": CallForProjects.objects.filter(year=year).first(),
    }
    if request.htmx:
        return render(request, TEMPLATES + "_repertoire_results.html", context)
    return render(request, TEMPLATES + "repertoire.html", context)


@capability_required(Capability.VIEW_PROGRAMME)
def repertoire_print(request):
    """The whole répertoire of a year, one block per operation, laid out for paper."""
    years = _years()
    form = CatalogueForm(request.GET)
    year = _chosen_year(form, years)
    operations = list(_search(year, form))
    return render(
        request,
        TEMPLATES + "repertoire_print.html",
        {"year": year, "groups": _by_axis(operations), "count": len(operations)},
    )


@capability_required(Capability.VIEW_PROGRAMME)
def marche(request):
    """The "Marché aux actions": the structures of the year's programme and their operations."""
    years = _years()
    form = CatalogueForm(request.GET)
    year = _chosen_year(form, years)
    retained = Q(operations__year=year) & ~Q(operations__status=Status.REFUSED)
    structures = (
        Structure.objects.filter(pk__in=_retained(year).values("structure_id"))
        .annotate(n=Count("operations", filter=retained))
        .prefetch_related(
            Prefetch(
                "operations",
                queryset=_retained(year).order_by("title"),
                to_attr="year_operations",
            )
        )
        .order_by("name")
    )
    structures = list(structures)
    return render(
        request,
        TEMPLATES + "marche.html",
        {
            "year": year,
            "years": sorted({*years, year}, reverse=True),
            "structures": structures,
            "operation_count": sum(s.n for s in structures),
        },
    )


@capability_required(Capability.VIEW_PROGRAMME)
def statistics(request):
    """The year's programme in figures (the ``programme`` block) and participants per operation."""
    years = _years()
    form = CatalogueForm(request.GET)
    year = _chosen_year(form, years)
    block = programme_block(year)
    per_operation = participants_by_operation(year)
    operations = []
    for operation in Operation.objects.filter(year=year).select_related("structure"):
        n = per_operation.get(operation.pk, 0)
        planned = operation.planned_participants
        operations.append(
            {
                "operation": operation,
                "participants": n,
                "fill_rate": round(100 * n / planned) if planned else None,
            }
        )
    return render(
        request,
        TEMPLATES + "statistics.html",
        {
            "year": year,
            "years": sorted({*years, year}, reverse=True),
            "figures": block,
            "axes": [(Axis(code).label, row) for code, row in block["by_axis"].items()],
            "funders": [
                (Funder(code).label if code in Funder.values else "Non ventilé", amount)
                for code, amount in block["by_funder"].items()
            ],
            "statuses": [(Status(code).label, n) for code, n in block["by_status"].items()],
            "operations": operations,
        },
    )
