"""Forms of people's files: what a user may type, with messages in French.

Names are stored as typed, only trimmed ("  martin " → "martin"): search and
duplicate detection compare folded keys, so nobody has to retype a name in a
given case. The forms only check input; the rules live in ``services``.
"""

import datetime
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from maillage.organisations.models import Structure
from maillage.people.models import Person, Qpv, Sex
from maillage.people.services import following_structures

_NAME_PUNCTUATION = frozenset(" -'\u2019")  # \u2019: the typographic apostrophe
_PHONE = re.compile(r"^\+?[\d\s.()-]{6,20}$")
OLDEST_BIRTH_DATE = datetime.date(1900, 1, 1)


def validate_name(value: str) -> None:
    """Any letters of any alphabet, with spaces, hyphens and apostrophes between them."""
    ok = any(c.isalpha() for c in value) and all(
        c.isalpha() or unicodedata.category(c).startswith("M") or c in _NAME_PUNCTUATION
        for c in value
    )
    if not ok:
        raise ValidationError(
            "Lettres, espaces, traits d'union et apostrophes seulement (pas de chiffres).",
            code="invalid_name",
        )


class PersonForm(forms.ModelForm):
    sex = forms.ChoiceField(label="Sexe", choices=[("", "Choisir…"), *Sex.choices])
    birth_date = forms.DateField(
        label="Date de naissance",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Saisissez une date valide (jj/mm/aaaa)."},
    )
    qpv = forms.ModelChoiceField(
        label="Quartier prioritaire (QPV)",
        queryset=Qpv.objects.all(),
        required=False,
        empty_label="Hors QPV ou inconnu",
        error_messages={"invalid_choice": "Choisissez un quartier prioritaire de la liste."},
    )

    class Meta:
        model = Person
        fields = Person.EDITABLE_FIELDS
        labels = {
            "last_name": "Nom d'usage",
            "first_names": "Prénoms",
            "birth_name": "Nom de naissance",
            "email": "Courriel",
            "phone": "Téléphone",
            "address": "Adresse",
            "postcode": "Code postal",
            "city": "Commune",
            "education_level": "Niveau de formation",
        }
        help_texts = {
            "birth_name": "Si différent du nom d'usage.",
            "postcode": "5 chiffres, par exemple 69009.",
        }
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "postcode": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }
        error_messages = {
            "email": {"invalid": "Saisissez une adresse de courriel valide."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("last_name", "first_names", "birth_name"):
            self.fields[name].validators.append(validate_name)
            self.fields[name].widget.attrs["autocomplete"] = "off"
        self.fields["education_level"].choices = [
            ("", "Non renseigné"),
            *[c for c in self.fields["education_level"].choices if c[0]],
        ]

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        if value > timezone.localdate():
            raise ValidationError("La date de naissance ne peut pas être dans le futur.")
        if value < OLDEST_BIRTH_DATE:
            raise ValidationError("La date de naissance ne peut pas être antérieure à 1900.")
        return value

    def clean_phone(self):
        value = self.cleaned_data["phone"]
        if value and not _PHONE.match(value):
            raise ValidationError("Saisissez un numéro de téléphone (chiffres, espaces, +).")
        return value

    def person_data(self) -> dict:
        """The person's fields only, as the services expect them."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class PersonCreateForm(PersonForm):
    """The file form plus who follows the new person and the homonym confirmation."""

    homonym = forms.BooleanField(
        label="Il s'agit d'une autre personne (homonyme) : créer quand même",
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        structures = following_structures(user)
        if len(structures) > 1:
            self.fields["structure"] = forms.ModelChoiceField(
                label="Structure qui suit la personne",
                queryset=Structure.objects.filter(pk__in=[s.pk for s in structures]),
                help_text="La personne sera visible des équipes de cette structure.",
                error_messages={"invalid_choice": "Choisissez l'une de vos structures."},
            )
        self.single_structure = structures[0] if len(structures) == 1 else None

    def chosen_structure(self):
        return self.cleaned_data.get("structure") or self.single_structure


class MergeForm(forms.Form):
    """The two files to merge, by number; ``people`` holds them once the form is valid."""

    keep = forms.IntegerField(
        label="N° de la fiche à conserver",
        min_value=1,
        widget=forms.NumberInput(attrs={"autocomplete": "off"}),
    )
    remove = forms.IntegerField(
        label="N° de la fiche à supprimer",
        min_value=1,
        help_text="Ses suivis, identifiants et activités passent sur la fiche conservée.",
        widget=forms.NumberInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, people_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.people_queryset = people_queryset

    def clean(self):
        cleaned = super().clean()
        keep, remove = cleaned.get("keep"), cleaned.get("remove")
        if keep is None or remove is None:
            return cleaned
        if keep == remove:
            raise ValidationError("Choisissez deux fiches différentes.")
        found = {p.pk: p for p in self.people_queryset.filter(pk__in=[keep, remove])}
        for name, pk in (("keep", keep), ("remove", remove)):
            if pk not in found:
                self.add_error(name, f"Aucune fiche n° {pk}.")
        if len(found) == 2:
            cleaned["keep_person"], cleaned["remove_person"] = found[keep], found[remove]
        return cleaned
