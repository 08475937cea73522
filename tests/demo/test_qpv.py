"""The QPV reference list: loaded by a data migration, updated by ``maillage load_qpv``."""

import pytest
from django.core.management import CommandError, call_command

from maillage.audit.models import AuditEntry
from maillage.people.models import Qpv

pytestmark = pytest.mark.django_db

HEADER = "code,name,city,postcodes,list_version\n"


def test_the_migration_loaded_the_qpvs_of_lyon():
    assert Qpv.objects.count() > 5
    duchere = Qpv.objects.get(code="LYON-DUCHERE")
    assert duchere.name == "La Duchère"
    assert duchere.city == "Lyon"
    assert duchere.postcodes == "69009"
    assert duchere.list_version == "2015-lyon-local"
    assert Qpv.objects.get(code="LYON-PENTES").postcodes.split() == ["69001", "69004"]


def test_load_qpv_upserts_by_code(tmp_path, capsys):
    path = tmp_path / "qpv.csv"
    # A spreadsheet export: byte-order mark, ";" delimiter, columns in another order.
    path.write_text(
        "\ufeffname;code;city;postcodes;list_version\n"
        "La Duchère (Plateau, Sauvegarde);LYON-DUCHERE;Lyon;69009;2024-test\n"
        "Quartier d'essai;TEST-NOUVEAU;Vénissieux;69200|69201;2024-test\n",
        encoding="utf-8",
    )
    before = Qpv.objects.count()

    call_command("load_qpv", str(path))

    assert Qpv.objects.count() == before + 1
    duchere = Qpv.objects.get(code="LYON-DUCHERE")
    assert (duchere.name, duchere.list_version) == ("La Duchère (Plateau, Sauvegarde)", "2024-test")
    assert Qpv.objects.get(code="TEST-NOUVEAU").postcodes == "69200 69201"
    assert "1 créé(s), 1 mis à jour" in capsys.readouterr().out
    entry = AuditEntry.objects.get(object_type="people.qpv")
    assert (entry.action, entry.source) == ("import", "command")
    assert entry.changes["created"] == ["TEST-NOUVEAU"]

    # The same file again changes nothing.
    call_command("load_qpv", str(path))
    assert Qpv.objects.count() == before + 1
    assert "0 créé(s), 0 mis à jour" in capsys.readouterr().out


def test_load_qpv_rejects_a_malformed_file_and_writes_nothing(tmp_path):
    path = tmp_path / "qpv.csv"
    path.write_text(
        HEADER
        + "TEST-BON,Quartier correct,Lyon,69008,2024-test\n"
        + "LYON-DUCHERE,Nom modifié,Lyon,69009,2024-test\n"
        + "TEST-CP,Code postal faux,Lyon,6900,2024-test\n"
        + "TEST-BON,Encore lui,Lyon,69008,2024-test\n"
        + "TEST-SANS-NOM,,Lyon,69008,2024-test\n"
        + "TEST-COURT,Trop peu de colonnes\n",
        encoding="utf-8",
    )
    before = list(Qpv.objects.order_by("code").values_list("code", "name"))

    with pytest.raises(CommandError) as error:
        call_command("load_qpv", str(path))

    message = str(error.value)
    assert "qpv.csv:4: postcodes: codes postaux invalides : 6900" in message
    assert "qpv.csv:5: code: « TEST-BON » figure déjà ligne 2." in message
    assert "qpv.csv:6: name: valeur obligatoire." in message
    assert "qpv.csv:7: 2 valeurs pour 5 colonnes" in message
    assert "rien n'a été enregistré" in message
    assert list(Qpv.objects.order_by("code").values_list("code", "name")) == before
    assert not AuditEntry.objects.filter(object_type="people.qpv").exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("code,name,city,postcodes\nX,Y,Lyon,69001\n", "colonnes manquantes : list_version"),
        (HEADER.strip() + ",commentaire\n", "colonnes inconnues : commentaire"),
        ("", "le fichier est vide"),
        (HEADER, "aucune ligne de données"),
        (HEADER + "CODE TROP LONG POUR LE CHAMP,N,Lyon,69001,v\n", "20 caractères au plus"),
    ],
)
def test_load_qpv_reports_file_level_errors_in_french(tmp_path, content, expected):
    path = tmp_path / "qpv.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=expected):
        call_command("load_qpv", str(path))


def test_load_qpv_refuses_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "qpv.csv"
    path.write_bytes((HEADER + "X,La Duchère,Lyon,69009,v\n").encode("latin-1"))
    with pytest.raises(CommandError, match="pas encodé en UTF-8"):
        call_command("load_qpv", str(path))


def test_load_qpv_dry_run_writes_nothing(tmp_path, capsys):
    path = tmp_path / "qpv.csv"
    path.write_text(HEADER + "TEST-ESSAI,Essai,Lyon,69008,v\n", encoding="utf-8")
    call_command("load_qpv", str(path), dry_run=True)
    assert not Qpv.objects.filter(code="TEST-ESSAI").exists()
    assert "Vérification seule" in capsys.readouterr().out
