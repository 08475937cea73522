"""The people's rights: access export, erasure refused or done, retention (issue 10)."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from maillage.accounts.roles import Role
from maillage.audit.models import Action, AuditEntry
from maillage.people.models import Person, PersonAlias
from maillage.plie.models import StepCategory
from maillage.privacy.anonymisation import anonymise
from maillage.privacy.retention import due_for_anonymisation, kept_reasons
from tests.factories import FollowupFactory, PersonFactory, user_with_role
from tests.plie.factories import ParcoursFactory, StepFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 29)


def old(person: Person) -> Person:
    """As if the file had not been touched for years."""
    Person.objects.filter(pk=person.pk).update(
        updated_at=datetime.datetime(2015, 1, 1, tzinfo=datetime.UTC)
    )
    return person


def exited_parcours(person, year):
    return ParcoursFactory(
        person=person,
        entry_date=datetime.date(year - 1, 1, 1),
        exit_date=datetime.date(year, 6, 30),
        exit_type="positive",
        exit_reason="cdi",
    )


def test_the_access_export_holds_every_module_and_is_audited(client, admin_user):
    person = PersonFactory(last_name="Martin", first_names="Léa")
    parcours = ParcoursFactory(person=person)
    StepFactory(parcours=parcours, category=StepCategory.EMPLOYMENT_CONTRACT)
    client.force_login(admin_user)

    page = client.get(reverse("privacy:subject_access", args=[person.pk]))
    assert page.status_code == 200
    assert "Martin" in page.text and "Parcours" in page.text and "Étapes" in page.text

    download = client.get(reverse("privacy:subject_access_json", args=[person.pk]))
    data = json.loads(download.content)
    assert data["Personne"]["nom d'usage"] == "Martin"
    assert any("Étapes" in key for key in data)
    assert "attachment" in download["Content-Disposition"]
    assert AuditEntry.objects.filter(action=Action.EXPORT, person_id=person.pk).count() == 2


def test_only_administrators_process_rights_requests(client, structure_a):
    referent = user_with_role(Role.REFERENT, structure_a)
    person = PersonFactory()
    FollowupFactory(person=person, structure=structure_a)
    client.force_login(referent)
    assert client.get(reverse("privacy:subject_access", args=[person.pk])).status_code == 403


def test_erasure_is_refused_while_the_fse_retention_runs(client, admin_user):
    person = PersonFactory(last_name="Garder")
    exited_parcours(person, 2024)
    assert kept_reasons(person, TODAY)
    client.force_login(admin_user)
    response = client.post(reverse("privacy:erase", args=[person.pk]), follow=True)
    assert "Effacement refusé" in response.text and "FSE" in response.text
    person.refresh_from_db()
    assert person.last_name == "Garder" and person.anonymised_at is None


def test_erasure_anonymises_the_identity_when_nothing_obliges_to_keep(client, admin_user):
    person = PersonFactory(last_name="Effacer", email="a@example.org")
    PersonAlias.objects.create(person=person, external_id="OLD-1")
    client.force_login(admin_user)
    client.post(reverse("privacy:erase", args=[person.pk]))
    person.refresh_from_db()
    assert (person.last_name, person.first_names, person.email) == ("ANONYME", "", "")
    assert person.external_id == f"anonyme-{person.pk}" and person.anonymised_at
    assert not PersonAlias.objects.filter(person=person).exists()
    assert not Person.objects.search("Effacer").exists()


def test_who_is_due_for_anonymisation():
    long_gone = old(PersonFactory(last_name="Ancien"))
    exited_parcours(long_gone, 2014)
    recent_exit = old(PersonFactory(last_name="Recent"))
    exited_parcours(recent_exit, 2020)
    still_open = old(PersonFactory(last_name="Ouvert"))
    ParcoursFactory(person=still_open, entry_date=datetime.date(2013, 1, 1))
    old(PersonFactory(last_name="Rien"))
    touched = PersonFactory(last_name="Touche")  # updated now

    due = set(due_for_anonymisation(TODAY).values_list("last_name", flat=True))
    assert due == {"Ancien", "Rien"}
    assert touched.last_name not in due


def test_a_module_without_a_retention_rule_keeps_its_people(monkeypatch):
    from maillage.privacy import retention

    person = old(PersonFactory(last_name="Module"))
    exited_parcours(person, 2010)
    assert person in due_for_anonymisation(TODAY)
    monkeypatch.setattr(retention, "RULES", ())  # parcours now have no rule
    assert person not in due_for_anonymisation(TODAY)


def test_the_daily_command_anonymises_what_is_due(capsys):
    person = old(PersonFactory(last_name="Commande"))
    call_command("anonymise_due", "--dry-run", today=TODAY)
    assert "1 personne(s) à anonymiser" in capsys.readouterr().out
    call_command("anonymise_due", today=TODAY)
    person.refresh_from_db()
    assert person.last_name == "ANONYME"
    assert anonymise(Person.objects.filter(pk=person.pk), reason="again") == 0
