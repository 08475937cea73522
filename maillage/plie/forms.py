"""Forms of the parcours pages: a step, an exit, the workspace and statistics filters.

The forms check what was typed and apply the rules of ``rules.py`` so that the
user sees every message next to its field; the services apply the same rules
again before writing (they are the truth, for imports and commands too).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from maillage.companies.models import Company
from maillage.plie import rules
from maillage.plie.models import ContractType, ExitReason, ExitType, Parcours, StepCategory
from maillage.programme.models import Operation

#: Companies listed in the step form's select before the user searches.
COMPANY_CHOICES_LIMIT = 100

DATE_ERRORS = {"invalid": "Saisissez une date valide (jj/mm/aaaa)."}


def _date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DATE_ERRORS | {"required": "Indiquez la date."},
    )


def add_rule_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a rule's or a service's errors next to their fields (the others above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


def company_matches(query: str, selected: str | int | None = None) -> list[Company]:
    """Companies whose name or SIRET contains ``query`` (the first ones by name), and the
    selected one, so that a search never unselects it."""
    companies = Company.objects.order_by("name", "pk")
    query = query.strip()
    if query:
        companies = companies.filter(name__icontains=query) | companies.filter(
            siret__startswith=query.replace(" ", "")
        )
    found = list(companies[:COMPANY_CHOICES_LIMIT])
    if selected and str(selected).isdigit() and all(str(c.pk) != str(selected) for c in found):
        found = list(Company.objects.filter(pk=selected)) + found
    return found


def operations_for(parcours: Parcours | None, current: Operation | None = None):
    """Operations of the programme in the parcours' years (entry year to exit or this year)."""
    if parcours is None:
        return Operation.objects.none()
    last_year = (parcours.exit_date or max(timezone.localdate(), parcours.entry_date)).year
    operations = Operation.objects.filter(year__range=(parcours.entry_date.year, last_year))
    if current is not None:
        operations = operations | Operation.objects.filter(pk=current.pk)
    return operations.select_related("structure").order_by("-year", "title", "pk")


class OperationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Operation) -> str:
        return f"{obj.year} · {obj.title} ({obj.structure.name}, {obj.code})"


class StepForm(forms.Form):
    """A step of a parcours. Contract type only for an employment contract (rules.py)."""

    category = forms.ChoiceField(
        label="Catégorie",
        choices=[("", "Choisir…"), *StepCategory.choices],
        error_messages={"required": "Choisissez la catégorie de l'étape."},
    )
    start_date = _date_field("Début")
    end_date = _date_field("Fin", required=False, help_text="Laisser vide si l'étape est en cours.")
    label = forms.CharField(
        label="Libellé",
        max_length=250,
        required=False,
        help_text="Par exemple l'intitulé du poste ou de la formation.",
    )
    operation = OperationChoiceField(
        label="Opération de la programmation",
        queryset=Operation.objects.none(),
        required=False,
        empty_label="Aucune opération",
        help_text="Les opérations des années du parcours.",
        error_messages={"invalid_choice": "Choisissez une opération de la liste."},
    )
    contract_type = forms.ChoiceField(
        label="Type de contrat",
        choices=[("", "Choisir…"), *ContractType.choices],
        required=False,
    )
    company_query = forms.CharField(
        label="Rechercher une entreprise",
        required=False,
        help_text="Une partie du nom ou le début du SIRET ; la liste ci-dessous se restreint.",
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    company = forms.ModelChoiceField(
        label="Entreprise",
        queryset=Company.objects.all(),
        required=False,
        empty_label="Aucune entreprise",
        error_messages={"invalid_choice": "Choisissez une entreprise de la liste."},
    )
    weekly_hours = forms.DecimalField(
        label="Heures par semaine",
        required=False,
        min_value=0,
        max_value=60,
        max_digits=4,
        decimal_places=1,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "invalid": "Saisissez un nombre d'heures (par exemple 35 ou 17,5).",
            "max_value": "60 heures par semaine au plus.",
            "min_value": "Le nombre d'heures ne peut pas être négatif.",
            "max_decimal_places": "Une décimale au plus (17,5).",
            "max_digits": "Saisissez un nombre d'heures (par exemple 35 ou 17,5).",
        },
    )

    #: What the service receives (``company_query`` only helps choosing).
    STEP_FIELDS = (
        "category",
        "start_date",
        "end_date",
        "label",
        "operation",
        "contract_type",
        "company",
        "weekly_hours",
    )

    def __init__(self, *args, parcours: Parcours | None = None, step=None, **kwargs):
        if step is not None and "initial" not in kwargs and not args:
            kwargs["initial"] = {name: getattr(step, name) for name in self.STEP_FIELDS}
        super().__init__(*args, **kwargs)
        self.parcours = parcours
        self.fields["operation"].queryset = operations_for(
            parcours, step.operation if step is not None else None
        )
        # Progressive enhancement (htmx): the contract type follows the category, the
        # company list follows the search. The page works the same without them.
        self.fields["category"].widget.attrs.update(
            {
                "hx-get": reverse("plie:step_contract_type"),
                "hx-trigger": "change",
                "hx-target": "#contract-type-field",
                "hx-include": "#contract-type-field",
            }
        )
        self.fields["company_query"].widget.attrs.update(
            {
                "hx-get": reverse("plie:step_company_options"),
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": "#id_company",
                "hx-include": "#id_company",
            }
        )
        self.limit_company_choices()

    def limit_company_choices(self) -> None:
        """Render only the companies matching the search (validation accepts any company)."""
        query = self.data.get("company_query", "") if self.is_bound else ""
        selected = self["company"].value()
        companies = company_matches(query, selected)
        self.fields["company"].widget.choices = [("", "Aucune entreprise")] + [
            (c.pk, str(c)) for c in companies
        ]

    @property
    def category_value(self) -> str:
        return self["category"].value() or ""

    @property
    def shows_contract_type(self) -> bool:
        """Rendered for a contract, before a category is chosen (pages without htmx), and
        whenever it holds a value, so that an error about it is seen where it can be fixed."""
        return self.category_value in ("", StepCategory.EMPLOYMENT_CONTRACT) or bool(
            self["contract_type"].value()
        )

    def clean_company(self):
        """Without a choice in the list, the search finds the company when only one matches."""
        company = self.cleaned_data.get("company")
        query = (self.data.get("company_query") or "").strip()
        if company is not None or not query:
            return company
        matches = company_matches(query)[:2]
        if len(matches) == 1:
            return matches[0]
        if matches:
            message = f"Plusieurs entreprises correspondent à « {query} » : choisissez-la."
        else:
            message = f"Aucune entreprise ne correspond à « {query} »."
        self.add_error("company_query", message)
        return None

    def clean(self):
        data = super().clean()
        start, category = data.get("start_date"), data.get("category")
        errors: rules.Errors = {}
        if start and self.parcours is not None:
            errors = rules.check_step_dates(
                start, data.get("end_date"), self.parcours.entry_date, self.parcours.exit_date
            )
        if category:
            errors = rules.merge(
                errors, rules.check_contract_type(category, data.get("contract_type", ""))
            )
        if errors:
            add_rule_errors(self, ValidationError(errors))
        return data

    def step_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.STEP_FIELDS}


