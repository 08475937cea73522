"""The référent's workspace: their caseload and what needs their attention today.

Every list is a filtered queryset of ``Parcours``/``Step`` derived from
``visible_to(user)``: the page runs a fixed number of queries (a count and a
short page per list) whatever the size of the caseload.

Whose caseload:
- a référent sees by default the parcours they follow (``Parcours.referent``),
  and may choose a colleague of their structures or "all the parcours of my
  structures" (those whose referent structure is one of theirs, including the
  imported parcours without a named référent);
- direction and administrators choose any référent, or all the parcours.
The person scope (``visible_to``) always applies on top of that choice.

The caseload target is ``MAILLAGE_PLIE_CASELOAD_PER_FTE`` (90) participants per
full-time référent, the FTE being ``Membership.fte`` of the référent role.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Exists, F, Max, Min, OuterRef, Q, QuerySet, Sum

from maillage.accounts.models import Membership, User
from maillage.accounts.roles import PersonScope, Role
from maillage.plie import entry_services, followup_rules
from maillage.plie.commission_models import ExitProposal
from maillage.plie.models import Parcours, Step, StepCategory

#: Contracts whose end falls within this many days are listed.
CONTRACT_END_WINDOW_DAYS = 30
#: Rows shown per list (the page always says the total).
LIST_LIMIT = 50

ALL = "tous"


def caseload_per_fte() -> int:
    return int(getattr(settings, "MAILLAGE_PLIE_CASELOAD_PER_FTE", 90))


def _referent_memberships() -> QuerySet:
    return Membership.objects.filter(
        role=Role.REFERENT, structure__is_active=True, user__is_active=True
    )


def _structures_of(user) -> list[int] | None:
    """The structures a user's "all" choice covers: theirs, or every one (None) for wide scopes."""
    if user.person_scope == PersonScope.ALL:
        return None
    return user.structure_ids()


def referent_choices(user) -> list[User]:
    """The référents the user may pick: of their structures, or all for direction and admins."""
    memberships = _referent_memberships()
    structures = _structures_of(user)
    if structures is not None:
        memberships = memberships.filter(structure_id__in=structures)
    return list(
        User.objects.filter(pk__in=memberships.values("user_id")).order_by(
            "last_name", "first_name", "id"
        )
    )


def filter_choices(user, referents: list[User]) -> list[tuple[str, str]]:
    """The options of the workspace's référent filter: "all", then each référent."""
    everyone = (
        "Tous les référents"
        if user.person_scope == PersonScope.ALL
        else "Tous les parcours de mes structures"
    )
    return [(ALL, everyone), *[(str(u.pk), str(u)) for u in referents]]


@dataclass(frozen=True)
class Selection:
    """Whose caseload the workspace shows: one référent, or all (``referent`` None)."""

    user: User
    referent: User | None

    @property
    def value(self) -> str:
        return str(self.referent.pk) if self.referent else ALL


def select(user, wanted: str | None, choices: list[User]) -> Selection:
    """The selection asked for (``?referent=``), if allowed; else the default one.

    The default is the user's own caseload when they are a référent, else all.
    """
    by_id = {str(u.pk): u for u in choices}
    if wanted == ALL:
        return Selection(user, None)
    if wanted in by_id:
        return Selection(user, by_id[wanted])
    if Role.REFERENT in user.roles:
        return Selection(user, user)
    return Selection(user, None)


def open_parcours(selection: Selection, today: date) -> QuerySet:
    """The caseload: parcours not exited by ``today``, visible to the user, of the selection."""
    parcours = Parcours.objects.visible_to(selection.user).filter(
        Q(exit_date__isnull=True) | Q(exit_date__gt=today)
    )
    if selection.referent is not None:
        return parcours.filter(referent=selection.referent)
    structures = _structures_of(selection.user)
    if structures is not None:
        parcours = parcours.filter(structure_id__in=structures)
    return parcours


