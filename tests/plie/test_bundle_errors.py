"""Bad PLIE bundles: each mistake is reported as ``FILE:LINE: COLUMN: message``, nothing written.

Lines count the header as line 1: in tests.plie.bundle_data, PAnn is on line
nn + 1 of plie_parcours.csv and Enn on line nn + 1 of plie_steps.csv.
"""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from maillage.bundle.importer import import_bundle
from tests.plie import bundle_data as data
from tests.plie.bundle_tables import table_counts, table_state
from tests.plie.factories import ParcoursFactory, PersonFactory, StepFactory

pytestmark = pytest.mark.django_db

CATEGORIES = "employment_contract, training, complementary_action, specific_service, support"
CONTRACTS = (
    "cdi, cdd, interim, cui_cie, pec, pmsmp, apprenticeship, professionalisation, siae, other"
)
SITUATIONS = "rsa, deld, de_lt_1y, th, young_unqualified, single_parent, other_exclusion"
REASONS = "cdi, cdd_6m_plus, qualifying_training, business_creation, other_status"


def refused(tmp_path, files: dict, *, french: bool = True) -> list[str]:
    """Import the whole bundle with ``files`` replaced; the errors, once nothing was written."""
    before = table_counts()
    bundle = {**data.FILES, **files}
    report = import_bundle(data.write(tmp_path / "lot", bundle, french=french))
    assert table_counts() == before
    assert report.errors
    return [str(error) for error in report.errors]


# -- the cases of the issue --------------------------------------------------------------


def test_a_step_starting_before_its_parcours(tmp_path):
    steps = data.replace(data.STEPS, "E04", start_date="2017-02-01")
    assert refused(tmp_path, {"plie_steps.csv": steps}) == [
        "plie_steps.csv:5: start_date: L'étape commence (01/02/2017) avant l'entrée dans le "
        "parcours (01/03/2017)."
    ]


def test_a_step_starting_after_its_parcours_ended(tmp_path):
    steps = data.replace(data.STEPS, "E09", start_date="2017-01-16")
    assert refused(tmp_path, {"plie_steps.csv": steps}) == [
        "plie_steps.csv:10: start_date: L'étape commence (16/01/2017) après la sortie du "
        "parcours (15/01/2017)."
    ]


def test_a_step_ending_before_it_starts(tmp_path):
    steps = data.replace(data.STEPS, "E04", end_date="2017-03-31")
    assert refused(tmp_path, {"plie_steps.csv": steps}) == [
        "plie_steps.csv:5: end_date: La fin de l'étape (31/03/2017) précède son début (01/04/2017)."
    ]


def test_overlapping_parcours_in_the_bundle(tmp_path):
    parcours = data.replace(data.PARCOURS, "PA10", entry_date="2016-12-31")
    assert refused(tmp_path, {"plie_parcours.csv": parcours}) == [
        "plie_parcours.csv:11: entry_date: La personne a déjà un parcours PLIE sur cette période "
        "(du 01/04/2013 au 31/12/2016) : parcours « PA07 », ligne 8."
    ]


def test_an_open_parcours_overlaps_every_later_one(tmp_path):
    parcours = data.replace(data.PARCOURS, "PA01", exit_date="", exit_type="", exit_reason="")
    assert refused(tmp_path, {"plie_parcours.csv": parcours}) == [
        "plie_parcours.csv:3: entry_date: La personne a déjà un parcours PLIE sur cette période "
        "(du 15/09/2011 sans date de sortie) : parcours « PA01 », ligne 2."
    ]


def test_overlap_with_a_parcours_of_the_database(tmp_path):
    stored = ParcoursFactory(
        external_id="OLD-1",
        person=PersonFactory(external_id="P08"),
        entry_date=dt.date(2005, 1, 1),
        exit_date=dt.date(2010, 6, 1),
        exit_type="dropout",
    )
    assert refused(tmp_path, {}) == [
        "plie_parcours.csv:10: entry_date: La personne a déjà un parcours PLIE sur cette période "
        "(du 01/01/2005 au 01/06/2010) : parcours « OLD-1 » déjà enregistré."
    ]
    # Once the bundle moves the stored parcours' exit (it names it), the bundle is accepted.
    parcours = data.add(
        data.PARCOURS,
        ("OLD-1", "P08", "REF2", "2005-01-01", "non", "", "2010-05-31", "dropout", ""),
    )
    report = import_bundle(
        data.write(tmp_path / "fixed", {**data.FILES, "plie_parcours.csv": parcours})
    )
    assert report.errors == []
    stored.refresh_from_db()
    assert stored.exit_date == dt.date(2010, 5, 31)


