"""Reading docs/permissions.md's "Pages" table, and the application's URLs, for the matrix test.

The table is the documented contract: each row names its URLs (in backticks:
full paths, ``…/suffix/`` continuing the row's first path, ``/prefix/…`` for a
whole subtree) and, in its "Allowed" column, the capabilities that open it.
Capabilities before the first "and `x`" are alternatives (any one opens the
page); those after it are all required as well. "public" in the "Anonymous"
column marks a page without login.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from maillage.accounts.roles import Capability

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
TICKED = re.compile(r"`([^`]+)`")
PARAM = re.compile(r"<[^>]+>")
CAPABILITIES = frozenset(Capability)


@dataclass
class Row:
    page: str
    urls: list[str]
    public: bool
    any_of: frozenset[str]
    all_of: frozenset[str] = field(default_factory=frozenset)

    @property
    def base(self) -> str:
        """The folder of the row's first full path, which ``…/x/`` patterns continue."""
        first = next((u for u in self.urls if u.startswith("/")), "/")
        first = first.rstrip("…")
        return first[: first.rstrip("/").rfind("/") + 1] or "/"

    def allows(self, user) -> bool:
        if not self.any_of and not self.all_of:
            return True
        return (not self.any_of or any(user.has_capability(c) for c in self.any_of)) and all(
            user.has_capability(c) for c in self.all_of
        )


def normalise(path: str) -> str:
    return PARAM.sub("<>", path.split("?")[0].strip())


def read_rows() -> list[Row]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Pages", 1)[1]
    rows = []
    for line in section.splitlines():
        if not line.startswith("| ") or line.startswith(("| Page |", "|---")):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        page, urls_cell, anonymous, allowed = cells[:4]
        urls = [
            normalise(url)
            for url in TICKED.findall(urls_cell)
            if url.startswith(("/", "…")) and not url.startswith("/administration/technique")
        ]
        if not urls:
            continue
        first, _, rest = allowed.partition(" and `")
        rows.append(
            Row(
                page=page,
                urls=urls,
                public="public" in anonymous,
                any_of=frozenset(t for t in TICKED.findall(first) if t in CAPABILITIES),
                all_of=frozenset(t for t in TICKED.findall("`" + rest) if t in CAPABILITIES)
                if rest
                else frozenset(),
            )
        )
    return rows


def _matches(pattern: str, route: str, row: Row) -> int:
    """How specific the match of ``pattern`` to ``route`` is (0: no match)."""
    if pattern.startswith("…"):
        suffix = pattern[1:]
        return len(pattern) if route.startswith(row.base) and route.endswith(suffix) else 0
    if pattern.endswith("…"):
        return len(pattern) if route.startswith(pattern[:-1]) else 0
    return 1000 + len(pattern) if pattern == route else 0


def row_for(route: str, rows: list[Row]) -> Row | None:
    best, score = None, 0
    for row in rows:
        for pattern in row.urls:
            match = _matches(pattern, route, row)
            if match > score:
                best, score = row, match
    return best


@dataclass(frozen=True)
class Route:
    path: str  # with <converter:name> parameters
    name: str

    @property
    def normalised(self) -> str:
        return normalise(self.path)

    def example(self) -> str:
        """A concrete URL: ids of objects that do not exist, a real year."""

        def value(match: re.Match) -> str:
            converter, _, name = match.group(0)[1:-1].rpartition(":")
            if converter == "int":
                return "2017" if name in {"year", "annee"} else "999999"
            return "inconnu"

        return PARAM.sub(value, self.path)


SKIPPED_PREFIXES = ("/administration/technique/", "/static/")


def application_routes() -> list[Route]:
    routes: list[Route] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                route = getattr(pattern.pattern, "_route", None)
                if route is None:
                    continue  # regex-based includes: Django's own
                space = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, prefix + route, space)
            elif isinstance(pattern, URLPattern):
                route = getattr(pattern.pattern, "_route", None)
                if route is None:
                    continue
                path = "/" + prefix + route
                if not path.startswith(SKIPPED_PREFIXES):
                    routes.append(Route(path, f"{namespace}{pattern.name or '?'}"))

    walk(get_resolver().url_patterns, "", "")
    return routes
