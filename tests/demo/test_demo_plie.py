"""The demo PLIE: valid by the PLIE rules, idempotent, shaped like the 2017 report."""

import datetime
import io
import json
import random
from collections import Counter, defaultdict
from itertools import combinations

import pytest
from django.core.management import CommandError, call_command
from stdnum.fr import siret

from maillage.accounts.models import User
from maillage.companies.models import Company
from maillage.demo.companies import draw_companies
from maillage.demo.plie_history import commission_dates, draw_history
from maillage.demo.plie_targets import REPORT, STEP_CATEGORIES
from maillage.demo.programme import OPERATIONS
from maillage.demo.structures import CONVENTIONED_2017
from maillage.people.models import Followup, Person, Qpv
from maillage.plie import rules
from maillage.plie.models import EntrySituation, ExitType, Parcours, Step, StepCategory
from maillage.programme.models import Axis, Operation
from maillage.reports.models import Objective, Protocol

SMALL = 0.05


def run_demo(scale: float = SMALL, people: int = 30) -> str:
    out = io.StringIO()
    call_command("demo", people=people, plie_scale=scale, stdout=out)
    return out.getvalue()


def annual_report(year: int, since: int | None = None) -> dict:
    out = io.StringIO()
    options = {"since": since} if since else {}
    call_command("annual_report", year=year, format="json", stdout=out, **options)
    return json.loads(out.getvalue())


@pytest.fixture
def small_demo(db):
    return run_demo()


def counts() -> dict[str, int]:
    models = (
        Person,
        Parcours,
        EntrySituation,
        Step,
        Followup,
        Company,
        Operation,
        Protocol,
        Objective,
    )
    return {model.__name__: model.objects.count() for model in models}


def test_the_plie_figures_of_every_year_are_there(small_demo):
    report = annual_report(2017, since=2012)
    plie = report["plie"]
    for key in ("participants", "new_entrants", "steps", "contracts", "contract_holders"):
        assert plie[key] > 0, key
    assert all(plie["exits"].values())
    assert all(plie["steps_by_category"].values())
    assert report["cumulative"]["participants"] > plie["participants"]
    for year in range(2012, datetime.date.today().year):
        figures = annual_report(year)["plie"]
        assert figures["participants"] and figures["new_entrants"] and figures["steps"], year


def test_parcours_steps_and_exits_follow_the_plie_rules(small_demo):
    parcours_by_person = defaultdict(list)
    all_parcours = list(
        Parcours.objects.select_related("person__qpv").prefetch_related("steps", "entry_situations")
    )
    for parcours in all_parcours:
        parcours_by_person[parcours.person_id].append(parcours)
        exit_errors = rules.check_exit(
            parcours.entry_date, parcours.exit_date, parcours.exit_type, parcours.exit_reason
        )
        assert not exit_errors, (parcours, exit_errors)
        steps = list(parcours.steps.all())
        for step in steps:
            errors = rules.merge(
                rules.check_step_dates(
                    step.start_date, step.end_date, parcours.entry_date, parcours.exit_date
                ),
                rules.check_contract_type(step.category, step.contract_type),
            )
            assert not errors, (step, errors)
            if step.end_date and parcours.exit_date and step.end_date > parcours.exit_date:
                # Only what a positive exit rests on goes on: a contract, a qualifying training.
                assert parcours.exit_type == ExitType.POSITIVE
                assert step.category in (StepCategory.EMPLOYMENT_CONTRACT, StepCategory.TRAINING)
        if parcours.exit_date:
            assert not rules.check_steps_before_exit(
                parcours.exit_date, [s.start_date for s in steps]
            )
        # A CDI exit rests on a CDI contract step: no confirmation would be asked.
        assert rules.positive_exit_consistency(parcours, steps) == []
        assert parcours.entry_date <= parcours.engagement_signed_on
        assert parcours.entry_date <= datetime.date.today()

    for person_parcours in parcours_by_person.values():
        for a, b in combinations(person_parcours, 2):
            assert not rules.periods_overlap(a.entry_date, a.exit_date, b.entry_date, b.exit_date)
        latest = max(person_parcours, key=lambda p: p.entry_date)
        person = latest.person
        assert latest.qpv_at_entry == (person.qpv_id is not None)
        if person.qpv:
            assert person.postcode in person.qpv.postcodes.split()
    assert any(len(ps) > 1 for ps in parcours_by_person.values())  # re-entries since 2018


def test_rows_pass_model_validation(small_demo):
    # A sample: full_clean() checks each constraint with a query.
    for parcours in Parcours.objects.order_by("?")[:60]:
        parcours.full_clean()
    for step in Step.objects.order_by("?")[:120]:
        step.full_clean()
    for company in Company.objects.order_by("?")[:40]:
        company.full_clean()
    numbers = [n for n in Company.objects.values_list("siret", flat=True) if n]  # some unknown
    assert numbers and all(siret.is_valid(number) for number in numbers)
    for person in Person.objects.filter(external_id__startswith="DEMO-PLIE-")[:40]:
        person.full_clean()
        assert person.search_key == person.compute_search_key()


