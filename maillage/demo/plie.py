"""Demo PLIE: participants, parcours, steps, contracts and exits since 2012 (demo step).

The history is drawn in memory by ``plie_history`` (to match the 2017
report's table year by year, see ``plie_targets``), dressed by ``plie_labels``
(employers, operations, labels), then written with ``bulk_create``: some
12 000 participants, 80 000 steps in a few seconds. The per-row services
(``plie.services``) would write an audit entry per row; the demo command
records one summary entry instead, and the data is valid by construction —
``tests/demo/test_demo_plie.py`` re-checks it with ``plie.rules``.

The PLIE participants are people of their own (``DEMO-PLIE-00001``…), drawn
with ``people.draw_person``, besides the people of ``people.py`` who are
followed outside the PLIE. Each participant's referent structure follows them
(one open PLIE follow-up per person and structure, as ``open_parcours`` does);
a third of them were first met at their territory's antenna. The demo users
``referent`` and ``referent2`` are the référents of about 90 open parcours of
their structure each, and of the parcours it closed in the last year.

Idempotent: nothing is written when the demo parcours exist already, nor in a
database that holds parcours or people of its own.
"""

import datetime
import random
from collections import defaultdict

from maillage.accounts.roles import Role
from maillage.demo import people as demo_people
from maillage.demo.base import DemoContext
from maillage.demo.plie_drafts import CONTRACT, History, ParcoursDraft
from maillage.demo.plie_history import draw_history
from maillage.demo.plie_labels import StepDresser, exit_comment
from maillage.demo.structures import ANTENNA_OF_TERRITORY
from maillage.demo.users import DEMO_USERS
from maillage.people.models import Followup, Person, Qpv
from maillage.plie.models import EntrySituation, Parcours, Step

PERSON_PREFIX = "DEMO-PLIE-"
PARCOURS_PREFIX = "DEMO-P-"
STEP_PREFIX = "DEMO-E-"
#: Open parcours of which each demo référent is the référent ("≈ 90 per FTE").
CASELOAD = 90
#: Parcours exited within this many days keep the demo référent too.
RECENT_EXIT_DAYS = 365
ANTENNA_SHARE = 0.33
BATCH_SIZE = 1000


def _qpvs_by_postcode() -> dict[str, list[Qpv]]:
    qpvs: dict[str, list[Qpv]] = defaultdict(list)
    for qpv in Qpv.objects.order_by("code"):
        for postcode in qpv.postcodes.split():
            qpvs[postcode].append(qpv)
    return qpvs


def _skip_reason() -> str:
    if Parcours.objects.filter(external_id__startswith=PARCOURS_PREFIX).exists():
        return "Les parcours PLIE de démonstration sont déjà en place."
    if (
        Parcours.objects.exists()
        or Person.objects.exclude(external_id__startswith=demo_people.EXTERNAL_ID_PREFIX).exists()
    ):
        return (
            "La base contient déjà des parcours ou des personnes qui ne sont pas de "
            "démonstration : aucun parcours PLIE de démonstration n'a été ajouté."
        )
    return ""


def referents_of(rng: random.Random, history: History, today: datetime.date) -> dict[int, str]:
    """``id(parcours)`` → username of its demo référent (the other parcours have none recorded)."""
    chosen: dict[int, str] = {}
    recent = today - datetime.timedelta(days=RECENT_EXIT_DAYS)
    for spec in DEMO_USERS:
        if spec.role != Role.REFERENT:
            continue
        mine = [p for p in history.parcours if p.structure_code == spec.structure_code]
        open_ = [p for p in mine if p.exit_date is None]
        closed = [p for p in mine if p.exit_date is not None and p.exit_date >= recent]
        for parcours in rng.sample(open_, min(CASELOAD, len(open_))) + closed:
            chosen[id(parcours)] = spec.username
    return chosen


def create_plie(rng: random.Random, context: DemoContext) -> None:
    if context.plie_scale <= 0:
        return
    reason = _skip_reason()
    if reason:
        context.notes.append(reason)
        return
    history = draw_history(
        rng.randrange(2**32),
        today=context.today,
        scale=context.plie_scale,
        qpvs_by_postcode=_qpvs_by_postcode(),
    )
    people = _write_people(history)
    parcours = _write_parcours(rng, history, people, context)
    steps = _write_steps(rng, history, parcours)
    followups = _write_followups(rng, history, people, context)
    context.count("participants du PLIE créés", len(people))
    context.count("parcours PLIE créés", len(parcours))
    context.count("dont parcours en cours", sum(p.exit_date is None for p in history.parcours))
    context.count("étapes de parcours créées", steps)
    context.count("suivis des participants créés", followups)


