import pytest

from maillage.accounts.roles import Role
from tests.factories import user_with_role


@pytest.fixture
def chargee(structure_a):
    """An IOD chargée de mission (chargé de relations entreprises) of structure A."""
    return user_with_role(Role.COMPANY_RELATIONS, structure_a, username="chargee")
