"""Reading files: dialects, BOM, quoting, exact line numbers, encodings, archives."""

import zipfile

import pytest

from maillage.bundle.errors import ReadError
from maillage.bundle.reader import BundleEntry, count_records, iter_records, open_bundle
from tests.bundle.conftest import write_bundle, write_zip


def entry(data: bytes) -> BundleEntry:
    import io

    return BundleEntry("test.csv", lambda: io.BytesIO(data))


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_dialects(delimiter, bom, newline):
    d = delimiter.encode()
    data = bom + newline.join([b"a" + d + b"b", b"1" + d + b'"x, y; z"', b""])
    records = list(iter_records(entry(data)))
    assert records == [(1, ["a", "b"]), (2, ["1", "x, y; z"])]


def test_quoted_newlines_report_the_line_where_the_record_starts():
    data = b'a,b\n1,"two\nlines"\n\n2,"three\r\nmore\nlines"\n3,""""\n'
    records = list(iter_records(entry(data)))
    assert [(line, cells[0]) for line, cells in records] == [(1, "a"), (2, "1"), (5, "2"), (8, "3")]
    assert records[2][1][1] == "three\r\nmore\nlines"
    assert records[3][1][1] == '"'
    assert count_records(entry(data)) == 3


def test_blank_lines_and_empty_rows_are_skipped():
    data = b"a;b\n\n;\n1;2\n;;\n"
    assert list(iter_records(entry(data))) == [(1, ["a", "b"]), (4, ["1", "2"])]


def test_non_utf8_is_reported_at_its_line():
    data = "a,b\n1,ok\n2,Hélène\n".encode("cp1252")
    records = iter_records(entry(data))
    assert next(records) == (1, ["a", "b"])
    assert next(records) == (2, ["1", "ok"])
    with pytest.raises(ReadError) as raised:
        next(records)
    assert raised.value.line == 3
    assert "UTF-8" in raised.value.message


def test_unclosed_quote_is_reported_where_the_record_starts():
    data = b'a,b\n1,ok\n2,"never closed\n3,x\n'
    records = iter_records(entry(data))
    assert [next(records), next(records)] == [(1, ["a", "b"]), (2, ["1", "ok"])]
    with pytest.raises(ReadError, match="guillemet") as raised:
        next(records)
    assert raised.value.line == 3


def test_folder_lists_csv_files_only(tmp_path):
    folder = write_bundle(
        tmp_path / "lot", {"people.csv": "x", "README.txt": "y", ".~lock.people.csv#": "z"}
    )
    with open_bundle(folder) as bundle:
        assert [e.name for e in bundle.entries] == ["people.csv"]
        assert bundle.errors == []


def test_zip_at_root_or_in_a_folder(tmp_path):
    archive = write_zip(
        tmp_path / "lot.zip",
        {"lot/people.csv": "a\n1\n", "__MACOSX/lot/._people.csv": "junk", "lot/notes.txt": "x"},
    )
    with open_bundle(archive) as bundle:
        assert [e.name for e in bundle.entries] == ["people.csv"]
        assert list(iter_records(bundle.entries[0])) == [(1, ["a"]), (2, ["1"])]


@pytest.mark.parametrize(
    "name",
    [
        "../people.csv",
        "lot/../../people.csv",
        "/etc/people.csv",
        "C:/x/people.csv",
        "..\\people.csv",
    ],
)
def test_zip_path_traversal_is_refused(tmp_path, name):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(zipfile.ZipInfo(name), "a\n1\n")
    with open_bundle(archive) as bundle:
        assert bundle.entries == []
        assert [str(e) for e in bundle.errors] == [
            f"evil.zip:1: -: chemin interdit dans l'archive : « {name} »"
        ]


def test_duplicate_file_names_in_a_zip(tmp_path):
    archive = write_zip(tmp_path / "lot.zip", {"a/people.csv": "x", "b/People.csv": "y"})
    with open_bundle(archive) as bundle:
        assert [str(e) for e in bundle.errors] == [
            "People.csv:1: -: ce fichier figure deux fois dans le lot"
        ]


def test_zip_bomb_is_refused(tmp_path, settings):
    settings.MAILLAGE_MAX_BUNDLE_MB = 0
    archive = write_zip(tmp_path / "lot.zip", {"people.csv": "a\n1\n"})
    with open_bundle(archive) as bundle:
        assert bundle.entries == []
        assert "dépasse" in bundle.errors[0].message


def test_missing_path_and_broken_zip(tmp_path):
    with open_bundle(tmp_path / "nothing") as bundle:
        assert "introuvable" in bundle.errors[0].message
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK not really")
    with open_bundle(broken) as bundle:
        assert "illisible" in bundle.errors[0].message
