"""Forms of the charter pages. The rules are the services'; forms only parse and offer choices."""

from django import forms
from django.utils import timezone

from maillage.charter.models import (
    CommitmentKind,
    EvidenceKind,
    GuestStatus,
    SponsorshipOutcome,
)
from maillage.companies.forms import owner_choices
from maillage.companies.models import Contact
from maillage.organisations.models import Structure

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HomeFilterForm(forms.Form):
    """The signatories list: the year of the figures, an axis, a name."""

    annee = forms.TypedChoiceField(label="Année", coerce=int, required=False)
    engagement = forms.ChoiceField(
        label="Engagement", choices=[("", "Tous"), *CommitmentKind.choices], required=False
    )
    nouvelles = forms.BooleanField(label="Signataires de l'année seulement", required=False)
    q = forms.CharField(
        label="Nom ou enseigne",
        required=False,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [(y, str(y)) for y in years]


class SignatureForm(forms.Form):
    signed_on = forms.DateField(label="Signée le", widget=DATE)
    signatory_name = forms.CharField(label="Signataire", max_length=200)
    signatory_function = forms.CharField(
        label="Fonction du signataire", max_length=150, required=False
    )
    officer = forms.ModelChoiceField(
        label="Chargé de mission",
        queryset=None,
        required=False,
        help_text="Qui suit la mise en œuvre des engagements.",
    )
    kinds = forms.MultipleChoiceField(
        label="Engagements choisis",
        choices=CommitmentKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    due_on = forms.DateField(
        label="Échéance des engagements",
        widget=DATE,
        required=False,
        help_text="Facultative ; la charte engage en général pour deux ans.",
    )
    note = forms.CharField(
        label="Remarques", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = owner_choices()


class CommitmentForm(forms.Form):
    kind = forms.ChoiceField(label="Engagement", choices=CommitmentKind.choices)
    description = forms.CharField(label="Précisions", max_length=250, required=False)
    taken_on = forms.DateField(label="Pris le", widget=DATE)
    due_on = forms.DateField(label="Échéance", widget=DATE, required=False)


class FollowUpForm(forms.Form):
    """Realise a commitment with its evidence, or record that it was dropped."""

    outcome = forms.ChoiceField(
        label="Suivi",
        choices=[("realised", "Réalisé"), ("dropped", "Abandonné")],
        widget=forms.RadioSelect,
        initial="realised",
    )
    on = forms.DateField(label="Date", widget=DATE)
    evidence_kind = forms.ChoiceField(
        label="Preuve de la réalisation",
        choices=[("", "—"), *EvidenceKind.choices],
        required=False,
    )
    interaction = forms.ModelChoiceField(label="Interaction", queryset=None, required=False)
    placement = forms.ModelChoiceField(label="Mise à l'emploi", queryset=None, required=False)
    event_id = forms.IntegerField(label="Numéro de l'événement", min_value=1, required=False)
    note = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, interactions, placements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interaction"].queryset = interactions
        self.fields["placement"].queryset = placements
        # No name in the label: the choice shows the date, contract and channel only.
        self.fields["placement"].label_from_instance = lambda p: (
            f"{p.started_on:%d/%m/%Y} — {p.get_contract_type_display()} ({p.get_channel_display()})"
        )
        self.fields["interaction"].label_from_instance = lambda i: (
            f"{timezone.localtime(i.occurred_at):%d/%m/%Y} — {i.get_kind_display()}"
            + (f" : {i.summary[:60]}" if i.summary else "")
        )


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label="Rechercher le filleul",
        required=False,
        help_text="Nom ou prénom ; seules les personnes que vos structures suivent sont proposées.",
    )


class SponsorshipForm(forms.Form):
    sponsor_contact = forms.ModelChoiceField(
        label="Parrain ou marraine (contact)", queryset=Contact.objects.none(), required=False
    )
    sponsor_name = forms.CharField(
        label="Parrain ou marraine (autre salarié)",
        max_length=200,
        required=False,
        help_text="Si la personne n'est pas parmi les contacts de l'entreprise.",
    )
    started_on = forms.DateField(label="Début", widget=DATE)
    ended_on = forms.DateField(label="Fin", widget=DATE, required=False)
    outcome = forms.ChoiceField(
        label="Issue", choices=[("", "En cours"), *SponsorshipOutcome.choices], required=False
    )
    note = forms.CharField(
        label="Remarques", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sponsor_contact"].queryset = company.contacts.filter(active_until__isnull=True)


class SponsorshipFilterForm(forms.Form):
    annee = forms.TypedChoiceField(label="Année", coerce=int, required=False)
    issue = forms.ChoiceField(
        label="Issue",
        choices=[("", "Toutes"), ("ongoing", "En cours"), *SponsorshipOutcome.choices],
        required=False,
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [("", "Toutes"), *((y, str(y)) for y in years)]


class EveningForm(forms.Form):
    held_on = forms.DateField(label="Date", widget=DATE)
    title = forms.CharField(label="Intitulé", max_length=200)
    place = forms.CharField(label="Lieu", max_length=200, required=False)


class GuestForm(forms.Form):
    """One guest line: pick a company (and one of its contacts), a partner, or type a name."""

    company = forms.ModelChoiceField(label="Entreprise", queryset=None, required=False)
    contact = forms.ModelChoiceField(
        label="Contact de l'entreprise", queryset=Contact.objects.none(), required=False
    )
    structure = forms.ModelChoiceField(
        label="Partenaire", queryset=Structure.objects.order_by("name"), required=False
    )
    name = forms.CharField(label="Nom de l'invité", max_length=200, required=False)
    status = forms.ChoiceField(label="Statut", choices=GuestStatus.choices)

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
        company_id = self.data.get("company") if self.is_bound else None
        if company_id and str(company_id).isdigit():
            self.fields["contact"].queryset = Contact.objects.filter(
                company_id=company_id, active_until__isnull=True
            )


class GuestStatusForm(forms.Form):
    status = forms.ChoiceField(label="Statut", choices=GuestStatus.choices)
