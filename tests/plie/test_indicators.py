"""The PLIE figures on a small hand-built dataset: every expected number is worked out by hand.

The people (Y = 2017), and why each is there:
- A: exited positively in March (a CDD step started in 2016 and going on after
  the exit), re-entered in September: two parcours active in 2017, attributes
  from the September one;
- B: born 29 February, two parcours entered in 2017 (the first, QPV, dropped out
  in February); only the latest decides QPV;
- C: born 29 February 1992, entered on 28 February 2017: still 24;
- D: entered on 31 December 2017, their 26th birthday; a contract step that day;
- E: entered in 2010 aged exactly 51; a step of 2016 (not counted), one on 31 December;
- F: exited on 1 January 2017 (still a participant), aged 46 at entry, an open step;
- G: exited on 31 December 2016 with a CDI step going on: not a participant,
  the step does not count;
- H: two contracts, exited on 31 December 2017; the open one stops counting in 2018;
- I: entered on 1 January 2018; J: an old parcours of 2008 and one exited in June;
- K: entered on 1 January 2012 (on their birthday), exits in 2018;
- L: entered on 31 December 2011 (their 50th birthday), still open, education unknown.
"""

from datetime import date

import pytest

from maillage.plie.indicators import cumulative_block, plie_block
from tests.plie.factories import ParcoursFactory, PersonFactory, StepFactory

pytestmark = pytest.mark.django_db

D = date


def person(sex, birth, education=""):
    return PersonFactory(sex=sex, birth_date=birth, education_level=education)


def parcours(who, entry, exit=None, exit_type="", reason="", qpv=False, situations=()):
    return ParcoursFactory(
        person=who,
        entry_date=entry,
        exit_date=exit,
        exit_type=exit_type,
        exit_reason=reason,
        qpv_at_entry=qpv,
        situations=list(situations),
    )


def step(parcours_, category, start, end=None, contract=""):
    return StepFactory(
        parcours=parcours_,
        category=category,
        start_date=start,
        end_date=end,
        contract_type=contract,
    )


@pytest.fixture
def dataset():
    a = person("F", D(1990, 5, 10), "4")
    a1 = parcours(a, D(2016, 6, 1), D(2017, 3, 15), "positive", "cdd_6m_plus", True, ["rsa"])
    step(a1, "employment_contract", D(2016, 12, 1), D(2017, 6, 30), "cdd")
    a2 = parcours(a, D(2017, 9, 1), situations=["deld", "single_parent"])
    step(a2, "support", D(2017, 9, 1))

    b = person("M", D(2000, 2, 29))
    b1 = parcours(
        b, D(2017, 1, 10), D(2017, 2, 20), "dropout", qpv=True, situations=["young_unqualified"]
    )
    step(b1, "training", D(2017, 1, 15), D(2017, 2, 15))
    parcours(b, D(2017, 3, 1), situations=["young_unqualified", "rsa"])

    c = person("F", D(1992, 2, 29), "foreign")
    parcours(c, D(2017, 2, 28), qpv=True, situations=["th"])

    d = person("M", D(1991, 12, 31), "5")
    d1 = parcours(d, D(2017, 12, 31), qpv=True)
    step(d1, "employment_contract", D(2017, 12, 31), D(2018, 1, 15), "interim")

    e = person("F", D(1959, 6, 15), "3")
    e1 = parcours(e, D(2010, 6, 15), situations=["deld", "other_exclusion"])
    step(e1, "specific_service", D(2016, 5, 1), D(2016, 12, 31))
    step(e1, "complementary_action", D(2017, 12, 31))

    f = person("M", D(1966, 6, 16), "6")
    f1 = parcours(f, D(2013, 6, 15), D(2017, 1, 1), "administrative", situations=["rsa", "deld"])
    step(f1, "support", D(2016, 1, 1))

    g = person("F", D(1980, 1, 1), "1")
    g1 = parcours(g, D(2014, 1, 1), D(2016, 12, 31), "positive", "cdi")
    step(g1, "employment_contract", D(2016, 11, 1), None, "cdi")

    h = person("M", D(1995, 7, 20), "2")
    h1 = parcours(
        h, D(2015, 3, 1), D(2017, 12, 31), "positive", "business_creation", True, ["de_lt_1y"]
    )
    step(h1, "employment_contract", D(2017, 2, 1), D(2017, 7, 31), "pec")
    step(h1, "employment_contract", D(2017, 8, 1), None, "cdd")

    i = person("F", D(1970, 10, 10), "5bis")
    parcours(i, D(2018, 1, 1))

    j = person("M", D(1975, 4, 4), "4")
    parcours(j, D(2008, 1, 1), D(2009, 1, 1), "dropout")
    j1 = parcours(j, D(2011, 5, 5), D(2017, 6, 30), "positive", "qualifying_training")
    step(j1, "training", D(2017, 1, 1), D(2017, 6, 30))

    k = person("M", D(1985, 1, 1), "5")
    parcours(k, D(2012, 1, 1), D(2018, 3, 1), "dropout", situations=["deld"])

    ell = person("F", D(1961, 12, 31))
    parcours(ell, D(2011, 12, 31))


