"""A company field for other modules' forms: a search box that fills a short select.

Hundreds of companies make a plain ``<select>`` unusable and heavy, so the
select holds only the chosen company; typing in the search box above it asks
``companies:choices`` (htmx) for the matching companies and swaps the options
in. Validation stays the ``ModelChoiceField``'s, on every company.
"""

from django import forms

from maillage.companies.models import Company

#: How many matches the search proposes at most.
CHOICES_LIMIT = 20


class CompanyPicker(forms.Select):
    template_name = "companies/widgets/company_picker.html"

    def optgroups(self, name, value, attrs=None):
        """Only the selected company (one query), never the whole table."""
        selected = [v for v in value if str(v).isdigit()]
        companies = list(Company.objects.filter(pk__in=selected).only("pk", "name", "city"))
        options = [self.create_option(name, "", "— choisissez une entreprise —", not companies, 0)]
        for index, company in enumerate(companies, start=1):
            options.append(self.create_option(name, company.pk, label(company), True, index))
        return [(None, options, 0)]


def label(company: Company) -> str:
    """How a company is named in a picker: its name and town, to tell homonyms apart."""
    return f"{company.name} ({company.city})" if company.city else company.name


class CompanyChoiceField(forms.ModelChoiceField):
    widget = CompanyPicker

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Entreprise")
        kwargs.setdefault(
            "help_text", "Tapez une partie du nom ou de l'enseigne, puis choisissez dans la liste."
        )
        super().__init__(queryset=Company.objects.all(), **kwargs)
