"""The one mechanism that decides which personal data a user may see.

Every model holding personal data uses a ``ScopedQuerySet`` subclass and names,
in ``person_path``, the lookup from the model to its ``Person`` ("" for Person
itself, "person" for a model with a ``person`` foreign key, "parcours__person"
further away). Views and services only ever call ``.visible_to(user)`` — or
``get_visible_or_404`` — and never filter on roles or structures themselves.

The rule (docs/permissions.md):
- administrators and direction see every person;
- the other staff roles see the people followed (``people.Followup``) by one of
  the structures where they hold such a role;
- financeurs and anonymous users see no one.
An object out of scope is answered 404, like one that does not exist.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from maillage.accounts.roles import PERSON_SCOPE, PersonScope


class ScopedQuerySet(models.QuerySet):
    #: Lookup path from the model to its Person ("" when the model is Person).
    person_path: str = ""

    def visible_to(self, user) -> "ScopedQuerySet":
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        scope = user.person_scope
        if scope == PersonScope.ALL:
            return self
        if scope == PersonScope.NONE:
            return self.none()
        structure_ids = user.structure_ids(
            roles={role for role, s in PERSON_SCOPE.items() if s == PersonScope.FOLLOWED}
        )
        followup = apps.get_model("people", "Followup")
        followed = followup.objects.filter(structure_id__in=structure_ids).values("person_id")
        lookup = f"{self.person_path}__in" if self.person_path else "pk__in"
        return self.filter(**{lookup: followed})


def get_visible_or_404(queryset: ScopedQuerySet, user, **lookup):
    """The object if it exists *and* the user may see it; 404 in both other cases."""
    try:
        return queryset.visible_to(user).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def for_aggregates(queryset: ScopedQuerySet, user) -> ScopedQuerySet:
    """The rows a user's *anonymous* figures are computed on.

    Roles that see no names (financeurs) still get the platform-wide figures;
    roles limited to their structures get the figures of their structures.
    """
    if user is None or not user.is_authenticated:
        return queryset.none()
    if user.person_scope == PersonScope.FOLLOWED:
        return queryset.visible_to(user)
    return queryset


def require_visible(queryset: ScopedQuerySet, user, pk) -> None:
    """For services: an object out of the user's scope is refused like a missing one."""
    if not queryset.visible_to(user).filter(pk=pk).exists():
        raise PermissionDenied
