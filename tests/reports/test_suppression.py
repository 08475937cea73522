"""The published edition's small-cell suppression: primary, secondary, shares, idempotence."""

import dataclasses
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from maillage.reports import suppression
from maillage.reports.suppression import publish
from maillage.reports.tables import Table

THRESHOLD = 5


def assert_no_text_outside_labels(table: Table) -> None:
    """A published table holds figures only: a ``str`` outside the label column may be a name."""
    text = [
        (r, c, value)
        for r, row in enumerate(table.rows)
        for c, value in enumerate(row)
        if c > 0 and isinstance(value, str)
    ]
    assert not text, f"{table.key}: texte hors de la colonne des libellés {text}"


def with_totals(matrix: list[list[int]], *, row=True, column=True) -> Table:
    """A table of ``matrix`` with its row totals (last column) and column totals (last row)."""
    rows = [[f"Ligne {i}", *values] for i, values in enumerate(matrix)]
    columns = ["", *(f"C{j}" for j in range(len(matrix[0])))]
    if column:
        columns.append("Total")
        for line in rows:
            line.append(sum(line[1:]))
    if row:
        rows.append(["Total", *(sum(line[j] for line in rows) for j in range(1, len(columns)))])
    return Table(
        key="t",
        title="Tableau",
        columns=columns,
        rows=rows,
        total_row=len(rows) - 1 if row else None,
        total_column=len(columns) - 1 if column else None,
    )


def lines(table: Table):
    """Every row (with a total column) and every column (with a total row), totals included."""
    width = len(table.columns)
    if table.total_column is not None:
        yield from ([row[c] for c in range(1, width)] for row in table.rows)
    if table.total_row is not None:
        yield from ([row[c] for row in table.rows] for c in range(1, width))


def rank(rows: list[list[Fraction]]) -> int:
    rows, found = [list(row) for row in rows], 0
    for column in range(len(rows[0]) if rows else 0):
        pivot = next((i for i in range(found, len(rows)) if rows[i][column]), None)
        if pivot is None:
            continue
        rows[found], rows[pivot] = rows[pivot], rows[found]
        for i in range(found + 1, len(rows)):
            factor = rows[i][column] / rows[found][column]
            rows[i] = [a - factor * b for a, b in zip(rows[i], rows[found], strict=True)]
        found += 1
    return found


def recomputable(table: Table) -> list[tuple[int, int]]:
    """Hidden cells that some combination of rows and columns with a total gives back.

    Each line is an equation over the hidden cells (the total counts as minus);
    a cell is known when adding its unit vector does not raise the rank.
    """
    width = len(table.columns)
    equations = []
    if table.total_column is not None:
        for r in range(len(table.rows)):
            equations.append(
                {(r, c): -1 if c == table.total_column else 1 for c in range(1, width)}
            )
    if table.total_row is not None:
        for c in range(1, width):
            equations.append(
                {(r, c): -1 if r == table.total_row else 1 for r in range(len(table.rows))}
            )
    hidden = [(r, c) for r, row in enumerate(table.rows) for c in range(1, width) if row[c] is None]
    system = [[Fraction(eq.get(cell, 0)) for cell in hidden] for eq in equations]
    base = rank(system)
    return [
        cell
        for i, cell in enumerate(hidden)
        if rank([*system, [Fraction(j == i) for j in range(len(hidden))]]) == base
    ]


matrices = st.integers(1, 6).flatmap(
    lambda width: st.lists(
        st.lists(st.one_of(st.integers(0, 9), st.integers(0, 60)), min_size=width, max_size=width),
        min_size=1,
        max_size=6,
    )
)
tables = st.builds(with_totals, matrices, row=st.booleans(), column=st.booleans())


@hypothesis_settings(max_examples=300, deadline=None)
@given(table=tables, threshold=st.integers(1, 8))
def test_published_tables_are_safe(table, threshold):
    published = publish(table, threshold)
    cells = [
        (value, published.rows[r][c])
        for r, row in enumerate(table.rows)
        for c, value in enumerate(row)
        if c > 0
    ]
    # (a) no visible count under the threshold, except zeros (kept on purpose).
    assert all(shown is None or shown == 0 or shown >= threshold for _, shown in cells)
    # (b) no line with a total has exactly one hidden cell.
    assert all(sum(v is None for v in line) != 1 for line in lines(published))
    # (b') nor through any combination of rows and columns.
    assert recomputable(published) == []
    # (c) what is shown is what was counted.
    assert all(shown in (None, value) for value, shown in cells)
    # (d) publishing twice changes nothing.
    assert publish(published, threshold) == published
    assert [row[0] for row in published.rows] == table.labels
    assert_no_text_outside_labels(published)


def test_primary_keeps_zeros_and_large_counts():
    table = Table(
        key="ages",
        title="Âges",
        columns=["Âge", "Nombre"],
        rows=[["<26", 0], ["26-45", 3], ["45+", 12]],
    )
    assert publish(table, 5).rows == [["<26", 0], ["26-45", None], ["45+", 12]]
    assert publish(table, 5).extra == {"suppressed_cells": 1, "min_cell": 5}


def test_secondary_hides_the_smallest_other_cell_of_the_column():
    table = Table(
        key="ages",
        title="Âges",
        columns=["Âge", "Nombre"],
        rows=[["<26", 3], ["26-45", 40], ["45+", 12], ["46+", 12], ["Total", 67]],
        total_row=4,
    )
    assert publish(table, 5).column(1) == [None, 40, None, 12, 67]