class ExitForm(forms.Form):
    exit_date = _date_field("Date de sortie")
    exit_type = forms.ChoiceField(
        label="Type de sortie",
        choices=[("", "Choisir…"), *ExitType.choices],
        error_messages={"required": "Indiquez le type de sortie."},
    )
    exit_reason = forms.ChoiceField(
        label="Motif de la sortie positive",
        choices=[("", "—"), *ExitReason.choices],
        required=False,
        help_text="Seulement pour une sortie positive.",
    )
    exit_comment = forms.CharField(
        label="Commentaire",
        max_length=250,
        required=False,
        help_text="Motif libre d'une rupture ou d'une sortie administrative.",
    )
    confirm = forms.BooleanField(label="Confirmer", required=False)

    EXIT_FIELDS = ("exit_date", "exit_type", "exit_reason", "exit_comment")

    def __init__(self, *args, parcours: Parcours, **kwargs):
        if "initial" not in kwargs and parcours.exit_date:
            kwargs["initial"] = {name: getattr(parcours, name) for name in self.EXIT_FIELDS}
        super().__init__(*args, **kwargs)
        self.parcours = parcours

    def clean(self):
        data = super().clean()
        exit_date, exit_type = data.get("exit_date"), data.get("exit_type")
        if exit_date and exit_type:
            errors = rules.check_exit(
                self.parcours.entry_date, exit_date, exit_type, data.get("exit_reason", "")
            )
            if errors:
                add_rule_errors(self, ValidationError(errors))
        return data

    def exit_values(self) -> dict:
        return {name: self.cleaned_data.get(name) or "" for name in self.EXIT_FIELDS} | {
            "exit_date": self.cleaned_data["exit_date"]
        }


class WorkspaceFilterForm(forms.Form):
    referent = forms.ChoiceField(label="Référent", required=False)

    def __init__(self, *args, choices: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referent"].choices = choices


class YearForm(forms.Form):
    """The year of the statistics: any year may be asked (``?annee=2017``), the list offers
    the years with data or a protocol."""

    annee = forms.IntegerField(label="Année", min_value=1900, max_value=2100, widget=forms.Select)

    def __init__(self, *args, years: list[int], chosen: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        shown = {*years, chosen} - {None}
        self.fields["annee"].widget.choices = [(y, str(y)) for y in sorted(shown, reverse=True)]
