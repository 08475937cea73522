"""The bundle importer against random and malformed files (issue 10, fuzzing).

Whatever the bytes — wrong encodings, broken quotes, huge cells, formulas, binary
noise — an import never raises, never writes part of a bundle, and says what is
wrong when it refuses.
"""

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.audit.models import AuditEntry
from maillage.bundle.importer import import_bundle
from maillage.organisations.models import Structure
from maillage.people.models import Person

pytestmark = pytest.mark.django_db

HEADERS = {
    "structures.csv": "structure_code,name,kind",
    "people.csv": "person_id,last_name,first_name,sex,birth_date,postcode,city,education_level",
}
NASTY_CELLS = st.sampled_from(
    [
        '=HYPERLINK("http://evil.example","x")',
        '"unterminated',
        'a"b',
        "x" * 200_000,
        "\x00",
        "é".encode().decode("latin-1"),
        "1e309",
        "9999-99-99",
        "-1",
        "ANT1",
        "referent",
        "F",
        "",
    ]
)
CELL = st.one_of(NASTY_CELLS, st.text(max_size=40))


def state() -> tuple:
    return (
        list(Structure.objects.order_by("pk").values()),
        list(Person.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


def run_import(files: dict[str, bytes]):
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files.items():
            (Path(folder) / name).write_bytes(data)
        return import_bundle(folder)


def check(files: dict[str, bytes]) -> None:
    before = state()
    report = run_import(files)  # never raises
    if report.errors:
        assert state() == before, "a refused import wrote something"
        assert all(error.message for error in report.errors)


FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(name=st.sampled_from(sorted(HEADERS)), data=st.binary(max_size=2000))
def test_random_bytes(name, data):
    check({name: data})


@FUZZ
@given(
    name=st.sampled_from(sorted(HEADERS)),
    rows=st.lists(st.lists(CELL, min_size=0, max_size=10), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"]),
)
def test_malformed_rows_in_every_encoding(name, rows, delimiter, encoding):
    lines = [HEADERS[name].replace(",", delimiter)]
    lines += [delimiter.join(row) for row in rows]
    text = "\r\n".join(lines) + "\r\n"
    check({name: text.encode(encoding, errors="replace")})


def test_a_formula_in_a_name_is_refused_or_kept_as_text_never_evaluated():
    report = run_import(
        {"structures.csv": b'structure_code,name,kind\nS1,"=HYPERLINK(""http://x"",""y"")",other\n'}
    )
    assert report.errors == []
    assert Structure.objects.get(code="S1").name == '=HYPERLINK("http://x","y")'


def test_an_unreadable_file_is_reported():
    report = run_import({"people.csv": b"\xff\xfe\x00garbage\x00\x00"})
    assert report.errors