def test_an_exit_before_the_entry(tmp_path):
    parcours = data.replace(data.PARCOURS, "PA02", exit_date="2015-12-31")
    assert refused(tmp_path, {"plie_parcours.csv": parcours}) == [
        "plie_parcours.csv:3: exit_date: La date de sortie (31/12/2015) précède la date "
        "d'entrée (01/02/2016)."
    ]


def test_a_positive_exit_without_reason(tmp_path):
    parcours = data.replace(data.PARCOURS, "PA05", exit_reason="")
    assert refused(tmp_path, {"plie_parcours.csv": parcours}) == [
        "plie_parcours.csv:6: exit_reason: Une sortie positive doit avoir un motif."
    ]


def test_an_unknown_category(tmp_path):
    steps = data.replace(data.STEPS, "E04", category="atelier")
    assert refused(tmp_path, {"plie_steps.csv": steps}) == [
        f"plie_steps.csv:5: category: catégorie inconnue « atelier » ; attendu : {CATEGORIES}"
    ]


def test_an_unknown_contract_type(tmp_path):
    steps = data.replace(data.STEPS, "E03", contract_type="CDI-C")
    assert refused(tmp_path, {"plie_steps.csv": steps}) == [
        "plie_steps.csv:4: contract_type: type de contrat inconnu « CDI-C » ; "
        f"attendu : {CONTRACTS}"
    ]


# -- the other rules of one row ----------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"exit_type": ""},
            "exit_type: Indiquez le type de sortie (positive, rupture ou administrative).",
        ),
        (
            {"exit_date": "", "exit_type": "dropout", "exit_reason": ""},
            "exit_date: Une sortie doit avoir une date.",
        ),
        (
            {"exit_reason": "cdd"},
            f"exit_reason: Motif de sortie positive inconnu : « cdd » (attendu : {REASONS}).",
        ),
        (
            {"exit_type": "success"},
            "exit_type: valeur inconnue « success » ; valeurs acceptées : "
            "positive, dropout, administrative",
        ),
        (
            {"entry_situations": "rsa|chomeur"},
            f"entry_situations: valeur inconnue « chomeur » ; valeurs acceptées : {SITUATIONS}",
        ),
        (
            {"qpv_at_entry": ""},
            "qpv_at_entry: valeur obligatoire manquante",
        ),
        (
            {"person_id": "P99"},
            "person_id: « P99 » introuvable, ni dans people.csv ni dans la base",
        ),
    ],
)
def test_parcours_row_rules(tmp_path, changes, expected):
    parcours = data.replace(data.PARCOURS, "PA02", **changes)
    assert refused(tmp_path, {"plie_parcours.csv": parcours}) == [
        f"plie_parcours.csv:3: {expected}"
    ]


def test_a_reason_without_exit(tmp_path):
    parcours = data.replace(data.PARCOURS, "PA03", exit_reason="Déménagement")
    assert refused(tmp_path, {"plie_parcours.csv": parcours}) == [
        "plie_parcours.csv:4: exit_reason: Un motif de sortie sans date de sortie n'a pas de sens."
    ]


@pytest.mark.parametrize(
    ("key", "changes", "expected"),
    [
        ("E03", {"contract_type": ""}, "contract_type: Indiquez le type de contrat de travail."),
        (
            "E04",
            {"contract_type": "cdd"},
            "contract_type: Le type de contrat ne concerne que les étapes « contrat de travail ».",
        ),
        ("E04", {"parcours_id": "PA99"}, None),
        (
            "E04",
            {"operation_code": "OP-X"},
            "operation_code: « OP-X » introuvable, ni dans operations.csv ni dans la base",
        ),
        (
            "E04",
            {"company_id": "C99"},
            "company_id: « C99 » introuvable, ni dans companies.csv ni dans la base",
        ),
        ("E04", {"start_date": "2017-02-30"}, "start_date: date impossible « 2017-02-30 »"),
    ],
)
def test_step_row_rules(tmp_path, key, changes, expected):
    steps = data.replace(data.STEPS, key, **changes)
    line = int(key[1:]) + 1
    if expected is None:
        expected = "parcours_id: « PA99 » introuvable, ni dans plie_parcours.csv ni dans la base"
    assert refused(tmp_path, {"plie_steps.csv": steps}) == [f"plie_steps.csv:{line}: {expected}"]