def test_each_participant_is_followed_by_their_referent_structure(small_demo):
    plie_followups = Counter(
        Followup.objects.filter(service=Followup.Service.PLIE).values_list(
            "person_id", "structure_id"
        )
    )
    assert set(plie_followups.values()) == {1}  # one per person and structure
    assert not Followup.objects.filter(
        service=Followup.Service.PLIE, ended_on__isnull=False
    ).exists()
    pairs = set(Parcours.objects.values_list("person_id", "structure_id"))
    assert pairs == set(plie_followups)
    for followup in Followup.objects.filter(service=Followup.Service.PLIE):
        first = (
            Parcours.objects.filter(person=followup.person_id, structure=followup.structure_id)
            .order_by("entry_date")
            .first()
        )
        assert followup.started_on == first.entry_date


def test_demo_referents_follow_open_parcours_of_their_structure(small_demo):
    for username, code in (("referent", "S-ALIS"), ("referent2", "S-MIRLY")):
        user = User.objects.get(username=username)
        theirs = Parcours.objects.filter(referent=user)
        assert theirs.filter(exit_date__isnull=True).exists()
        assert set(theirs.values_list("structure__code", flat=True)) == {code}
        visible = Parcours.objects.visible_to(user)
        assert set(theirs.values_list("pk", flat=True)) <= set(visible.values_list("pk", flat=True))


def test_steps_take_place_on_operations_and_at_companies(small_demo):
    on_operation = Step.objects.filter(operation__isnull=False).select_related("operation")
    assert on_operation.exists()
    assert all(step.operation.year == step.start_date.year for step in on_operation)
    contracts = Step.objects.filter(category=StepCategory.EMPLOYMENT_CONTRACT)
    assert contracts.filter(company__isnull=False).exists()
    assert not Step.objects.exclude(category=StepCategory.EMPLOYMENT_CONTRACT).filter(
        company__isnull=False
    )
    interim = contracts.filter(contract_type="interim", company__isnull=False)
    assert set(interim.values_list("company__naf", flat=True)) == {"78.20Z"}
    assert not contracts.filter(weekly_hours__isnull=True).exists()
    assert not Step.objects.filter(label="").exists()


def test_the_2017_programme_has_94_operations_by_51_structures_on_5_axes(small_demo):
    programme = Operation.objects.filter(year=2017)
    assert programme.count() == len(OPERATIONS) == 94
    assert programme.values("structure").distinct().count() == 51
    assert set(programme.values_list("structure__code", flat=True)) == {
        spec.code for spec in CONVENTIONED_2017
    }
    assert set(programme.values_list("axis", flat=True)) == set(Axis.values)
    for operation in programme:
        operation.full_clean()
        assert operation.budget_eur > 0 and 0 <= operation.fse_eur <= operation.budget_eur


def test_the_protocol_2012_2018_has_the_report_s_objectives(small_demo):
    protocol = Protocol.objects.get()
    assert (protocol.start_year, protocol.end_year) == (2012, 2018)
    targets = {(o.indicator, o.period): float(o.target) for o in protocol.objectives.all()}
    assert targets == {
        ("plie.participants", "whole_protocol"): 6000,
        ("plie.new_entrants", "each_year"): 900,
        ("plie.new_entrants_qpv_share", "each_year"): 0.35,
        ("plie.employment_step_share", "each_year"): 0.66,
        ("plie.positive_exit_rate", "each_year"): 0.5,
        ("plie.positive_exit_employment_share", "each_year"): 0.42,
        ("plie.positive_exit_qualifying_share", "each_year"): 0.08,
    }
    objective = protocol.objectives.get(indicator="plie.new_entrants")
    objective.target = 950
    objective.save()
    run_demo()
    objective.refresh_from_db()
    assert objective.target == 950  # an administrator's change is kept


def test_running_it_twice_adds_nothing(small_demo):
    before = counts()
    second = run_demo()
    assert counts() == before
    assert "Les parcours PLIE de démonstration sont déjà en place." in second
    assert "Rien à ajouter" in second


def test_no_plie_in_a_database_with_real_parcours_or_people(db):
    Person.objects.create(last_name="Réel", first_names="Dossier", sex="F", birth_date="1980-01-01")
    output = run_demo()
    assert not Parcours.objects.exists()
    assert "aucun parcours PLIE de démonstration" in output


def test_scale_zero_means_no_plie_and_bad_scales_are_refused(db):
    run_demo(scale=0)
    assert not Parcours.objects.exists()
    assert Company.objects.exists() and Operation.objects.exists()
    with pytest.raises(CommandError, match="--plie-scale"):
        run_demo(scale=-1)


