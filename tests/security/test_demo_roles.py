"""Each demo role, logged in with its demo password, tries to read another structure's person.

The check the issue asks for, on the demo organisation: a person the user's
structures do not follow answers 404 (existence not revealed), one they follow
opens; roles that never see names get 403 on every person file.
"""

import io

import pytest
from django.core.management import call_command

from maillage.accounts.models import User
from maillage.accounts.roles import PERSON_SCOPE, PersonScope
from maillage.demo.users import DEMO_PASSWORD, DEMO_USERS
from maillage.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("demo", people=150, plie_scale=0, stdout=io.StringIO())


def test_no_demo_role_reads_a_file_outside_its_structures(demo, client):
    checked = 0
    for spec in DEMO_USERS:
        user = User.objects.get(username=spec.username)
        assert client.login(username=spec.username, password=DEMO_PASSWORD)
        visible = Person.objects.visible_to(user)
        outside = Person.objects.exclude(pk__in=visible.values("pk")).first()
        inside = visible.first()
        roles_scope = {PERSON_SCOPE[role] for role in user.roles}
        if roles_scope == {PersonScope.NONE}:
            assert client.get(f"/personnes/{Person.objects.first().pk}/").status_code in (403, 404)
        else:
            if outside is not None:
                assert client.get(f"/personnes/{outside.pk}/").status_code == 404, spec.username
                checked += 1
            if inside is not None:
                assert client.get(f"/personnes/{inside.pk}/").status_code == 200, spec.username
        client.logout()
    assert checked >= 4  # référents, company relations, clauses, reception, culture
