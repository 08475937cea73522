"""Forms of the company pages. Validation is the models' (SIRET, NAF, a future
interaction marked done…), run by ``ModelForm``; the services run it again."""

from django import forms

from maillage.accounts.models import User
from maillage.accounts.roles import Role
from maillage.companies.models import Company, CompanyTag, Contact, Interaction, SizeBand

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def owner_choices():
    """The users who may own a relationship: chargés de relations entreprises and admins."""
    return (
        User.objects.filter(
            is_active=True, memberships__role__in=[Role.COMPANY_RELATIONS, Role.ADMIN]
        )
        .distinct()
        .order_by("last_name", "first_name", "id")
    )


class CompanyForm(forms.ModelForm):
    class Meta:
        model = Company
        fields = [
            "name",
            "trade_name",
            "siret",
            "naf",
            "size_band",
            "address",
            "postcode",
            "city",
            "in_zfu",
            "in_qpv",
            "owner",
            "tags",
            "charter_signed_on",
        ]
        widgets = {
            "tags": forms.CheckboxSelectMultiple,
            "charter_signed_on": DATE,
            "siret": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }
        help_texts = {
            "siret": "14 chiffres ; les espaces sont acceptés.",
            "naf": "Code APE, par exemple 56.10A.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_choices()
        self.fields["tags"].queryset = CompanyTag.objects.all()
        # "732 829 320 00074" or "4711f" are accepted: the model normalises, then checks.
        for name, length in (("siret", 20), ("naf", 7)):
            field = self.fields[name]
            field.max_length = length
            field.validators = [v for v in field.validators if not hasattr(v, "limit_value")]
            field.widget.attrs["maxlength"] = length


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["last_name", "first_names", "function", "phone", "email", "active_from"]
        widgets = {"active_from": DATE}


class LeaveForm(forms.Form):
    on = forms.DateField(label="Date de départ", widget=DATE)


class InteractionForm(forms.ModelForm):
    class Meta:
        model = Interaction
        fields = [
            "kind",
            "occurred_at",
            "done",
            "contact",
            "summary",
            "agreed",
            "next_action",
            "next_action_due",
        ]
        widgets = {
            "occurred_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "next_action_due": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "agreed": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, company: Company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = company.contacts.filter(active_until__isnull=True)


class CompanyFilterForm(forms.Form):
    """The search box and filters of the company list; every field optional."""

    q = forms.CharField(
        label="Nom ou enseigne",
        required=False,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
        help_text="Les accents et majuscules sont ignorés.",
    )
    owner = forms.ModelChoiceField(
        label="Chargé de mission", queryset=User.objects.none(), required=False
    )
    tag = forms.ModelChoiceField(
        label="Club ou réseau", queryset=CompanyTag.objects.all(), required=False
    )
    zfu = forms.BooleanField(label="En ZFU-TE seulement", required=False)
    size = forms.ChoiceField(
        label="Tranche d'effectif", choices=[("", "Toutes"), *SizeBand.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_choices()

    def filter(self, companies):
        if not self.is_valid():
            return companies.none()
        data = self.cleaned_data
        companies = companies.matching(data["q"])
        if data["owner"]:
            companies = companies.filter(owner=data["owner"])
        if data["tag"]:
            companies = companies.filter(tags=data["tag"])
        if data["zfu"]:
            companies = companies.filter(in_zfu=True)
        if data["size"]:
            companies = companies.filter(size_band=data["size"])
        return companies
