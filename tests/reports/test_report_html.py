"""``maillage annual_report --format html|pdf``: a standalone document with the sections."""

from datetime import date
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from maillage.reports import render
from tests.plie.factories import ParcoursFactory

pytestmark = pytest.mark.django_db


class Outline(HTMLParser):
    """Headings, captions, header cells and images of a document."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: dict[str, list[str]] = {"h1": [], "h2": [], "caption": []}
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.text:
            self._open = tag

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None

    def handle_data(self, data):
        if self._open:
            self.text[self._open].append(data.strip())

    def all(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.tags if name == tag]


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def add_data():
    for i in range(5):
        parcours = ParcoursFactory(entry_date=date(2017, 1 + i, 1))
        if i < 2:
            parcours.exit_date, parcours.exit_type = date(2017, 11, 30), "positive"
            parcours.exit_reason = "cdi"
            parcours.save()


def run(*args) -> str:
    out = StringIO()
    call_command("annual_report", *args, stdout=out)
    return out.getvalue()


def test_html_is_a_standalone_document_with_the_sections():
    add_data()
    html = run("--year", "2017", "--since", "2016", "--format", "html")
    assert html.lstrip().startswith("<!doctype html>")
    doc = outline(html)
    assert doc.text["h1"] == ["Rapport d'activité 2017"]
    assert "ALLIES en chiffres" in doc.text["h2"]
    assert "Le PLIE — Résultats" in doc.text["h2"]
    assert "Sorties de l'année" in doc.text["caption"]
    assert any(c.startswith("Point d'étape") for c in doc.text["caption"])
    assert doc.all("style"), "the standalone file carries its CSS"
    assert not doc.all("script") and not doc.all("link")
    assert all(th.get("scope") in ("col", "row") for th in doc.all("th"))
    images = doc.all("img")
    assert images and all(img["src"].startswith("data:image/svg+xml;base64,") for img in images)
    assert all(img["alt"] for img in images)
    assert 'aria-label="en hausse"' in html  # 5 participants in 2017, none in 2016


def test_html_to_a_file(tmp_path):
    add_data()
    target = tmp_path / "rapport.html"
    assert run("--year", "2017", "--format", "html", "--output", str(target)) == ""
    assert "Le PLIE — Résultats" in target.read_text(encoding="utf-8")


def test_html_without_data_says_so():
    assert "Aucune donnée pour l'année 2017" in run("--year", "2017", "--format", "html")


def test_pdf_needs_an_output_file():
    with pytest.raises(CommandError, match="--output"):
        run("--year", "2017", "--format", "pdf")


def test_pdf_file(tmp_path):
    add_data()
    try:
        render.html_to_pdf("<p>test</p>")
    except render.PdfUnavailable as error:  # pragma: no cover - depends on the machine
        pytest.skip(str(error))
    target = tmp_path / "rapport.pdf"
    run("--year", "2017", "--since", "2016", "--format", "pdf", "--output", str(target))
    assert target.read_bytes().startswith(b"%PDF")


def test_pdf_unavailable_is_a_clear_error(tmp_path, monkeypatch):
    def missing(_html):
        raise render.PdfUnavailable("La production du PDF nécessite WeasyPrint : absent")

    monkeypatch.setattr(render, "html_to_pdf", missing)
    with pytest.raises(CommandError, match="WeasyPrint"):
        run("--year", "2017", "--format", "pdf", "--output", str(tmp_path / "r.pdf"))
