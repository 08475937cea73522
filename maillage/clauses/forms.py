"""Forms of the clause desk (labels in French; the rules themselves live in services/rules)."""

from django import forms
from django.utils import timezone

from maillage.clauses.models import (
    AwardedCompany,
    Buyer,
    BuyerContact,
    ClauseOperation,
    CompanyRole,
    ContractKind,
    Criterion,
    FulfilmentMode,
    LegalBasis,
    MeetingKind,
)
from maillage.companies.models import Company

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class YearForm(forms.Form):
    annee = forms.TypedChoiceField(label="Année", coerce=int, choices=())

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [(y, str(y)) for y in years]


class SynthesisForm(YearForm):
    depuis = forms.IntegerField(
        label="Rénovation urbaine : depuis", min_value=1990, max_value=2100, required=False
    )


class OperationFilterForm(forms.Form):
    q = forms.CharField(label="Intitulé contient", required=False)
    acheteur = forms.ModelChoiceField(
        label="Donneur d'ordre", queryset=Buyer.objects.all(), required=False
    )
    fondement = forms.ChoiceField(
        label="Fondement", choices=[("", "Tous"), *LegalBasis.choices], required=False
    )


class BuyerForm(forms.ModelForm):
    class Meta:
        model = Buyer
        fields = ["name", "kind", "in_network", "notes"]


class BuyerContactForm(forms.ModelForm):
    class Meta:
        model = BuyerContact
        fields = ["name", "job_title", "email", "phone"]


class OperationForm(forms.ModelForm):
    """The operation with its calculator: leave the required hours empty to compute them."""

    class Meta:
        model = ClauseOperation
        fields = [
            "buyer",
            "title",
            "sector",
            "legal_basis",
            "award_criterion",
            "reserved_siae",
            "start_date",
            "end_date",
            "amount_eur",
            "labour_share",
            "insertion_rate",
            "hourly_cost",
            "required_hours",
            "advice",
            "urban_renewal_site",
        ]
        widgets = {"start_date": DATE, "end_date": DATE}
        help_texts = {
            "labour_share": "Entre 0 et 1 (0,45 pour 45 %).",
            "insertion_rate": "Entre 0 et 1 (0,07 pour 7 %).",
            "required_hours": (
                "Laissez vide pour la calculer : montant × part de main-d'œuvre × taux "
                "d'insertion ÷ coût horaire."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer"].required = False  # the service gives the clear refusal


class AwardForm(forms.ModelForm):
    company = forms.ModelChoiceField(label="Entreprise", queryset=Company.objects.order_by("name"))

    class Meta:
        model = AwardedCompany
        fields = ["company", "role", "fulfilment_mode"]
        labels = {"role": "Rôle", "fulfilment_mode": "Modalité de réalisation"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = CompanyRole.choices
        self.fields["fulfilment_mode"].choices = FulfilmentMode.choices


class OfferForm(forms.Form):
    company = forms.ModelChoiceField(label="Entreprise", queryset=Company.objects.none())
    title = forms.CharField(label="Poste", max_length=200)
    posts = forms.IntegerField(label="Nombre de postes", min_value=1, max_value=500, initial=1)
    opened_on = forms.DateField(label="Ouverte le", widget=DATE)

    def __init__(self, *args, operation: ClauseOperation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = operation.companies.order_by("name")
        self.fields["opened_on"].initial = timezone.localdate()


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label="Rechercher une personne",
        required=False,
        help_text="Nom ou prénom ; seules les personnes que vous suivez sont proposées.",
    )


class PositionForm(forms.Form):
    positioned_on = forms.DateField(label="Positionné le", widget=DATE)
    comment = forms.CharField(label="Commentaire", max_length=250, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["positioned_on"].initial = timezone.localdate()


class EligibilityForm(forms.Form):
    criterion = forms.ChoiceField(label="Critère", choices=Criterion.choices)
    checked_on = forms.DateField(label="Vérifié le", widget=DATE)
    prescriber = forms.CharField(label="Prescripteur (structure, référent)", max_length=200)
    reason = forms.CharField(
        label="Motif (obligatoire pour « autre »)", widget=forms.Textarea, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checked_on"].initial = timezone.localdate()


class ContractForm(forms.Form):
    operation = forms.ModelChoiceField(
        label="Opération", queryset=ClauseOperation.objects.select_related("buyer")
    )
    company = forms.ModelChoiceField(label="Employeur", queryset=Company.objects.order_by("name"))
    kind = forms.ChoiceField(label="Type de contrat", choices=ContractKind.choices)
    external_id = forms.CharField(
        label="Numéro du contrat",
        max_length=64,
        required=False,
        help_text="Celui du tableau de l'entreprise ; attribué automatiquement sinon.",
    )
    start_date = forms.DateField(label="Début", widget=DATE)
    end_date = forms.DateField(label="Fin", widget=DATE, required=False)
    override_reason = forms.CharField(
        label="Dérogation motivée (personne sans éligibilité validée)",
        widget=forms.Textarea,
        required=False,
    )


class HoursForm(forms.Form):
    month = forms.DateField(
        label="Mois",
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )
    hours = forms.DecimalField(label="Heures", max_digits=7, decimal_places=2, localize=True)


class MeetingForm(forms.Form):
    date = forms.DateField(label="Date", widget=DATE)
    kind = forms.ChoiceField(label="Type", choices=MeetingKind.choices)
    theme = forms.CharField(label="Thème", max_length=200)
    attendees = forms.ModelMultipleChoiceField(
        label="Acheteurs présents",
        queryset=Buyer.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
