"""Cell parsers: the "File conventions" of the spec, and parse(format(v)) == v."""

import datetime as dt
import decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maillage.bundle import fields
from maillage.bundle.errors import CellError


@given(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.integers(min_value=0, max_value=10**6),
)
def test_decimal_comma_and_dot_are_equal(units, fraction):
    text = f"{units}.{fraction}"
    parser = fields.Decimal()
    assert parser.parse(text) == parser.parse(text.replace(".", ","))
    assert parser.parse(text) == decimal.Decimal(text)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4))
def test_decimal_round_trip(value):
    parser = fields.Decimal()
    assert parser.parse(parser.format(value)) == value


@pytest.mark.parametrize("raw", ["12,5,3", "1.234,5", "abc", "NaN", "Infinity", "1e5", "12.", ","])
def test_decimal_rejects(raw):
    with pytest.raises(CellError, match="nombre attendu"):
        fields.Decimal().parse(raw)


def test_decimal_accepts_spreadsheet_thousands_and_bounds():
    assert fields.Decimal().parse("1\u00a0234,50") == decimal.Decimal("1234.5")
    with pytest.raises(CellError, match="strictement supérieure à 0"):
        fields.Decimal(0, 250, min_exclusive=True).parse("0")
    with pytest.raises(CellError, match="inférieure ou égale à 250"):
        fields.Decimal(0, 250, min_exclusive=True).parse("250,5")
    with pytest.raises(CellError, match="2 décimales"):
        fields.Decimal(decimal_places=2).parse("1,234")


BOOLEAN_SPELLINGS = ["true", "false", "1", "0", "oui", "non", "yes", "no", "vrai", "faux"]


@given(st.sampled_from(BOOLEAN_SPELLINGS), st.data())
def test_boolean_any_case(spelling, data):
    cased = "".join(c.upper() if data.draw(st.booleans()) else c.lower() for c in spelling)
    expected = spelling in {"true", "1", "oui", "yes", "vrai"}
    assert fields.Boolean().parse(cased) is expected


@given(st.booleans())
def test_boolean_round_trip(value):
    assert fields.Boolean().parse(fields.Boolean().format(value)) is value


@pytest.mark.parametrize("raw", ["o", "n", "2", "vraiment", "-"])
def test_boolean_rejects(raw):
    with pytest.raises(CellError, match="booléen attendu"):
        fields.Boolean().parse(raw)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_date_round_trip(value):
    assert fields.Date().parse(fields.Date().format(value)) == value


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("21/03/1984", "AAAA-MM-JJ"),
        ("19840321", "AAAA-MM-JJ"),
        ("1984-3-21", "AAAA-MM-JJ"),
        ("2023-02-30", "date impossible"),
        ("\u0662\u0660\u0662\u0663-\u0660\u0661-\u0660\u0661", "AAAA-MM-JJ"),  # Arabic-Indic digits
    ],
)
def test_date_rejects(raw, message):
    with pytest.raises(CellError, match=message):
        fields.Date().parse(raw)


def test_date_bounds():
    birth = fields.Date(not_before=dt.date(1900, 1, 1), not_in_future=True)
    assert birth.parse("1900-01-01") == dt.date(1900, 1, 1)
    with pytest.raises(CellError, match="antérieure au 1900-01-01"):
        birth.parse("1899-12-31")
    with pytest.raises(CellError, match="dans le futur"):
        birth.parse((dt.date.today() + dt.timedelta(days=2)).isoformat())


@given(st.dates(min_value=dt.date(1000, 1, 1)).map(lambda d: d.replace(day=1)))
def test_month_round_trip(value):
    assert fields.Month().parse(fields.Month().format(value)) == value


@pytest.mark.parametrize("raw", ["2024-13", "2024-1", "2024-03-01", "03/2024"])
def test_month_rejects(raw):
    with pytest.raises(CellError, match="AAAA-MM"):
        fields.Month().parse(raw)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_integer_round_trip(value):
    assert fields.Integer().parse(fields.Integer().format(value)) == value


def test_integer_rejects_and_bounds():
    with pytest.raises(CellError, match="entier attendu"):
        fields.Integer().parse("1,5")
    with pytest.raises(CellError, match="supérieure ou égale à 0"):
        fields.Integer(0).parse("-1")


CODES = ["rsa", "deld", "de_lt_1y", "th"]


@given(st.lists(st.sampled_from(CODES), unique=True))
def test_list_round_trip(values):
    parser = fields.ListOf(fields.Choice(CODES))
    text = parser.format(values)
    # An empty cell never reaches parse: the column gives the type's empty value.
    assert (parser.parse(text) if text else parser.empty) == values


def test_list_parsing():
    parser = fields.ListOf(fields.Choice(CODES))
    assert parser.parse("RSA | th||rsa") == ["rsa", "th"]
    with pytest.raises(CellError, match="valeur inconnue « chomage »"):
        parser.parse("rsa|chomage")
    assert parser.empty == [] and parser.empty is not parser.empty


def test_choice_is_case_insensitive_with_aliases():
    sex = fields.Choice(["F", "M"], aliases={"H": "M"})
    assert [sex.parse(v) for v in ("F", "f", "M", "m", "H", "h")] == ["F", "F", "M", "M", "M", "M"]
    with pytest.raises(CellError, match="valeurs acceptées : F, M"):
        sex.parse("X")


@pytest.mark.parametrize(
    "name",
    ["Hélène", "N\u2019Diaye", "O'Brien", "Le Gall-Moreau", "Łukasz", "Zoë", "St. John", "Ngọc"],
)
def test_name_accepts_letters_of_any_script(name):
    assert fields.Name().parse(name) == name


@pytest.mark.parametrize("name", ["R2D2", "Dupont!", "---", "@martin", "Jean_Paul"])
def test_name_rejects(name):
    with pytest.raises(CellError, match="nom invalide"):
        fields.Name().parse(name)


def test_postcode_and_email_and_text():
    assert fields.Postcode().parse("01000") == "01000"
    for raw in ("1000", "690099", "69 00", "ABCDE"):
        with pytest.raises(CellError, match="5 chiffres"):
            fields.Postcode().parse(raw)
    with pytest.raises(CellError, match="adresse électronique invalide"):
        fields.Email().parse("pas-une-adresse")
    with pytest.raises(CellError, match="trop long"):
        fields.Text(max_length=3).parse("abcd")
