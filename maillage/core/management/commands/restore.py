from django.core.management.base import BaseCommand, CommandError

from maillage.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Remplace toute la base par une sauvegarde de « maillage backup »."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier de sauvegarde.")
        parser.add_argument("--yes", action="store_true", help="Ne pas demander de confirmation.")

    def handle(self, *args, file, yes=False, **options):
        question = "Toutes les données actuelles seront remplacées. Continuer ? [oui/non] "
        if not yes and input(question).strip().lower() not in {"oui", "o", "yes", "y"}:
            raise CommandError("Restauration annulée.")
        try:
            restore(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Base restaurée depuis {file}.")
