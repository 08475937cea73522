"""Forms of the ticketing: the agenda's filters, booking, registering actionneurs, offers.

Forms only check input; rules live in ``rules`` and ``services``.
"""

from django import forms
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.culture.models import (
    Category,
    Desk,
    EligibilityCriterion,
    Offer,
    Registration,
    SocialPartner,
    Venue,
)
from maillage.culture.services import own_social_partners
from maillage.people.forms import PersonForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

ACCESSIBILITY = [
    ("", "Indifférent"),
    ("wheelchair", "Accessible en fauteuil roulant"),
    ("hearing", "Adapté aux personnes sourdes ou malentendantes"),
    ("visual", "Adapté aux personnes aveugles ou malvoyantes"),
]


class AgendaFilterForm(forms.Form):
    """The cultural agenda's filters (all optional, GET)."""

    du = forms.DateField(label="À partir du", required=False, widget=DATE)
    categorie = forms.ChoiceField(
        label="Catégorie", required=False, choices=[("", "Toutes"), *Category.choices]
    )
    lieu = forms.CharField(
        label="Lieu ou commune",
        required=False,
        max_length=80,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    accessibilite = forms.ChoiceField(label="Accessibilité", required=False, choices=ACCESSIBILITY)
    complets = forms.BooleanField(label="Afficher aussi les dates complètes", required=False)


class BookingForm(forms.Form):
    """Who goes: a registered actionneur of the user's coopérateur, guests, accompagnants."""

    registration = forms.ModelChoiceField(
        label="Actionneur",
        queryset=Registration.objects.none(),
        empty_label="Choisir…",
        error_messages={"invalid_choice": "Choisissez un actionneur inscrit."},
    )
    guests = forms.IntegerField(label="Invités", min_value=0, initial=0)
    accompanists = forms.IntegerField(
        label="Accompagnants", min_value=0, initial=0, help_text="Pour une sortie de groupe."
    )
    desk = forms.ModelChoiceField(
        label="Réservation faite au guichet",
        queryset=Desk.objects.filter(is_active=True),
        required=False,
        empty_label="Non (réservation par le référent)",
    )
    waiting_list = forms.BooleanField(
        label="Si la date est complète, inscrire sur la liste d'attente", required=False
    )

    def __init__(self, *args, user, offer: Offer, **kwargs):
        super().__init__(*args, **kwargs)
        registrations = Registration.objects.visible_to(user).select_related(
            "person", "social_partner__structure"
        )
        if not user.has_capability(Capability.MANAGE_TICKETING):
            partners = [p.pk for p in own_social_partners(user)]
            desks = list(
                Desk.objects.filter(is_active=True).values_list("social_partner", flat=True)
            )
            registrations = registrations.filter(social_partner__in=[*partners, *desks])
        self.fields["registration"].queryset = registrations.order_by(
            "person__last_name", "person__first_names", "pk"
        )
        self.fields["registration"].label_from_instance = lambda r: (
            f"{r.person} — {r.social_partner}"
        )
        self.fields["guests"].max_value = offer.guests_allowed
        self.fields["guests"].help_text = f"Au plus {offer.guests_allowed} pour cette offre."
        self.fields["guests"].widget.attrs.update(max=offer.guests_allowed, inputmode="numeric")
        self.fields["accompanists"].widget.attrs.update(inputmode="numeric")


class ActionneurForm(PersonForm):
    """A new actionneur's file (the fields Culture pour tous needs) and their eligibility."""

    criterion = forms.ChoiceField(
        label="Critère d'éligibilité vérifié",
        choices=[("", "Choisir…"), *EligibilityCriterion.choices],
    )
    checked_on = forms.DateField(label="Éligibilité vérifiée le", widget=DATE)
    desk = forms.ModelChoiceField(
        label="Inscription faite au guichet",
        queryset=Desk.objects.filter(is_active=True),
        required=False,
        empty_label="Non",
    )

    class Meta(PersonForm.Meta):
        fields = (
            "last_name",
            "first_names",
            "birth_name",
            "sex",
            "birth_date",
            "email",
            "phone",
            "postcode",
            "city",
            "education_level",
        )

    def __init__(self, *args, user, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checked_on"].initial = timezone.localdate()
        if existing is not None:  # an existing file: only the eligibility is asked
            for name in self._meta.fields:
                del self.fields[name]
        if user.has_capability(Capability.MANAGE_TICKETING):
            self.fields["social_partner"] = forms.ModelChoiceField(
                label="Coopérateur social",
                queryset=SocialPartner.objects.filter(is_active=True).select_related("structure"),
                required=False,
                empty_label="Le mien",
            )

    def person_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.fields}


class OfferForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = (
            "title",
            "category",
            "venue",
            "channel",
            "description",
            "max_per_booking",
            "guests_allowed",
            "booking_closes_hours",
            "wheelchair_access",
            "hearing_access",
            "visual_access",
            "accessibility_notes",
            "rate",
            "is_published",
        )
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = Venue.objects.filter(partner=partner)

    def offer_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class OfferDateForm(forms.Form):
    starts_at = forms.DateTimeField(
        label="Date et heure",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    seats = forms.IntegerField(label="Invitations proposées", min_value=1)


class DeskSessionForm(forms.Form):
    desk = forms.ModelChoiceField(
        label="Guichet ou permanence", queryset=Desk.objects.filter(is_active=True)
    )
    date = forms.DateField(label="Date", widget=DATE)
    people_received = forms.IntegerField(label="Personnes accueillies", min_value=0)
    hours = forms.DecimalField(
        label="Heures d'animation", min_value=0, max_digits=5, decimal_places=1, initial=0
    )


class CompanyBookingForm(forms.Form):
    seats = forms.IntegerField(label="Places", min_value=1, initial=1)


class YearForm(forms.Form):
    annee = forms.IntegerField(label="Année", min_value=2000, max_value=2100, required=False)
