"""companies.csv, company_contacts.csv, company_interactions.csv: import, refusals, export."""

import csv
import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from maillage.bundle.exporter import export_bundle
from maillage.bundle.importer import import_bundle
from maillage.companies import services
from maillage.companies.bundle_crm import LocalDateTime
from maillage.companies.models import Company, Contact, Interaction
from tests.bundle.conftest import write_bundle
from tests.companies.factories import CompanyFactory

pytestmark = pytest.mark.django_db

COMPANIES = (
    "\ufeffcompany_id;name;siret;naf;postcode;charter_signed_on\r\n"
    "C01;Boulangerie du Plateau;732 829 320 00074;1071c;69004;2016-05-12\r\n"
    "C02;La Poste Lyon Part-Dieu;35600000049837;53.10Z;01000;\r\n"
    "C03;Transports Rhône;;;;\r\n"
)
CONTACTS = (
    "contact_id,company_id,first_name,last_name,function,phone,email,left_on\n"
    "K01,C01,Claire,Durand,Responsable RH,04 78 00 00 00,claire.durand@example.fr,\n"
    "K02,C01,Jean-Luc,N’Diaye,Gérant,+33 6 12 34 56 78,,2017-06-30\n"
    "K03,C02,,Martin,,,,\n"
)
INTERACTIONS = (
    "interaction_id,company_id,contact_id,kind,occurred_at,done,summary,agreed,"
    "next_action,next_action_due\n"
    'I01,C01,K01,visit,2017-03-21T14:30,oui,"Visite du fournil; atelier",Envoi de 3 CV,'
    "Envoyer les CV,2017-03-28\n"
    "I02,C01,,call,2017-04-02,,Point sur les recrutements,,,\n"
    "I03,C02,K03,appointment,2099-01-15T09:00,non,Rendez-vous prévu,,Préparer,2099-01-10\n"
)


def run(tmp_path, files: dict, name="lot"):
    return import_bundle(write_bundle(tmp_path / name, files))


def errors(tmp_path, files: dict) -> list[str]:
    counts = (Company.objects.count(), Contact.objects.count(), Interaction.objects.count())
    report = run(tmp_path, files)
    assert counts == (
        Company.objects.count(),
        Contact.objects.count(),
        Interaction.objects.count(),
    ), "nothing is written when a row is wrong"
    return [str(e) for e in report.errors]


ALL = {
    "companies.csv": COMPANIES,
    "company_contacts.csv": CONTACTS,
    "company_interactions.csv": INTERACTIONS,
}


def test_import_then_again_changes_nothing(tmp_path):
    report = run(tmp_path, ALL)
    assert report.errors == []
    assert [(f.name, f.created) for f in report.files] == [
        ("companies.csv", 3),
        ("company_contacts.csv", 3),
        ("company_interactions.csv", 3),
    ]
    companies = {
        c.external_id: (c.siret, c.naf, c.postcode, c.charter_signed_on)
        for c in Company.objects.all()
    }
    assert companies == {
        "C01": ("73282932000074", "10.71C", "69004", dt.date(2016, 5, 12)),
        "C02": ("35600000049837", "53.10Z", "01000", None),
        "C03": ("", "", "", None),
    }
    durand = Contact.objects.get(external_id="K01")
    assert (durand.company.external_id, durand.first_names, durand.phone, durand.has_left) == (
        "C01",
        "Claire",
        "04 78 00 00 00",
        False,
    )
    assert Contact.objects.get(external_id="K02").active_until == dt.date(2017, 6, 30)
    visit = Interaction.objects.get(external_id="I01")
    assert timezone.localtime(visit.occurred_at).strftime("%Y-%m-%d %H:%M") == "2017-03-21 14:30"
    assert (visit.contact, visit.done, visit.summary) == (
        durand,
        True,
        "Visite du fournil; atelier",
    )
    assert (visit.next_action, visit.next_action_due) == ("Envoyer les CV", dt.date(2017, 3, 28))
    # An empty "done": done when it took place already, planned otherwise.
    assert Interaction.objects.get(external_id="I02").done is True
    assert Interaction.objects.get(external_id="I03").done is False

    again = run(tmp_path, ALL, name="again")
    assert [(f.created, f.updated, f.unchanged) for f in again.files] == [(0, 0, 3)] * 3
    changed = INTERACTIONS.replace("Envoi de 3 CV", "Envoi de 4 CV")
    later = run(tmp_path, {"company_interactions.csv": changed}, name="later")
    assert [(f.created, f.updated, f.unchanged) for f in later.files] == [(0, 1, 2)]
    assert Interaction.objects.get(external_id="I01").agreed == "Envoi de 4 CV"


