"""``maillage zfu_simulate FILE.json``: JSON out, or the problems on stderr and status 1."""

import io
import json

import pytest
from django.core.management import call_command

from tests.zfu.builders import json_input


def run(*args, stdin: str | None = None, monkeypatch=None):
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    call_command("zfu_simulate", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_file_gives_the_simulation_as_json(tmp_path):
    path = tmp_path / "boulangerie.json"
    path.write_text(json.dumps(json_input()), encoding="utf-8")
    out, err = run(str(path))
    result = json.loads(out)
    assert err == ""
    assert result["eligibility"]["verdict"] == "eligible"
    assert result["fiscal_years"][0]["exempt_profit_eur"] == 30000
    assert "Éligible" in out  # French text kept readable, not \u-escaped


def test_stdin_with_a_dash(monkeypatch):
    out, _ = run("-", stdin=json.dumps(json_input(employees=51)), monkeypatch=monkeypatch)
    assert json.loads(out)["eligibility"]["verdict"] == "not_eligible"


def test_invalid_input_prints_the_errors_and_exits_1(tmp_path, capsys):
    path = tmp_path / "faux.json"
    path.write_text(json.dumps(json_input(naf_code="xx", employees=-3)), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("zfu_simulate", str(path), stdout=out, stderr=err)
    assert exited.value.code == 1
    assert out.getvalue() == ""
    assert "naf_code : code NAF invalide" in err.getvalue()
    assert "employees : doit être supérieur ou égal à 0." in err.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "JSON invalide (ligne 1, colonne 2)"), ("[]", "doit être un objet JSON")],
)
def test_malformed_json(tmp_path, content, message):
    path = tmp_path / "input.json"
    path.write_text(content, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("zfu_simulate", str(path), stdout=io.StringIO(), stderr=err)
    assert message in err.getvalue()


def test_missing_file(tmp_path):
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("zfu_simulate", str(tmp_path / "absent.json"), stderr=err)
    assert "Lecture impossible" in err.getvalue()
