"""Forms of the programme pages: répertoire search, funding plan, transition, prescription."""

from django import forms
from django.core.exceptions import ValidationError

from maillage.plie.models import ContractType, Parcours, StepCategory
from maillage.programme import workflow
from maillage.programme.models import Axis, Funder, Status, VoteBody

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_AMOUNT = 9_999_999_999


class CatalogueForm(forms.Form):
    annee = forms.IntegerField(label="Année", min_value=1900, max_value=2100, required=False)
    q = forms.CharField(
        label="Rechercher",
        required=False,
        max_length=100,
        help_text="Intitulé, structure, public, lieu ou description.",
    )
    axe = forms.ChoiceField(
        label="Axe", required=False, choices=[("", "Tous les axes"), *Axis.choices]
    )


class FundingPlanForm(forms.Form):
    """One amount per funder; an empty or zero amount means no line for that funder."""

    def __init__(self, *args, operation, **kwargs):
        super().__init__(*args, **kwargs)
        current = {line.funder: line.amount_eur for line in operation.funding_lines.all()}
        for code, label in Funder.choices:
            self.fields[code] = forms.DecimalField(
                label=f"{label} (€)",
                required=False,
                min_value=0,
                max_value=MAX_AMOUNT,
                decimal_places=2,
                localize=True,
                initial=current.get(code),
            )

    def amounts(self) -> dict:
        return {code: self.cleaned_data.get(code) for code in Funder.values}


class TransitionForm(forms.Form):
    """The next step of the circuit: the status is fixed by the operation, the rest is typed."""

    status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    on = forms.DateField(label="Date", widget=DATE_INPUT)
    note = forms.CharField(
        label="Avis ou commentaire",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Obligatoire pour l'avis du PLIE (partie qualitative du dossier).",
    )
    vote_body = forms.ChoiceField(
        label="Instance du vote", required=False, choices=[("", "—"), *VoteBody.choices]
    )
    checked_eur = forms.DecimalField(
        label="FSE retenu au contrôle de service fait (€)",
        required=False,
        min_value=0,
        max_value=MAX_AMOUNT,
        decimal_places=2,
        localize=True,
    )

    def __init__(self, *args, next_status: str, **kwargs):
        super().__init__(*args, initial={"status": next_status}, **kwargs)
        self.next_status = next_status
        if next_status not in (Status.VOTED, Status.REFUSED):
            del self.fields["vote_body"]
        if next_status != Status.BALANCE_PAID:
            del self.fields["checked_eur"]
        if next_status == Status.OPINION:
            self.fields["note"].label = "Avis du PLIE"
        if next_status == Status.REFUSED:
            self.fields["on"].label = "Date du vote"
            self.fields["note"].label = "Motif du refus"
            self.fields["note"].help_text = "Obligatoire : il est communiqué à la structure."

    @property
    def next_label(self) -> str:
        return Status(self.next_status).label

    @property
    def advance_note(self) -> str:
        if self.next_status != Status.ADVANCE_PAID:
            return ""
        return f"Avance de {workflow.advance_rate() * 100:.0f} % du FSE conventionné."


class PrescriptionForm(forms.Form):
    parcours = forms.ModelChoiceField(
        label="Participant", queryset=Parcours.objects.none(), empty_label="— choisir —"
    )
    start_date = forms.DateField(label="Début", widget=DATE_INPUT)
    end_date = forms.DateField(label="Fin", required=False, widget=DATE_INPUT)
    category = forms.ChoiceField(label="Catégorie d'étape", choices=StepCategory.choices)
    contract_type = forms.ChoiceField(
        label="Type de contrat",
        required=False,
        choices=[("", "—"), *ContractType.choices],
        help_text="Seulement pour un contrat de travail (chantier d'insertion…).",
    )

    def __init__(self, *args, user, default_category: str, **kwargs):
        super().__init__(*args, initial={"category": default_category}, **kwargs)
        self.fields["parcours"].queryset = (
            Parcours.objects.visible_to(user)
            .filter(exit_date__isnull=True)
            .select_related("person")
            .order_by("person__last_name", "person__first_names", "pk")
        )
        self.fields["parcours"].label_from_instance = lambda p: (
            f"{p.person} — entré(e) le {p.entry_date:%d/%m/%Y}"
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            raise ValidationError({"end_date": "La fin ne peut pas précéder le début."})
        return data
