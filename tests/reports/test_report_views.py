"""The "Rapport d'activité" page: who sees it, a fixed number of queries, the PDF task."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.reports import render
from maillage.reports.models import PdfJob
from tests.factories import PersonFactory, user_with_role
from tests.people.html import page_text
from tests.plie.factories import ParcoursFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_urls")]


def add_participants(n: int, year: int = 2017):
    for i in range(n):
        parcours = ParcoursFactory(
            person=PersonFactory(last_name="Zorglub"), entry_date=date(year, 1 + i % 12, 1)
        )
        if i % 3 == 0:
            parcours.exit_date, parcours.exit_type = date(year, 12, 31), "positive"
            parcours.exit_reason = "cdi"
            parcours.save()


@pytest.mark.parametrize("role", [Role.COMPANY_RELATIONS, Role.RECEPTION, Role.CULTURE])
def test_roles_without_aggregates_are_refused(client, role):
    client.force_login(user_with_role(role))
    assert client.get(reverse("reports:annual")).status_code == 403
    assert client.post(reverse("reports:request_pdf"), {"annee": 2017}).status_code == 403


def test_funders_see_the_report_and_never_a_name(client, funder):
    add_participants(4, 2016)
    add_participants(6, 2017)
    client.force_login(funder)
    html = page_text(client.get(reverse("reports:annual"), {"annee": 2017, "depuis": 2016}))
    assert "<h1>Rapport d'activité 2017</h1>" in html
    assert "Le PLIE — Résultats" in html
    assert "<caption>Sorties de l&#x27;année</caption>" in html
    assert "reports/reports.css" in html
    assert "ZORGLUB" not in html.upper()
    # Funders get the published edition: 4 and 6 participants are below the threshold.
    assert "Édition publiée" in html and "masqués" in html


def test_staff_see_the_charts_of_the_internal_edition(client, admin_user):
    add_participants(4, 2016)
    add_participants(6, 2017)
    client.force_login(admin_user)
    html = page_text(client.get(reverse("reports:annual"), {"annee": 2017, "depuis": 2016}))
    assert 'src="data:image/svg+xml;base64,' in html


def test_since_after_year_falls_back_to_the_default(client, funder):
    add_participants(2, 2017)
    client.force_login(funder)
    response = client.get(reverse("reports:annual"), {"annee": 2016, "depuis": 2017})
    assert response.status_code == 200
    assert response.context["since"] is None


def count_queries(client, n: int) -> int:
    add_participants(n)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports:annual"), {"annee": 2017, "depuis": 2016})
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_rows(client, funder):
    client.force_login(funder)
    few = count_queries(client, 2)
    many = count_queries(client, 12)
    assert few == many


def test_pdf_is_produced_in_the_background_and_downloaded_with_an_audit(client, funder):
    try:
        render.html_to_pdf("<p>test</p>")
    except render.PdfUnavailable as error:  # pragma: no cover - depends on the machine
        pytest.skip(str(error))
    add_participants(3, 2017)
    client.force_login(funder)
    response = client.post(reverse("reports:request_pdf"), {"annee": 2017})
    job = PdfJob.objects.get()
    assert response.url == reverse("reports:pdf_job", args=[job.pk])
    assert (job.status, job.year, job.created_by) == (PdfJob.Status.SUCCEEDED, 2017, funder)
    html = page_text(client.get(response.url))
    assert "Le PDF est prêt." in html
    progress = client.get(reverse("reports:pdf_progress", args=[job.pk]))
    assert progress.status_code == 286  # htmx: stop polling
    download = client.get(reverse("reports:pdf_download", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    entry = AuditEntry.objects.get(action="export", object_type="reports.pdf")
    assert entry.object_repr == "rapport-activite-2017.pdf"


def test_a_pdf_job_is_visible_to_its_requester_only(client, funder):
    job = PdfJob.objects.create(year=2017, created_by=funder, status=PdfJob.Status.SUCCEEDED)
    client.force_login(user_with_role(Role.DIRECTION))
    for name in ("reports:pdf_job", "reports:pdf_progress", "reports:pdf_download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404


def test_a_failed_pdf_shows_its_error(client, funder, monkeypatch):
    def missing(_year, _since, _edition):
        raise render.PdfUnavailable("La production du PDF nécessite WeasyPrint : absent")

    monkeypatch.setattr(render, "render_pdf", missing)
    client.force_login(funder)
    response = client.post(reverse("reports:request_pdf"), {"annee": 2017})
    job = PdfJob.objects.get()
    assert job.status == PdfJob.Status.FAILED
    assert "WeasyPrint" in page_text(client.get(response.url))
    assert client.get(reverse("reports:pdf_download", args=[job.pk])).status_code == 404
