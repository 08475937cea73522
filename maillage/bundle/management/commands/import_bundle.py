"""``maillage import_bundle PATH [--dry-run]``: import a bundle from the command line.

On success, prints what was created, updated and left unchanged per file. On
any error, prints every error on stderr as ``FILE:LINE: COLUMN: message``,
writes nothing and exits with status 1.
"""

from django.core.management.base import BaseCommand, CommandError

from maillage.audit import context as audit_context
from maillage.bundle.importer import import_bundle
from maillage.bundle.management.commands import command_context


class Command(BaseCommand):
    help = "Importe un lot de données (dossier ou archive .zip de fichiers CSV)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="dossier ou archive .zip du lot")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="vérifie le lot et affiche le bilan sans rien enregistrer",
        )
        parser.add_argument(
            "--user",
            help="identifiant inscrit au journal d'audit (par défaut : l'utilisateur du système)",
        )

    def handle(self, *args, path, dry_run, user, **options):
        with audit_context.acting_as(command_context(user)):
            report = import_bundle(path, dry_run=dry_run)
        if report.errors:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(report.errors)} erreur(s) : rien n'a été importé.", returncode=1
            )
        for name in report.skipped:
            self.stderr.write(f"{name} : fichier ignoré (pas encore pris en charge par Maillage).")
        for file in report.files:
            self.stdout.write(
                f"{file.name} : {file.rows} ligne(s) — {file.created} créée(s), "
                f"{file.updated} modifiée(s), {file.unchanged} inchangée(s)"
            )
        if dry_run:
            self.stdout.write("Vérification seule (--dry-run) : rien n'a été enregistré.")
        else:
            self.stdout.write(self.style.SUCCESS("Import terminé."))
