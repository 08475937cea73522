"""``maillage backup`` then ``maillage restore`` gives back the same report (issue 10)."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from maillage.people.models import Person
from maillage.plie.models import StepCategory
from maillage.reports.blocks import build_report
from tests.factories import PersonFactory
from tests.plie.factories import ParcoursFactory, StepFactory

# Committed rows: pg_dump sees only what other sessions can see.
pytestmark = pytest.mark.django_db(transaction=True)


def some_activity() -> None:
    for index in range(6):
        parcours = ParcoursFactory(
            entry_date=datetime.date(2017, 1 + index, 3), situations=["rsa"] if index % 2 else []
        )
        StepFactory(parcours=parcours, category=StepCategory.EMPLOYMENT_CONTRACT)


def test_a_round_trip_gives_the_same_annual_report(tmp_path):
    some_activity()
    before = build_report(2017, since=2015)
    call_command("backup", output=str(tmp_path / "maillage.backup"))
    assert (tmp_path / "maillage.backup").stat().st_mode & 0o777 == 0o600

    PersonFactory(last_name="Ajoutée", first_names="Après")  # a change after the backup
    call_command("restore", str(tmp_path / "maillage.backup"), yes=True)

    assert not Person.objects.filter(last_name="Ajoutée").exists()
    assert build_report(2017, since=2015) == before
    assert before["plie"]["participants"] == 6


def test_restoring_a_file_that_is_not_a_backup_changes_nothing(tmp_path):
    some_activity()
    before = build_report(2017)
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a backup at all" * 100)
    with pytest.raises(CommandError):
        call_command("restore", str(junk), yes=True)
    with pytest.raises(CommandError, match="introuvable"):
        call_command("restore", str(tmp_path / "missing.backup"), yes=True)
    assert build_report(2017) == before
