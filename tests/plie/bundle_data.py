"""A small PLIE bundle written by hand (2010-2018), and helpers to write it in either dialect.

The figures it yields for 2017 (and 2012-2017) are worked out by hand in
tests/reports/test_bundle_to_report.py. Dates and codes are the bundle's own
text, so the same rows can be written as a French spreadsheet export (``;``,
byte-order mark, CRLF) or as the system's own export (``,``).
"""

import csv
import datetime as dt
import io
from pathlib import Path


def _table(text: str) -> tuple[tuple[str, ...], ...]:
    """Rows written one a line, cells separated by ``;`` (the files are written by ``render``)."""
    return tuple(tuple(line.split(";")) for line in text.strip().splitlines())


STRUCTURES = (
    ("structure_code", "name", "kind"),
    ("REF1", "Mission locale Lyon 9", "referent"),
    ("REF2", "Maison de l'emploi Lyon 8", "referent"),
    ("OPS1", "Association Tremplin; chantiers", "operator"),
)

PEOPLE = _table(
    """
person_id;last_name;first_name;sex;birth_date;postcode;city;education_level
P01;Dupont;Hélène;F;1984-03-21;69009;Lyon;4
P02;N’Diaye;Moussa;H;1995-06-30;;;5
P03;Le Gall-Moreau;Anne-Sophie;f;1960-01-15;01000;Bourg;5bis
P04;Martin;Jean;M;1969-05-10;69008;Lyon;
P05;Zoé;Élise;F;1990-02-28;69008;Lyon;3
P06;Garcia;Luis;M;1980-12-01;69100;Villeurbanne;foreign
P07;Nguyen;Thi;F;1972-07-07;69009;Lyon;6
P08;Bernard;Paul;M;1955-03-03;69009;Lyon;1
"""
)

COMPANIES = _table(
    """
company_id;name;siret;naf;postcode;charter_signed_on
C01;Boulangerie du Plateau;732 829 320 00074;10.71C;69004;2016-05-12
C02;La Poste Lyon Part-Dieu;35600000049837;5310Z;69003;
C03;Transports Rhône;;;;
"""
)

OPERATIONS = _table(
    """
operation_code;structure_code;title;axis;year;budget_eur;fse_eur
OP2017-01;OPS1;Chantier bâtiment;mise_en_activite;2017;12 500,50;6250.25
OP2016-02;REF1;Référent de parcours;referent_parcours;2016;40000;
"""
)

PARCOURS = _table(
    """
parcours_id;person_id;structure_code;entry_date;qpv_at_entry;entry_situations;exit_date;exit_type;exit_reason
PA01;P01;REF1;2011-09-15;oui;rsa|single_parent;2014-03-31;dropout;Déménagement
PA02;P01;REF1;2016-02-01;non;deld;2017-06-30;positive;cdi
PA03;P02;REF2;2017-03-01;true;young_unqualified|de_lt_1y;;;
PA04;P03;REF1;2012-05-10;0;deld|th;2017-12-31;administrative;Départ à la retraite
PA05;P04;REF2;2016-01-10;1;rsa;2017-01-15;positive;qualifying_training
PA06;P05;REF1;2017-11-02;false;;2018-04-01;positive;cdd_6m_plus
PA07;P06;REF2;2013-04-01;no;other_exclusion;2016-12-31;dropout;
PA08;P07;REF1;2018-02-01;yes;rsa;;;
PA09;P08;REF2;2010-06-01;false;deld;;;
PA10;P06;REF1;2017-05-01;true;rsa|deld;2017-09-30;positive;business_creation
"""
)
PARCOURS_HEADER = PARCOURS[0]

