"""The two editions of the annual report.

The **internal** edition shows every figure to the staff allowed to read it.
The **published** edition, for funders and the public, suppresses every count of
fewer than ``MAILLAGE_REPORT_MIN_CELL`` people and the cells that would give it
back by difference (``suppression.publish``); report tables never hold names.
Funders always get the published edition.
"""

from maillage.accounts.roles import Role
from maillage.reports.sections import Report
from maillage.reports.suppression import hide_small, publish_all

INTERNAL = "internal"
PUBLISHED = "published"
EDITIONS = {INTERNAL: "Édition interne", PUBLISHED: "Édition publiée"}


def edition_for(user, asked: str | None) -> str:
    """Funders only ever see the published edition; others choose (internal by default)."""
    if Role.FUNDER in user.roles and not user.roles - {Role.FUNDER}:
        return PUBLISHED
    return PUBLISHED if asked == PUBLISHED else INTERNAL


def published(report: Report) -> Report:
    """``report`` with its small counts suppressed (tables and key figures), in place."""
    for section in report.sections:
        section.tables = publish_all(section.tables)
        for figure in section.figures:
            if figure.fmt == "count":
                figure.value = hide_small(figure.value)
                figure.previous = hide_small(figure.previous)
    return report
