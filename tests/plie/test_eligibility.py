"""The three cumulative conditions of entry; a status alone never makes a file eligible."""

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from maillage.plie.commission_models import DifficultyKind, ProposedPath, WithoutWorkSituation
from maillage.plie.eligibility import Diagnosis, check, conditions, is_eligible
from maillage.plie.models import EntrySituationCode
from tests.plie.commission_factories import DIAGNOSIS

COMPLETE = Diagnosis(**(DIAGNOSIS | {"difficulties": tuple(DIAGNOSIS["difficulties"])}))


def test_a_complete_diagnosis_is_eligible():
    assert check(COMPLETE) == {}
    assert is_eligible(COMPLETE)


def test_each_condition_is_required():
    without_work = check(replace(COMPLETE, without_work_situation=""))
    assert "Condition 1" in without_work["without_work_situation"][0]
    no_difficulty = check(replace(COMPLETE, difficulties=()))
    assert "le statut seul ne constitue pas un critère" in no_difficulty["difficulties"][0]
    undescribed = check(replace(COMPLETE, difficulties_comment="  "))
    assert set(undescribed) == {"difficulties_comment"}
    not_adhering = check(replace(COMPLETE, adherence=False))
    assert set(not_adhering) == {"adherence"}
    unexpressed = check(replace(COMPLETE, adherence_comment=""))
    assert set(unexpressed) == {"adherence_comment"}
    no_path = check(replace(COMPLETE, proposed_path=""))
    assert set(no_path) == {"proposed_path"}


def test_other_situation_must_be_explained():
    other = replace(COMPLETE, without_work_situation="other", without_work_details="")
    assert set(check(other)) == {"without_work_details"}


def test_unknown_codes_are_refused():
    errors = check(
        replace(
            COMPLETE,
            without_work_situation="retired",
            difficulties=("health", "boredom"),
            proposed_path="holiday",
        )
    )
    assert set(errors) == {"without_work_situation", "difficulties", "proposed_path"}


situations = st.lists(st.sampled_from(EntrySituationCode.values), unique=True)
texts = st.sampled_from(["", "   ", "Décrit lors de l'entretien."])


@given(
    situation=st.sampled_from(["", *WithoutWorkSituation.values]),
    details=texts,
    difficulties=st.lists(st.sampled_from(DifficultyKind.values), unique=True),
    difficulties_comment=texts,
    adherence=st.booleans(),
    adherence_comment=texts,
    path=st.sampled_from(["", *ProposedPath.values]),
)
def test_eligible_exactly_when_the_three_conditions_are_documented(
    situation, details, difficulties, difficulties_comment, adherence, adherence_comment, path
):
    diagnosis = Diagnosis(
        situation,
        details,
        tuple(difficulties),
        difficulties_comment,
        adherence,
        adherence_comment,
        path,
    )
    expected = (
        bool(situation)
        and (situation != "other" or _documented(details))
        and bool(difficulties)
        and _documented(difficulties_comment)
        and adherence
        and _documented(adherence_comment)
        and bool(path)
    )
    assert is_eligible(diagnosis) is expected


def _documented(text: str) -> bool:
    return bool(text.strip())


class File:
    """An entry request as the detail page sees it: situations and QPV beside the diagnosis."""

    def __init__(self, diagnosis: Diagnosis, entry_situations, qpv_at_entry):
        self.__dict__.update(diagnosis.__dict__)
        self.difficulties = list(diagnosis.difficulties)
        self.entry_situations = entry_situations
        self.qpv_at_entry = qpv_at_entry


@given(situations=situations, qpv=st.booleans())
def test_no_status_makes_a_file_eligible(situations, qpv):
    """RSA, DELD, TH… ticked, QPV or not: without difficulties and adherence, not eligible."""
    bare = Diagnosis(without_work_situation="rsa", proposed_path="reinforced_support")
    file = File(bare, situations, qpv)
    assert not is_eligible(Diagnosis.of(file))
    assert [c.met for c in conditions(file)] == [True, False, False]


@given(situations=situations, qpv=st.booleans())
def test_statuses_do_not_change_an_eligible_file(situations, qpv):
    file = File(COMPLETE, situations, qpv)
    assert is_eligible(Diagnosis.of(file))
    assert all(c.met for c in conditions(file))


def test_conditions_show_the_evidence():
    shown = conditions(File(COMPLETE, ["rsa"], False))
    assert [c.label for c in shown] == [
        "Sans emploi",
        "Difficultés d'insertion durable",
        "Adhésion à la démarche",
    ]
    assert shown[0].evidence.startswith("Demandeur d'emploi depuis plus d'un an — Inscrite")
    assert shown[1].evidence.startswith("Mobilité, Garde d'enfants")
    assert shown[2].evidence == DIAGNOSIS["adherence_comment"]
