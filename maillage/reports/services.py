"""Asking for the annual report's PDF: checked here, produced by ``tasks.render_pdf``."""

from django.core.exceptions import ValidationError
from django.db import transaction

from maillage.accounts.roles import Capability
from maillage.core.permissions import require_capability
from maillage.reports.models import PdfJob
from maillage.reports.tasks import render_pdf


def request_pdf(
    year: int, since: int | None = None, *, acting_user, edition: str = "internal"
) -> PdfJob:
    """A new PDF job for ``acting_user`` (figures only: any ``view_aggregates`` holder)."""
    require_capability(acting_user, Capability.VIEW_AGGREGATES)
    if since is not None and since > year:
        raise ValidationError(
            f"L'année de début du cumul ({since}) doit précéder l'année du rapport ({year})."
        )
    with transaction.atomic():
        job = PdfJob.objects.create(year=year, since=since, edition=edition, created_by=acting_user)
    render_pdf.enqueue(job.pk)  # after the commit: the worker must find the job
    return job
