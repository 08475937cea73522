"""What a new clause contract brings along: a placement and a follow-up, in bulk.

A hire under a clause is a "mise à l'emploi" of the Service Entreprises
(channel ``clauses``). The seed counts *people* placed through clauses in a
year (968, the beneficiaries), not contracts (999), so the rule is: **one
clause placement per person and calendar year**, made by the person's first
contract starting that year (dated on its start, at its employer); the
person's other contracts of that year add none.

The person is also followed ("Clauses sociales") by a structure, so that the
facilitator sees them: the acting user's structure in the application, the
animation structure for imports and the demo.

Shared by ``services``, ``bundle`` and the demo: bulk writes, a fixed number of
queries whatever the number of contracts.
"""

from datetime import date

from django.db.models.functions import ExtractYear

from maillage.audit.services import Action, build_entry, log_many
from maillage.clauses.models import ClauseContract
from maillage.organisations.models import Structure, StructureKind
from maillage.people.models import Followup
from maillage.recruitment.models import ContractType, Placement, PlacementChannel

#: Clause contract kind → the placement's contract type (recruitment's coarser list).
PLACEMENT_TYPES = {
    "cdi": ContractType.CDI,
    "cdd": ContractType.CDD,
    "cddi": ContractType.SUBSIDISED,
    "interim": ContractType.INTERIM,
    "provision": ContractType.INTERIM,
    "work_study": ContractType.APPRENTICESHIP,
}


def ensure_placements(contracts: list[ClauseContract], *, audit: bool = True) -> list[Placement]:
    """Make the missing clause placements for ``contracts`` (saved, without placement)."""
    people = {contract.person_id for contract in contracts}
    if not people:
        return []
    taken = set(
        Placement.objects.filter(channel=PlacementChannel.CLAUSES, person_id__in=people)
        .annotate(year=ExtractYear("started_on"))
        .values_list("person_id", "year")
    )
    chosen: list[tuple[ClauseContract, Placement]] = []
    for contract in sorted(contracts, key=lambda c: (c.start_date, c.pk)):
        key = (contract.person_id, contract.start_date.year)
        if key in taken or contract.placement_id:
            continue
        taken.add(key)
        placement = Placement(
            person_id=contract.person_id,
            company_id=contract.company_id,
            contract_type=PLACEMENT_TYPES.get(contract.kind, ContractType.OTHER),
            started_on=contract.start_date,
            channel=PlacementChannel.CLAUSES,
        )
        chosen.append((contract, placement))
    if not chosen:
        return []
    placements = Placement.objects.bulk_create([placement for _, placement in chosen])
    for (contract, _), placement in zip(chosen, placements, strict=True):
        contract.placement_id = placement.pk
    ClauseContract.objects.bulk_update([contract for contract, _ in chosen], ["placement"])
    if audit:
        log_many(
            [
                build_entry(
                    Action.CREATE,
                    placement,
                    object_repr=f"Mise à l'emploi (clause {contract.external_id})",
                    person_id=placement.person_id,
                    changes={
                        "company": [None, placement.company_id],
                        "channel": [None, PlacementChannel.CLAUSES],
                        "started_on": [None, placement.started_on.isoformat()],
                    },
                )
                for contract, placement in chosen
            ]
        )
    return placements


def animation_structure_id() -> int | None:
    return (
        Structure.objects.filter(kind=StructureKind.ANIMATION)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )


def ensure_followups(
    started: dict[int, date], structure_id: int | None = None, *, audit: bool = True
) -> None:
    """A "Clauses sociales" follow-up of each person (``{person_id: since}``) by the structure."""
    structure_id = structure_id or animation_structure_id()
    if structure_id is None or not started:
        return
    existing = set(
        Followup.objects.filter(
            structure_id=structure_id,
            service=Followup.Service.CLAUSES,
            person_id__in=started.keys(),
        ).values_list("person_id", flat=True)
    )
    new = [
        Followup(
            person_id=person_id,
            structure_id=structure_id,
            service=Followup.Service.CLAUSES,
            started_on=since,
        )
        for person_id, since in started.items()
        if person_id not in existing
    ]
    if not new:
        return
    Followup.objects.bulk_create(new)
    if audit:
        log_many(
            [
                build_entry(
                    Action.CREATE,
                    object_type="people.followup",
                    object_repr="Suivi Clauses sociales",
                    person_id=followup.person_id,
                    changes={
                        "structure": [None, structure_id],
                        "service": [None, Followup.Service.CLAUSES],
                        "started_on": [None, followup.started_on.isoformat()],
                    },
                )
                for followup in new
            ]
        )
