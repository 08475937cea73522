"""The ZFU-TE simulator page: the company's facts in, the verdicts in plain French out.

A simulation stores nothing and shows no personal data: the view validates the
form, hands the facts to ``rules.simulate`` and renders the result, printable.
"""

from django.shortcuts import render

from maillage.accounts.roles import Capability
from maillage.core.permissions import capability_required
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
