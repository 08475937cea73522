"""Background task: the reminder e-mails before outings (``maillage culture_reminders``
runs the same function from cron; the task lets the web or a scheduler enqueue it)."""

from django.tasks import task

from maillage.audit import context as audit_context
from maillage.culture.services import send_due_reminders


@task
def send_reminders() -> int:
    with audit_context.acting_as(audit_context.AuditContext(source="task")):
        return send_due_reminders()
