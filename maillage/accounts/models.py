"""Users and their memberships: a user holds a role within one or more structures."""

from decimal import Decimal
from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.accounts.roles import CAPABILITIES, PERSON_SCOPE, Capability, PersonScope, Role


class User(AbstractUser):
    """A staff member of the platform or of a partner structure (never a beneficiary)."""

    structures = models.ManyToManyField(
        "organisations.Structure", through="Membership", related_name="users"
    )

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def active_memberships(self) -> list["Membership"]:
        """Memberships loaded once per request: roles and structures drive every check."""
        return list(self.memberships.select_related("structure").filter(structure__is_active=True))

    @property
    def roles(self) -> set[str]:
        roles = {m.role for m in self.active_memberships}
        if self.is_superuser:
            roles.add(Role.ADMIN)
        return roles

    def has_capability(self, capability: Capability) -> bool:
        return any(capability in CAPABILITIES[role] for role in self.roles)

    @property
    def person_scope(self) -> PersonScope:
        """The widest person scope among the user's roles."""
        scopes = {PERSON_SCOPE[role] for role in self.roles}
        for scope in (PersonScope.ALL, PersonScope.FOLLOWED):
            if scope in scopes:
                return scope
        return PersonScope.NONE

    def structure_ids(self, *, roles: set[str] | None = None) -> list[int]:
        """Structures where the user holds one of ``roles`` (any role when None)."""
        return sorted(
            {m.structure_id for m in self.active_memberships if roles is None or m.role in roles}
        )

    @property
    def primary_role(self) -> str | None:
        """The role that decides the home page: the one with the widest rights first."""
        for role in Role.values:
            if role in self.roles:
                return role
        return None


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    structure = models.ForeignKey(
        "organisations.Structure", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("rôle"), max_length=30, choices=Role.choices)
    # Working time on this role, in full-time equivalents: a référent's PLIE caseload
    # target is MAILLAGE_PLIE_CASELOAD_PER_FTE (90) participants per FTE.
    fte = models.DecimalField(
        _("ETP"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Équivalent temps plein sur ce rôle, entre 0 et 1 (0,5 = mi-temps)."),
    )

    class Meta:
        verbose_name = _("rattachement")
        verbose_name_plural = _("rattachements")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "structure", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=models.Q(fte__gte=0, fte__lte=1), name="membership_fte_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.structure}"
