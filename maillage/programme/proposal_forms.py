"""Forms of the call for projects and of a structure's proposal (with its funding plan).

The forms only read the values; the rules (dates in order, participants,
amounts, at least one funding line) are ``proposals.check_proposal``'s, applied
by the service, whose messages the view puts back on these fields.
"""

from django import forms
from django.core.exceptions import ValidationError

from maillage.programme.forms import DATE_INPUT, MAX_AMOUNT
from maillage.programme.models import Axis, CallForProjects, Funder
from maillage.programme.proposals import CALL_FIELDS


class CallForm(forms.ModelForm):
    class Meta:
        model = CallForProjects
        fields = CALL_FIELDS
        widgets = {
            "launched_on": DATE_INPUT,
            "deadline": DATE_INPUT,
            "priorities": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "year": {"unique": "Il existe déjà un appel à projets pour cette année."},
        }


class ProposalForm(forms.Form):
    """What the structure describes; the structure (new proposal) and the code (team only)."""

    structure = forms.ModelChoiceField(
        label="Structure porteuse", queryset=None, empty_label="— choisir —"
    )
    code = forms.CharField(
        label="Code",
        required=False,
        max_length=64,
        help_text="Laisser vide : le code est généré (année-structure-numéro).",
    )
    title = forms.CharField(label="Intitulé", max_length=250)
    axis = forms.ChoiceField(label="Axe", choices=[("", "— choisir —"), *Axis.choices])
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    target_public = forms.CharField(label="Public visé", required=False, max_length=250)
    place = forms.CharField(label="Lieu", required=False, max_length=250)
    how_to_prescribe = forms.CharField(
        label="Comment prescrire", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    planned_participants = forms.IntegerField(
        label="Participants prévus",
        max_value=1_000_000,
        error_messages={"required": "Indiquez le nombre de participants prévus."},
    )
    start_date = forms.DateField(label="Début", widget=DATE_INPUT)
    end_date = forms.DateField(label="Fin", widget=DATE_INPUT)

    def __init__(self, *args, structures=None, with_code=False, **kwargs):
        """``structures``: the choice of a new proposal (None when editing one)."""
        super().__init__(*args, **kwargs)
        if structures is None:
            del self.fields["structure"]
        else:
            self.fields["structure"].queryset = structures
        if not with_code:
            del self.fields["code"]

    def details(self) -> dict:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("structure", "code")
        }


class FundingLineForm(forms.Form):
    funder = forms.ChoiceField(required=False, choices=[("", "—"), *Funder.choices])
    amount_eur = forms.DecimalField(
        required=False, max_digits=12, decimal_places=2, max_value=MAX_AMOUNT, localize=True
    )

    def clean(self):
        data = super().clean()
        funder, amount = data.get("funder"), data.get("amount_eur")
        if funder and amount is None and "amount_eur" not in self.errors:
            self.add_error("amount_eur", "Indiquez le montant de ce financeur.")
        if amount is not None and not funder:
            self.add_error("funder", "Choisissez le financeur de ce montant.")
        return data


class BaseFundingFormSet(forms.BaseFormSet):
    """One row per funder; rows left empty are ignored."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = "" if index is None else f"Ligne {index + 1} : "
        form.fields["funder"].label = f"{row}financeur"
        form.fields["amount_eur"].label = f"{row}montant (€)"

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            funder = form.cleaned_data.get("funder")
            if funder in seen:
                raise ValidationError(
                    f"« {Funder(funder).label} » figure sur deux lignes : une ligne par financeur."
                )
            if funder:
                seen.add(funder)

    def amounts(self) -> dict:
        return {
            form.cleaned_data["funder"]: form.cleaned_data.get("amount_eur")
            for form in self.forms
            if form.cleaned_data.get("funder")
        }

    def put_errors(self, errors: dict[str, list[str]]) -> None:
        """A service's messages keyed by funder go on that funder's row, the others above."""
        rows = {form.cleaned_data.get("funder"): form for form in self.forms}
        for key, messages in errors.items():
            if key in rows:
                rows[key].add_error("amount_eur", messages)
            else:
                self._non_form_errors = self.error_class(
                    [*self.non_form_errors(), *messages], error_class="nonform"
                )


FundingFormSet = forms.formset_factory(
    FundingLineForm,
    formset=BaseFundingFormSet,
    extra=len(Funder),
    max_num=len(Funder),
    absolute_max=len(Funder),
    validate_max=True,
)


def funding_formset(data=None, *, operation=None) -> BaseFundingFormSet:
    """Six rows: the operation's lines first, then empty ones."""
    initial = []
    if operation is not None:
        initial = [
            {"funder": line.funder, "amount_eur": line.amount_eur}
            for line in operation.funding_lines.all()
        ]
    return FundingFormSet(data, initial=initial, prefix="financement")
