"""Forms of the recruitment pages (labels in French, dates dd/mm/yyyy)."""

from django import forms
from django.utils import timezone

from maillage.recruitment.models import Channel, ContractType, PlacementChannel, Stage


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label="Rechercher une personne",
        required=False,
        help_text="Nom ou prénom ; seules les personnes que vous suivez sont proposées.",
    )


class PositionForm(forms.Form):
    channel = forms.ChoiceField(label="Canal de sourcing", choices=Channel.choices)
    positioned_on = forms.DateField(
        label="Positionné le", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["positioned_on"].initial = timezone.localdate()


class StageForm(forms.Form):
    stage = forms.ChoiceField(label="Nouvelle étape", choices=Stage.choices)
    date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    contract_type = forms.ChoiceField(
        label="Contrat (en cas de recrutement)",
        choices=[("", "—"), *ContractType.choices],
        required=False,
    )


class PlacementFilterForm(forms.Form):
    annee = forms.TypedChoiceField(label="Année", coerce=int, required=False, choices=())
    canal = forms.ChoiceField(
        label="Canal", required=False, choices=[("", "Tous"), *PlacementChannel.choices]
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [("", "Toutes"), *((y, str(y)) for y in years)]


class YearForm(forms.Form):
    annee = forms.TypedChoiceField(label="Année", coerce=int, choices=())

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [(y, str(y)) for y in years]
