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
        }
    ),
    Role.CLAUSE_FACILITATOR: frozenset(
        {Capability.VIEW_PEOPLE, Capability.EDIT_PEOPLE, Capability.VIEW_COMPANIES}
    ),
    Role.RECEPTION: frozenset({Capability.VIEW_PEOPLE, Capability.EDIT_PEOPLE}),
    Role.CULTURE: frozenset({Capability.VIEW_PEOPLE, Capability.EDIT_PEOPLE}),
    Role.FUNDER: frozenset({Capability.VIEW_AGGREGATES}),
}
