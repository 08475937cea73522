"""companies.csv and operations.csv, the files PLIE steps refer to."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maillage.bundle.errors import CellError
from maillage.bundle.importer import import_bundle
from maillage.companies.bundle import Naf, Siret
from maillage.companies.models import Company
from maillage.programme.models import Operation
from tests.plie import bundle_data as data
from tests.plie.bundle_tables import table_counts

pytestmark = pytest.mark.django_db

SIRET = "Le numéro SIRET « {} » n'est pas valide (14 chiffres et clés de contrôle)."
AXES = (
    "accueil_orientation_diagnostic, referent_parcours, mise_en_activite, levee_des_freins, "
    "relations_employeurs"
)


def imported(tmp_path, files: dict, name="lot"):
    return import_bundle(data.write(tmp_path / name, files, french=True))


def errors_of(tmp_path, files: dict) -> list[str]:
    before = table_counts()
    report = imported(tmp_path, files)
    assert table_counts() == before
    return [str(error) for error in report.errors]


def test_companies_are_stored_normalised(tmp_path):
    report = imported(tmp_path, {"companies.csv": data.COMPANIES})
    assert report.errors == []
    companies = {
        c.external_id: (c.name, c.siret, c.naf, c.postcode, c.charter_signed_on)
        for c in Company.objects.all()
    }
    assert companies == {
        "C01": (
            "Boulangerie du Plateau",
            "73282932000074",
            "10.71C",
            "69004",
            dt.date(2016, 5, 12),
        ),
        # SIREN 356 000 000 (La Poste): valid by the sum of its digits, not by Luhn's key.
        "C02": ("La Poste Lyon Part-Dieu", "35600000049837", "53.10Z", "69003", None),
        "C03": ("Transports Rhône", "", "", "", None),
    }
    # "732 829 320 00074" and "5310Z" are stored normalised: the same file changes nothing.
    again = imported(tmp_path, {"companies.csv": data.COMPANIES}, name="again")
    assert [(f.created, f.updated, f.unchanged) for f in again.files] == [(0, 0, 3)]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (
            "siret",
            "73282932000075",
            SIRET.format("73282932000075"),
        ),
        (
            "siret",
            "35600000012345",
            SIRET.format("35600000012345"),
        ),
        (
            "siret",
            "7328293200007",
            SIRET.format("7328293200007"),
        ),
        ("naf", "47.1F", "Le code NAF « 47.1F » n'est pas valide (exemple : 47.11F ou 4711F)."),
        ("naf", "4711", "Le code NAF « 4711 » n'est pas valide (exemple : 47.11F ou 4711F)."),
        (
            "postcode",
            "6900",
            "code postal invalide « 6900 » : 5 chiffres attendus "
            "(un tableur a-t-il supprimé le zéro initial ?)",
        ),
        (
            "charter_signed_on",
            "12/05/2016",
            "date « 12/05/2016 » : format AAAA-MM-JJ attendu (ex. 1984-03-21)",
        ),
        ("name", "", "valeur obligatoire manquante"),
    ],
)
def test_bad_company_cells(tmp_path, column, value, message):
    companies = data.replace(data.COMPANIES, "C03", **{column: value})
    assert errors_of(tmp_path, {"companies.csv": companies}) == [
        f"companies.csv:4: {column}: {message}"
    ]


def test_operations_are_stored(tmp_path):
    files = {name: data.FILES[name] for name in ("structures.csv", "operations.csv")}
    assert imported(tmp_path, files).errors == []
    operations = {
        o.code: (o.structure.code, o.title, o.axis, o.year, o.budget_eur, o.fse_eur)
        for o in Operation.objects.select_related("structure")
    }
    assert operations == {
        "OP2017-01": (
            "OPS1",
            "Chantier bâtiment",
            "mise_en_activite",
            2017,
            Decimal("12500.50"),
            Decimal("6250.25"),
        ),
        "OP2016-02": ("REF1", "Référent de parcours", "referent_parcours", 2016, 40000, None),
    }
    # "12 500,50" and "12500.5" are the same amount: nothing changes.
    operations = data.replace(data.OPERATIONS, "OP2017-01", budget_eur="12500.5")
    again = imported(tmp_path, {"operations.csv": operations}, name="again")
    assert [(f.created, f.updated, f.unchanged) for f in again.files] == [(0, 0, 2)]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("budget_eur", "-10", "« -10 » : valeur supérieure ou égale à 0 attendue"),
        ("fse_eur", "10,123", "« 10,123 » : 2 décimales au plus"),
        ("fse_eur", "dix", "nombre attendu, reçu « dix » (ex. 12,5 ou 12.5)"),
        (
            "budget_eur",
            "12345678901",
            "« 12345678901 » : valeur inférieure ou égale à 9999999999.99 attendue",
        ),
        ("axis", "emploi", f"axe inconnu « emploi » ; axes acceptés : {AXES}"),
        ("year", "17", "« 17 » : valeur supérieure ou égale à 1900 attendue"),
        (
            "structure_code",
            "NOPE",
            "« NOPE » introuvable, ni dans structures.csv ni dans la base",
        ),
    ],
)
def test_bad_operation_cells(tmp_path, column, value, message):
    operations = data.replace(data.OPERATIONS, "OP2016-02", **{column: value})
    files = {"structures.csv": data.STRUCTURES, "operations.csv": operations}
    assert errors_of(tmp_path, files) == [f"operations.csv:3: {column}: {message}"]


@given(st.from_regex(r"[0-9]{2}\.?[0-9]{2}[A-Za-z]", fullmatch=True))
def test_naf_parse_is_idempotent(raw):
    value = Naf().parse(raw)
    assert Naf().parse(Naf().format(value)) == value
    assert len(value) == 6 and value[2] == "."


@given(st.text(alphabet="0123456789 .", min_size=1, max_size=20).filter(str.strip))
def test_siret_accepts_exactly_what_stdnum_accepts(raw):
    from stdnum.fr import siret

    try:
        value = Siret().parse(raw)
    except CellError:
        assert not siret.is_valid(raw)
    else:
        assert siret.is_valid(raw) and value == siret.compact(raw)
