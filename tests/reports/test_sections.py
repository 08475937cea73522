"""The report's sections: present only with data, each figure beside the previous year's and
against its objective; the formatting and the charts that render them."""

from datetime import date
from decimal import Decimal

import pytest

from maillage.reports import charts, render
from maillage.reports.models import Objective, Period, Protocol
from maillage.reports.sections import breakdown, build_sections, has_data
from maillage.reports.tables import Table
from tests.plie.factories import ParcoursFactory

pytestmark = pytest.mark.django_db


def add_parcours(n: int, year: int, *, positive: int = 0):
    for i in range(n):
        parcours = ParcoursFactory(entry_date=date(year, 1 + i % 12, 1))
        if i < positive:
            parcours.exit_date = date(year, 12, 31)
            parcours.exit_type, parcours.exit_reason = "positive", "cdi"
            parcours.save()


def sections_of(report) -> dict:
    return {section.key: section for section in report.sections}


def test_without_data_the_report_has_no_section():
    assert build_sections(2017).sections == []


def test_a_section_is_present_only_when_its_block_has_data():
    add_parcours(3, 2017)
    report = build_sections(2017)
    keys = set(sections_of(report))
    assert {"chiffres", "plie"} <= keys
    assert not keys & {"aides", "clauses", "evenements", "antennes", "culture", "charte"}
    assert has_data(report.current, "plie") and not has_data(report.current, "aids")


def test_plie_section_puts_each_figure_beside_the_previous_year():
    add_parcours(2, 2016)
    add_parcours(6, 2017, positive=3)
    plie = sections_of(build_sections(2017))["plie"]
    figures = {f.label: f for f in plie.figures}
    # 2017: its 6 entrants and the 2 of 2016 still in a parcours.
    assert (figures["Participants"].value, figures["Participants"].previous) == (8, 2)
    tables = {t.key: t for t in plie.tables}
    exits = tables["plie-sorties"]
    assert exits.columns[1:] == ["2017", "2016"]
    assert exits.rows[0][1:] == [3, 0]
    assert exits.extra["compare"] is True
    assert {"plie-ages", "plie-sexe", "plie-situations", "plie-formation", "plie-etapes"} <= set(
        tables
    )
    assert "plie-point-etape" in tables and "plie-evolution" in tables


def test_trend_arrows_and_differences():
    assert render.trend(10, 7, "count") == render.Trend("up", "+3")
    assert render.trend(1200, 2500, "count").difference == "−" + render.fmt(1300, "count")
    assert render.trend(0.44, 0.41, "percent") == render.Trend("up", "+3 points")
    assert render.trend(5, 5, "count").direction == "same"
    assert render.trend(3, None, "count") is None
    down = render.trend(2, 5, "count")
    assert (down.arrow, down.words) == ("↘", "en baisse")


def test_rendered_breakdown_shows_the_evolution():
    table = breakdown("t", "Titre", {"a": "A", "b": "B"}, {"a": 5, "b": 1}, {"a": 2, "b": 4}, 2017)
    shown = render.display_table(table, with_charts=False)
    assert [row.trend.arrow for row in shown.rows] == ["↗", "↘"]
    assert [cell.text for cell in shown.rows[0].cells] == ["5", "2"]


def test_key_figures_are_compared_with_the_protocol_objectives():
    protocol = Protocol.objects.create(name="Protocole", start_year=2016, end_year=2018)
    Objective.objects.create(
        protocol=protocol,
        indicator="plie.positive_exit_rate",
        period=Period.EACH_YEAR,
        target=Decimal("0.5"),
    )
    add_parcours(4, 2017, positive=3)  # 3 positive exits of 3: 100 %
    plie = sections_of(build_sections(2017))["plie"]
    rate = next(f for f in plie.figures if f.label == "Taux de sorties positives")
    assert rate.comparison.reached is True
    shown = render.display_figure(rate)
    assert (shown.value, shown.objective, shown.reached) == ("100 %", "50 %", True)
    tables = {t.key: t for t in plie.tables}
    assert tables["plie-objectifs"].rows[0][-1] == "oui"


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        (1234, "count", "1\u202f234"),
        (0.4370, "percent", "44 %"),
        (2.2155, "ratio", "2,22"),
        ("7732000.00", "eur", "7\u202f732\u202f000 €"),
        (314183.0, "hours", "314\u202f183 h"),
        (None, "count", "—"),
    ],
)
def test_formats(value, kind, text):
    assert render.fmt(value, kind).replace("\xa0", "\u202f") == text


@pytest.mark.parametrize("kind", ["bar", "barh", "pie", "line"])
def test_charts_are_svg_in_greys_and_hatches(kind):
    table = Table(
        key="k",
        title="T",
        columns=["", "2017", "2016"],
        rows=[["A", 3, 1], ["B", 5, 2]],
        chart=kind,
        extra={"compare": True},
    )
    svg = charts.chart_svg(table)
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "A" in svg and "B" in svg  # direct labels, text kept as text
    assert charts.data_uri(svg).startswith("data:image/svg+xml;base64,")
    if kind != "line":
        assert "<pattern" in svg  # hatches, readable in black and white


def test_no_chart_for_an_empty_table():
    table = Table(key="k", title="T", columns=["", "2017"], rows=[["A", 0]], chart="bar")
    assert charts.chart_svg(table) is None


def test_request_pdf_service_checks_the_user_and_the_years(funder):
    from django.core.exceptions import PermissionDenied, ValidationError

    from maillage.accounts.roles import Role
    from maillage.reports import services
    from maillage.reports.models import PdfJob
    from tests.factories import user_with_role

    with pytest.raises(PermissionDenied):
        services.request_pdf(2017, acting_user=user_with_role(Role.RECEPTION))
    with pytest.raises(ValidationError, match="doit précéder"):
        services.request_pdf(2016, 2017, acting_user=funder)
    assert not PdfJob.objects.exists()