def test_the_proportions_follow_the_report_at_a_small_scale(small_demo):
    for year, expected in REPORT.items():
        plie = annual_report(year)["plie"]
        assert plie["new_entrants"] == round(expected.new_entrants * SMALL)
        assert abs(plie["new_entrants_qpv_share"] - expected.qpv_share) < 0.03
        exits = plie["exits"]
        assert (exits["positive"], exits["dropout"], exits["administrative"]) == tuple(
            round(n * SMALL) for n in (expected.positive, expected.dropout, expected.administrative)
        )
        assert abs(plie["employment_step_share"] - expected.employment_step_share) < 0.04
        assert abs(plie["steps"] / (expected.steps * SMALL) - 1) < 0.02
        assert abs(plie["contracts"] / (expected.contracts * SMALL) - 1) < 0.02
        assert abs(plie["participants"] / (expected.participants * SMALL) - 1) < 0.05
    categories = annual_report(2017)["plie"]["steps_by_category"]
    total = sum(categories.values())
    for code, share in STEP_CATEGORIES.items():
        assert abs(categories[code] / total - share / 100) < 0.06, code


@pytest.mark.django_db
def test_at_a_fifth_of_the_size_every_year_is_within_10_percent_of_the_report():
    """The bounded "real size" check: a fifth of the PLIE, every figure of the table."""
    scale = 0.2
    run_demo(scale=scale, people=0)
    for year, expected in REPORT.items():
        plie = annual_report(year)["plie"]
        pairs = {
            "participants": expected.participants,
            "new_entrants": expected.new_entrants,
            "steps": expected.steps,
            "contracts": expected.contracts,
            "positive": expected.positive,
            "dropout": expected.dropout,
            "administrative": expected.administrative,
        }
        for key, value in pairs.items():
            actual = plie["exits"][key] if key in plie["exits"] else plie[key]
            assert abs(actual / (value * scale) - 1) <= 0.10, (year, key, actual)
    cumulative = annual_report(2017, since=2012)["cumulative"]
    assert abs(cumulative["participants"] / (6107 * scale) - 1) <= 0.10
    assert abs(cumulative["steps"] / (29623 * scale) - 1) <= 0.10
    assert abs(cumulative["contracts"] / (12315 * scale) - 1) <= 0.10


def test_demo_figures_prints_the_demo_next_to_the_report(small_demo):
    out = io.StringIO()
    call_command("demo_figures", later_until=2019, stdout=out)
    text = out.getvalue()
    participants = annual_report(2017)["plie"]["participants"]
    assert "| Participants | " in text
    assert f"{participants} (2 423)" in text  # the demo's figure, then the report's
    assert "6 107" in text and "| 2018 | 2019 |" in text
    assert "En parcours au 31/12/2017, entrés avant 2012" in text


def _fake_qpvs() -> dict[str, list[Qpv]]:
    qpvs = {}
    for code, postcodes in (("A", "69008"), ("B", "69009"), ("C", "69001 69004"), ("D", "69007")):
        for postcode in postcodes.split():
            qpvs.setdefault(postcode, []).append(Qpv(code=code, postcodes=postcodes))
    return qpvs


def _signature(history, until: datetime.date) -> list:
    return [
        (
            p.person.number,
            p.entry_date,
            p.exit_date,
            p.exit_type,
            p.exit_reason,
            sorted((s.category, s.start, s.end, s.contract_type) for s in p.steps),
        )
        for p in history.parcours
        if p.exit_date is not None and p.exit_date <= until
    ]


def test_the_history_up_to_2017_does_not_depend_on_the_day_it_is_drawn():
    qpvs = _fake_qpvs()
    early = draw_history(7, today=datetime.date(2019, 3, 1), scale=SMALL, qpvs_by_postcode=qpvs)
    later = draw_history(7, today=datetime.date(2026, 11, 26), scale=SMALL, qpvs_by_postcode=qpvs)
    until = datetime.date(2017, 12, 31)
    assert _signature(early, until) == _signature(later, until)
    assert all(p.entry_date <= datetime.date(2019, 3, 1) for p in early.parcours)
    assert all(s.start <= datetime.date(2019, 3, 1) for p in early.parcours for s in p.steps)


def test_entries_and_exits_are_on_commission_dates():
    history = draw_history(3, today=datetime.date(2026, 11, 26), scale=SMALL, qpvs_by_postcode={})
    for parcours in history.parcours:
        dates = commission_dates(parcours.territory, parcours.entry_date.year)
        assert parcours.entry_date in commission_dates(
            parcours.person.draft.territory, parcours.entry_date.year
        )
        if parcours.exit_date:
            assert parcours.exit_date in commission_dates(
                parcours.territory, parcours.exit_date.year
            )
        assert len(dates) == 9  # 45 validation commissions a year on 5 territories


def test_companies_have_valid_and_distinct_sirets():
    companies = draw_companies(random.Random(1))
    assert len(companies) >= 300
    assert len({c.siret for c in companies}) == len(companies)
    assert len({c.name for c in companies}) == len(companies)
    for company in companies:
        assert siret.is_valid(company.siret)
        company.clean_fields()
