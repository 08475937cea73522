"""The year (and first year of the "Point d'étape") of the report page."""

from django import forms
from django.core.exceptions import ValidationError


class ReportForm(forms.Form):
    annee = forms.IntegerField(label="Année", min_value=1900, max_value=2100, widget=forms.Select)
    depuis = forms.IntegerField(
        label="Cumul depuis (facultatif)",
        min_value=1900,
        max_value=2100,
        required=False,
        widget=forms.Select,
        help_text="Première année du bloc cumulé (par défaut : aucune).",
    )

    def __init__(self, *args, years: list[int], chosen: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        shown = sorted({*years, chosen} - {None}, reverse=True)
        self.fields["annee"].widget.choices = [(y, str(y)) for y in shown]
        self.fields["depuis"].widget.choices = [("", "—"), *((y, str(y)) for y in shown)]

    def clean(self):
        data = super().clean()
        year, since = data.get("annee"), data.get("depuis")
        if year and since and since > year:
            raise ValidationError("L'année de début du cumul doit précéder l'année du rapport.")
        return data
