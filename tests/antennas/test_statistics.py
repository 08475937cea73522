"""The antennas block: people, visits, anonymous visits, splits; constant query count."""

import datetime

import pytest
from django.utils import timezone

from maillage.antennas import services
from maillage.antennas.statistics import antennas_block
from maillage.reports.blocks import registered
from tests.antennas.conftest import record
from tests.factories import followed_person

pytestmark = pytest.mark.django_db


def at(month, day=10, hour=10):
    return timezone.make_aware(datetime.datetime(2017, month, day, hour))


@pytest.fixture
def log2017(desk, antenna, other_antenna, admin_user, visitor):
    """Three people, six visits (two anonymous) at two antennas in 2017, one in 2018."""
    man = followed_person(antenna, sex="M", birth_date=datetime.date(1960, 1, 1))
    record(desk, antenna, person=visitor, at=at(1), reasons=["information", "cyber_base"])
    record(desk, antenna, person=visitor, at=at(3), reasons=["cyber_base"], orientation="PLIE")
    record(admin_user, other_antenna, person=visitor, at=at(3, 11))
    record(desk, antenna, person=man, at=at(12, 29, 18), reasons=["job_search"])
    anonymous = services.Anonymous("F", "under_26", "69009")
    record(desk, antenna, anonymous=anonymous, at=at(3), reasons=["cyber_base"])
    record(admin_user, other_antenna, anonymous=anonymous, at=at(8))
    record(desk, antenna, person=man, at=timezone.make_aware(datetime.datetime(2018, 1, 2, 9)))


def test_the_block_counts_people_and_visits(log2017, antenna, other_antenna):
    block = antennas_block(2017)
    assert (block["visits"], block["people"], block["anonymous_visits"]) == (6, 2, 2)
    assert block["by_antenna"] == {
        "ANT-D": {"name": "Antenne Duchère", "visits": 4, "people": 2, "anonymous_visits": 1},
        "ANT-M": {"name": "Antenne Mermoz", "visits": 2, "people": 1, "anonymous_visits": 1},
    }
    assert block["by_reason"]["cyber_base"] == {"visits": 3, "people": 1, "anonymous_visits": 1}
    assert block["by_reason"]["information"]["visits"] == 3
    assert block["by_reason"]["creation"] == {"visits": 0, "people": 0, "anonymous_visits": 0}
    assert block["by_sex"]["F"] == {"visits": 5, "people": 1, "anonymous_visits": 2}
    assert block["by_sex"]["M"]["visits"] == 1
    assert block["by_age_band"]["under_26"]["visits"] == 2
    assert block["by_age_band"]["over_50"] == {"visits": 1, "people": 1, "anonymous_visits": 0}
    assert block["by_sex_and_age_band"]["F"]["26_45"]["visits"] == 3
    assert block["by_month"]["03"] == {"visits": 3, "people": 1, "anonymous_visits": 1}
    assert block["by_month"]["12"]["visits"] == 1  # 29/12 at 18:00, local time
    assert sum(line["visits"] for line in block["by_month"].values()) == 6
    assert block["orientations"] == [{"orientation": "PLIE", "visits": 1}]
    # Limited to some antennas (a desk's figures).
    own = antennas_block(2017, antennas=[antenna])
    assert list(own["by_antenna"]) == ["ANT-D"] and own["visits"] == 4
    assert antennas_block(2016)["visits"] == 0


def test_the_block_is_registered_for_the_annual_report():
    blocks = {block.name: block for block in registered()}
    assert blocks["antennas"].compute is antennas_block
    assert not blocks["antennas"].needs_since


def test_constant_query_count(django_assert_num_queries, desk, antenna, visitor):
    record(desk, antenna, person=visitor, at=at(2))
    with django_assert_num_queries(9):
        antennas_block(2017)
    for month in range(1, 12):
        person = followed_person(antenna)
        record(desk, antenna, person=person, at=at(month), reasons=["workshop", "other"])
    with django_assert_num_queries(9):
        antennas_block(2017)
