"""Reading a search query: names (accent-insensitive words) and birth dates.

A user types what they have in front of them: "martin hel", "Hélène 12/05/1980",
"12-05-1980". Dates are taken out of the query before the words are folded, since
folding would cut them into meaningless numbers.
"""

import re
from datetime import date

from maillage.people.models import Person, PersonQuerySet
from maillage.people.text import search_terms

_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")


def split_query(query: str) -> tuple[str, list[date | None]]:
    """The text without its dates, and the dates (None for an impossible one like 31/02)."""
    dates = []

    def take(match: re.Match) -> str:
        if match.group(1):
            day, month, year = match.group(1, 2, 3)
        else:
            year, month, day = match.group(4, 5, 6)
        try:
            dates.append(date(int(year), int(month), int(day)))
        except ValueError:
            dates.append(None)
        return " "

    return _DATE.sub(take, query), dates


def search(people: PersonQuerySet, query: str) -> PersonQuerySet:
    """``people`` matching every word and every date of ``query``."""
    text, dates = split_query(query)
    for day in dates:
        if day is None:
            return people.none()
        people = people.filter(birth_date=day)
    return people.search(text)


def visible_matches(user, query: str) -> PersonQuerySet | None:
    """The people ``user`` may see that match ``query`` (QPV joined, for result lists).

    None when the query holds neither a word nor a date: nothing to search for.
    """
    text, dates = split_query(query)
    if not (search_terms(text) or dates):
        return None
    return search(Person.objects.visible_to(user).select_related("qpv"), query)
