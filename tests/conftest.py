import pytest

from maillage.accounts.roles import Role
from tests.factories import StructureFactory, user_with_role


@pytest.fixture
def structure_a(db):
    return StructureFactory(code="A", name="Structure A")


@pytest.fixture
def structure_b(db):
    return StructureFactory(code="B", name="Structure B")


@pytest.fixture
def referent_a(structure_a):
    return user_with_role(Role.REFERENT, structure_a, username="referent_a")


@pytest.fixture
def admin_user(db):
    animation = StructureFactory(code="ANIM", name="Équipe d'animation", kind="animation")
    return user_with_role(Role.ADMIN, animation, username="admin")


@pytest.fixture
def funder(db):
    return user_with_role(Role.FUNDER, StructureFactory(code="FUND"), username="funder")
