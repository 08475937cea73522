"""The navigation of the whole system, one entry per service of the report.

An entry is shown to the users whose roles may use it. Entries of services not
built yet have no URL name: they are listed, greyed, so users see the map of
the system; each issue that builds a service gives its entry a URL.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from maillage.accounts.roles import STAFF_ROLES, Capability, Role


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str | None
    section: str  # matched against the first segment of the current URL to highlight it
    roles: frozenset[str] | None = None  # None: every staff role
    capability: Capability | None = None

    def visible_for(self, user) -> bool:
        if self.capability is not None and not user.has_capability(self.capability):
            return False
        return self.roles is None or bool(self.roles & user.roles)

    @property
    def url(self) -> str | None:
        if self.url_name is None:
            return None
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


_STAFF = STAFF_ROLES

NAVIGATION: tuple[NavEntry, ...] = (
    NavEntry(_("Personnes"), "people:search", "personnes", capability=Capability.VIEW_PEOPLE),
    NavEntry(
        _("PLIE"), "plie:workspace", "plie", frozenset({Role.ADMIN, Role.REFERENT, Role.DIRECTION})
    ),
    NavEntry(
        _("Programmation"),
        "programme:repertoire",
        "programme",
        frozenset({Role.ADMIN, Role.REFERENT, Role.DIRECTION}),
    ),
    NavEntry(
        _("Entreprises"),
        "companies:home",
        "entreprises",
        frozenset({Role.ADMIN, Role.COMPANY_RELATIONS, Role.DIRECTION}),
    ),
    NavEntry(
        _("Recrutement"),
        "recruitment:offers",
        "recrutement",
        capability=Capability.VIEW_RECRUITMENT,
    ),
    NavEntry(_("IOD"), "iod:home", "iod", capability=Capability.MANAGE_IOD),
    NavEntry(
        _("Charte"),
        "charter:home",
        "charte",
        frozenset({Role.ADMIN, Role.COMPANY_RELATIONS, Role.DIRECTION}),
    ),
    NavEntry(_("Clauses"), "clauses:home", "clauses", capability=Capability.VIEW_CLAUSES),
    # Référents, company relations and reception position people on clause offers.
    NavEntry(
        _("Offres clauses"),
        "clauses:offers",
        "clauses",
        frozenset({Role.REFERENT, Role.COMPANY_RELATIONS, Role.RECEPTION}),
    ),
    NavEntry(_("Événements"), "events:home", "evenements", capability=Capability.VIEW_EVENTS),
    NavEntry(_("Accueil"), "antennas:home", "accueil", capability=Capability.RECORD_RECEPTION),
    NavEntry(
        _("Culture"),
        "culture:home",
        "culture",
        frozenset({Role.ADMIN, Role.CULTURE, Role.REFERENT, Role.RECEPTION, Role.DIRECTION}),
    ),
    NavEntry(
        _("Mission culture"),
        "insertion_culture:home",
        "mission-culture",
        capability=Capability.MANAGE_INSERTION_CULTURE,
    ),
    NavEntry(
        _("Mes offres"), "culture:partner_home", "culture", frozenset({Role.CULTURAL_PARTNER})
    ),
    NavEntry(_("Sorties"), "culture:company_offers", "culture", frozenset({Role.COMPANY_EMPLOYEE})),
    NavEntry(_("Rapports"), "reports:annual", "rapports", capability=Capability.VIEW_AGGREGATES),
    NavEntry(
        _("Administration"),
        "core:administration",
        "administration",
        capability=Capability.MANAGE_STRUCTURES,
    ),
)


def entries_for(user) -> list[NavEntry]:
    return [entry for entry in NAVIGATION if entry.visible_for(user)]
