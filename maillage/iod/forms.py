"""Forms of the IOD pages (labels and errors in French, native date inputs)."""

from django import forms
from django.utils import timezone

from maillage.accounts.models import User
from maillage.accounts.roles import CAPABILITIES, Capability
from maillage.companies.models import Company
from maillage.iod.models import (
    CompanyAction,
    EndReason,
    HireContract,
    IodFollowup,
    OrientationSource,
    ReviewOutcome,
)
from maillage.recruitment.models import ContractType, JobOffer, OfferSource


def _date(label: str, required: bool = True, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}), **kwargs
    )


def iod_staff():
    """Users who may follow IOD participants (a role holding MANAGE_IOD)."""
    roles = [role for role, caps in CAPABILITIES.items() if Capability.MANAGE_IOD in caps]
    return (
        User.objects.filter(is_active=True, memberships__role__in=roles)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Rechercher un participant du PLIE",
        required=False,
        help_text="Nom ou prénom ; seuls les parcours en cours que vous pouvez voir sont proposés.",
    )


class EnrolForm(forms.Form):
    chargee = forms.ModelChoiceField(label="Chargé de mission IOD", queryset=User.objects.none())
    oriented_on = _date("Orienté le")
    source = forms.ChoiceField(label="Origine de l'orientation", choices=OrientationSource.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chargee"].queryset = iod_staff()
        self.fields["chargee"].initial = user.pk
        self.fields["oriented_on"].initial = timezone.localdate()


class EndForm(forms.Form):
    ended_on = _date("Fin du suivi IOD le")
    reason = forms.ChoiceField(label="Motif de fin", choices=EndReason.choices)


class ReviewForm(forms.Form):
    held_on = _date("Date du bilan")
    outcome = forms.ChoiceField(label="Décision", choices=ReviewOutcome.choices)
    notes = forms.CharField(
        label="Compte rendu", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class OfferForm(forms.ModelForm):
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
            "published_on",
        ]
        labels = {"published_on": "Négociée le"}
        widgets = {"published_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = Company.objects.order_by("name", "pk")
        self.fields["contract_type"].choices = ContractType.choices
        self.fields["published_on"].initial = timezone.localdate()


class CompanyActionForm(forms.Form):
    company = forms.ModelChoiceField(
        label="Entreprise", queryset=Company.objects.order_by("name", "pk")
    )
    purpose = forms.ChoiceField(label="Objet", choices=CompanyAction.Purpose.choices)
    kind = forms.ChoiceField(
        label="Type", choices=[("appointment", "Rendez-vous"), ("visit", "Visite")]
    )
    occurred_at = forms.DateTimeField(
        label="Date et heure",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    offer = forms.ModelChoiceField(
        label="Offre concernée", required=False, queryset=JobOffer.objects.none()
    )
    summary = forms.CharField(
        label="Échanges", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = JobOffer.objects.filter(
            source=OfferSource.IOD
        ).select_related("company")


class ProposeForm(forms.Form):
    followup = forms.ModelChoiceField(label="Participant", queryset=IodFollowup.objects.none())
    post = forms.TypedChoiceField(label="Poste", coerce=int, choices=())
    proposed_on = _date("Proposé le")
    no_cv = forms.BooleanField(
        label="Aucun CV n'est transmis à l'entreprise",
        help_text="La méthode IOD présente le candidat sur le poste de travail, sans CV.",
    )

    def __init__(self, *args, user, posts: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["followup"].queryset = (
            IodFollowup.objects.visible_to(user)
            .filter(ended_on__isnull=True)
            .select_related("person")
            .order_by("person__last_name", "person__first_names", "pk")
        )
        self.fields["followup"].label_from_instance = lambda f: str(f.person)
        self.fields["post"].choices = [(n, f"Poste {n}") for n in posts]
        self.fields["proposed_on"].initial = timezone.localdate()


class MeetingForm(forms.Form):
    meeting_on = _date("Mise en relation sur le poste le")


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Issue",
        choices=[("hired", "Recruté"), ("not_retained", "Non retenu"), ("withdrawn", "Désisté")],
    )
    outcome_on = _date("Date de l'issue")
    contract_type = forms.ChoiceField(
        label="Contrat (si recruté)", required=False, choices=[("", "—"), *HireContract.choices]
    )
    weekly_hours = forms.DecimalField(
        label="Heures par semaine", required=False, min_value=0, max_value=60, decimal_places=1
    )
    hired_on = _date("Date d'embauche", required=False)
    trial_period_end = _date("Fin de la période d'essai", required=False)
    contract_end = _date("Fin du contrat (sauf CDI)", required=False)
    notes = forms.CharField(
        label="Observations", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ContactDoneForm(forms.Form):
    done_on = _date("Fait le")
    notes = forms.CharField(
        label="Compte rendu", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RescheduleForm(forms.Form):
    due_on = _date("Nouvelle date prévue")


class YearForm(forms.Form):
    annee = forms.TypedChoiceField(label="Année", coerce=int, choices=())

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [(y, str(y)) for y in years]
