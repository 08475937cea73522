"""``maillage demo``: a complete, fictitious and idempotent demonstration."""

import datetime
import io
import random
import re
from collections import Counter

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command
from django.utils import timezone

from maillage.accounts.models import Membership, User
from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.demo import names
from maillage.demo.people import AGE_BRACKETS, draw_people
from maillage.demo.structures import ANTENNAS, CONVENTIONED_2017, TERRITORIES
from maillage.demo.users import DEMO_PASSWORD, DEMO_USERS
from maillage.organisations.models import Structure, StructureKind
from maillage.people.models import Followup, Person, Qpv
from tests.factories import UserFactory

PEOPLE = 200


def run_demo(**options) -> str:
    """The demo without its PLIE (``test_demo_plie.py`` covers it): people, structures, users."""
    out = io.StringIO()
    options.setdefault("plie_scale", 0)
    call_command("demo", people=PEOPLE, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def demo_output(db):
    return run_demo()


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Structure, User, Membership, Person, Followup, Qpv)
    }


def test_users_of_every_role_log_in_with_the_documented_password(demo_output, client):
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    for spec in DEMO_USERS:
        user = User.objects.get(username=spec.username)
        validate_password(DEMO_PASSWORD, user)  # the password validators accept it
        assert client.login(username=spec.username, password=DEMO_PASSWORD), spec.username
        client.logout()
        assert spec.username in demo_output
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert DEMO_PASSWORD in demo_output
    assert "http://127.0.0.1:8000/" in demo_output


def test_structures_include_the_antennas_and_the_conventioned_structures(demo_output):
    antennas = Structure.objects.filter(kind=StructureKind.ANTENNA)
    assert sorted(antennas.values_list("territory", flat=True)) == sorted(TERRITORIES)
    assert {a.code for a in ANTENNAS} == set(antennas.values_list("code", flat=True))
    assert len(CONVENTIONED_2017) >= 51
    codes = set(Structure.objects.values_list("code", flat=True))
    assert {spec.code for spec in CONVENTIONED_2017} <= codes
    assert Structure.objects.get(code="ALLIES").kind == StructureKind.ANIMATION
    assert Structure.objects.get(code="S-CULTURE-POUR-TOUS").kind == StructureKind.CULTURE
    referents = Structure.objects.filter(kind=StructureKind.REFERENT)
    assert referents.count() >= 5
    assert set(referents.values_list("territory", flat=True)) == set(TERRITORIES)


def test_people_are_valid_and_followed(demo_output):
    today = timezone.localdate()
    # The people step's files (other steps add their own, e.g. the Mission culture's residents).
    people = list(
        Person.objects.filter(external_id__regex=r"^DEMO-\d{5}$")
        .select_related("qpv")
        .prefetch_related("followups__structure")
    )
    assert len(people) == PEOPLE
    for person in people:
        person.full_clean()
        assert re.fullmatch(r"\d{5}", person.postcode)
        assert person.postcode.startswith("6900")
        assert datetime.date(1900, 1, 1) < person.birth_date <= today
        assert person.sex in {"F", "M"}
        assert person.search_key == person.compute_search_key()
        assert person.external_id.startswith("DEMO-")
        if person.qpv:
            assert person.postcode in person.qpv.postcodes.split()
        followups = list(person.followups.all())
        referents = [f for f in followups if f.structure.kind == StructureKind.REFERENT]
        assert len(referents) == 1
        assert referents[0].service in {Followup.Service.PLIE, Followup.Service.GENERAL}
        for followup in followups:
            assert datetime.date(2012, 1, 1) <= followup.started_on <= today
            if followup.structure.kind == StructureKind.ANTENNA:
                assert followup.service == Followup.Service.RECEPTION
    assert {p.sex for p in people} == {"F", "M"}
    assert any(p.qpv for p in people)

    # Near-duplicates for the duplicate detection: same birth date, same folded name.
    same = Counter((p.birth_date, p.search_key) for p in people)
    pairs = [key for key, n in same.items() if n > 1]
    assert len(pairs) >= 3
    for birth_date, key in pairs:
        spellings = {
            (p.last_name, p.first_names)
            for p in people
            if (p.birth_date, p.search_key) == (birth_date, key)
        }
        assert len(spellings) > 1, key


