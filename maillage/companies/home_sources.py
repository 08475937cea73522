"""Other modules' due work on the chargé de mission's "Mes actions" page.

The page lists the user's next actions on companies; modules that schedule
company-side work (the IOD follow-ups after a hire, charter commitments…)
register, from their ``AppConfig.ready()``, a function ``(user, today) →
list[HomeItem]`` returning what is due for that user (late items included), in
a fixed number of queries. This app never imports them.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HomeItem:
    label: str  # what to do, in French
    due: datetime.date
    url: str  # the page where it is done
    source: str  # the module's name shown to the user ("Suivi IOD"…)

    def is_late(self, today: datetime.date) -> bool:
        return self.due < today


HomeSource = Callable[[object, datetime.date], list[HomeItem]]

_sources: dict[str, HomeSource] = {}


def register_home_source(name: str, source: HomeSource) -> None:
    _sources[name] = source


def home_items(user, today: datetime.date) -> list[HomeItem]:
    """Every registered module's items for ``user``, earliest due first."""
    items = [item for source in _sources.values() for item in source(user, today)]
    return sorted(items, key=lambda item: (item.due, item.source, item.label))
