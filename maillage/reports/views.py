"""The annual report on the web: the page, and its PDF produced by a background task.

The page shows the same sections, tables and charts as ``maillage annual_report
--format html`` (figures only: no names, so no audit of a display); the PDF is
asked with a POST, produced by ``tasks.render_pdf`` and followed on a page that
htmx refreshes until the file is ready (the partial then answers HTTP 286 to stop
polling). Downloading is audited as an export. A job is visible to the person who
asked for it only.
"""

from urllib.parse import urlencode

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from maillage.accounts.roles import Capability
from maillage.audit.services import Action, log
from maillage.core.permissions import capability_required
from maillage.plie.statistics import year_choices
from maillage.reports import editions, exports, services
from maillage.reports import render as report_render
from maillage.reports.forms import ReportForm
from maillage.reports.models import PdfJob
from maillage.reports.sections import build_sections

STOP_POLLING = 286


def _chosen(request) -> tuple[ReportForm, int, int | None]:
    years, default = year_choices()
    asked = ReportForm(request.GET or request.POST, years=years)
    if asked.is_valid():
        year, since = asked.cleaned_data["annee"], asked.cleaned_data["depuis"]
    else:  # not a year, or nothing asked: the last year with data
        year, since = default, None
    form = ReportForm(initial={"annee": year, "depuis": since}, years=years, chosen=year)
    return form, year, since


def _edition(request) -> str:
    return editions.edition_for(
        request.user, request.GET.get("edition") or request.POST.get("edition")
    )


@capability_required(Capability.VIEW_AGGREGATES)
def annual(request):
    form, year, since = _chosen(request)
    edition = _edition(request)
    context = report_render.report_context(year, since, edition=edition)
    context["form"] = form
    context["jobs"] = PdfJob.objects.filter(created_by=request.user)[:5]
    context["may_choose_edition"] = editions.edition_for(request.user, None) == editions.INTERNAL
    context["query"] = urlencode({"annee": year, "depuis": since or "", "edition": edition})
    return render(request, "reports/annual.html", context)


def _tables(request) -> tuple[list, str]:
    """Every table of the chosen report, in the user's edition, and a file name stem."""
    _form, year, since = _chosen(request)
    edition = _edition(request)
    report = build_sections(year, since)
    if edition == editions.PUBLISHED:
        report = editions.published(report)
    tables = [table for section in report.sections for table in section.tables]
    suffix = "-publie" if edition == editions.PUBLISHED else ""
    log(Action.EXPORT, object_type="reports.tables", object_repr=f"{year}{suffix}")
    return tables, f"rapport-{year}{suffix}"


@capability_required(Capability.VIEW_AGGREGATES)
def export_xlsx(request):
    """Every table of the report, one sheet each (openpyxl)."""
    tables, stem = _tables(request)
    response = HttpResponse(
        exports.table_xlsx(tables),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response


@capability_required(Capability.VIEW_AGGREGATES)
def export_csv(request):
    """Every table as CSV in the French spreadsheet dialect (``;``, BOM), in one .zip."""
    tables, stem = _tables(request)
    response = HttpResponse(exports.tables_zip_csv(tables), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{stem}-csv.zip"'
    return response


@require_POST
@capability_required(Capability.VIEW_AGGREGATES)
def request_pdf(request):
    _form, year, since = _chosen(request)
    job = services.request_pdf(year, since, acting_user=request.user, edition=_edition(request))
    return redirect("reports:pdf_job", pk=job.pk)


def _own_job(request, pk: int) -> PdfJob:
    return get_object_or_404(PdfJob, pk=pk, created_by=request.user)


@capability_required(Capability.VIEW_AGGREGATES)
def pdf_job(request, pk: int):
    return render(request, "reports/pdf_job.html", {"job": _own_job(request, pk)})


@capability_required(Capability.VIEW_AGGREGATES)
def pdf_progress(request, pk: int):
    job = _own_job(request, pk)
    response = render(request, "reports/_pdf_status.html", {"job": job})
    if job.finished:
        response.status_code = STOP_POLLING
    return response


@capability_required(Capability.VIEW_AGGREGATES)
def pdf_download(request, pk: int):
    job = _own_job(request, pk)
    if job.status != PdfJob.Status.SUCCEEDED or not job.path.exists():
        raise Http404
    log(Action.EXPORT, object_type="reports.pdf", object_repr=job.download_name)
    return FileResponse(
        open(job.path, "rb"),  # closed by FileResponse
        as_attachment=True,
        filename=job.download_name,
        content_type="application/pdf",
    )