@pytest.mark.parametrize(
    ("name", "missing"),
    [
        ("plie_parcours.csv", "entry_date"),
        ("plie_parcours.csv", "person_id"),
        ("plie_parcours.csv", "qpv_at_entry"),
        ("plie_steps.csv", "parcours_id"),
        ("plie_steps.csv", "start_date"),
        ("plie_steps.csv", "category"),
    ],
)
def test_a_missing_required_column_is_one_error(tmp_path, name, missing):
    index = data.FILES[name][0].index(missing)
    table = [(*row[:index], *row[index + 1 :]) for row in data.FILES[name]]
    assert refused(tmp_path, {name: table}) == [f"{name}:1: {missing}: colonne obligatoire absente"]


# -- steps already in the database -------------------------------------------------------


@pytest.fixture
def stored(tmp_path):
    assert import_bundle(data.write(tmp_path / "initial")).errors == []


def test_a_later_entry_date_that_leaves_a_stored_step_out(tmp_path, stored):
    parcours = data.replace(data.PARCOURS, "PA04", entry_date="2016-06-01")
    before = table_state()
    report = import_bundle(data.write(tmp_path / "lot", {"plie_parcours.csv": parcours}))
    assert [str(e) for e in report.errors] == [
        "plie_parcours.csv:5: entry_date: 1 étape(s) commencent avant cette date d'entrée "
        "(la première le 01/05/2016)."
    ]
    assert table_state() == before


def test_an_earlier_exit_that_leaves_stored_steps_out(tmp_path, stored):
    parcours = data.replace(data.PARCOURS, "PA05", exit_date="2016-10-31")
    steps = (data.STEPS_HEADER, data.STEPS[9])  # E09 is listed, unchanged: checked as a row
    report = import_bundle(
        data.write(tmp_path / "lot", {"plie_parcours.csv": parcours, "plie_steps.csv": steps})
    )
    assert [str(e) for e in report.errors] == [
        "plie_steps.csv:2: start_date: L'étape commence (05/01/2017) après la sortie du "
        "parcours (31/10/2016).",
        "plie_parcours.csv:6: exit_date: 1 étape(s) commencent après cette date de sortie "
        "(la première le 01/11/2016).",
    ]


def test_a_stored_step_of_a_stored_parcours(tmp_path):
    parcours = ParcoursFactory(external_id="DB1", entry_date=dt.date(2017, 1, 1))
    StepFactory(external_id="DBS1", parcours=parcours, start_date=dt.date(2017, 3, 1))
    rows = (
        data.PARCOURS_HEADER,
        (
            "DB1",
            parcours.person.external_id,
            parcours.structure.code,
            "2017-01-01",
            "non",
            "",
            "2017-02-28",
            "dropout",
            "",
        ),
    )
    assert [
        str(e)
        for e in import_bundle(data.write(tmp_path / "lot", {"plie_parcours.csv": rows})).errors
    ] == [
        "plie_parcours.csv:2: exit_date: 1 étape(s) commencent après cette date de sortie "
        "(la première le 01/03/2017)."
    ]


# -- all or nothing ----------------------------------------------------------------------


def test_one_corrupted_row_among_many_refuses_the_whole_bundle(tmp_path):
    # 1 200 parcours and 2 400 steps: several chunks are written before the bad row, the
    # last step (line 2 401), is read; the transaction then undoes them all.
    files = data.generated(1200, bad_step=2400)
    before = table_counts()
    report = import_bundle(data.write(tmp_path / "lot", files))
    assert [str(e) for e in report.errors] == [
        "plie_steps.csv:2401: start_date: L'étape commence (13/04/2015) avant l'entrée dans "
        "le parcours (14/04/2015)."
    ]
    assert table_counts() == before


def test_the_command_prints_every_error_and_fails(tmp_path):
    parcours = data.replace(data.PARCOURS, "PA05", exit_reason="")
    parcours = data.replace(parcours, "PA10", entry_date="2016-12-31")
    steps = data.replace(data.STEPS, "E04", category="atelier")
    folder = data.write(
        tmp_path / "lot", {**data.FILES, "plie_parcours.csv": parcours, "plie_steps.csv": steps}
    )
    err = StringIO()
    with pytest.raises(CommandError, match="3 erreur"):
        call_command("import_bundle", str(folder), stderr=err)
    assert err.getvalue().splitlines() == [
        "plie_parcours.csv:6: exit_reason: Une sortie positive doit avoir un motif.",
        "plie_parcours.csv:11: entry_date: La personne a déjà un parcours PLIE sur cette "
        "période (du 01/04/2013 au 31/12/2016) : parcours « PA07 », ligne 8.",
        f"plie_steps.csv:5: category: catégorie inconnue « atelier » ; attendu : {CATEGORIES}",
    ]
