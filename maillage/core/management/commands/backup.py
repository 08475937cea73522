from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from maillage.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Sauvegarde complète de la base (pg_dump au format custom sur PostgreSQL, copie "
        "cohérente sur SQLite). Le fichier contient des données personnelles : à chiffrer et "
        "à ranger hors du serveur."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Fichier à écrire (défaut : maillage-AAAAMMJJ-HHMMSS.backup, dossier courant).",
        )

    def handle(self, *args, output=None, **options):
        path = output or timezone.localtime().strftime("maillage-%Y%m%d-%H%M%S.backup")
        try:
            written = backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Sauvegarde écrite : {written}")
