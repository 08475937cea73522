"""Formula injection: exports neutralise, the bundle reader restores (issue 10)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maillage.bundle.exporter import export_bundle
from maillage.bundle.importer import import_bundle
from maillage.bundle.registry import Registry
from maillage.core.spreadsheet import neutralise, unneutralise
from maillage.organisations.bundle import StructuresFile
from maillage.organisations.models import Structure
from tests.factories import StructureFactory


@pytest.mark.parametrize(
    "cell",
    ['=HYPERLINK("http://evil.example","Cliquez")', "+33 4 78 00 00 00", "-x", "@SUM(A1)", "\t="],
)
def test_formula_cells_get_the_text_mark(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-12.5", "+3", "-4,25", "Dupont", "", "2017-03-01", 12, None])
def test_numbers_plain_text_and_non_text_are_left_alone(cell):
    assert neutralise(cell) == cell


@given(st.text())
def test_reading_back_gives_what_was_written(text):
    assert unneutralise(neutralise(text)) == text


@given(st.text())
def test_a_neutralised_cell_never_starts_with_a_trigger(text):
    cell = neutralise(text)
    assert not cell.startswith(("=", "+", "@", "\t", "\r")) or cell == text
    if cell.startswith("-"):
        assert cell == text and cell[1:].replace(",", ".").replace(".", "", 1).isdigit()


@pytest.mark.django_db
def test_export_protects_a_hostile_name_and_reimport_restores_it(tmp_path):
    hostile = '=HYPERLINK("http://evil.example","Cliquez")'
    StructureFactory(code="S1", name=hostile)
    StructureFactory(code="S2", name="@Antenne")
    only_structures = Registry()
    only_structures.register(StructuresFile)
    export_bundle(tmp_path / "lot", registry=only_structures)
    structures = (tmp_path / "lot" / "structures.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in structures and "'@Antenne" in structures

    Structure.objects.all().delete()
    report = import_bundle(tmp_path / "lot", registry=only_structures)
    assert report.errors == []
    assert Structure.objects.get(code="S1").name == hostile
    assert Structure.objects.get(code="S2").name == "@Antenne"
