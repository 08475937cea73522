"""Typed cell parsers: the "File conventions" of the bundle format, in one place.

Each type turns the text of a *non-empty*, already trimmed cell into a Python
value, or raises ``CellError`` with a French message quoting what it received.
Empty cells never reach ``parse``: the column decides (required → error,
otherwise the type's ``empty`` value). ``format`` is the exact inverse of
``parse``, used by the export, so that exporting then re-importing changes
nothing (``parse(format(v)) == v``, proven by property tests).
"""

import datetime as dt
import decimal
import re
import time
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from maillage.bundle.errors import CellError

# Spreadsheets write thousands with (non-breaking) spaces: "1 234,5".
_SPACES = str.maketrans("", "", " \u00a0\u202f")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_DECIMAL = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")
_INTEGER = re.compile(r"[+-]?[0-9]+")
# Apostrophes: straight, typographic (U+2019, U+2018) and modifier letter (U+02BC).
_NAME_PUNCTUATION = frozenset(" -'\u2019\u2018\u02bc.")


_today_cache: tuple[float, dt.date] = (float("-inf"), dt.date.min)


def today() -> dt.date:
    """Today in the project's time zone, looked up at most once a minute (hot path)."""
    global _today_cache
    checked, value = _today_cache
    now = time.monotonic()
    if now - checked > 60:
        _today_cache = (now, timezone.localdate())
        value = _today_cache[1]
    return value


def shown(raw: str) -> str:
    """The received value, quoted the French way and cut if very long."""
    value = raw if len(raw) <= 40 else raw[:39] + "…"
    return f"« {value} »"


class FieldType(ABC):
    """Base type: subclasses define ``parse`` and, if ``str()`` is not enough, ``format``."""

    empty = None

    @abstractmethod
    def parse(self, raw: str):
        """The typed value of a non-empty cell, or ``CellError`` with a French message."""

    def format(self, value) -> str:
        return "" if value is None else str(value)


class Text(FieldType):
    empty = ""

    def __init__(self, max_length: int | None = None):
        self.max_length = max_length

    def parse(self, raw: str) -> str:
        if self.max_length is not None and len(raw) > self.max_length:
            raise CellError(f"texte trop long ({len(raw)} caractères, {self.max_length} au plus)")
        return raw


class Name(Text):
    """A person's name: letters of any script, spaces, hyphens, apostrophes (and dots)."""

    def parse(self, raw: str) -> str:
        value = super().parse(raw)
        allowed = all(
            c.isalpha() or c in _NAME_PUNCTUATION or unicodedata.category(c).startswith("M")
            for c in value
        )
        if not allowed or not any(c.isalpha() for c in value):
            raise CellError(
                f"nom invalide {shown(raw)} : seuls les lettres, espaces, traits d'union "
                "et apostrophes sont admis"
            )
        return value


class Pattern(Text):
    """Text matching a regular expression (whole cell), with a French explanation."""

    def __init__(self, regex: str, message: str, max_length: int | None = None):
        super().__init__(max_length)
        self.regex = re.compile(regex)
        self.message = message

    def parse(self, raw: str) -> str:
        if not self.regex.fullmatch(raw):
            raise CellError(self.message.format(value=shown(raw)))
        return super().parse(raw)


class Postcode(Pattern):
    def __init__(self):
        super().__init__(
            r"[0-9]{5}",
            "code postal invalide {value} : 5 chiffres attendus "
            "(un tableur a-t-il supprimé le zéro initial ?)",
        )


class Email(Text):
    def parse(self, raw: str) -> str:
        try:
            validate_email(raw)
        except ValidationError:
            raise CellError(f"adresse électronique invalide {shown(raw)}") from None
        return super().parse(raw)


class Date(FieldType):
    """ISO date ``YYYY-MM-DD``, optionally bounded (``not_before``, ``not_in_future``)."""

    def __init__(self, not_before: dt.date | None = None, not_in_future: bool = False):
        self.not_before = not_before
        self.not_in_future = not_in_future

    def parse(self, raw: str) -> dt.date:
        if not _DATE.fullmatch(raw):
            raise CellError(f"date {shown(raw)} : format AAAA-MM-JJ attendu (ex. 1984-03-21)")
        try:
            value = dt.date.fromisoformat(raw)
        except ValueError:
            raise CellError(f"date impossible {shown(raw)}") from None
        if self.not_before is not None and value < self.not_before:
            raise CellError(f"date {raw} antérieure au {self.not_before.isoformat()}")
        if self.not_in_future and value > today():
            raise CellError(f"date {raw} dans le futur")
        return value

    def format(self, value) -> str:
        return "" if value is None else value.isoformat()


