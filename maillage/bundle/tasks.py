"""The background task that runs an import started from the web.

It runs under the name of the user who uploaded the bundle (audit source
"task"), reports progress through a ``ProgressFile``, and records the outcome
on the ``ImportJob``. A task that finds its job already started does nothing,
so a retried task never imports twice.
"""

import logging

from django.tasks import task
from django.utils import timezone

from maillage.audit import context as audit_context
from maillage.bundle.importer import import_bundle
from maillage.bundle.models import ImportJob
from maillage.bundle.progress import ProgressFile

logger = logging.getLogger(__name__)

UNEXPECTED = "erreur inattendue : rien n'a été enregistré (voir le journal du serveur)"


SKIPPED = "ignoré : pas encore pris en charge par Maillage"


@task
def run_import(job_id: int) -> None:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != ImportJob.Status.PENDING:
        return
    job.status = ImportJob.Status.RUNNING
    job.started_at = timezone.now()
    job.save(update_fields=["status", "started_at"])
    progress = ProgressFile(job.pk)
    try:
        with audit_context.acting_as(audit_context.for_user(job.created_by, source="task")):
            report = import_bundle(
                job.upload.path,
                dry_run=job.dry_run,
                progress=progress.write,
                label=job.file_names[0] if len(job.file_names) == 1 else "lot",
            )
    except Exception:
        logger.exception("Import n° %s : erreur inattendue", job.pk)
        errors = [UNEXPECTED]
        summary = []
    else:
        errors = [str(error) for error in report.errors]
        summary = [file.as_dict() for file in report.files] + [
            {"name": name, "label": SKIPPED, "rows": 0, "created": 0, "updated": 0, "unchanged": 0}
            for name in report.skipped
        ]
    job.status = ImportJob.Status.FAILED if errors else ImportJob.Status.SUCCEEDED
    job.errors = errors[: ImportJob.MAX_STORED_ERRORS]
    job.error_count = len(errors)
    job.summary = summary
    job.progress_done, job.progress_total = progress.read() or (0, 0)
    job.finished_at = timezone.now()
    job.save()
    progress.delete()
    if job.upload:
        job.upload.delete(save=True)  # personal data: not kept once imported
