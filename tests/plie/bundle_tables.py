"""What an import may write, as comparable values: to prove it wrote nothing (or the same)."""

from maillage.audit.models import AuditEntry
from maillage.companies.models import Company
from maillage.organisations.models import Structure
from maillage.people.models import Followup, Person
from maillage.plie.models import EntrySituation, Parcours, Step
from maillage.programme.models import Operation

MODELS = (Structure, Person, Company, Operation, Parcours, EntrySituation, Step, Followup)


def table_counts() -> dict[str, int]:
    counts = {model._meta.label_lower: model._base_manager.count() for model in MODELS}
    counts["audit.auditentry"] = AuditEntry.objects.count()
    return counts


def table_state() -> dict[str, list]:
    """Every row of every table an import writes, and the number of audit entries."""
    state = {
        model._meta.label_lower: list(model._base_manager.order_by("pk").values())
        for model in MODELS
    }
    state["audit.auditentry"] = AuditEntry.objects.count()
    return state
