"""The annual report page in a real browser: axe-clean, charts shown as data: SVG images
under the strict CSP (no violation reported), and the PDF produced then offered."""

from datetime import date

import pytest
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from maillage.reports import render
from tests.browser.conftest import check_accessibility, login
from tests.factories import StructureFactory, user_with_role
from tests.plie.factories import ParcoursFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(settings):
    settings.ROOT_URLCONF = "tests.reports.urls"  # until maillage/urls.py includes the pages
    user_with_role(Role.FUNDER, StructureFactory(code="FUND"), username="financeur")
    # Direction reads the internal edition: charts even for the small numbers of the test.
    user_with_role(Role.DIRECTION, StructureFactory(code="DIR"), username="direction")
    for year, count in ((2016, 3), (2017, 5)):
        for i in range(count):
            parcours = ParcoursFactory(entry_date=date(year, 1 + i, 1))
            if i % 2:
                parcours.exit_date, parcours.exit_type = date(year, 12, 1), "positive"
                parcours.exit_reason = "cdi"
                parcours.save()


def test_report_page_is_accessible(page, world):
    login(page, "financeur")
    page.goto("/rapports/?annee=2017&depuis=2016")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapport d'activité 2017")
    expect(page.get_by_role("heading", name="Le PLIE — Résultats")).to_be_visible()
    expect(page.locator("caption", has_text="Sorties de l'année")).to_be_visible()
    check_accessibility(page)


def test_charts_load_without_csp_violation(browser, live_server, world):
    # A context that enforces the CSP (the ``page`` fixture bypasses it to inject axe).
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    try:
        login(page, "direction")
        response = page.goto("/rapports/?annee=2017")
        assert "img-src" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        images = page.locator(".report-chart img")
        assert images.count() > 0
        widths = images.evaluate_all("(imgs) => imgs.map((img) => img.naturalWidth)")
        assert all(width > 0 for width in widths), "a chart did not load"
        assert not [m for m in messages if "Content Security Policy" in m], messages
    finally:
        context.close()


def test_pdf_then_download(page, world):
    try:
        render.html_to_pdf("<p>test</p>")
    except render.PdfUnavailable as error:  # pragma: no cover - depends on the machine
        pytest.skip(str(error))
    login(page, "financeur")
    page.goto("/rapports/?annee=2017")
    page.get_by_role("button", name="Produire le PDF").click()
    expect(page.get_by_text("Le PDF est prêt.")).to_be_visible()
    check_accessibility(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le PDF").click()
    assert download.value.suggested_filename == "rapport-activite-2017.pdf"