def test_running_it_twice_changes_nothing(demo_output):
    before = counts()
    second = run_demo()
    assert counts() == before
    assert "déjà en place" in second


def test_referents_see_only_the_people_their_structure_follows(demo_output):
    total = Person.objects.count()
    referent = User.objects.get(username="referent")
    referent2 = User.objects.get(username="referent2")
    mine = set(Person.objects.visible_to(referent).values_list("pk", flat=True))
    theirs = set(Person.objects.visible_to(referent2).values_list("pk", flat=True))
    assert 0 < len(mine) < total
    assert 0 < len(theirs) < total
    assert not mine & theirs
    followed_by_alis = Followup.objects.filter(structure__code="S-ALIS").values("person")
    assert mine == set(Person.objects.filter(pk__in=followed_by_alis).values_list("pk", flat=True))
    assert Person.objects.visible_to(User.objects.get(username="admin")).count() == total
    assert not Person.objects.visible_to(User.objects.get(username="financeur")).exists()
    assert Person.objects.visible_to(User.objects.get(username="accueil")).exists()


def test_one_summary_entry_in_the_audit_log(demo_output):
    entry = AuditEntry.objects.get(object_type="demo")
    assert (entry.action, entry.source, entry.actor_name) == ("import", "command", "demo")
    assert entry.changes["personnes créées"] == PEOPLE


def test_an_existing_account_that_is_not_a_demo_one_is_left_alone(db):
    UserFactory(username="admin", email="direction@example.org")
    output = run_demo()
    admin = User.objects.get(username="admin")
    assert not admin.memberships.exists()
    assert not admin.is_superuser
    assert admin.check_password("motdepasse-de-test")
    assert "n'a pas été créé par la démonstration" in output


def test_people_are_not_added_to_a_database_that_has_some(db):
    Person.objects.create(last_name="Réel", first_names="Dossier", sex="F", birth_date="1980-01-01")
    output = run_demo()
    assert Person.objects.count() == 1
    assert "aucune personne de démonstration" in output


def test_refused_on_a_production_instance(db, settings):
    settings.SECURE_DECLARED = True
    with pytest.raises(CommandError, match="MAILLAGE_SECURE"):
        run_demo()
    assert not User.objects.exists()
    run_demo(allow_secure=True)
    assert User.objects.filter(username="admin").exists()


def _fake_qpvs() -> dict[str, list[Qpv]]:
    by_postcode: dict[str, list[Qpv]] = {}
    for code, postcodes in (("A", "69008"), ("B", "69009"), ("C", "69001 69004"), ("D", "69007")):
        for postcode in postcodes.split():
            by_postcode.setdefault(postcode, []).append(Qpv(code=code, postcodes=postcodes))
    return by_postcode


def test_the_drawing_is_deterministic_and_follows_the_report():
    today = datetime.date(2026, 6, 30)
    drafts = draw_people(random.Random(2017), 3000, today, _fake_qpvs())
    again = draw_people(random.Random(2017), 3000, today, _fake_qpvs())
    assert [(d.last_name, d.birth_date) for d in drafts] == [
        (d.last_name, d.birth_date) for d in again
    ]
    originals = [d for d in drafts if not d.duplicate]
    n = len(originals)
    assert 0.45 < sum(d.sex == "F" for d in originals) / n < 0.55
    assert 0.25 < sum(d.qpv is not None for d in originals) / n < 0.35
    assert 0.20 < sum(d.education_level == "5" for d in originals) / n < 0.28

    def age(d):
        s, b = d.started_on, d.birth_date
        return s.year - b.year - ((s.month, s.day) < (b.month, b.day))

    for weight, youngest, oldest in AGE_BRACKETS:
        share = sum(youngest <= age(d) <= oldest for d in originals) / n
        assert abs(share - weight / 100) < 0.04, (youngest, oldest, share)
    caseloads = Counter(d.referent_code for d in originals)
    assert caseloads["S-ALIS"] == caseloads["S-MIRLY"] == 90
    assert 10 <= sum(d.duplicate for d in drafts) <= 15


def test_name_lists_are_clean():
    for name in ("first_names_female", "first_names_male", "last_names"):
        values = names.load(name)
        assert len(values) >= 200
        assert len(set(values)) == len(values)
        assert all(v == v.strip() and v for v in values)
