"""The background task that prints the annual report as PDF for the web page.

It runs as the user who asked (audit source "task"); a job already started is
left alone, so a retried task never prints twice. The file goes to
``PdfJob.path`` (DATA_DIR/reports), never to a public folder.
"""

import logging

from django.tasks import task
from django.utils import timezone

from maillage.audit import context as audit_context
from maillage.reports import render
from maillage.reports.models import PdfJob

logger = logging.getLogger(__name__)

UNEXPECTED = "Erreur inattendue pendant la production du PDF (voir le journal du serveur)."


@task
def render_pdf(job_id: int) -> None:
    job = PdfJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != PdfJob.Status.PENDING:
        return
    job.status = PdfJob.Status.RUNNING
    job.save(update_fields=["status"])
    try:
        with audit_context.acting_as(audit_context.for_user(job.created_by, source="task")):
            data = render.render_pdf(job.year, job.since, job.edition)
        job.path.parent.mkdir(parents=True, exist_ok=True)
        job.path.write_bytes(data)
    except render.PdfUnavailable as error:
        job.status, job.error = PdfJob.Status.FAILED, str(error)
    except Exception:
        logger.exception("PDF du rapport n° %s : erreur inattendue", job.pk)
        job.status, job.error = PdfJob.Status.FAILED, UNEXPECTED
    else:
        job.status, job.file_name = PdfJob.Status.SUCCEEDED, job.download_name
    job.finished_at = timezone.now()
    job.save()
