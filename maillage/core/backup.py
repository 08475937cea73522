"""Backups of the whole database, and their restoration.

PostgreSQL is dumped with ``pg_dump`` in its custom format (compressed, one
consistent snapshot, restorable table by table with ``pg_restore``); SQLite is
copied with SQLite's own online backup API, which gives a consistent copy even
while the application writes. Either way the file holds everyone's personal
data: it is written with owner-only permissions and each backup or restore is
in the audit log.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection

from maillage.audit.models import Action
from maillage.audit.services import log


class BackupError(Exception):
    pass


def _vendor() -> str:
    return connection.vendor


def _pg_env_and_args() -> tuple[dict, list[str]]:
    """libpq variables for the current database (no password on a command line)."""
    settings = connection.settings_dict
    env = dict(os.environ)
    for key, name in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ):
        if settings.get(name):
            env[key] = str(settings[name])
    return env, ["--dbname", connection.settings_dict["NAME"]]


def _outside_a_transaction() -> None:
    """pg_dump would not see our uncommitted rows, pg_restore would wait for our locks."""
    if connection.in_atomic_block:
        raise BackupError("La sauvegarde et la restauration se lancent hors d'une transaction.")


def _run(command: list[str], env: dict) -> None:
    tool = command[0]
    if shutil.which(tool) is None:
        raise BackupError(f"« {tool} » est introuvable : installez les outils clients PostgreSQL.")
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{tool} a échoué : {result.stderr.strip()[:2000]}")


def backup(path: str | Path) -> Path:
    """Write a full backup of the database to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if _vendor() == "postgresql":
        env, target = _pg_env_and_args()
        _outside_a_transaction()
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(path), *target], env)
    elif _vendor() == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as destination:
            connection.connection.backup(destination)
        destination.close()
    else:
        raise BackupError(f"Base « {_vendor()} » non prise en charge.")
    path.chmod(0o600)
    log(Action.EXPORT, object_type="backup", object_repr=path.name)
    return path


def restore(path: str | Path) -> None:
    """Replace the whole database by the backup at ``path``."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Fichier introuvable : {path}")
    if _vendor() == "postgresql":
        env, target = _pg_env_and_args()
        _outside_a_transaction()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                *target,
                str(path),
            ],
            env,
        )
    elif _vendor() == "sqlite":
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as source:
                source.execute("PRAGMA schema_version").fetchone()
                connection.ensure_connection()
                source.backup(connection.connection)
        except sqlite3.DatabaseError as exc:
            raise BackupError(
                f"Ce fichier n'est pas une sauvegarde SQLite lisible : {exc}"
            ) from exc
    else:
        raise BackupError(f"Base « {_vendor()} » non prise en charge.")
    log(Action.IMPORT, object_type="backup", object_repr=path.name)
