"""Replacing a person's identity while keeping what the statistics count.

What identifies (names, contact details, address line, external identifiers
and the aliases of merged files) is wiped; what the report counts (sex, birth
date, postcode, commune, QPV, education level, and every row of every module)
stays, so the annual report of a past year gives the same figures before and
after (tests/privacy). The person keeps their primary key: rows of other
modules still point to one anonymous human being, so distinct counts hold.
"""

from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from maillage.audit.models import Action
from maillage.audit.services import build_entry, log_many
from maillage.people.models import Person, PersonAlias

ANONYMOUS_NAME = "ANONYME"


def anonymise(people, *, reason: str) -> int:
    """Anonymise the people of the queryset ``people``; returns how many. One audit entry each."""
    with transaction.atomic():
        ids = list(people.filter(anonymised_at__isnull=True).values_list("pk", flat=True))
        if not ids:
            return 0
        targets = Person.objects.filter(pk__in=ids)
        targets.update(
            last_name=ANONYMOUS_NAME,
            first_names="",
            birth_name="",
            email="",
            phone="",
            address="",
            search_key="",
            external_id=Concat(Value("anonyme-"), Cast("pk", CharField())),
            anonymised_at=timezone.now(),
        )
        PersonAlias.objects.filter(person_id__in=ids).delete()
        log_many(
            [
                build_entry(
                    Action.UPDATE,
                    object_type="people.person",
                    object_id=str(pk),
                    object_repr=f"Personne n° {pk} (anonymisée)",
                    person_id=pk,
                    changes={"anonymised": reason},
                )
                for pk in ids
            ]
        )
    return len(ids)
