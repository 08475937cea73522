"""The import_bundle and export_bundle commands: output, stderr format, exit code."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from maillage.audit.models import AuditEntry
from maillage.bundle.management.commands.import_bundle import Command as ImportCommand
from maillage.people.models import Person
from tests.bundle.conftest import PEOPLE, STRUCTURES

pytestmark = pytest.mark.django_db

ERROR_LINE = re.compile(r"^[\w.-]+\.(csv|zip):\d+: [\w/-]+: .+$")
BAD_PEOPLE = (
    "person_id,last_name,first_name,sex,birth_date,postcode\n"
    "P1,Dupont,Hélène,F,1984-03-21,69009\n"
    "P2,Martin,Léa,X,2999-01-01,690\n"
    "P1,Durand,Jean,M,1970-01-01,\n"
)


def test_import_prints_counts_and_audits_as_the_command_user(bundle_dir, capsys):
    call_command(
        "import_bundle",
        str(bundle_dir({"structures.csv": STRUCTURES, "people.csv": PEOPLE})),
        "--user",
        "camille",
    )
    out = capsys.readouterr().out
    assert "structures.csv : 2 ligne(s) — 2 créée(s), 0 modifiée(s), 0 inchangée(s)" in out
    assert "people.csv : 3 ligne(s) — 3 créée(s), 0 modifiée(s), 0 inchangée(s)" in out
    entry = AuditEntry.objects.filter(action="create").first()
    assert (entry.source, entry.actor_name) == ("command", "camille")


def test_dry_run_option(bundle_dir, capsys):
    call_command("import_bundle", str(bundle_dir({"people.csv": PEOPLE})), "--dry-run")
    assert "rien n'a été enregistré" in capsys.readouterr().out
    assert not Person.objects.exists()


def test_errors_go_to_stderr_one_per_line_and_nothing_is_written(bundle_dir, capsys):
    folder = bundle_dir({"structures.csv": STRUCTURES, "people.csv": BAD_PEOPLE})
    with pytest.raises(CommandError, match="4 erreur"):
        call_command("import_bundle", str(folder))
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines == [
        "people.csv:3: sex: sexe inconnu « X » : F ou M attendu (H est accepté pour M)",
        "people.csv:3: birth_date: date 2999-01-01 dans le futur",
        "people.csv:3: postcode: code postal invalide « 690 » : 5 chiffres attendus "
        "(un tableur a-t-il supprimé le zéro initial ?)",
        "people.csv:4: person_id: identifiant « P1 » en double dans le fichier (déjà ligne 2)",
    ]
    assert all(ERROR_LINE.match(line) for line in lines)
    assert captured.out == ""
    assert not Person.objects.exists()
    assert not AuditEntry.objects.exists()


def test_exit_status_is_non_zero(bundle_dir, capsys, monkeypatch):
    # run_from_argv is what `maillage import_bundle` runs; keep the test database open.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    folder = bundle_dir({"people.csv": BAD_PEOPLE})
    with pytest.raises(SystemExit) as exited:
        ImportCommand().run_from_argv(["maillage", "import_bundle", str(folder)])
    assert exited.value.code == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "people.csv:3: sex: sexe inconnu « X » : F ou M attendu (H est accepté pour M)"
    assert err[-1] == "CommandError: 4 erreur(s) : rien n'a été importé."


def test_export_command(tmp_path, bundle_dir, capsys):
    call_command("import_bundle", str(bundle_dir({"people.csv": PEOPLE})))
    call_command("export_bundle", str(tmp_path / "out.zip"))
    assert "people.csv : 3 ligne(s)" in capsys.readouterr().out
    call_command("import_bundle", str(tmp_path / "out.zip"))
    assert (
        "people.csv : 3 ligne(s) — 0 créée(s), 0 modifiée(s), 3 inchangée(s)"
        in capsys.readouterr().out
    )
