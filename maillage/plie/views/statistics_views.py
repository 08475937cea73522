"""The PLIE statistics page: the report's tables for a chosen year (figures only, no names)."""

from django.shortcuts import render

from maillage.accounts.roles import Capability
from maillage.core.permissions import capability_required
from maillage.plie import statistics
from maillage.plie.forms import YearForm
from maillage.plie.indicators import plie_block


@capability_required(Capability.VIEW_AGGREGATES)
def statistics_page(request):
    """Platform-wide PLIE figures, as the annual report prints them (docs/permissions.md)."""
    years, default = statistics.year_choices()
    asked = YearForm(request.GET, years=years)
    year = asked.cleaned_data["annee"] if asked.is_valid() else default  # not a year: default
    form = YearForm(initial={"annee": year}, years=years, chosen=year)
    blocks: dict[int, dict] = {}
    point = statistics.point_etape(year, blocks)
    block = blocks[year]
    previous = blocks.get(year - 1) or plie_block(year - 1)
    blocks[year - 1] = previous
    return render(
        request,
        "plie/statistics.html",
        {
            "form": form,
            "year": year,
            "previous_year": year - 1,
            "block": block,
            "point": point,
            "key_figures": statistics.key_figures(block, previous),
            "tables": statistics.detail_tables(block, previous),
            "objective_lines": statistics.objective_lines(point, blocks, year),
        },
    )
