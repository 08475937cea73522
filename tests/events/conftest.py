import pytest

from maillage.accounts.roles import Role
from tests.factories import user_with_role


@pytest.fixture
def manager(structure_a):
    """A company relations officer: manages events and recruitment, sees A's people."""
    return user_with_role(Role.COMPANY_RELATIONS, structure_a, username="chargee")


@pytest.fixture
def reception(structure_a):
    return user_with_role(Role.RECEPTION, structure_a, username="accueil")