@pytest.mark.parametrize(
    ("file", "row", "message"),
    [
        (
            "companies.csv",
            "C04;Erreur;73282932000075;;;",
            "companies.csv:5: siret: Le numéro SIRET « 73282932000075 » n'est pas valide",
        ),
        (
            "companies.csv",
            "C04;Erreur;;47.1F;;",
            "companies.csv:5: naf: Le code NAF « 47.1F » n'est pas valide",
        ),
        (
            "companies.csv",
            "C04;Erreur;;;1000;",
            "companies.csv:5: postcode: code postal invalide « 1000 »",
        ),
        (
            "company_contacts.csv",
            "K04,C99,Anne,Roux,,,,",
            "company_contacts.csv:5: company_id: « C99 » introuvable, ni dans companies.csv "
            "ni dans la base",
        ),
        (
            "company_contacts.csv",
            "K04,C01,Anne,Roux,,pas un numéro,,",
            "company_contacts.csv:5: phone: numéro de téléphone invalide « pas un numéro »",
        ),
        (
            "company_contacts.csv",
            "K04,C01,Anne,Roux,,,anne@,",
            "company_contacts.csv:5: email: adresse électronique invalide « anne@ »",
        ),
        (
            "company_contacts.csv",
            "K04,C01,Anne,Roux,,,,2099-01-01",
            "company_contacts.csv:5: left_on: date 2099-01-01 dans le futur",
        ),
        (
            "company_contacts.csv",
            "K01,C01,Anne,Roux,,,,",
            "company_contacts.csv:5: contact_id: identifiant « K01 » en double dans le fichier",
        ),
        (
            "company_interactions.csv",
            "I04,C01,,visit,2099-01-15T09:00,true,,,,",
            "company_interactions.csv:5: done: une interaction dans le futur ne peut pas être "
            "marquée comme réalisée",
        ),
        (
            "company_interactions.csv",
            "I04,C01,,visit,2017-01-15,,,,,2017-02-01",
            "company_interactions.csv:5: next_action: indiquez la prochaine action de cette "
            "échéance",
        ),
        (
            "company_interactions.csv",
            "I04,C01,K03,visit,2017-01-15,,,,,",
            "company_interactions.csv:5: contact_id: le contact « K03 » n'appartient pas à "
            "l'entreprise « C01 »",
        ),
        (
            "company_interactions.csv",
            "I04,C01,,lunch,2017-01-15,,,,,",
            "company_interactions.csv:5: kind: valeur inconnue « lunch » ; valeurs acceptées : "
            "appointment, visit, call, email, event",
        ),
        (
            "company_interactions.csv",
            "I04,C01,,visit,15/01/2017,,,,,",
            "company_interactions.csv:5: occurred_at: date « 15/01/2017 » : format AAAA-MM-JJ "
            "ou AAAA-MM-JJTHH:MM attendu (ex. 2017-03-21T14:30)",
        ),
        (
            "company_interactions.csv",
            "I04,C01,,visit,2017-02-30T10:00,,,,,",
            "company_interactions.csv:5: occurred_at: date ou heure impossible "
            "« 2017-02-30T10:00 »",
        ),
    ],
)
def test_bad_rows_are_reported_and_nothing_is_written(tmp_path, file, row, message):
    files = dict(ALL)
    newline = "\r\n" if file == "companies.csv" else "\n"
    files[file] = files[file] + row + newline
    found = errors(tmp_path, files)
    assert len(found) == 1 and found[0].startswith(message), found
    assert not Company.objects.exists()


def test_a_contact_does_not_change_company(tmp_path):
    assert run(tmp_path, ALL).errors == []
    moved = CONTACTS.replace("K03,C02,", "K03,C03,")
    assert errors(tmp_path, {"company_contacts.csv": moved}) == [
        "company_contacts.csv:4: company_id: ce contact est déjà enregistré dans une autre "
        "entreprise ; un contact qui change d'entreprise est un nouveau contact (autre contact_id)"
    ]


def test_references_to_records_already_in_the_database(tmp_path, admin_user):
    company = CompanyFactory(external_id="DB-1")
    contact = services.add_contact(company, acting_user=admin_user, last_name="Roux")
    rows = (
        "interaction_id,company_id,contact_id,kind,occurred_at\n"
        f"I10,DB-1,{contact.external_id},email,2017-05-02T08:05\n"
    )
    assert run(tmp_path, {"company_interactions.csv": rows}).errors == []
    assert Interaction.objects.get(external_id="I10").contact == contact


def _read(folder, name):
    with (folder / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_export_then_import_changes_nothing(tmp_path, admin_user):
    assert run(tmp_path, ALL).errors == []
    company = services.create_company(acting_user=admin_user, name="Créée dans Maillage")
    contact = services.add_contact(
        company, acting_user=admin_user, last_name="Petit", first_names="Léa"
    )
    services.log_interaction(
        company,
        acting_user=admin_user,
        contact=contact,
        kind="call",
        occurred_at=timezone.make_aware(dt.datetime(2017, 7, 3, 16, 45, 12)),
        summary='Appel "urgent", rappel',
    )
    export_bundle(tmp_path / "export")
    contacts = {
        row["contact_id"]: row for row in _read(tmp_path / "export", "company_contacts.csv")
    }
    assert contacts[contact.external_id]["company_id"] == company.external_id
    assert contacts["K02"]["left_on"] == "2017-06-30"
    interactions = {
        row["interaction_id"]: row for row in _read(tmp_path / "export", "company_interactions.csv")
    }
    assert interactions["I01"]["occurred_at"] == "2017-03-21T14:30"
    assert interactions["I02"]["occurred_at"] == "2017-04-02T00:00"
    assert interactions["I02"]["contact_id"] == "" and interactions["I01"]["done"] == "true"
    files = {
        name: (tmp_path / "export" / name).read_text(encoding="utf-8")
        for name in ("companies.csv", "company_contacts.csv", "company_interactions.csv")
    }
    report = run(tmp_path, files, name="reimport")
    assert report.errors == []
    assert [(f.created, f.updated) for f in report.files] == [(0, 0)] * 3


@given(
    st.datetimes(
        min_value=dt.datetime(1990, 1, 1),
        max_value=dt.datetime(2090, 12, 31),
        timezones=st.just(dt.UTC),
    )
)
def test_occurred_at_format_then_parse_is_the_same_instant(value):
    cell = LocalDateTime()
    text = cell.format(value)
    parsed = cell.parse(text)
    # A wall-clock time repeated when clocks go back (DST) reads as its first occurrence.
    assert parsed == value or cell.format(parsed) == text