def test_plie_block_2017(dataset):
    assert plie_block(2017) == {
        "participants": 10,  # A B C D E F H J K L
        "new_entrants": 4,  # A B C D
        "new_entrants_qpv": 2,  # C D (A's and B's latest parcours are not QPV)
        "new_entrants_qpv_share": 0.5,
        "steps": 9,
        "steps_per_participant": 0.9,
        "contracts": 4,  # A's CDD, D's interim, H's two
        "contract_holders": 3,
        "employment_step_share": 0.3,
        "exits": {"positive": 3, "dropout": 1, "administrative": 1},
        "positive_exit_rate": 0.6,
        "positive_exits_by_reason": {
            "cdi": 0,
            "cdd_6m_plus": 1,
            "qualifying_training": 1,
            "business_creation": 1,
            "other_status": 0,
        },
        # A1 287 days, B1 41, F1 1296, H1 1036, J1 2248.
        "mean_path_months": (287 + 41 + 1296 + 1036 + 2248) / 5 / 30.4375,
        # <26: B (17), C (24), H (19); 26-45: A (27), D (26), J (36), K (27);
        # 46-50: F (46), L (50); >50: E (51).
        "age_brackets": {"<26": 3, "26-45": 4, "46-50": 2, ">50": 1},
        "sex": {"F": 4, "M": 6},
        "entry_situations": {
            "rsa": 2,  # B (latest parcours), F — not A's first parcours
            "deld": 4,  # A E F K
            "de_lt_1y": 1,
            "th": 1,
            "young_unqualified": 1,
            "single_parent": 1,
            "other_exclusion": 1,
        },
        "education_levels": {
            "1": 0,
            "2": 1,
            "3": 1,
            "4": 2,
            "5": 2,
            "5bis": 0,
            "6": 1,
            "foreign": 1,
            "unknown": 2,
        },
        "steps_by_category": {
            "employment_contract": 4,
            "training": 2,
            "complementary_action": 1,
            "specific_service": 0,
            "support": 2,
        },
        "active_at_year_end_by_entry_year": {
            "before_2012": 2,  # E (2010), L (2011-12-31)
            "2012": 1,  # K
            "2013": 0,
            "2014": 0,
            "2015": 0,  # H exited on 31 December: not open at year end
            "2016": 0,
            "2017": 4,  # A B C D
        },
    }


def test_a_contract_after_the_exit_stops_counting_the_next_year(dataset):
    block = plie_block(2018)
    # A2, B2, C1, D1, E1, I1, K1, L1 are active in 2018; H exited on 2017-12-31.
    assert block["participants"] == 8
    # A2's support, D's interim (ends 2018-01-15), E's open action; not H's open CDD.
    assert block["steps"] == 3
    assert block["contracts"] == 1
    assert block["new_entrants"] == 1  # I
    assert block["active_at_year_end_by_entry_year"] == {
        "before_2013": 2,
        "2013": 0,
        "2014": 0,
        "2015": 0,
        "2016": 0,
        "2017": 4,
        "2018": 1,
    }


def test_cumulative_block(dataset):
    assert cumulative_block(2015, 2017) == {
        "participants": 11,  # the 2017 participants but I, plus G
        "new_entrants": 7,  # parcours: A1 A2 B1 B2 C1 D1 H1
        "new_entrants_qpv_share": 5 / 7,  # A1 B1 C1 D1 H1
        "steps": 11,  # the 9 of 2017, E's step of 2016, G's CDI
        "steps_per_participant": 1.0,
        "contracts": 5,
        "employment_step_share": 4 / 11,  # A D G H
        "exits": {"positive": 4, "dropout": 1, "administrative": 1},
        "positive_exit_rate": 4 / 6,
    }


def test_empty_database_gives_zeros_and_every_key():
    block = plie_block(2017)
    assert block["participants"] == 0
    assert block["new_entrants_qpv_share"] == 0.0
    assert block["steps_per_participant"] == 0.0
    assert block["positive_exit_rate"] == 0.0
    assert block["mean_path_months"] == 0.0
    assert set(block["education_levels"]) == {
        "1",
        "2",
        "3",
        "4",
        "5",
        "5bis",
        "6",
        "foreign",
        "unknown",
    }
    assert set(block["age_brackets"]) == {"<26", "26-45", "46-50", ">50"}
    assert all(v == 0 for v in block["entry_situations"].values())
    assert len(block["entry_situations"]) == 7
    cumulative = cumulative_block(2012, 2017)
    assert cumulative["participants"] == 0
    assert cumulative["positive_exit_rate"] == 0.0


def test_shares_are_unrounded_floats(dataset):
    block = plie_block(2017)
    for key in (
        "new_entrants_qpv_share",
        "steps_per_participant",
        "employment_step_share",
        "positive_exit_rate",
        "mean_path_months",
    ):
        assert type(block[key]) is float
    assert type(cumulative_block(2015, 2017)["employment_step_share"]) is float