class Month(FieldType):
    """A month ``YYYY-MM``, stored as the first day of that month."""

    def parse(self, raw: str) -> dt.date:
        match = _MONTH.fullmatch(raw)
        if not match or not 1 <= int(match[2]) <= 12:
            raise CellError(f"mois {shown(raw)} : format AAAA-MM attendu (ex. 2024-03)")
        return dt.date(int(match[1]), int(match[2]), 1)

    def format(self, value) -> str:
        return "" if value is None else f"{value.year:04d}-{value.month:02d}"


class _Bounded(FieldType):
    def __init__(self, min_value=None, max_value=None, *, min_exclusive: bool = False):
        self.min_value = min_value
        self.max_value = max_value
        self.min_exclusive = min_exclusive

    def check_bounds(self, value, raw: str):
        if self.min_value is not None:
            if self.min_exclusive and value <= self.min_value:
                raise CellError(
                    f"{shown(raw)} : valeur strictement supérieure à {self.min_value} attendue"
                )
            if value < self.min_value:
                raise CellError(
                    f"{shown(raw)} : valeur supérieure ou égale à {self.min_value} attendue"
                )
        if self.max_value is not None and value > self.max_value:
            raise CellError(
                f"{shown(raw)} : valeur inférieure ou égale à {self.max_value} attendue"
            )
        return value


class Decimal(_Bounded):
    """Decimal with ``.`` or ``,`` as separator: ``12.5`` and ``12,5`` are equal."""

    def __init__(self, *args, decimal_places: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.decimal_places = decimal_places

    def parse(self, raw: str) -> decimal.Decimal:
        text = raw.translate(_SPACES)
        if not _DECIMAL.fullmatch(text):
            raise CellError(f"nombre attendu, reçu {shown(raw)} (ex. 12,5 ou 12.5)")
        value = decimal.Decimal(text.replace(",", "."))
        places = -int(value.as_tuple().exponent)
        if self.decimal_places is not None and places > self.decimal_places:
            raise CellError(f"{shown(raw)} : {self.decimal_places} décimales au plus")
        return self.check_bounds(value, raw)

    def format(self, value) -> str:
        return "" if value is None else format(value, "f")


class Integer(_Bounded):
    def parse(self, raw: str) -> int:
        text = raw.translate(_SPACES)
        if not _INTEGER.fullmatch(text):
            raise CellError(f"nombre entier attendu, reçu {shown(raw)}")
        return self.check_bounds(int(text), raw)


class Boolean(FieldType):
    """``true``/``false``, ``1``/``0``, ``oui``/``non``, ``yes``/``no`` (and ``vrai``/``faux``)."""

    TRUE = frozenset({"true", "1", "oui", "yes", "vrai"})
    FALSE = frozenset({"false", "0", "non", "no", "faux"})

    def parse(self, raw: str) -> bool:
        value = raw.casefold()
        if value in self.TRUE:
            return True
        if value in self.FALSE:
            return False
        raise CellError(f"booléen attendu, reçu {shown(raw)} (oui/non, true/false, 1/0, yes/no)")

    def format(self, value) -> str:
        return "" if value is None else ("true" if value else "false")


class Choice(Text):
    """One code of a closed list (any case), with optional aliases (``H`` for ``M``)."""

    def __init__(
        self,
        codes: Iterable[str],
        *,
        aliases: Mapping[str, str] | None = None,
        message: str = "valeur inconnue {value} ; valeurs acceptées : {codes}",
    ):
        super().__init__()
        self.codes = list(codes)
        self.message = message
        self._lookup = {code.casefold(): code for code in self.codes}
        self._lookup.update({alias.casefold(): code for alias, code in (aliases or {}).items()})

    def parse(self, raw: str) -> str:
        try:
            return self._lookup[raw.casefold()]
        except KeyError:
            raise CellError(
                self.message.format(value=shown(raw), codes=", ".join(self.codes))
            ) from None


class ListOf(FieldType):
    """Several values in one cell, separated by ``|`` (order kept, duplicates dropped)."""

    def __init__(self, item: FieldType):
        self.item = item

    @property
    def empty(self) -> list:
        return []

    def parse(self, raw: str) -> list:
        values = []
        for part in raw.split("|"):
            part = part.strip()
            if part:
                value = self.item.parse(part)
                if value not in values:
                    values.append(value)
        return values

    def format(self, value) -> str:
        return "|".join(self.item.format(v) for v in value or ())
