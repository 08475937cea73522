"""Age bands, the user's antennas, the correction window."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maillage.accounts.roles import Role
from maillage.antennas import rules
from maillage.antennas.models import AgeBand, Visit
from tests.factories import MembershipFactory, user_with_role


@pytest.mark.parametrize(
    ("birth", "day", "band"),
    [
        (datetime.date(1992, 3, 2), datetime.date(2017, 3, 1), AgeBand.UNDER_26),  # 24
        (datetime.date(1991, 3, 1), datetime.date(2017, 3, 1), AgeBand.FROM_26_TO_45),  # 26
        (datetime.date(1971, 3, 2), datetime.date(2017, 3, 1), AgeBand.FROM_26_TO_45),  # 45
        (datetime.date(1971, 3, 1), datetime.date(2017, 3, 1), AgeBand.FROM_46_TO_50),  # 46
        (datetime.date(1966, 3, 2), datetime.date(2017, 3, 1), AgeBand.FROM_46_TO_50),  # 50
        (datetime.date(1966, 3, 1), datetime.date(2017, 3, 1), AgeBand.OVER_50),  # 51
    ],
)
def test_age_bands_follow_the_report(birth, day, band):
    assert rules.age_band(birth, day) == band


@given(
    st.dates(min_value=datetime.date(1930, 1, 1), max_value=datetime.date(2010, 12, 31)),
    st.integers(min_value=0, max_value=20000),
)
def test_age_band_never_goes_down_with_time(birth, days):
    order = list(AgeBand.values)
    day = datetime.date(2018, 1, 1)
    later = day + datetime.timedelta(days=days)
    assert order.index(rules.age_band(birth, later)) >= order.index(rules.age_band(birth, day))


def test_antennas_for_a_desk_and_an_admin(antenna, other_antenna, desk, admin_user):
    assert list(rules.antennas_for(desk)) == [antenna]
    assert set(rules.antennas_for(admin_user)) == {antenna, other_antenna}
    # A référent of an antenna (no record_reception) records nowhere.
    referent = user_with_role(Role.REFERENT, other_antenna)
    assert not rules.antennas_for(referent).exists()
    # A reception role in a structure that is not an antenna gives no antenna.
    MembershipFactory(user=referent, role=Role.RECEPTION)
    del referent.active_memberships
    assert not rules.antennas_for(referent).exists()


def test_only_the_recorder_amends_and_only_for_a_while(desk, other_desk):
    now = datetime.datetime(2017, 3, 1, 10, 0, tzinfo=datetime.UTC)
    visit = Visit(recorded_by=desk, created_at=now)
    assert rules.can_amend(visit, desk, now + rules.AMEND_WINDOW)
    assert not rules.can_amend(visit, desk, now + rules.AMEND_WINDOW + datetime.timedelta(1))
    assert not rules.can_amend(visit, other_desk, now)
    assert not rules.can_amend(Visit(recorded_by=None, created_at=now), desk, now)
