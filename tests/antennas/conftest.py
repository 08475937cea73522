import datetime

import pytest
from django.utils import timezone

from maillage.accounts.roles import Role
from maillage.antennas import services
from maillage.organisations.models import StructureKind
from tests.factories import StructureFactory, followed_person, user_with_role


@pytest.fixture
def antenna(db):
    return StructureFactory(code="ANT-D", name="Antenne Duchère", kind=StructureKind.ANTENNA)


@pytest.fixture
def other_antenna(db):
    return StructureFactory(code="ANT-M", name="Antenne Mermoz", kind=StructureKind.ANTENNA)


@pytest.fixture
def desk(antenna):
    return user_with_role(Role.RECEPTION, antenna, username="accueil_d")


@pytest.fixture
def other_desk(other_antenna):
    return user_with_role(Role.RECEPTION, other_antenna, username="accueil_m")


@pytest.fixture
def visitor(antenna):
    return followed_person(
        antenna,
        last_name="Martin",
        first_names="Hélène",
        sex="F",
        birth_date=datetime.date(1980, 5, 12),
    )


def record(user, antenna, **kwargs):
    """A visit through the service, with defaults for what the test does not care about."""
    kwargs.setdefault("at", timezone.now() - datetime.timedelta(minutes=1))
    kwargs.setdefault("reasons", ["information"])
    return services.record_visit(antenna=antenna, acting_user=user, **kwargs)
