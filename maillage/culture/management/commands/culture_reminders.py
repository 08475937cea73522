"""``maillage culture_reminders``: e-mail the reminders of the coming outings (run daily)."""

from django.core.management.base import BaseCommand

from maillage.audit import context as audit_context
from maillage.culture.services import send_due_reminders


class Command(BaseCommand):
    help = "Envoie les rappels des sorties Culture pour tous des prochains jours."

    def handle(self, *args, **options):
        with audit_context.acting_as(audit_context.AuditContext(source="command")):
            sent = send_due_reminders()
        self.stdout.write(f"{sent} rappel(s) envoyé(s).")
