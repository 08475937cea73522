"""``maillage load_qpv PATH``: upsert a list of QPVs (e.g. the official ANCT list).

Same columns as ``maillage/people/data/qpv_lyon.csv`` (see the README beside
it): code, name, city, postcodes, list_version. All or nothing: every error of
the file is reported as ``FILE:LINE: COLUMN: message`` and nothing is written.
QPVs are never deleted (people point to them).
"""

import csv
import getpass
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from maillage.audit import context as audit_context
from maillage.audit.context import AuditContext
from maillage.audit.services import Action, log
from maillage.people.models import Qpv

COLUMNS = ("code", "name", "city", "postcodes", "list_version")
FIELDS = ("name", "city", "postcodes", "list_version")
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
POSTCODE_RE = re.compile(r"^\d{5}$")


@dataclass
class QpvRow:
    line: int
    code: str
    name: str
    city: str
    postcodes: str
    list_version: str

    def values(self) -> dict[str, str]:
        return {field: getattr(self, field) for field in FIELDS}


def _max_length(field: str) -> int:
    return Qpv._meta.get_field(field).max_length


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


def read_qpv_file(path: Path) -> tuple[list[QpvRow], list[str]]:
    """The rows of a QPV file and the list of its errors (French, one per problem)."""
    name = path.name
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return [], [f"{path} : fichier introuvable."]
    except IsADirectoryError:
        return [], [f"{path} : c'est un dossier, pas un fichier CSV."]
    except UnicodeDecodeError:
        return [], [f"{name} : le fichier n'est pas encodé en UTF-8."]

    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return [], [f"{name}:1: le fichier est vide ou n'a pas de ligne d'en-tête."]
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(lines, delimiter=delimiter)
    header = [column.strip().lower() for column in next(reader)]

    errors: list[str] = []
    missing = [column for column in COLUMNS if column not in header]
    unknown = [column or "(vide)" for column in header if column not in COLUMNS]
    duplicated = sorted({column for column in header if header.count(column) > 1})
    if missing:
        errors.append(f"{name}:1: colonnes manquantes : {', '.join(missing)}.")
    if unknown:
        errors.append(f"{name}:1: colonnes inconnues : {', '.join(unknown)}.")
    if duplicated:
        errors.append(f"{name}:1: colonnes en double : {', '.join(duplicated)}.")
    if errors:
        return [], errors

    rows: list[QpvRow] = []
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            errors.append(
                f"{name}:{line}: {len(cells)} valeurs pour {len(header)} colonnes "
                f"(séparateur « {delimiter} » attendu)."
            )
            continue
        raw = {column: _clean(cell) for column, cell in zip(header, cells, strict=True)}
        row_errors = []
        for column in COLUMNS:
            if column != "postcodes" and not raw[column]:
                row_errors.append(f"{name}:{line}: {column}: valeur obligatoire.")
            elif len(raw[column]) > _max_length(column):
                row_errors.append(
                    f"{name}:{line}: {column}: {_max_length(column)} caractères au plus "
                    f"({len(raw[column])} reçus)."
                )
        code = raw["code"]
        if code and not CODE_RE.match(code):
            row_errors.append(
                f"{name}:{line}: code: « {code} » : seuls les lettres sans accent, chiffres, "
                "tirets et soulignés sont acceptés."
            )
        if code in seen:
            row_errors.append(f"{name}:{line}: code: « {code} » figure déjà ligne {seen[code]}.")
        elif code:
            seen[code] = line
        postcodes = raw["postcodes"].replace("|", " ").replace(",", " ").split()
        bad = [postcode for postcode in postcodes if not POSTCODE_RE.match(postcode)]
        if bad:
            row_errors.append(
                f"{name}:{line}: postcodes: codes postaux invalides : {', '.join(bad)} "
                "(5 chiffres, séparés par des espaces)."
            )
        if row_errors:
            errors.extend(row_errors)
            continue
        rows.append(
            QpvRow(
                line=line,
                code=code,
                name=raw["name"],
                city=raw["city"],
                postcodes=" ".join(postcodes),
                list_version=raw["list_version"],
            )
        )
    if not rows and not errors:
        errors.append(f"{name}: aucune ligne de données.")
    return rows, errors


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


class Command(BaseCommand):
    help = (
        "Charge ou met à jour la liste des quartiers prioritaires (QPV) depuis un fichier CSV "
        "(colonnes code, name, city, postcodes, list_version), par code, tout ou rien."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Fichier CSV (UTF-8, séparateur , ou ;).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Vérifie le fichier sans rien enregistrer."
        )

    def handle(self, *args, path: Path, dry_run: bool = False, **options):
        rows, errors = read_qpv_file(path)
        if errors:
            raise CommandError(
                "\n".join([*errors, f"{len(errors)} erreur(s) : rien n'a été enregistré."])
            )

        context = AuditContext(source="command", username=_os_user())
        with audit_context.acting_as(context), transaction.atomic():
            existing = {
                qpv.code: qpv for qpv in Qpv.objects.filter(code__in=[r.code for r in rows])
            }
            created, updated = [], []
            for row in rows:
                qpv = existing.get(row.code)
                if qpv is None:
                    created.append(row.code)
                    if not dry_run:
                        Qpv.objects.create(code=row.code, **row.values())
                elif any(getattr(qpv, field) != value for field, value in row.values().items()):
                    updated.append(row.code)
                    if not dry_run:
                        for field, value in row.values().items():
                            setattr(qpv, field, value)
                        qpv.save()
            if (created or updated) and not dry_run:
                log(
                    Action.IMPORT,
                    object_type="people.qpv",
                    object_repr=f"Liste des QPV ({path.name})",
                    changes={"file": path.name, "created": created, "updated": updated},
                )

        unchanged = len(rows) - len(created) - len(updated)
        prefix = "Vérification seule, rien n'a été enregistré. " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}QPV : {len(created)} créé(s), {len(updated)} mis à jour, "
                f"{unchanged} inchangé(s)."
            )
        )
