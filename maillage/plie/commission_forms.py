"""Forms of the entry files, exit proposals and commissions: input only, rules in the services.

One rule is checked here too, because it is what the form is for: a file sent
to commission must document the three eligibility conditions
(``eligibility.check``), whatever entry situations are ticked — the errors then
sit next to the fields the référent has to complete.
"""

from django import forms
from django.utils import timezone

from maillage.accounts.models import User
from maillage.accounts.roles import Role
from maillage.organisations.models import Structure
from maillage.plie import eligibility
from maillage.plie.commission_models import (
    Commission,
    CommissionKind,
    DifficultyKind,
    EntryRequest,
    ItemKind,
    Outcome,
)
from maillage.plie.entry_services import referent_structures, referents_of
from maillage.plie.models import EntrySituationCode, ExitReason, ExitType

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": "Saisissez une date valide (jj/mm/aaaa)."}


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DATE_WIDGET,
        error_messages=DATE_ERRORS,
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class EntryRequestForm(forms.ModelForm):
    """The candidate's file: orientation, shared diagnosis (three conditions), path."""

    oriented_on = date_field("Date d'orientation")
    difficulties = forms.MultipleChoiceField(
        label="Difficultés relevées",
        choices=DifficultyKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    entry_situations = forms.MultipleChoiceField(
        label="Situations à l'entrée",
        choices=EntrySituationCode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Elles décrivent la personne pour les bilans, sans décider de l'entrée.",
    )

    class Meta:
        model = EntryRequest
        fields = EntryRequest.EDITABLE_FIELDS
        labels = {
            "prescriber_structure": "Structure prescriptrice",
            "prescriber_organisation": "Autre prescripteur",
            "prescriber_name": "Nom du prescripteur",
            "prescriber_contact": "Contact du prescripteur",
            "structure": "Structure référente",
            "referent": "Référent de parcours proposé",
            "without_work_situation": "Situation sans emploi",
            "without_work_details": "Précisions sur la situation",
            "difficulties_comment": "Description des difficultés (diagnostic partagé)",
            "adherence": "La personne adhère à la démarche d'accompagnement proposée par le PLIE",
            "adherence_comment": "Comment la personne a exprimé son adhésion",
            "qpv_at_entry": "Habite un quartier prioritaire (QPV)",
            "proposed_path": "Parcours proposé",
            "proposed_path_details": "Précisions (actions envisagées)",
        }
        widgets = {
            "without_work_details": forms.Textarea(attrs={"rows": 2}),
            "difficulties_comment": forms.Textarea(attrs={"rows": 3}),
            "adherence_comment": forms.Textarea(attrs={"rows": 2}),
            "proposed_path_details": forms.Textarea(attrs={"rows": 2}),
            "proposed_path": forms.RadioSelect,
        }

    def __init__(self, *args, user, person, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        structures = referent_structures(user)
        self.fields["structure"].queryset = structures
        self.fields["structure"].empty_label = "Choisir…"
        self.fields["referent"] = UserChoiceField(
            label="Référent de parcours proposé",
            queryset=referents_of(structures.values("pk")),
            required=False,
            empty_label="À désigner",
        )
        self.fields["prescriber_structure"].queryset = Structure.objects.filter(is_active=True)
        self.fields["prescriber_structure"].empty_label = "Autre (préciser ci-dessous)"
        self.fields["without_work_situation"].choices = [
            ("", "Choisir…"),
            *[c for c in self.fields["without_work_situation"].choices if c[0]],
        ]
        self.fields["proposed_path"].choices = [
            c for c in self.fields["proposed_path"].choices if c[0]
        ]
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("oriented_on", timezone.localdate())
            self.initial.setdefault("qpv_at_entry", person.qpv_id is not None)
            only = list(structures[:2])
            if len(only) == 1:
                self.initial.setdefault("structure", only[0].pk)
            if Role.REFERENT in user.roles:
                self.initial.setdefault("referent", user.pk)
        self.fields["qpv_at_entry"].help_text = (
            f"Pré-rempli d'après la fiche : {person.qpv}."
            if person.qpv_id
            else "Pré-rempli d'après la fiche : hors QPV ou inconnu."
        )

    def clean(self):
        data = super().clean()
        if self.submitting:
            values = {f: data.get(f) for f in eligibility.Diagnosis.__dataclass_fields__}
            values["difficulties"] = tuple(values["difficulties"] or ())
            values = {k: ("" if v is None else v) for k, v in values.items()}
            for field, messages in eligibility.check(eligibility.Diagnosis(**values)).items():
                for message in messages:
                    if field not in self.errors:
                        self.add_error(field, message)
        return data

    def entry_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in EntryRequest.EDITABLE_FIELDS}


class ExitProposalForm(forms.Form):
    exit_date = date_field("Date de sortie")
    exit_type = forms.ChoiceField(
        label="Type de sortie", choices=[("", "Choisir…"), *ExitType.choices]
    )
    exit_reason = forms.ChoiceField(
        label="Motif de sortie positive",
        choices=[("", "—"), *ExitReason.choices],
        required=False,
        help_text="Seulement pour une sortie positive.",
    )
    exit_comment = forms.CharField(
        label="Commentaire", max_length=250, required=False, help_text="Motif d'une rupture, etc."
    )
    confirm = forms.BooleanField(label="Je confirme cette sortie", required=False)


class EngagementForm(forms.Form):
    engagement_signed_on = date_field("Contrat d'engagement signé le", required=False)


class CommissionForm(forms.ModelForm):
    date = date_field("Date")
    territory = forms.ChoiceField(label="Territoire")
    members = forms.ModelMultipleChoiceField(
        label="Membres (équipe d'animation, référents)",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Commission
        fields = ["kind", "territory", "date", "place", "members", "external_members"]
        labels = {
            "kind": "Type de commission",
            "place": "Lieu",
            "external_members": "Membres extérieurs",
        }
        widgets = {"external_members": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, territories: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].choices = [("", "Choisir…"), *[(t, t) for t in territories]]
        self.fields["kind"].choices = CommissionKind.choices
        self.fields["members"].queryset = (
            User.objects.filter(
                is_active=True,
                memberships__role__in=[Role.ADMIN, Role.REFERENT, Role.DIRECTION],
                memberships__structure__is_active=True,
            )
            .distinct()
            .order_by("last_name", "first_name", "pk")
        )
        self.fields["members"].label_from_instance = lambda u: u.get_full_name() or u.username
        if self.instance.pk:
            for name in ("kind", "territory"):
                self.fields[name].disabled = True


class CommissionNotesForm(forms.Form):
    minutes = forms.CharField(
        label="Notes du compte rendu",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


_OUTCOME_LABELS = {
    ItemKind.ENTRY: [
        (Outcome.ACCEPTED, "Accepter l'entrée"),
        (Outcome.REFUSED, "Refuser"),
        (Outcome.ADJOURNED, "Ajourner"),
    ],
    ItemKind.EXIT: [
        (Outcome.ACCEPTED, "Valider la sortie"),
        (Outcome.REFUSED, "Refuser"),
        (Outcome.ADJOURNED, "Ajourner"),
    ],
    ItemKind.FOLLOW_UP: [(Outcome.REVIEWED, "Examiné"), (Outcome.ADJOURNED, "Ajourner")],
}


class DecisionForm(forms.Form):
    """The decision on one file of the agenda; fields depend on the kind of file."""

    outcome = forms.ChoiceField(label="Décision")
    actions = forms.CharField(
        label="Décisions et actions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(
        label="Motif",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Obligatoire pour un refus ou un ajournement.",
    )
    engagement_signed_on = date_field(
        "Contrat d'engagement signé le", required=False, help_text="Si déjà signé."
    )
    confirm = forms.BooleanField(label="Confirmer malgré l'avertissement", required=False)

    def __init__(self, *args, decision, warnings=(), **kwargs):
        kwargs.setdefault("prefix", f"d{decision.pk}")
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [("", "Choisir…"), *_OUTCOME_LABELS[decision.item_kind]]
        if decision.item_kind != ItemKind.ENTRY:
            del self.fields["engagement_signed_on"]
        if decision.item_kind != ItemKind.FOLLOW_UP:
            del self.fields["actions"]
        if decision.item_kind != ItemKind.EXIT or not warnings:
            del self.fields["confirm"]

    def decision_data(self) -> dict:
        data = self.cleaned_data
        return {
            "outcome": data["outcome"],
            "reason": data.get("reason", ""),
            "actions": data.get("actions", ""),
            "confirm": data.get("confirm", False),
            "engagement_signed_on": data.get("engagement_signed_on"),
        }
