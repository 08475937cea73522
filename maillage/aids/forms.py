"""Forms of the aids pages. They check what was typed; ``rules.py`` (applied by the
services) decides, and its messages are put next to their fields."""

from django import forms
from django.core.exceptions import ValidationError

from maillage.aids.models import AidKind, CollectiveServiceKind, Outcome, TrainingField

DATE_ERRORS = {
    "invalid": "Saisissez une date valide (jj/mm/aaaa).",
    "required": "Indiquez la date.",
}
AMOUNT_ERRORS = {
    "invalid": "Saisissez un montant en euros (par exemple 120,50).",
    "required": "Indiquez le montant.",
    "max_digits": "Montant trop grand.",
    "max_decimal_places": "Au plus deux décimales.",
}


def _date(label: str, *, required: bool = True, help_text: str = "", month: bool = False):
    widget = (
        forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
        if month
        else forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=widget,
        input_formats=["%Y-%m", "%Y-%m-%d", "%d/%m/%Y", "%m/%Y"] if month else None,
        error_messages=DATE_ERRORS,
    )


def _amount(label: str, *, required: bool = True, help_text: str = ""):
    return forms.DecimalField(
        label=label,
        required=required,
        help_text=help_text,
        max_digits=9,
        decimal_places=2,
        localize=True,
        error_messages=AMOUNT_ERRORS,
    )


def add_rule_errors(form: forms.Form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class ParticipantSearchForm(forms.Form):
    q = forms.CharField(
        label="Rechercher un participant",
        required=False,
        help_text="Nom ou prénom d'un participant du PLIE que vous suivez.",
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )


class AidRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label="Nature de l'aide",
        choices=[("", "Choisir…"), *AidKind.choices],
        error_messages={"required": "Choisissez la nature de l'aide."},
    )
    amount_requested = _amount("Montant demandé (€)")
    justification = forms.CharField(
        label="Motivation",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Motivez la demande."},
    )
    training_field = forms.ChoiceField(
        label="Domaine de formation",
        choices=[("", "—"), *TrainingField.choices],
        required=False,
        help_text="Pour une aide à la formation.",
    )
    training_title = forms.CharField(
        label="Intitulé de la formation", max_length=250, required=False
    )
    training_cost = _amount(
        "Coût total de la formation (€)",
        required=False,
        help_text="L'aide du PLIE complète un financement.",
    )
    voucher_first_month = _date(
        "Premier mois de bons",
        required=False,
        month=True,
        help_text="Pour des bons de transport : un abonnement gratuit par mois.",
    )
    voucher_months = forms.TypedChoiceField(
        label="Nombre de mois",
        choices=[("", "—"), (1, "1 mois"), (2, "2 mois"), (3, "3 mois")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    document = forms.FileField(
        label="Pièce justificative",
        required=False,
        help_text="Devis, facture, attestation : PDF, JPEG, PNG, ODT ou DOCX, 5 Mo au plus.",
    )

    def request_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("document", None)
        return data


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Décision",
        choices=[("", "Choisir…"), *Outcome.choices],
        error_messages={"required": "Choisissez la décision."},
    )
    decided_on = _date("Date de la décision")
    amount_granted = _amount(
        "Montant accordé (€)",
        required=False,
        help_text="Laisser vide pour une acceptation : le montant demandé est accordé.",
    )
    refusal_reason = forms.CharField(
        label="Motif du refus",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Obligatoire pour un refus.",
    )
    payment_date = _date("Date de paiement", required=False)


class DocumentForm(forms.Form):
    file = forms.FileField(
        label="Ajouter une pièce justificative",
        help_text="PDF, JPEG, PNG, ODT ou DOCX, 5 Mo au plus.",
        error_messages={"required": "Choisissez un fichier."},
    )


class FilterForm(forms.Form):
    annee = forms.TypedChoiceField(label="Année", coerce=int, required=False, empty_value=None)
    nature = forms.ChoiceField(
        label="Nature", choices=[("", "Toutes"), *AidKind.choices], required=False
    )
    etat = forms.ChoiceField(
        label="État",
        choices=[("", "Toutes"), ("pending", "En attente de décision"), *Outcome.choices],
        required=False,
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [("", "Toutes"), *((y, str(y)) for y in years)]


class YearForm(forms.Form):
    annee = forms.TypedChoiceField(label="Année", coerce=int)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [(y, str(y)) for y in years]


class EnvelopeForm(forms.Form):
    kind = forms.ChoiceField(label="Nature de l'aide", choices=AidKind.choices)
    envelope = _amount("Enveloppe (€)")


class SessionForm(forms.Form):
    service = forms.ChoiceField(
        label="Prestation", choices=[("", "Choisir…"), *CollectiveServiceKind.choices]
    )
    title = forms.CharField(label="Intitulé", max_length=200, required=False)
    provider = forms.CharField(label="Prestataire", max_length=200)
    date = _date("Date")
    place = forms.CharField(label="Lieu", max_length=200)
