"""mic_*.csv: the Mission Insertion Culture's spreadsheets in a data bundle."""

import csv

import pytest

from maillage.bundle.exporter import _write_file
from maillage.bundle.importer import import_bundle
from maillage.bundle.registry import registry as default_registry
from maillage.insertion_culture.figures import insertion_culture_block
from maillage.insertion_culture.models import CollectiveAction, Participation, Partner
from tests.bundle.conftest import write_bundle

pytestmark = pytest.mark.django_db

PEOPLE = (
    "person_id,last_name,first_name,sex,birth_date,postcode,city\n"
    "P1,Dupré,Hélène,F,1996-03-21,69100,Villeurbanne\n"
    "P2,Martin,Paul,M,1970-01-02,69008,Lyon\n"
)
PARTNERS = (
    "\ufeffpartner_code;name;category;city\r\n"
    "OPERA;Opéra de Lyon;music;Lyon\r\n"
    "ML;Mission Locale de Lyon;mission_locale;Lyon\r\n"
)
ACTIONS = (
    "action_code,title,kind,starts_on,ends_on,description\n"
    "A1,Visite de l'opéra,visit,2017-03-01,2017-03-01,\n"
)
LINKS = "action_code,partner_code\nA1,OPERA\nA1,ML\n"
PARTICIPATIONS = (
    "action_code,person_id,registered_on,referred_by,rsa,plie,deld,fle,young,qpv,qva\n"
    "A1,P1,2017-02-20,ML,oui,non,non,non,oui,non,non\n"
    "A1,P2,2017-02-21,,,,,,,,\n"
)
ALL = {
    "people.csv": PEOPLE,
    "mic_partners.csv": PARTNERS,
    "mic_actions.csv": ACTIONS,
    "mic_action_partners.csv": LINKS,
    "mic_participations.csv": PARTICIPATIONS,
}


def run(tmp_path, files, name="lot"):
    return import_bundle(write_bundle(tmp_path / name, files))


def test_import_then_again_changes_nothing(tmp_path):
    report = run(tmp_path, ALL)
    assert report.errors == []
    assert Partner.objects.get(code="ML").side == "insertion"
    assert list(
        CollectiveAction.objects.get().partners.order_by("code").values_list("code", flat=True)
    ) == ["ML", "OPERA"]
    helene = Participation.objects.get(person__external_id="P1")
    assert (helene.territory, helene.territory_kind) == ("Villeurbanne", "metropole")
    assert helene.is_rsa and helene.is_young and helene.referred_by.code == "ML"
    block = insertion_culture_block(2017)
    assert block["participants"] == 2 and block["territories"] == 2
    assert block["partners_by_side"] == {"insertion": 1, "culture": 1}
    again = run(tmp_path, ALL, name="encore")
    assert again.errors == [] and all(f.created == f.updated == 0 for f in again.files)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {
                "mic_actions.csv": "action_code,title,kind,starts_on,ends_on\n"
                "A1,X,visit,2017-03-02,2017-03-01\n"
            },
            "mic_actions.csv:2: ends_on: fin de l'action antérieure à son début",
        ),
        (
            {"mic_partners.csv": "partner_code,name,category\nP,X,opera\n"},
            "mic_partners.csv:2: category: valeur inconnue",
        ),
        (
            {
                **ALL,
                "mic_participations.csv": "action_code,person_id,registered_on,referred_by\n"
                "A1,P1,2017-02-20,OPERA\n",
            },
            "mic_participations.csv:2: referred_by: ce partenaire n'est pas un partenaire "
            "de l'insertion",
        ),
        (
            {
                **ALL,
                "mic_participations.csv": "action_code,person_id,registered_on\nA1,P9,2017-02-20\n",
            },
            "mic_participations.csv:2: person_id:",
        ),
    ],
)
def test_bad_rows_are_refused_and_nothing_is_written(tmp_path, files, message):
    report = run(tmp_path, files)
    assert any(str(e).startswith(message) for e in report.errors), report.errors
    assert not Partner.objects.exists() and not CollectiveAction.objects.exists()


def test_export_gives_the_same_files(tmp_path):
    assert run(tmp_path, ALL).errors == []
    for name in ("mic_partners.csv", "mic_action_partners.csv", "mic_participations.csv"):
        path = tmp_path / name
        with path.open("w", encoding="utf-8", newline="") as stream:
            _write_file(default_registry.get(name), default_registry, stream)
        with path.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        assert rows, name
    with (tmp_path / "mic_participations.csv").open(encoding="utf-8", newline="") as stream:
        rows = {row["person_id"]: row for row in csv.DictReader(stream)}
    assert rows["P1"]["referred_by"] == "ML" and rows["P1"]["rsa"] == "true"
    assert rows["P2"]["referred_by"] == ""