def target_fte(selection: Selection) -> Decimal:
    """Full-time equivalents of the selection's référents (one query)."""
    memberships = _referent_memberships()
    if selection.referent is not None:
        memberships = memberships.filter(user=selection.referent)
    else:
        structures = _structures_of(selection.user)
        if structures is not None:
            memberships = memberships.filter(structure_id__in=structures)
    return memberships.aggregate(total=Sum("fte"))["total"] or Decimal(0)


@dataclass(frozen=True)
class Caseload:
    count: int
    fte: Decimal
    per_fte: int

    @property
    def target(self) -> int:
        return round(self.fte * self.per_fte)

    @property
    def load(self) -> float:
        """Caseload / target (1.0 = on target); 0.0 without a target."""
        return self.count / self.target if self.target else 0.0

    @property
    def over_target(self) -> bool:
        return bool(self.target) and self.count > self.target


def caseload(selection: Selection, today: date) -> Caseload:
    return Caseload(
        count=open_parcours(selection, today).count(),
        fte=target_fte(selection),
        per_fte=caseload_per_fte(),
    )


def _running_on(today: date) -> Q:
    return Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))


def without_running_step(selection: Selection, today: date) -> QuerySet:
    """Open parcours with no step running today, the longest idle first.

    Each row carries ``last_step_end`` (the last step that ended) and
    ``next_step_start`` (a step planned later), computed in the same query.
    """
    running = Step.objects.filter(parcours=OuterRef("pk")).filter(_running_on(today))
    return (
        open_parcours(selection, today)
        .filter(~Exists(running))
        .select_related("person", "referent")
        .annotate(
            last_step_end=Max("steps__end_date", filter=Q(steps__end_date__lt=today)),
            next_step_start=Min("steps__start_date", filter=Q(steps__start_date__gt=today)),
        )
        .order_by(F("last_step_end").asc(nulls_first=True), "entry_date", "pk")
    )


def contracts_ending(selection: Selection, today: date) -> QuerySet:
    """Employment contracts of the caseload ending in the next 30 days, soonest first."""
    until = today + timedelta(days=CONTRACT_END_WINDOW_DAYS)
    return (
        Step.objects.visible_to(selection.user)
        .filter(
            parcours__in=open_parcours(selection, today).values("pk"),
            category=StepCategory.EMPLOYMENT_CONTRACT,
            end_date__range=(today, until),
        )
        .select_related("parcours__person", "company")
        .order_by("end_date", "pk")
    )


def followups_due(selection: Selection, today: date) -> QuerySet:
    """Blocked parcours, those the follow-up commission will review: no step for N months.

    The definition is the follow-up commission's (``followup_rules.blocked``);
    each row carries the end of its last finished step (``last_step_end``).
    """
    return (
        followup_rules.blocked(open_parcours(selection, today), on=today)
        .select_related("person", "referent")
        .annotate(last_step_end=Max("steps__end_date", filter=Q(steps__end_date__lt=today)))
        .order_by(F("last_step_end").asc(nulls_first=True), "entry_date", "pk")
    )


def pending_entry_requests(selection: Selection) -> QuerySet:
    """Candidates' files waiting for a validation commission (of the selection)."""
    requests = entry_services.pending_entry_requests(selection.user)
    if selection.referent is not None:
        requests = requests.filter(referent=selection.referent)
    else:
        structures = _structures_of(selection.user)
        if structures is not None:
            requests = requests.filter(structure_id__in=structures)
    return requests.select_related("person", "structure").order_by("oriented_on", "pk")


def pending_exit_proposals(selection: Selection, today: date) -> QuerySet:
    """Exits proposed for the caseload, waiting for a validation commission."""
    return (
        ExitProposal.objects.visible_to(selection.user)
        .pending()
        .filter(parcours__in=open_parcours(selection, today).values("pk"))
        .select_related("parcours__person")
        .order_by("exit_date", "pk")
    )
