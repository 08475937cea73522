"""Roles and what each may do: the single source of docs/permissions.md.

A role is held within a structure (see ``Membership``). What a role may *see*
of personal data is decided by ``maillage.accounts.scoping``; what it may *do*
is the set of capabilities below, checked with ``user_can(user, capability)``.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrateur (équipe d'animation)")
    REFERENT = "referent", _("Référent de parcours")
    COMPANY_RELATIONS = "company_relations", _("Chargé de relations entreprises")
    CLAUSE_FACILITATOR = "clause_facilitator", _("Facilitateur clauses")
    RECEPTION = "reception", _("Accueil (antenne)")
    CULTURE = "culture", _("Coordinateur culture")
    DIRECTION = "direction", _("Direction")
    FUNDER = "funder", _("Financeur")
    CULTURAL_PARTNER = "cultural_partner", _("Coopérateur culturel (lieu, festival, club)")
    COMPANY_EMPLOYEE = "company_employee", _("Salarié d'une entreprise partenaire (Choreia)")


#: Roles held by people outside the platform's staff: a cultural partner's account
#: (its own offers and check-in lists) and partner companies' employees (Choreia).
EXTERNAL_ROLES = frozenset({Role.CULTURAL_PARTNER, Role.COMPANY_EMPLOYEE})
#: Roles that make a user staff of a structure (a funder is not, nor are external accounts).
STAFF_ROLES = frozenset(Role.values) - {Role.FUNDER} - EXTERNAL_ROLES


class PersonScope(StrEnum):
    """How far a role sees personal files."""

    ALL = "all"  # every person (administrators, direction: every display audited)
    FOLLOWED = "followed"  # people followed by one of the user's structures
    NONE = "none"  # aggregates only, never a name


PERSON_SCOPE: dict[str, PersonScope] = {
    Role.ADMIN: PersonScope.ALL,
    Role.DIRECTION: PersonScope.ALL,
    Role.REFERENT: PersonScope.FOLLOWED,
    Role.COMPANY_RELATIONS: PersonScope.FOLLOWED,
    Role.CLAUSE_FACILITATOR: PersonScope.FOLLOWED,
    Role.RECEPTION: PersonScope.FOLLOWED,
    Role.CULTURE: PersonScope.FOLLOWED,
    Role.FUNDER: PersonScope.NONE,
    Role.CULTURAL_PARTNER: PersonScope.NONE,
    Role.COMPANY_EMPLOYEE: PersonScope.NONE,
}


class Capability(StrEnum):
    VIEW_PEOPLE = "view_people"  # search people and open their file (within scope)
    EDIT_PEOPLE = "edit_people"  # create and update people (within scope)
    MERGE_PEOPLE = "merge_people"  # merge two files into one
    VIEW_AGGREGATES = "view_aggregates"  # anonymous statistics
    IMPORT_BUNDLE = "import_bundle"  # import / export data bundles
    VIEW_AUDIT = "view_audit"  # browse the audit log
    MANAGE_STRUCTURES = "manage_structures"  # structures, users and roles
    SUBMIT_PLIE_FILES = "submit_plie_files"  # PLIE entry files and exit proposals (in scope)
    VIEW_COMMISSIONS = "view_commissions"  # PLIE commissions, agendas, minutes (names in scope)
    MANAGE_COMMISSIONS = "manage_commissions"  # plan PLIE commissions, record their decisions
    SIMULATE_ZFU = "simulate_zfu"  # ZFU-TE exemption simulator (company figures, no person)
    REQUEST_AIDS = "request_aids"  # individual aid requests, their documents (in scope)
    DECIDE_AIDS = "decide_aids"  # decide on aid requests, budgets, collective sessions
    VIEW_PROGRAMME = "view_programme"  # répertoire des opérations, operation pages, figures
    MANAGE_PROGRAMME = "manage_programme"  # funding plans and the workflow of operations
    VIEW_RECRUITMENT = "view_recruitment"  # job offers, campaigns, placements (names in scope)
    MANAGE_RECRUITMENT = "manage_recruitment"  # candidates' stages, hires, placements
    PROPOSE_OPERATIONS = "propose_operations"  # propose operations for their structures
    VIEW_COMPANIES = "view_companies"  # companies, their contacts and interactions
    EDIT_COMPANIES = "edit_companies"  # create/update companies, contacts, interactions
    MANAGE_IOD = "manage_iod"  # IOD prospection, negotiated offers, proposals, follow-ups
    VIEW_CLAUSES = "view_clauses"  # clause operations, buyers, syntheses (names in scope)
    MANAGE_CLAUSES = "manage_clauses"  # operations, eligibility, contracts and monthly hours
    POSITION_ON_CLAUSES = "position_on_clauses"  # position people in scope on clause offers
    VIEW_EVENTS = "view_events"  # events and their figures (names in scope)
    MANAGE_EVENTS = "manage_events"  # create events and series, check-in, surveys
    REGISTER_TO_EVENTS = "register_to_events"  # register people in scope to events
    RECORD_RECEPTION = "record_reception"  # the antenna reception log
    BOOK_OUTINGS = "book_outings"  # solidarity ticketing: register actionneurs, book outings
    MANAGE_TICKETING = "manage_ticketing"  # partners, desks, every offer and booking
    PUBLISH_CULTURE_OFFERS = "publish_culture_offers"  # a cultural partner's own offers
    BROWSE_COMPANY_OFFERS = "browse_company_offers"  # Choreia: offers for partner companies' staff
    MANAGE_INSERTION_CULTURE = "manage_insertion_culture"  # Mission Insertion Culture actions
    PROCESS_RIGHTS_REQUESTS = "process_rights_requests"  # RGPD: access export, erasure


CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.ADMIN: frozenset(Capability),
    Role.DIRECTION: frozenset(
        {
            Capability.VIEW_PEOPLE,
            Capability.VIEW_AGGREGATES,
            Capability.VIEW_AUDIT,
            Capability.VIEW_COMMISSIONS,
            Capability.VIEW_PROGRAMME,
            Capability.SIMULATE_ZFU,
            Capability.VIEW_RECRUITMENT,
            Capability.VIEW_COMPANIES,
            Capability.VIEW_CLAUSES,
            Capability.VIEW_EVENTS,
        }
    ),
    Role.REFERENT: frozenset(
        {
            Capability.VIEW_PEOPLE,
            Capability.EDIT_PEOPLE,
            Capability.VIEW_AGGREGATES,
            Capability.SUBMIT_PLIE_FILES,
            Capability.VIEW_COMMISSIONS,
            Capability.REQUEST_AIDS,
            Capability.VIEW_PROGRAMME,
            Capability.PROPOSE_OPERATIONS,
            Capability.VIEW_RECRUITMENT,
            Capability.POSITION_ON_CLAUSES,
            Capability.VIEW_EVENTS,
            Capability.REGISTER_TO_EVENTS,
            Capability.BOOK_OUTINGS,
        }
    ),
    Role.COMPANY_RELATIONS: frozenset(
        {
            Capability.VIEW_PEOPLE,
            Capability.EDIT_PEOPLE,
            Capability.SIMULATE_ZFU,
            Capability.VIEW_RECRUITMENT,
            Capability.MANAGE_RECRUITMENT,
            Capability.VIEW_COMPANIES,
            Capability.EDIT_COMPANIES,
            Capability.MANAGE_IOD,
            Capability.POSITION_ON_CLAUSES,
            Capability.VIEW_EVENTS,
            Capability.MANAGE_EVENTS,
            Capability.REGISTER_TO_EVENTS,
        }
    ),
    Role.CLAUSE_FACILITATOR: frozenset(
        {
            Capability.VIEW_PEOPLE,
            Capability.EDIT_PEOPLE,
            Capability.VIEW_COMPANIES,
            Capability.VIEW_CLAUSES,
            Capability.MANAGE_CLAUSES,
            Capability.POSITION_ON_CLAUSES,
            Capability.VIEW_EVENTS,
            Capability.REGISTER_TO_EVENTS,
        }
    ),
    Role.RECEPTION: frozenset(
        {
            Capability.VIEW_PEOPLE,
            Capability.EDIT_PEOPLE,
            Capability.RECORD_RECEPTION,
            Capability.POSITION_ON_CLAUSES,
            Capability.VIEW_EVENTS,
            Capability.MANAGE_EVENTS,
            Capability.REGISTER_TO_EVENTS,
            Capability.BOOK_OUTINGS,
        }
    ),
    Role.CULTURE: frozenset(
        {
            Capability.VIEW_PEOPLE,
            Capability.EDIT_PEOPLE,
            Capability.VIEW_EVENTS,
            Capability.REGISTER_TO_EVENTS,
            Capability.BOOK_OUTINGS,
            Capability.MANAGE_TICKETING,
            Capability.MANAGE_INSERTION_CULTURE,
        }
    ),
    Role.FUNDER: frozenset({Capability.VIEW_AGGREGATES}),
    Role.CULTURAL_PARTNER: frozenset({Capability.PUBLISH_CULTURE_OFFERS}),
    Role.COMPANY_EMPLOYEE: frozenset({Capability.BROWSE_COMPANY_OFFERS}),
}
