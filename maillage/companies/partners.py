"""Partner companies of the year: the registry every module adds its activity to.

A company is a partner of year Y when it has at least one interaction,
placement, event, clause or charter action in Y (issue 5, the Service
Entreprises' "874 entreprises partenaires"). Each module registers, from its
``AppConfig.ready()``, a function ``year → queryset of company ids`` (a
``values("company_id")`` subquery); the count is then one SQL query whatever
the number of modules, and this app never imports them.
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet

from maillage.companies.models import Company

PartnerSource = Callable[[int], QuerySet]

_sources: dict[str, PartnerSource] = {}


def register_partner_source(name: str, source: PartnerSource) -> None:
    """Add (or replace) ``name``: ``source(year)`` returns a one-column queryset of company ids."""
    _sources[name] = source


def partner_sources() -> dict[str, PartnerSource]:
    return dict(_sources)


def partner_companies(year: int) -> QuerySet:
    """The companies with activity of any registered kind in ``year``."""
    if not _sources:
        return Company.objects.none()
    condition = Q()
    for source in _sources.values():
        condition |= Q(pk__in=source(year))
    return Company.objects.filter(condition)
