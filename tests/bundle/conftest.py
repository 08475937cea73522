"""Helpers to write bundles (folders and .zip archives) for the import tests."""

import zipfile
from pathlib import Path

import pytest

STRUCTURES = (
    "structure_code,name,kind\nREF1,Mission locale Lyon 9,referent\nANT1,Antenne Duchère,antenna\n"
)

# A French spreadsheet export: semicolons, a byte-order mark, CRLF line ends.
PEOPLE = (
    "\ufeffperson_id;last_name;first_name;sex;birth_date;postcode;city;education_level\r\n"
    "P001;Dupont;Hélène;F;1984-03-21;69009;Lyon;4\r\n"
    "P002;N\u2019Diaye;Moussa;H;1990-12-31;;;\r\n"
    "P003;Le Gall-Moreau;Anne-Sophie;f;1975-07-01;01000;Bourg-en-Bresse;5bis\r\n"
)


def write_bundle(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / name).write_bytes(data)
    return folder


def write_zip(path: Path, files: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content if isinstance(content, bytes) else content.encode())
    return path


@pytest.fixture
def bundle_dir(tmp_path):
    """``bundle_dir(files)``: a fresh folder holding ``files`` ({name: content})."""
    counter = iter(range(1000))

    def make(files: dict[str, str | bytes]) -> Path:
        return write_bundle(tmp_path / f"lot{next(counter)}", files)

    return make
