"""Factories and data for the entry files and commissions (tests.plie.factories: parcours)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from maillage.plie.commission_models import Commission, EntryRequest
from tests.factories import PersonFactory, StructureFactory

#: A complete shared diagnosis: the three conditions documented, a path proposed.
DIAGNOSIS = {
    "without_work_situation": "deld",
    "without_work_details": "Inscrite à Pôle emploi depuis 18 mois.",
    "difficulties": ["mobility", "childcare"],
    "difficulties_comment": "Pas de permis, deux enfants en bas âge sans mode de garde.",
    "adherence": True,
    "adherence_comment": "Souhaite reprendre un emploi ; a signé la fiche de liaison.",
    "proposed_path": "reinforced_support",
}


class EntryRequestFactory(DjangoModelFactory):
    """A candidate's file, eligible; ``status="submitted"`` for one waiting for commission."""

    class Meta:
        model = EntryRequest

    person = factory.SubFactory(PersonFactory)
    structure = factory.SubFactory(StructureFactory, territory="Pentes")
    oriented_on = datetime.date(2017, 2, 1)
    prescriber_organisation = "Pôle emploi Lyon 1er"
    prescriber_name = "M. Durand"
    without_work_situation = DIAGNOSIS["without_work_situation"]
    without_work_details = DIAGNOSIS["without_work_details"]
    difficulties = factory.LazyFunction(lambda: list(DIAGNOSIS["difficulties"]))
    difficulties_comment = DIAGNOSIS["difficulties_comment"]
    adherence = True
    adherence_comment = DIAGNOSIS["adherence_comment"]
    entry_situations = factory.LazyFunction(lambda: ["deld", "rsa"])
    proposed_path = DIAGNOSIS["proposed_path"]


class CommissionFactory(DjangoModelFactory):
    class Meta:
        model = Commission

    kind = "validation"
    territory = "Pentes"
    date = datetime.date(2017, 3, 14)
