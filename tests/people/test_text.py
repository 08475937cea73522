"""``fold``: the key that search and duplicate detection compare (hypothesis-checked)."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from maillage.people.text import fold, search_terms

# Letters of French (and neighbouring) names, with the separators people type.
FRENCH_LETTERS = "abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿñœæ"
names = st.text(alphabet=FRENCH_LETTERS + " -'\u2019", min_size=1, max_size=40)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(names)
def test_fold_ignores_case(text):
    assert fold(text.upper()) == fold(text) == fold(text.title())


@given(names)
def test_fold_ignores_accents(text):
    assert fold(strip_accents(text)) == fold(text)


@given(names)
def test_fold_gives_plain_words_separated_by_single_spaces(text):
    folded = fold(text)
    assert folded == folded.strip()
    assert "  " not in folded
    assert set(folded) <= set("abcdefghijklmnopqrstuvwxyz ")


def test_examples():
    assert fold("  Hélène-Marie  O\u2019Brien ") == "helene marie o brien"
    assert fold("MARTIN") == fold("martin") == "martin"
    assert fold("Œdipe Lætitia") == "oedipe laetitia"
    assert search_terms("martin HÉL") == ["martin", "hel"]
