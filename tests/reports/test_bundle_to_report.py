"""From a bundle to the annual report: import with the command, then every key of the JSON.

The bundle is tests/plie/bundle_data.py. The expected figures below were worked
out by hand from its rows (the reasoning is in the comments), and are checked a
second time against tests/plie/naive.py fed with the same rows read as plain
text, so that the import, the SQL of the indicators and two readings of
indicators.md must all agree.
"""

import json
import zipfile
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from tests.plie import bundle_data as data
from tests.plie.bundle_tables import table_state
from tests.plie.naive import NParcours, NPerson, NStep, naive_cumulative, naive_plie

pytestmark = pytest.mark.django_db

# Days from entry to exit of the parcours exiting in 2017, counted by hand:
# PA02 2016-02-01 → 2017-06-30: 366 (a leap year) + 149; PA04 2012-05-10 → 2017-12-31:
# 1 826 (five years, one 29 February) + 235; PA05 2016-01-10 → 2017-01-15: 366 + 5;
# PA10 2017-05-01 → 2017-09-30: 152.
PATH_DAYS = (366 + 149, 1826 + 235, 366 + 5, 152)

EXPECTED_2017 = {
    # Active in 2017: PA02, PA03, PA04, PA05, PA06, PA09, PA10 (PA01 and PA07 ended before,
    # PA08 enters in 2018): people P01, P02, P03, P04, P05, P08, P06.
    "participants": 7,
    "new_entrants": 3,  # PA03 (P02), PA06 (P05), PA10 (P06)
    "new_entrants_qpv": 2,  # PA03 and PA10
    "new_entrants_qpv_share": 2 / 3,
    # E03, E04, E05, E07, E08, E09, E14, E15, E16 (E10 and E13 are in 2018; E11, E12 belong
    # to PA07, over at the end of 2016; E01, E02, E06 end before 2017).
    "steps": 9,
    "steps_per_participant": 9 / 7,
    "contracts": 4,  # E03 (a CDI going on after the exit), E05, E08, E15
    "contract_holders": 4,  # P01, P02, P04, P06
    "employment_step_share": 4 / 7,
    "exits": {"positive": 3, "dropout": 0, "administrative": 1},  # PA02, PA05, PA10; PA04
    "positive_exit_rate": 3 / 4,
    "positive_exits_by_reason": {
        "cdi": 1,
        "cdd_6m_plus": 0,  # PA06's CDD exit is in 2018
        "qualifying_training": 1,
        "business_creation": 1,
        "other_status": 0,
    },
    "mean_path_months": sum(PATH_DAYS) / 4 / 30.4375,
    # Ages at the entry of the parcours of 2017: P01 31, P02 21, P03 52, P04 46, P05 27,
    # P08 55, P06 36.
    "age_brackets": {"<26": 1, "26-45": 3, "46-50": 1, ">50": 2},
    "sex": {"F": 3, "M": 4},  # P02 is written "H"
    # PA02 deld; PA03 young_unqualified, de_lt_1y; PA04 deld, th; PA05 rsa; PA06 none;
    # PA09 deld; PA10 rsa, deld (P06's 2017 parcours, not PA07).
    "entry_situations": {
        "rsa": 2,
        "deld": 4,
        "de_lt_1y": 1,
        "th": 1,
        "young_unqualified": 1,
        "single_parent": 0,
        "other_exclusion": 0,
    },
    "education_levels": {
        "1": 1,
        "2": 0,
        "3": 1,
        "4": 1,
        "5": 1,
        "5bis": 1,
        "6": 0,
        "foreign": 1,
        "unknown": 1,
    },
    "steps_by_category": {
        "employment_contract": 4,
        "training": 2,  # E09, E14
        "complementary_action": 1,  # E04
        "specific_service": 0,
        "support": 2,  # E07, E16
    },
    # Still open on 2017-12-31: PA09 (2010), PA03 and PA06 (2017); PA04 exits that very day.
    "active_at_year_end_by_entry_year": {
        "before_2012": 1,
        "2012": 0,
        "2013": 0,
        "2014": 0,
        "2015": 0,
        "2016": 0,
        "2017": 2,
    },
}

