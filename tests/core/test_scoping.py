"""The scoping rule, proven on the querysets (docs/permissions.md)."""

import pytest

from maillage.accounts.roles import Role
from maillage.accounts.scoping import for_aggregates
from maillage.people.models import Followup, Person
from tests.factories import PersonFactory, followed_person, user_with_role

pytestmark = pytest.mark.django_db


def test_referent_sees_only_people_followed_by_their_structure(
    referent_a, structure_a, structure_b
):
    mine = followed_person(structure_a)
    theirs = followed_person(structure_b)
    PersonFactory()  # followed by nobody

    assert list(Person.objects.visible_to(referent_a)) == [mine]
    assert list(Followup.objects.visible_to(referent_a).values_list("person", flat=True)) == [
        mine.pk
    ]
    assert theirs not in Person.objects.visible_to(referent_a)


@pytest.mark.parametrize("role", [Role.ADMIN, Role.DIRECTION])
def test_admin_and_direction_see_everyone(role, structure_a, structure_b):
    followed_person(structure_b)
    PersonFactory()
    user = user_with_role(role, structure_a)
    assert Person.objects.visible_to(user).count() == 2


def test_funder_sees_no_name_but_gets_platform_figures(funder, structure_a):
    followed_person(structure_a)
    assert not Person.objects.visible_to(funder).exists()
    assert for_aggregates(Person.objects.all(), funder).count() == 1


def test_inactive_structure_membership_gives_nothing(referent_a, structure_a):
    followed_person(structure_a)
    structure_a.is_active = False
    structure_a.save()
    referent_a.refresh_from_db()
    assert not Person.objects.visible_to(referent_a).exists()


def test_anonymous_sees_nothing(structure_a):
    from django.contrib.auth.models import AnonymousUser

    followed_person(structure_a)
    assert not Person.objects.visible_to(AnonymousUser()).exists()
