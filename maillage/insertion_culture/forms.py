"""Forms of the Mission Insertion Culture pages (labels and errors in French)."""

from django import forms
from django.utils import timezone

from maillage.companies.models import Company
from maillage.insertion_culture.models import (
    PUBLIC_FLAGS,
    ActionSession,
    CollectiveAction,
    EmployerAction,
    EmployerOutcome,
    EmployerOutcomeKind,
    Partner,
    Side,
)
from maillage.recruitment.models import ContractType

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class YearForm(forms.Form):
    annee = forms.TypedChoiceField(label="Année", coerce=int, choices=())

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [(y, str(y)) for y in years]


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label="Rechercher une personne",
        required=False,
        help_text="Nom ou prénom ; seules les personnes que vos structures suivent sont proposées.",
    )


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "category", "city", "structure"]


class ActionForm(forms.ModelForm):
    partners = forms.ModelMultipleChoiceField(
        label="Partenaires",
        queryset=Partner.objects.order_by("side", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Partenaires culturels et de l'insertion de l'action.",
    )

    class Meta:
        model = CollectiveAction
        fields = ["title", "kind", "starts_on", "ends_on", "description"]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["partners"].initial = list(self.instance.partners.all())

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", "La fin de l'action ne peut pas précéder son début.")
        return data


class SessionForm(forms.ModelForm):
    class Meta:
        model = ActionSession
        fields = ["date", "place", "topic"]
        widgets = {"date": DATE}


class ParticipationForm(forms.Form):
    registered_on = forms.DateField(label="Inscrit(e) le", widget=DATE)
    referred_by = forms.ModelChoiceField(
        label="Orienté(e) par",
        queryset=Partner.objects.filter(side=Side.INSERTION),
        required=False,
        empty_label="—",
    )

    def __init__(self, *args, action, initial_publics: dict[str, bool] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        # Today, unless the action is over (a registration entered afterwards).
        self.fields["registered_on"].initial = (
            today if today <= action.ends_on else action.starts_on
        )
        for flag, label in PUBLIC_FLAGS.items():
            self.fields[flag] = forms.BooleanField(
                label=label, required=False, initial=(initial_publics or {}).get(flag, False)
            )

    def publics(self) -> dict[str, bool]:
        return {flag: self.cleaned_data[flag] for flag in PUBLIC_FLAGS}

    def public_fields(self):
        return [self[flag] for flag in PUBLIC_FLAGS]


def _employers():
    return Company.objects.order_by("name", "pk")


class EmployerActionForm(forms.ModelForm):
    company = forms.ModelChoiceField(label="Employeur culturel", queryset=_employers())

    class Meta:
        model = EmployerAction
        fields = ["company", "kind", "date", "title", "people_count"]
        widgets = {"date": DATE}


class EmployerOutcomeForm(forms.ModelForm):
    company = forms.ModelChoiceField(label="Employeur culturel", queryset=_employers())
    contract_type = forms.ChoiceField(
        label="Contrat (mise à l'emploi)",
        choices=[("", "—"), *ContractType.choices],
        required=False,
    )

    class Meta:
        model = EmployerOutcome
        fields = ["company", "kind", "date", "ends_on", "title"]
        widgets = {"date": DATE, "ends_on": DATE}

    def clean(self):
        data = super().clean()
        if data.get("kind") == EmployerOutcomeKind.PLACEMENT and not data.get("contract_type"):
            self.add_error("contract_type", "Indiquez le type de contrat de l'embauche.")
        return data


class EmployerForm(forms.ModelForm):
    """A cultural employer missing from the companies' file (name, SIRET, commune)."""

    class Meta:
        model = Company
        fields = ["name", "siret", "naf", "postcode", "city"]
