"""Name normalisation: accent-, case- and punctuation-insensitive keys.

Search ("helene" finds "Hélène") and duplicate detection compare these keys,
stored on the row so both SQLite and PostgreSQL search with a plain index.
"""

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-'’`.,]+")


def fold(text: str) -> str:
    """Lower-case ASCII-ish form: 'Hélène-Marie  O’Brien' → 'helene marie o brien'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("ß", "ss").replace("æ", "ae").replace("œ", "oe")
    stripped = stripped.replace("Æ", "ae").replace("Œ", "oe")
    return _SEPARATORS.sub(" ", stripped.casefold()).strip()


def search_terms(query: str) -> list[str]:
    """The folded words of a query, each to be found somewhere in a name."""
    return [term for term in fold(query).split(" ") if term]
