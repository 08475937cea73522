"""The ZFU-TE pages: the simulator and the quarterly ZFU-TE / CLEE reporting.

A simulation stores nothing and shows no personal data: the view validates the
form, hands the facts to ``rules.simulate`` and renders the result, printable.
The reporting reads company interactions and charter signatures (no person):
it needs ``view_companies``, the capability that reads those records.
"""

import csv

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.core.permissions import capability_required
from maillage.zfu import reporting
from maillage.zfu.forms import CompanyForm, to_input, year_formset
from maillage.zfu.rules import REFERENCE, simulate
from maillage.zfu.schema import InvalidInput, parse_facts


@capability_required(Capability.SIMULATE_ZFU)
def simulator(request):
    simulation = None
    if request.method == "POST":
        form, years = CompanyForm(request.POST), year_formset(request.POST)
        if form.is_valid() and years.is_valid():
            try:
                simulation = simulate(parse_facts(to_input(form, years)))
            except InvalidInput as invalid:  # the same checks as the command line's
                for error in invalid.errors:
                    form.add_error(None, error)
    else:
        form, years = CompanyForm(), year_formset()
    return render(
        request,
        "zfu/simulator.html",
        {"form": form, "years": years, "simulation": simulation, "reference": REFERENCE},
    )


class ReportingForm(forms.Form):
    annee = forms.TypedChoiceField(label="Année", coerce=int)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [(y, str(y)) for y in years]


@capability_required(Capability.VIEW_COMPANIES)
def reporting_page(request):
    """The quarterly figures of a year; ``?format=csv`` downloads them."""
    this_year = timezone.localdate().year
    years = list(range(this_year, 2014, -1))  # the ZFU-TE generation of the seed: 2015-2020
    form = ReportingForm(request.GET or None, years=years)
    year = form.cleaned_data["annee"] if form.is_valid() else this_year
    report = reporting.quarterly_report(year)
    rows = reporting.table(report)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="reporting-zfu-te-{year}.csv"'
        response.write("\ufeff")  # Excel reads UTF-8 with a BOM
        writer = csv.writer(response, delimiter=";")
        writer.writerow(["Indicateur", "T1", "T2", "T3", "T4", str(year)])
        for label, quarters, total in rows:
            writer.writerow([label, *quarters, total])
        return response
    return render(request, "zfu/reporting.html", {"form": form, "year": year, "rows": rows})
