"""The quick-entry form of the reception desk, the correction form, the year selector."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.antennas.models import ORIENTATIONS, AgeBand, Reason
from maillage.antennas.services import Anonymous
from maillage.people.models import Person, Sex, postcode_validator

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)


def _now():
    return timezone.localtime().replace(second=0, microsecond=0)


class VisitDetailsForm(forms.Form):
    """What is asked of every visit, also what can be corrected right after."""

    reasons = forms.MultipleChoiceField(
        label=_("Motif(s) de la visite"),
        choices=Reason.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Indiquez au moins un motif de visite.")},
    )
    orientation = forms.CharField(
        label=_("Orientation donnée"),
        required=False,
        max_length=120,
        help_text=_("Choisissez dans la liste ou saisissez un partenaire ; vide si aucune."),
        widget=forms.TextInput(attrs={"list": "orientations", "autocomplete": "off"}),
    )
    at = forms.DateTimeField(
        label=_("Date et heure"),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        widget=DateTimeLocalInput(),
    )

    orientation_suggestions = ORIENTATIONS


class VisitForm(VisitDetailsForm):
    """One screen: the antenna, the visitor (known, new or anonymous), then the details."""

    VISITOR_CHOICES = (
        ("person", _("Personne déjà connue")),
        ("new", _("Première visite : nouvelle fiche")),
        ("anonymous", _("Anonyme")),
    )
    antenna = forms.ModelChoiceField(
        label=_("Antenne"),
        queryset=None,
        error_messages={"invalid_choice": _("Choisissez une de vos antennes.")},
    )
    visitor = forms.ChoiceField(
        label=_("Visiteur"), choices=VISITOR_CHOICES, widget=forms.RadioSelect, initial="person"
    )
    person = forms.IntegerField(required=False, widget=forms.HiddenInput)
    last_name = forms.CharField(label=_("Nom"), required=False, max_length=150)
    first_names = forms.CharField(label=_("Prénom(s)"), required=False, max_length=150)
    sex = forms.ChoiceField(label=_("Sexe"), required=False, choices=[("", "—"), *Sex.choices])
    birth_date = forms.DateField(
        label=_("Date de naissance"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    postcode = forms.CharField(
        label=_("Code postal"), required=False, max_length=5, validators=[postcode_validator]
    )
    phone = forms.CharField(label=_("Téléphone"), required=False, max_length=30)
    homonym = forms.BooleanField(
        label=_("C'est une autre personne (homonyme) : créer quand même sa fiche"), required=False
    )
    anonymous_sex = forms.ChoiceField(
        label=_("Sexe"), required=False, choices=[("", "—"), *Sex.choices]
    )
    anonymous_age_band = forms.ChoiceField(
        label=_("Tranche d'âge"), required=False, choices=[("", "—"), *AgeBand.choices]
    )
    anonymous_postcode = forms.CharField(
        label=_("Code postal"), required=False, max_length=5, validators=[postcode_validator]
    )

    field_order = ["antenna", "visitor"]
    NEW_PERSON_REQUIRED = ("last_name", "first_names", "sex", "birth_date")
    ANONYMOUS_REQUIRED = ("anonymous_sex", "anonymous_age_band")

    def __init__(self, *args, user, antennas, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("at", _now())
        super().__init__(*args, **kwargs)
        self.user = user
        # The antenna is chosen above the form (a GET selector); the form carries it.
        self.fields["antenna"].queryset = antennas
        self.fields["antenna"].widget = forms.HiddenInput()
        self.person_obj = None
        self.duplicates = None

    def clean(self):
        data = super().clean()
        visitor = data.get("visitor")
        if visitor == "person":
            self._clean_person(data.get("person"))
        elif visitor == "new":
            self._require(self.NEW_PERSON_REQUIRED)
        elif visitor == "anonymous":
            self._require(self.ANONYMOUS_REQUIRED)
        return data

    def _require(self, names) -> None:
        for name in names:
            if not self.cleaned_data.get(name) and name not in self.errors:
                self.add_error(name, _("Ce champ est obligatoire."))

    def _clean_person(self, pk) -> None:
        people = Person.objects.visible_to(self.user)
        self.person_obj = people.filter(pk=pk).first() if pk else None
        if self.person_obj is None:
            self.add_error(
                "person", _("Cherchez la personne puis choisissez-la dans la liste des résultats.")
            )

    def service_arguments(self) -> dict:
        """The keyword arguments of ``services.record_visit`` (without acting_user)."""
        data = self.cleaned_data
        arguments = {
            "antenna": data["antenna"],
            "at": data["at"],
            "reasons": data["reasons"],
            "orientation": data["orientation"],
        }
        if data["visitor"] == "person":
            arguments["person"] = self.person_obj
        elif data["visitor"] == "new":
            arguments["new_person"] = {
                name: data[name]
                for name in ("last_name", "first_names", "sex", "birth_date", "postcode", "phone")
            }
            arguments["homonym"] = data["homonym"]
        else:
            arguments["anonymous"] = Anonymous(
                data["anonymous_sex"], data["anonymous_age_band"], data["anonymous_postcode"]
            )
        return arguments


class YearForm(forms.Form):
    annee = forms.TypedChoiceField(label=_("Année"), coerce=int)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [(y, str(y)) for y in years]
