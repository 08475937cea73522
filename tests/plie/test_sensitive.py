"""Health, disability, justice and family details of a PLIE file: référent and admin only."""

import pytest
from django.urls import reverse

from maillage.accounts.roles import Role
from maillage.audit.models import Action, AuditEntry
from maillage.plie.eligibility import conditions
from maillage.plie.sensitive import HIDDEN, may_see_sensitive
from tests.factories import FollowupFactory, StructureFactory, user_with_role
from tests.plie.commission_factories import DIAGNOSIS, EntryRequestFactory

pytestmark = pytest.mark.django_db
COMMENT = DIAGNOSIS["difficulties_comment"]


@pytest.fixture
def structure():
    return StructureFactory(code="ALIS", kind="referent")


@pytest.fixture
def file_referent(structure):
    return user_with_role(Role.REFERENT, structure, username="ref_dossier")


@pytest.fixture
def entry(structure, file_referent):
    entry = EntryRequestFactory(structure=structure, referent=file_referent)
    FollowupFactory(person=entry.person, structure=structure)
    return entry


def evidence(entry, sensitive) -> str:
    return conditions(entry, sensitive=sensitive)[1].evidence


def test_the_files_referent_and_administrators_read_the_details(entry, file_referent, admin_user):
    assert may_see_sensitive(file_referent, entry) and may_see_sensitive(admin_user, entry)
    assert "Garde d'enfants" in evidence(entry, True) and COMMENT in evidence(entry, True)


def test_others_see_that_details_exist_not_what_they_are(entry, structure):
    colleague = user_with_role(Role.REFERENT, structure, username="collegue")
    direction = user_with_role(Role.DIRECTION, StructureFactory(code="DIR"))
    for user in (colleague, direction):
        assert not may_see_sensitive(user, entry)
    hidden = evidence(entry, False)
    assert "Mobilité" in hidden  # not sensitive
    assert "Garde d'enfants" not in hidden and COMMENT not in hidden and HIDDEN in hidden
    assert conditions(entry, sensitive=False)[1].met  # the condition still reads as met


def test_the_file_page_hides_them_from_a_colleague_and_audits_the_referents_display(
    client, entry, structure, file_referent
):
    url = reverse("plie:entry_detail", args=[entry.pk])
    colleague = user_with_role(Role.REFERENT, structure, username="collegue")
    client.force_login(colleague)
    page = client.get(url).content.decode()
    assert COMMENT not in page and HIDDEN in page
    client.force_login(file_referent)
    assert COMMENT in client.get(url).content.decode()
    views = AuditEntry.objects.filter(action=Action.VIEW, person_id=entry.person_id)
    assert views.filter(changes__sensitive_shown=True).count() == 1
    assert views.count() == 2