STEPS = _table(
    """
step_id;parcours_id;category;start_date;end_date;label;operation_code;contract_type;company_id
E01;PA01;support;2011-09-15;2014-03-31;Accompagnement;;;
E02;PA02;training;2016-03-01;2016-09-30;CACES;OP2016-02;;
E03;PA02;employment_contract;2017-02-01;;CDI vendeuse;;cdi;C01
E04;PA03;complementary_action;2017-04-01;2017-04-30;Théâtre;;;
E05;PA03;employment_contract;2017-09-01;2018-02-28;Chantier;OP2017-01;siae;C03
E06;PA04;specific_service;2016-05-01;2016-06-30;;;;
E07;PA04;support;2017-01-10;;;;;
E08;PA05;employment_contract;2016-11-01;2017-03-31;;;pmsmp;C02
E09;PA05;training;2017-01-05;2017-12-31;Formation qualifiante;;;
E10;PA06;employment_contract;2018-01-15;;;;cdd;C01
E11;PA07;support;2013-04-01;2016-12-31;;;;
E12;PA07;employment_contract;2015-01-01;2015-06-30;;;interim;
E13;PA08;support;2018-02-01;;;;;
E14;PA09;training;2016-01-01;2017-02-15;;;;
E15;PA10;employment_contract;2017-06-01;2017-09-30;;;cui_cie;C02
E16;PA10;support;2017-05-01;;;;;
"""
)
STEPS_HEADER = STEPS[0]

FILES = {
    "structures.csv": STRUCTURES,
    "people.csv": PEOPLE,
    "companies.csv": COMPANIES,
    "operations.csv": OPERATIONS,
    "plie_parcours.csv": PARCOURS,
    "plie_steps.csv": STEPS,
}


def render(rows, *, french: bool = False) -> bytes:
    """CSV text of ``rows``: ``;`` with a BOM and CRLF when ``french``, else ``,`` and LF."""
    out = io.StringIO()
    writer = csv.writer(
        out, delimiter=";" if french else ",", lineterminator="\r\n" if french else "\n"
    )
    writer.writerows(rows)
    return (("\ufeff" if french else "") + out.getvalue()).encode("utf-8")


def write(folder: Path, files: dict | None = None, *, french: bool = False) -> Path:
    """Write ``files`` ({name: rows}, default the whole bundle) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (FILES if files is None else files).items():
        (folder / name).write_bytes(render(rows, french=french))
    return folder


def replace(rows, key: str, **changes) -> tuple:
    """``rows`` with the row whose first cell is ``key`` changed (``column=value``)."""
    header = rows[0]
    out = [header]
    for row in rows[1:]:
        if row[0] == key:
            row = list(row)
            for column, value in changes.items():
                row[header.index(column)] = value
            row = tuple(row)
        out.append(row)
    return tuple(out)


def add(rows, *new_rows) -> tuple:
    return (*rows, *new_rows)


def generated(count: int, *, bad_step: int | None = None) -> dict:
    """``count`` people, each with one parcours of two steps; step ``bad_step`` starts too early."""
    people = [PEOPLE[0]]
    parcours = [PARCOURS_HEADER]
    steps = [STEPS_HEADER]
    for n in range(count):
        people.append((f"B{n:05d}", "Durand", "Léa", "FM"[n % 2], "1980-01-01", "", "", ""))
        entry = dt.date(2012, 1, 1) + dt.timedelta(days=n % 2000)
        exit_ = entry + dt.timedelta(days=400)
        parcours.append(
            (
                *(f"BP{n:05d}", f"B{n:05d}", "REF1", entry.isoformat(), "non", "rsa"),
                *(exit_.isoformat(), "positive", "cdi"),
            )
        )
        for k, category in enumerate(("support", "employment_contract")):
            start = entry if len(steps) != bad_step else entry - dt.timedelta(days=1)
            steps.append(
                (
                    *(f"BS{n:05d}-{k}", f"BP{n:05d}", category, start.isoformat(), "", ""),
                    *("", "cdi" if k else "", ""),
                )
            )
    return {
        "structures.csv": STRUCTURES,
        "people.csv": people,
        "plie_parcours.csv": parcours,
        "plie_steps.csv": steps,
    }