def _write_people(history: History) -> dict[int, Person]:
    people = {
        id(record): demo_people.build_person(record.draft, f"{PERSON_PREFIX}{record.number:05d}")
        for record in history.people
    }
    Person.objects.bulk_create(people.values(), batch_size=BATCH_SIZE)
    return people


def _write_parcours(
    rng: random.Random, history: History, people: dict[int, Person], context: DemoContext
) -> dict[int, Parcours]:
    referents = referents_of(rng, history, context.today)
    ordered = sorted(history.parcours, key=lambda p: (p.entry_date, p.person.number))
    rows: dict[int, Parcours] = {}
    for number, draft in enumerate(ordered, start=1):
        username = referents.get(id(draft))
        # The engagement contract is signed at the entry or in the following weeks.
        signed = draft.entry_date + datetime.timedelta(days=rng.randint(0, 21))
        rows[id(draft)] = Parcours(
            external_id=f"{PARCOURS_PREFIX}{number:06d}",
            person=people[id(draft.person)],
            structure=context.structures[draft.structure_code],
            referent=context.users.get(username) if username else None,
            entry_date=draft.entry_date,
            qpv_at_entry=draft.qpv_at_entry,
            engagement_signed_on=min(signed, draft.exit_date or context.today, context.today),
            exit_date=draft.exit_date,
            exit_type=draft.exit_type,
            exit_reason=draft.exit_reason,
            exit_comment=exit_comment(rng, draft.exit_type),
        )
    Parcours.objects.bulk_create(rows.values(), batch_size=BATCH_SIZE)
    EntrySituation.objects.bulk_create(
        (
            EntrySituation(parcours=rows[id(draft)], code=code)
            for draft in ordered
            for code in draft.situations
        ),
        batch_size=BATCH_SIZE,
    )
    return rows


def _write_steps(rng: random.Random, history: History, parcours: dict[int, Parcours]) -> int:
    dresser = StepDresser(rng)
    drafts = sorted(
        ((step, p) for p in history.parcours for step in p.steps),
        key=lambda pair: (pair[0].start, parcours[id(pair[1])].external_id),
    )
    rows = []
    for number, (step, draft) in enumerate(drafts, start=1):
        rows.append(
            Step(
                external_id=f"{STEP_PREFIX}{number:07d}",
                parcours=parcours[id(draft)],
                category=step.category,
                start_date=step.start,
                end_date=step.end,
                contract_type=step.contract_type if step.category == CONTRACT else "",
                **dresser.dress(step),
            )
        )
    Step.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def _write_followups(
    rng: random.Random, history: History, people: dict[int, Person], context: DemoContext
) -> int:
    """One open PLIE follow-up per person and referent structure; some antenna follow-ups."""
    rows = []
    for record in history.people:
        person = people[id(record)]
        first_entry: dict[str, datetime.date] = {}
        for draft in record.parcours:
            code = draft.structure_code
            first_entry[code] = min(first_entry.get(code, draft.entry_date), draft.entry_date)
        for code, started_on in first_entry.items():
            rows.append(
                Followup(
                    person=person,
                    structure=context.structures[code],
                    service=Followup.Service.PLIE,
                    started_on=started_on,
                )
            )
        if rng.random() < ANTENNA_SHARE:
            rows.append(_antenna_followup(rng, record.parcours[0], person, context))
    Followup.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def _antenna_followup(
    rng: random.Random, first: ParcoursDraft, person: Person, context: DemoContext
) -> Followup:
    """Met at the antenna of their territory, a few weeks or months before entering the PLIE."""
    antenna = ANTENNA_OF_TERRITORY[first.person.draft.territory]
    return Followup(
        person=person,
        structure=context.structures[antenna],
        service=Followup.Service.RECEPTION,
        started_on=first.entry_date - datetime.timedelta(days=rng.randint(7, 120)),
    )
