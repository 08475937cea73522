import datetime

from django.core.management.base import BaseCommand

from maillage.audit.context import AuditContext, acting_as
from maillage.privacy.anonymisation import anonymise
from maillage.privacy.retention import due_for_anonymisation


class Command(BaseCommand):
    help = (
        "Anonymise les personnes dont plus aucune donnée n'est à conserver (durées de "
        "conservation : docs/security.md). À lancer chaque jour (cron, timer systemd)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compte sans rien changer.")
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Date de référence (AAAA-MM-JJ), pour simuler une date future.",
        )

    def handle(self, *args, dry_run=False, today=None, **options):
        due = due_for_anonymisation(today)
        if dry_run:
            self.stdout.write(f"{due.count()} personne(s) à anonymiser.")
            return
        with acting_as(AuditContext(source="command", username="anonymise_due")):
            count = anonymise(due, reason="durée de conservation écoulée")
        self.stdout.write(f"{count} personne(s) anonymisée(s).")
