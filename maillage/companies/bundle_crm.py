"""company_contacts.csv and company_interactions.csv: the relationship with each company.

Files Maillage adds to the shared format (docs/bundle-extensions.md), with its
conventions: external ids kept (``contact_id``, ``interaction_id``), upsert by
id, references to companies.csv (and to company_contacts.csv) resolved in the
bundle or the database, every error reported as ``FILE:LINE: COLUMN: message``
and nothing written when one row is wrong. The rules are the application's
(``companies.crm``): an interaction in the future cannot be done, a due date
needs its action, the contact met works for the company met; a contact who
changes company is a new contact (the history of who was met stays true).

``occurred_at`` is the one cell that is not a plain date: a date, or a date and
a time in the platform's time zone (an appointment is at 14:30).
"""

import datetime as dt
import re

from django.utils import timezone

from maillage.bundle.errors import CellError
from maillage.bundle.fields import Boolean, Choice, Date, Email, FieldType, Name, Pattern, Text
from maillage.bundle.fields import shown as quoted
from maillage.bundle.files import Column, ImportContext, Problem, Row
from maillage.bundle.modelfile import ModelFile
from maillage.bundle.registry import register
from maillage.companies.crm import Contact, Interaction, InteractionKind

CONTACTS_FILE = "company_contacts.csv"
INTERACTIONS_FILE = "company_interactions.csv"

_DATETIME = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})"
    r"(?:[T ](?P<time>[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?))?"
)


class LocalDateTime(FieldType):
    """``YYYY-MM-DD`` (midnight) or ``YYYY-MM-DDTHH:MM[:SS]``, in the platform's time zone."""

    def parse(self, raw: str) -> dt.datetime:
        match = _DATETIME.fullmatch(raw)
        if not match:
            raise CellError(
                f"date {quoted(raw)} : format AAAA-MM-JJ ou AAAA-MM-JJTHH:MM attendu "
                "(ex. 2017-03-21T14:30)"
            )
        try:
            value = dt.datetime.fromisoformat(f"{match['date']}T{match['time'] or '00:00'}")
        except ValueError:
            raise CellError(f"date ou heure impossible {quoted(raw)}") from None
        return timezone.make_aware(value)

    def format(self, value) -> str:
        if value is None:
            return ""
        local = timezone.localtime(value).replace(tzinfo=None)
        if local.microsecond:
            return local.isoformat(timespec="microseconds")
        return local.isoformat(timespec="seconds" if local.second else "minutes")


PHONE = Pattern(
    r"\+?[0-9][0-9 .()/-]{5,29}",
    "numéro de téléphone invalide {value} : des chiffres, espaces, points ou tirets",
)


@register
class ContactsFile(ModelFile):
    name = CONTACTS_FILE
    label = "Contacts d'entreprise"
    model = Contact
    key = "contact_id"
    columns = (
        Column("contact_id", Text(), required=True, field="external_id"),
        Column("company_id", Text(), required=True, field="company", references="companies.csv"),
        Column("first_name", Name(), field="first_names"),
        Column("last_name", Name(), required=True),
        Column("function", Text()),
        Column("phone", PHONE),
        Column("email", Email()),
        Column("left_on", Date(not_in_future=True), field="active_until"),
    )

    def check_rows(self, rows: list[Row], context: ImportContext):
        """A stored contact keeps its company, and cannot leave before it arrived."""
        stored = {
            key: (company_id, active_from)
            for key, company_id, active_from in self.queryset()
            .filter(external_id__in=[row.values["contact_id"] for row in rows])
            .values_list("external_id", "company_id", "active_from")
        }
        for row in rows:
            if row.values["contact_id"] not in stored:
                continue
            company_id, active_from = stored[row.values["contact_id"]]
            if company_id != row.resolved["company_id"]:
                yield (
                    row,
                    (
                        "company_id",
                        "ce contact est déjà enregistré dans une autre entreprise ; un contact "
                        "qui change d'entreprise est un nouveau contact (autre contact_id)",
                    ),
                )
            left_on = row.get("left_on")
            if left_on and active_from and left_on < active_from:
                yield (
                    row,
                    (
                        "left_on",
                        f"date de départ antérieure à l'arrivée dans l'entreprise "
                        f"({active_from.isoformat()})",
                    ),
                )


@register
class InteractionsFile(ModelFile):
    name = INTERACTIONS_FILE
    label = "Interactions avec les entreprises"
    model = Interaction
    key = "interaction_id"
    columns = (
        Column("interaction_id", Text(), required=True, field="external_id"),
        Column("company_id", Text(), required=True, field="company", references="companies.csv"),
        Column("contact_id", Text(), field="contact", references=CONTACTS_FILE),
        Column("kind", Choice(InteractionKind.values), required=True),
        Column("occurred_at", LocalDateTime(), required=True),
        Column("done", Boolean()),
        Column("summary", Text()),
        Column("agreed", Text()),
        Column("next_action", Text()),
        Column("next_action_due", Date()),
    )

    def clean_row(self, values: dict) -> list[Problem]:
        problems = []
        occurred_at = values.get("occurred_at")
        if values.get("done") and occurred_at and occurred_at > timezone.now():
            problems.append(
                ("done", "une interaction dans le futur ne peut pas être marquée comme réalisée")
            )
        if values.get("next_action_due") and not (values.get("next_action") or "").strip():
            problems.append(("next_action", "indiquez la prochaine action de cette échéance"))
        return problems

    def field_values(self, row: Row) -> dict:
        """An empty or absent ``done``: done when it took place already, planned otherwise."""
        values = super().field_values(row)
        if row.get("done") is None:
            values["done"] = row.values["occurred_at"] <= timezone.now()
        return values

    def check_rows(self, rows: list[Row], context: ImportContext):
        """The contact met works (or worked) for the company met: one query per chunk."""
        contact_ids = {row.resolved["contact_id"] for row in rows if row.get("contact_id")}
        if not contact_ids:
            return
        companies = dict(Contact.objects.filter(pk__in=contact_ids).values_list("pk", "company_id"))
        for row in rows:
            contact = row.resolved.get("contact_id")
            if contact and companies.get(contact) != row.resolved["company_id"]:
                yield (
                    row,
                    (
                        "contact_id",
                        f"le contact {quoted(row.values['contact_id'])} n'appartient pas à "
                        f"l'entreprise {quoted(row.values['company_id'])}",
                    ),
                )