def test_a_lone_positive_cell_hides_the_total_rather_than_a_zero_when_nothing_else():
    table = Table(key="k", title="T", columns=["", "N"], rows=[["a", 2], ["b", 0], ["Total", 2]])
    # total 2 is itself under the threshold: primary on both.
    assert publish(table, 5).column(1) == [None, 0, None]
    table = Table(key="k", title="T", columns=["", "N"], rows=[["a", 2], ["b", 0], ["Total", 9]])
    # inconsistent on purpose (an unseen row): the zero is hidden before the total.
    assert publish(table, 5).column(1) == [None, None, 9]


def test_a_hidden_cell_linking_two_hidden_blocks_is_protected():
    """Two hidden squares joined by one hidden cell: two per line, yet that cell is known."""
    table = with_totals([[1, 1, 1, 50], [1, 1, 50, 50], [50, 50, 1, 1], [50, 50, 1, 1]])
    primary = [[None if isinstance(v, int) and 0 < v < 5 else v for v in row] for row in table.rows]
    naive = dataclasses.replace(table, rows=primary)
    assert all(sum(v is None for v in line) != 1 for line in lines(naive))
    assert recomputable(naive) == [(0, 3)]  # row 0, third figure
    published = publish(table, 5)
    assert recomputable(published) == []
    assert published.rows[4] == table.rows[4]  # the totals survive


def test_totals_are_found_by_their_label_when_indexes_are_unset():
    table = Table(
        key="k",
        title="T",
        columns=["Sexe", "Femmes", "Hommes", "Total"],
        rows=[["A", 2, 30, 32], ["B", 20, 31, 51], ["Total", 22, 61, 83]],
    )
    assert publish(table, 5).rows == [
        ["A", None, None, 32],
        ["B", None, None, 51],
        ["Total", 22, 61, 83],
    ]


def test_shares_of_a_hidden_count_are_hidden():
    table = Table(
        key="k",
        title="T",
        columns=["", "Nombre", "Part", "Écart"],
        rows=[["a", 2, 0.04, 1], ["b", 48, 0.96, -3], ["Total", 50, 1.0, -2]],
        total_row=2,
        extra={"share_columns": ["Écart"]},
    )
    published = publish(table, 5)
    # a (2) hidden, then b as complement; the total and its share stay.
    assert published.rows == [
        ["a", None, None, None],
        ["b", None, None, None],
        ["Total", 50, 1.0, -2],
    ]
    assert published.extra["share_columns"] == ["Écart"]
    assert published.extra["suppressed_cells"] == 6


def test_all_shares_hidden_when_a_total_row_cell_is_hidden():
    table = Table(
        key="k",
        title="T",
        columns=["", "N", "%"],
        rows=[["a", 2, 50.0], ["b", 2, 50.0], ["Total", 4, 100.0]],
        total_row=2,
    )
    assert publish(table, 5).rows == [["a", None, None], ["b", None, None], ["Total", None, None]]


def test_tables_not_counting_people_are_unchanged_copies():
    table = Table(key="k", title="T", columns=["", "€"], rows=[["a", 2]], counts_people=False)
    published = publish(table, 5)
    assert published == table
    published.rows[0][1] = 3
    assert table.rows[0][1] == 2


def test_input_is_not_modified():
    table = with_totals([[1, 2], [30, 40]])
    before = [list(row) for row in table.rows]
    publish(table, 5)
    assert table.rows == before


@pytest.mark.parametrize(("configured", "expected"), [(None, 5), (10, 10)])
def test_threshold_comes_from_settings(settings, configured, expected):
    if configured is None:
        if hasattr(settings, "MAILLAGE_REPORT_MIN_CELL"):
            del settings.MAILLAGE_REPORT_MIN_CELL
    else:
        settings.MAILLAGE_REPORT_MIN_CELL = configured
    assert suppression.min_cell() == expected
    table = Table(key="k", title="T", columns=["", "N"], rows=[["a", 7]])
    assert publish(table).rows == ([["a", 7]] if expected == 5 else [["a", None]])


def test_helper_catches_text_cells():
    table = Table(key="k", title="T", columns=["", "N"], rows=[["a", "Dupont"]])
    with pytest.raises(AssertionError, match="Dupont"):
        assert_no_text_outside_labels(table)


def test_columns_formatted_as_amounts_follow_the_hidden_counts():
    """The sections' ``extra["formats"]``: an amount or a rate is not a count, but derived."""
    table = Table(
        key="aides",
        title="Aides",
        columns=["Type", "Bénéficiaires", "Montant", "Taux"],
        rows=[["Garde", 3, 4, 0.5], ["Mobilité", 40, 3, 0.7]],
        extra={"formats": ["text", "count", "eur", "percent"]},
    )
    assert publish(table, 5).rows == [["Garde", None, None, None], ["Mobilité", 40, 3, 0.7]]


def test_hide_small_for_key_figures():
    assert [suppression.hide_small(v, 5) for v in (0, 1, 4, 5, 2.5, None)] == [
        0,
        None,
        None,
        5,
        2.5,
        None,
    ]
    assert suppression.publish_all(
        [Table(key="k", title="T", columns=["", "N"], rows=[["a", 3]])], 5
    )[0].rows == [["a", None]]
