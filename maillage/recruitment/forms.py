"""Forms of the recruitment pages (labels in French, dates dd/mm/yyyy)."""

from django import forms
from django.utils import timezone

from maillage.companies.widgets import CompanyChoiceField
from maillage.recruitment.models import (
    MANUAL_CHANNELS,
    Campaign,
    CampaignSession,
    Channel,
    ContractType,
    JobOffer,
    OfferStatus,
    Placement,
    PlacementChannel,
    Stage,
)


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


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class JobOfferForm(forms.ModelForm):
    """An offer's description; its status changes through ``CloseOfferForm``."""

    company = CompanyChoiceField()

    class Meta:
        model = JobOffer
        fields = [
            "company",
            "title",
            "rome_code",
            "rome_label",
            "contract_type",
            "weekly_hours",
            "location",
            "posts",
            "source",
            "published_on",
        ]
        widgets = {
            "published_on": DATE,
            "rome_code": forms.TextInput(attrs={"autocomplete": "off", "maxlength": 5}),
        }
        help_texts = {
            "rome_code": "Une lettre et 4 chiffres, par exemple K2204.",
            "rome_label": "Le libellé de la fiche ROME, par exemple « Nettoyage de locaux ».",
        }

    def clean_rome_code(self):
        return self.cleaned_data["rome_code"].strip().upper()


class CloseOfferForm(forms.Form):
    status = forms.ChoiceField(
        label="L'offre est",
        choices=[(OfferStatus.FILLED, "Pourvue"), (OfferStatus.CANCELLED, "Annulée")],
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label="Close le", widget=DATE)
    note = forms.CharField(
        label="Motif ou commentaire",
        required=False,
        max_length=250,
        help_text="Par exemple : pourvue par un candidat du réseau, poste supprimé…",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class CampaignForm(forms.ModelForm):
    company = CompanyChoiceField()

    class Meta:
        model = Campaign
        fields = ["company", "title", "opened_on", "closes_on", "description"]
        widgets = {
            "opened_on": DATE,
            "closes_on": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
        }


class SessionForm(forms.ModelForm):
    class Meta:
        model = CampaignSession
        fields = ["kind", "date", "start_time", "venue", "place", "capacity"]
        widgets = {
            "date": DATE,
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


class PlacementForm(forms.ModelForm):
    """A placement typed in by hand: only the channels no other module records."""

    company = CompanyChoiceField()

    class Meta:
        model = Placement
        fields = ["company", "contract_type", "started_on", "channel"]
        widgets = {"started_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [(c, PlacementChannel(c).label) for c in MANUAL_CHANNELS]
        self.fields["channel"].help_text = (
            "Les recrutements des clauses sociales, de la méthode IOD et des Dating Emploi "
            "sont enregistrés dans leur module."
        )
