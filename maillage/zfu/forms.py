"""The simulator page's form: the company, then one row per fiscal year.

The form only types and bounds the values; it then builds the same dict as a
JSON input file (``to_input``) so that ``schema.parse_facts`` stays the single
definition of a valid simulation, for the page and for ``zfu_simulate``.
"""

from decimal import Decimal

from django import forms

from maillage.companies.models import validate_naf
from maillage.zfu.facts import ACTIVITY_LABELS, ActivityKind

YEARS_SHOWN = 9  # years 1 to 8 are exempt, the 9th shows the end of the exemption

YEAR_COUNT_LABELS = {
    "qualifying_employees": "Salariés en CDI ou CDD ≥ 12 mois (≥ 16 h/sem.) à la clôture",
    "resident_employees": "dont résidant en ZFU-TE ou QPV",
    "qualifying_hires": "Embauches dans ces conditions depuis l'implantation",
    "resident_hires": "dont résidant en ZFU-TE ou QPV",
    "resident_new_hires": "Nouveaux salariés résidant en ZFU-TE ou QPV (majoration du plafond)",
}


class CompanyForm(forms.Form):
    company_name = forms.CharField(label="Nom de l'entreprise", max_length=200, required=False)
    naf_code = forms.CharField(
        label="Code NAF",
        max_length=6,
        validators=[validate_naf],
        help_text="Exemple : 47.11F ou 4711F. Sert à repérer les secteurs exclus.",
    )
    activity_kind = forms.ChoiceField(
        label="Nature de l'activité",
        choices=[(kind.value, label) for kind, label in ACTIVITY_LABELS.items()],
    )
    installation_date = forms.DateField(
        label="Date d'installation dans la ZFU-TE",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    employees = forms.IntegerField(label="Effectif salarié", min_value=0)
    turnover_eur = forms.IntegerField(label="Chiffre d'affaires hors taxes (€)", min_value=0)
    balance_sheet_eur = forms.IntegerField(label="Total de bilan (€)", min_value=0)
    large_firms_capital_share_percent = forms.DecimalField(
        label="Part du capital détenue par des entreprises de plus de 250 salariés (%)",
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        initial=0,
    )
    sedentary_activity = forms.BooleanField(
        label="Activité sédentaire",
        required=False,
        help_text="Exercée dans les locaux de la zone (boutique, bureau, atelier).",
    )
    zone_turnover_share_percent = forms.DecimalField(
        label="Part du chiffre d'affaires réalisée en ZFU-TE (%)",
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        help_text="Pour une activité non sédentaire.",
    )
    sedentary_fte_in_zone = forms.DecimalField(
        label="Équivalents temps plein salariés sédentaires dans les locaux de la zone",
        required=False,
        min_value=Decimal(0),
        max_digits=6,
        decimal_places=2,
        help_text="Pour une activité non sédentaire.",
    )


class FiscalYearForm(forms.Form):
    """One fiscal year; a row whose profit is left empty is not simulated."""

    year = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=YEARS_SHOWN)
    profit_eur = forms.IntegerField(label="Bénéfice en ZFU-TE (€)", required=False)
    qualifying_employees = forms.IntegerField(required=False, min_value=0)
    resident_employees = forms.IntegerField(required=False, min_value=0)
    qualifying_hires = forms.IntegerField(required=False, min_value=0)
    resident_hires = forms.IntegerField(required=False, min_value=0)
    resident_new_hires = forms.IntegerField(required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        year = self.initial.get("year") or self.data.get(self.add_prefix("year"), "")
        for name, label in YEAR_COUNT_LABELS.items():
            self.fields[name].label = label
        for name, field in self.fields.items():
            if name != "year":
                # Labels sit in the table's headers: each input still gets its own name.
                field.widget.attrs["aria-label"] = f"{field.label}, exercice {year}"

    def clean(self):
        data = super().clean()
        counts = {name: data.get(name) for name in YEAR_COUNT_LABELS}
        if data.get("profit_eur") is None:
            if any(value for value in counts.values()):
                self.add_error("profit_eur", "Indiquez le bénéfice (ou la perte) de cet exercice.")
            return data
        for name, value in counts.items():
            data[name] = value or 0
        for residents, total in (
            ("resident_employees", "qualifying_employees"),
            ("resident_hires", "qualifying_hires"),
        ):
            if data[residents] > data[total]:
                self.add_error(residents, "Ne peut pas dépasser le nombre total correspondant.")
        return data

    @property
    def filled(self) -> bool:
        return self.cleaned_data.get("profit_eur") is not None


FiscalYearFormSet = forms.formset_factory(FiscalYearForm, extra=0, max_num=YEARS_SHOWN)


def year_formset(data=None) -> forms.BaseFormSet:
    initial = [{"year": year} for year in range(1, YEARS_SHOWN + 1)]
    return FiscalYearFormSet(data, initial=initial, prefix="exercices")


def to_input(company: CompanyForm, years: forms.BaseFormSet) -> dict:
    """The JSON input schema of docs/zfu.md, from valid forms."""
    data = dict(company.cleaned_data)
    data["installation_date"] = data["installation_date"].isoformat()
    data["activity_kind"] = ActivityKind(data["activity_kind"]).value
    data["zone_turnover_share_percent"] = data["zone_turnover_share_percent"] or Decimal(0)
    data["sedentary_fte_in_zone"] = data["sedentary_fte_in_zone"] or Decimal(0)
    data["fiscal_years"] = [
        {name: form.cleaned_data[name] for name in ("year", "profit_eur", *YEAR_COUNT_LABELS)}
        for form in years
        if form.filled
    ]
    return data
