"""Forms of the events pages (labels in French, dates and times as native inputs)."""

import datetime

from django import forms

from maillage.companies.widgets import CompanyChoiceField
from maillage.events.models import (
    QUESTIONS,
    Event,
    EventKind,
    Public,
    RecurringSeries,
    Satisfaction,
    SurveyRole,
)
from maillage.events.public import CONSENT_TEXT
from maillage.organisations.models import Structure
from maillage.recruitment.models import ContractType

MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class EventForm(forms.ModelForm):
    publics = forms.MultipleChoiceField(
        label="Publics visés",
        choices=Public.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "date",
            "start_time",
            "end_time",
            "structure",
            "place",
            "capacity",
            "theme",
            "publics",
            "speakers",
            "description",
            "is_public",
            "cancelled",
            "parent",
        ]
        widgets = {"date": DATE, "start_time": TIME, "end_time": TIME}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = Structure.objects.filter(is_active=True)
        parents = Event.objects.filter(kind=EventKind.PROGRAMME)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["speakers"].widget.attrs["rows"] = 2
        self.fields["description"].widget.attrs["rows"] = 4


class EventFilterForm(forms.Form):
    annee = forms.TypedChoiceField(label="Année", coerce=int, required=False, choices=())
    nature = forms.ChoiceField(
        label="Nature", required=False, choices=[("", "Toutes"), *EventKind.choices]
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [("", "Toutes"), *((y, y) for y in years)]


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label="Rechercher une personne",
        required=False,
        help_text="Nom ou prénom ; seules les personnes que vous suivez sont proposées.",
    )


class CompanyForm(forms.Form):
    company = CompanyChoiceField()
    posts = forms.IntegerField(label="Postes proposés", min_value=0, initial=0)


class OutcomeForm(forms.Form):
    interviews = forms.IntegerField(label="Entretiens passés", min_value=0, initial=0)
    hired = forms.BooleanField(label="Contrat signé", required=False)
    company = forms.ModelChoiceField(
        label="Entreprise qui recrute", queryset=None, required=False, empty_label="—"
    )
    contract_type = forms.ChoiceField(
        label="Contrat", choices=[("", "—"), *ContractType.choices], required=False
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        from maillage.companies.models import Company

        self.fields["company"].queryset = Company.objects.filter(
            event_presences__event=event
        ).order_by("name")


class SeriesForm(forms.ModelForm):
    excluded = forms.CharField(
        label="Dates exclues (jours fériés…)",
        required=False,
        help_text="Dates au format AAAA-MM-JJ, séparées par des virgules.",
    )
    closed = forms.MultipleChoiceField(
        label="Mois fermés",
        required=False,
        choices=[(m, name) for m, name in enumerate(MONTHS, 1)],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = RecurringSeries
        fields = [
            "title",
            "kind",
            "structure",
            "rule",
            "starts_on",
            "ends_on",
            "start_time",
            "end_time",
            "place",
            "capacity",
            "theme",
            "is_public",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE, "start_time": TIME, "end_time": TIME}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["excluded"].initial = ", ".join(self.instance.excluded_dates)
            self.fields["closed"].initial = [str(m) for m in self.instance.closed_months]

    def clean_excluded(self):
        dates = []
        for part in self.cleaned_data["excluded"].replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                dates.append(datetime.date.fromisoformat(part).isoformat())
            except ValueError:
                raise forms.ValidationError(f"Date illisible : « {part} » (AAAA-MM-JJ).") from None
        return dates

    def clean_closed(self):
        return [int(m) for m in self.cleaned_data["closed"]]


def _rating_field(label):
    return forms.TypedChoiceField(
        label=label,
        choices=[("", "Sans réponse"), *Satisfaction.choices],
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )


class SurveyForm(forms.Form):
    def __init__(self, *args, with_role=False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_role:
            self.fields["role"] = forms.ChoiceField(label="Répondant", choices=SurveyRole.choices)
        for name, label in QUESTIONS:
            self.fields[name] = _rating_field(label)
        self.fields["comment"] = forms.CharField(
            label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 3})
        )


class PublicRegistrationForm(forms.Form):
    last_name = forms.CharField(label="Nom", max_length=150)
    first_name = forms.CharField(label="Prénom", max_length=150)
    email = forms.EmailField(label="Courriel", max_length=254)
    phone = forms.CharField(label="Téléphone (facultatif)", max_length=30, required=False)
    consent = forms.BooleanField(label=CONSENT_TEXT)
    # Anti-spam: hidden from people (CSS and aria-hidden), filled by bots.
    website = forms.CharField(label="Ne pas remplir ce champ", required=False)
    stamp = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["email"].error_messages["invalid"] = "Adresse de courriel invalide."
        self.fields["consent"].error_messages["required"] = (
            "Votre accord est nécessaire pour enregistrer l'inscription."
        )
