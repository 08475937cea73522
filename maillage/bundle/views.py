"""Import and export pages, for users who may import bundles (administrators).

The upload page stores the bundle and enqueues ``run_import``; the job page
shows its progress, refreshed by htmx every second until the job is over (the
partial then answers HTTP 286, which tells htmx to stop polling).
"""

import os
import tempfile

from django.conf import settings
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from maillage.accounts.roles import Capability
from maillage.bundle.exporter import export_bundle
from maillage.bundle.forms import UploadForm
from maillage.bundle.models import ImportJob
from maillage.bundle.registry import registry
from maillage.bundle.tasks import run_import
from maillage.core.permissions import capability_required

# htmx stops polling an element when the server answers with this status.
STOP_POLLING = 286


@capability_required(Capability.IMPORT_BUNDLE)
def upload(request):
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            job = form.save(request.user)
            run_import.enqueue(job.pk)
            return redirect("bundle:job", pk=job.pk)
    else:
        form = UploadForm()
    return render(
        request,
        "bundle/upload.html",
        {
            "form": form,
            "jobs": ImportJob.objects.select_related("created_by")[:20],
            "files": registry.ordered(),
            "max_mb": settings.MAILLAGE_MAX_BUNDLE_MB,
        },
    )


def _status_context(job: ImportJob) -> dict:
    done, total = job.progress()
    return {
        "job": job,
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else 0,
    }


@capability_required(Capability.IMPORT_BUNDLE)
def job(request, pk: int):
    job = get_object_or_404(ImportJob.objects.select_related("created_by"), pk=pk)
    return render(request, "bundle/job.html", _status_context(job))


@capability_required(Capability.IMPORT_BUNDLE)
def job_progress(request, pk: int):
    job = get_object_or_404(ImportJob, pk=pk)
    response = render(request, "bundle/_job_status.html", _status_context(job))
    if job.finished:
        response.status_code = STOP_POLLING
    return response


@require_POST
@capability_required(Capability.IMPORT_BUNDLE)
def export(request):
    """The whole bundle as a .zip download (audited by ``export_bundle``)."""
    name = f"maillage-export-{timezone.localdate():%Y-%m-%d}.zip"
    folder = settings.DATA_DIR / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, path = tempfile.mkstemp(suffix=".zip", dir=folder)
    os.close(descriptor)
    try:
        export_bundle(path, label=name)
        stream = open(path, "rb")  # noqa: SIM115 -- closed by FileResponse
    finally:
        os.unlink(path)  # the open handle keeps the data until the download ends
    return FileResponse(stream, as_attachment=True, filename=name, content_type="application/zip")