EXPECTED_2012_2017 = {
    "participants": 7,  # everyone but P07 (PA08 enters in 2018)
    "new_entrants": 7,  # PA02, PA03, PA04, PA05, PA06, PA07, PA10
    "new_entrants_qpv_share": 3 / 7,  # PA03, PA05, PA10
    "steps": 14,  # all but E10 and E13 (2018)
    "steps_per_participant": 2.0,
    "contracts": 5,  # E03, E05, E08, E12, E15
    "employment_step_share": 4 / 7,  # P01, P02, P04, P06
    "exits": {"positive": 3, "dropout": 2, "administrative": 1},  # PA06 exits in 2018
    "positive_exit_rate": 0.5,
}


def annual_report() -> dict:
    out = StringIO()
    call_command("annual_report", year=2017, since=2012, format="json", stdout=out)
    return json.loads(out.getvalue())


def import_(path) -> None:
    call_command("import_bundle", str(path), stdout=StringIO())


def assert_same(actual, expected, path="") -> None:
    """Key by key: the same keys, integers equal, floats equal to the last few bits."""
    if isinstance(expected, dict):
        assert set(actual) == set(expected), path
        for key in expected:
            assert_same(actual[key], expected[key], f"{path}.{key}")
    elif isinstance(expected, float):
        assert isinstance(actual, float), path
        assert actual == pytest.approx(expected, rel=1e-12, abs=0), path
    else:
        assert type(actual) is type(expected) and actual == expected, path


def naive_rows():
    """The bundle's rows read as plain text, for the naive implementation."""

    def rows(table):
        header, *lines = table
        return [dict(zip(header, line, strict=True)) for line in lines]

    def day(text):
        return date.fromisoformat(text) if text else None

    people = [
        NPerson(r["person_id"], r["sex"].upper().replace("H", "M"), day(r["birth_date"]))
        for r in rows(data.PEOPLE)
    ]
    for person, r in zip(people, rows(data.PEOPLE), strict=True):
        person.education_level = r["education_level"]
    parcours = [
        NParcours(
            r["parcours_id"],
            r["person_id"],
            day(r["entry_date"]),
            day(r["exit_date"]),
            r["exit_type"],
            r["exit_reason"] if r["exit_type"] == "positive" else "",
            r["qpv_at_entry"].lower() in {"oui", "true", "1", "yes"},
            [code for code in r["entry_situations"].split("|") if code],
        )
        for r in rows(data.PARCOURS)
    ]
    steps = [
        NStep(
            r["step_id"],
            r["parcours_id"],
            r["category"],
            day(r["start_date"]),
            day(r["end_date"]),
            r["contract_type"],
        )
        for r in rows(data.STEPS)
    ]
    return people, parcours, steps


def test_the_naive_reading_agrees_with_the_hand_computation():
    people, parcours, steps = naive_rows()
    assert_same(naive_plie(2017, people, parcours, steps), EXPECTED_2017)
    assert_same(naive_cumulative(2012, 2017, parcours, steps), EXPECTED_2012_2017)


@pytest.mark.parametrize("french", [True, False], ids=["semicolon-bom", "comma"])
def test_bundle_to_annual_report(tmp_path, french):
    import_(data.write(tmp_path / "lot", french=french))

    report = annual_report()

    assert report["year"] == 2017
    assert_same(report["plie"], EXPECTED_2017)
    assert_same(report["cumulative"], EXPECTED_2012_2017)

    # The same bundle again (here as a .zip, in the other dialect) changes nothing.
    before = table_state()
    archive = tmp_path / "lot.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name, rows in data.FILES.items():
            zipped.writestr(f"lot/{name}", data.render(rows, french=not french))
    import_(archive)
    assert table_state() == before
    assert annual_report() == report


def test_a_corrected_bundle_changes_the_report(tmp_path):
    import_(data.write(tmp_path / "lot"))
    # PA04 actually ended in a CDI in November: still one exit, now positive.
    parcours = data.replace(
        data.PARCOURS, "PA04", exit_date="2017-11-30", exit_type="positive", exit_reason="cdi"
    )
    import_(data.write(tmp_path / "fix", {"plie_parcours.csv": parcours}))

    plie = annual_report()["plie"]

    assert plie["exits"] == {"positive": 4, "dropout": 0, "administrative": 0}
    assert plie["positive_exits_by_reason"]["cdi"] == 2
    assert plie["mean_path_months"] == pytest.approx((sum(PATH_DAYS) - 31) / 4 / 30.4375, rel=1e-12)
