"""``maillage annual_report``: JSON on standard output or in a file, arguments checked."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from maillage.reports.blocks import build_report, register, registered
from tests.plie.factories import ParcoursFactory, StepFactory

pytestmark = pytest.mark.django_db

PLIE_KEYS = {
    "participants",
    "new_entrants",
    "new_entrants_qpv",
    "new_entrants_qpv_share",
    "steps",
    "steps_per_participant",
    "contracts",
    "contract_holders",
    "employment_step_share",
    "exits",
    "positive_exit_rate",
    "positive_exits_by_reason",
    "mean_path_months",
    "age_brackets",
    "sex",
    "entry_situations",
    "education_levels",
    "steps_by_category",
    "active_at_year_end_by_entry_year",
}
CUMULATIVE_KEYS = {
    "participants",
    "new_entrants",
    "new_entrants_qpv_share",
    "steps",
    "steps_per_participant",
    "contracts",
    "employment_step_share",
    "exits",
    "positive_exit_rate",
}


def run(*args) -> str:
    out = StringIO()
    call_command("annual_report", *args, stdout=out)
    return out.getvalue()


def test_json_output_has_the_blocks_and_keys():
    parcours = ParcoursFactory(
        entry_date=date(2017, 2, 1),
        exit_date=date(2017, 11, 30),
        exit_type="positive",
        exit_reason="cdi",
    )
    StepFactory(parcours=parcours, category="employment_contract", contract_type="cdi")
    report = json.loads(run("--year", "2017", "--since", "2012", "--format", "json"))
    assert report["year"] == 2017
    assert set(report["plie"]) == PLIE_KEYS
    assert set(report["cumulative"]) == CUMULATIVE_KEYS
    assert report["plie"]["participants"] == 1
    assert report["plie"]["exits"] == {"positive": 1, "dropout": 0, "administrative": 0}
    assert report["plie"]["employment_step_share"] == 1.0
    assert set(report["plie"]["active_at_year_end_by_entry_year"]) == {
        "before_2012",
        "2012",
        "2013",
        "2014",
        "2015",
        "2016",
        "2017",
    }
    assert report["cumulative"]["participants"] == 1


def test_without_since_there_is_no_cumulative_block():
    report = json.loads(run("--year", "2017"))
    assert "cumulative" not in report
    assert set(report["plie"]) == PLIE_KEYS


def test_output_file(tmp_path):
    target = tmp_path / "rapport.json"
    assert run("--year", "2017", "--output", str(target)) == ""
    assert json.loads(target.read_text(encoding="utf-8"))["year"] == 2017


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2017", "--since", "2018"], "antérieure ou égale"),
        (["--year", "1800"], "entre 1900 et 2100"),
        (["--year", "2017", "--since", "2200"], "entre 1900 et 2100"),
        (["--year", "2017", "--format", "pdf"], "nécessite --output"),
    ],
)
def test_bad_arguments_are_explained(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_blocks_are_registered_by_the_apps():
    names = [block.name for block in registered()]
    assert {"plie", "cumulative"} <= set(names)
    register("test_block", lambda year: {"answer": year})
    try:
        assert build_report(2017)["test_block"] == {"answer": 2017}
    finally:
        from maillage.reports import blocks

        blocks._registry.pop("test_block")
