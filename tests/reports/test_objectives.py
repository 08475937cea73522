"""Objectives of a protocol: the model's checks, reading actual values, comparing them."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st

from maillage.reports import objectives
from maillage.reports.models import Indicator, Objective, Period, Protocol

pytestmark = pytest.mark.django_db


def block(**values) -> dict:
    """A plie block with the keys the objectives read."""
    base = {
        "participants": 2423,
        "new_entrants": 705,
        "new_entrants_qpv_share": 207 / 705,
        "employment_step_share": 0.58,
        "positive_exit_rate": 294 / 671,
        "exits": {"positive": 294, "dropout": 163, "administrative": 214},
        "positive_exits_by_reason": {
            "cdi": 100,
            "cdd_6m_plus": 120,
            "qualifying_training": 44,
            "business_creation": 20,
            "other_status": 10,
        },
    }
    return base | values


@pytest.fixture
def protocol():
    return Protocol.objects.create(name="Protocole PLIE", start_year=2012, end_year=2018)


def objective(protocol, indicator, target, period=Period.EACH_YEAR) -> Objective:
    return Objective.objects.create(
        protocol=protocol, indicator=indicator, period=period, target=Decimal(target)
    )


def test_targets_are_shown_as_people_read_them(protocol):
    assert objective(protocol, Indicator.PARTICIPANTS, "6000", Period.WHOLE_PROTOCOL)
    shown = {o.indicator: o.display_target() for o in Objective.objects.all()}
    assert shown[Indicator.PARTICIPANTS] == "6\xa0000"
    assert objective(protocol, Indicator.NEW_ENTRANTS_QPV_SHARE, "0.35").display_target() == "35 %"
    assert (
        objective(protocol, Indicator.EMPLOYMENT_STEP_SHARE, "0.6667").display_target() == "66,67 %"
    )


def test_a_share_above_one_and_reversed_years_are_refused(protocol):
    wrong = Objective(protocol=protocol, indicator=Indicator.POSITIVE_EXIT_RATE, target=50)
    with pytest.raises(ValidationError) as exc:
        wrong.full_clean()
    assert "entre 0 et 1" in exc.value.message_dict["target"][0]
    with pytest.raises(ValidationError) as exc:
        Protocol(name="À l'envers", start_year=2018, end_year=2012).full_clean()
    assert "end_year" in exc.value.message_dict
    with transaction.atomic(), pytest.raises(IntegrityError):
        Protocol.objects.create(name="À l'envers", start_year=2018, end_year=2012)


def test_one_objective_per_indicator_and_period(protocol):
    objective(protocol, Indicator.NEW_ENTRANTS, "900")
    objective(protocol, Indicator.NEW_ENTRANTS, "6000", Period.WHOLE_PROTOCOL)
    with transaction.atomic(), pytest.raises(IntegrityError):
        objective(protocol, Indicator.NEW_ENTRANTS, "800")


def test_the_protocol_of_a_year(protocol):
    later = Protocol.objects.create(name="Suivant", start_year=2018, end_year=2023)
    assert objectives.protocol_for_year(2011) is None
    assert objectives.protocol_for_year(2017) == protocol
    assert objectives.protocol_for_year(2018) == later  # the most recent one
    assert list(protocol.years) == list(range(2012, 2019))


def test_annual_values_read_the_block_and_derive_the_exit_shares():
    figures = block()
    assert objectives.annual_value(Indicator.PARTICIPANTS, figures) == 2423
    assert objectives.annual_value(Indicator.NEW_ENTRANTS_QPV_SHARE, figures) == 207 / 705
    assert objectives.annual_value(Indicator.POSITIVE_EXIT_EMPLOYMENT_SHARE, figures) == 250 / 671
    assert objectives.annual_value(Indicator.POSITIVE_EXIT_QUALIFYING_SHARE, figures) == 44 / 671
    no_exit = block(exits={"positive": 0, "dropout": 0, "administrative": 0})
    assert objectives.annual_value(Indicator.POSITIVE_EXIT_QUALIFYING_SHARE, no_exit) == 0.0


def test_cumulative_values_add_up_the_yearly_exits_by_reason():
    cumulative = {
        "participants": 6107,
        "positive_exit_rate": 0.41,
        "exits": {"positive": 100, "dropout": 50, "administrative": 50},
    }
    years = [
        block(positive_exits_by_reason={"qualifying_training": 6}),
        block(positive_exits_by_reason={"qualifying_training": 4}),
    ]
    assert objectives.cumulative_value(Indicator.PARTICIPANTS, cumulative, years) == 6107
    assert (
        objectives.cumulative_value(Indicator.POSITIVE_EXIT_QUALIFYING_SHARE, cumulative, years)
        == 10 / 200
    )
    assert (
        objectives.cumulative_value(Indicator.POSITIVE_EXIT_EMPLOYMENT_SHARE, cumulative, years)
        == 90 / 200
    )


def test_comparisons_say_reached_and_the_gap(protocol):
    entrants = objective(protocol, Indicator.NEW_ENTRANTS, "900")
    comparison = objectives.compare(705, entrants)
    assert (comparison.reached, comparison.gap, comparison.is_share) == (False, -195, False)
    qpv = objective(protocol, Indicator.NEW_ENTRANTS_QPV_SHARE, "0.35")
    assert objectives.compare(0.35, qpv).reached  # exactly the target
    assert not objectives.compare(0.3499, qpv).reached
    assert objectives.compare(None, qpv) is None
    assert objectives.compare(3, None) is None


def test_which_objective_a_cumulative_value_is_compared_with(protocol):
    yearly_count = objective(protocol, Indicator.NEW_ENTRANTS, "900")
    yearly_share = objective(protocol, Indicator.NEW_ENTRANTS_QPV_SHARE, "0.35")
    whole = objective(protocol, Indicator.PARTICIPANTS, "6000", Period.WHOLE_PROTOCOL)
    targets = objectives.objectives_of(protocol)
    assert objectives.annual_objective(targets, Indicator.NEW_ENTRANTS) == yearly_count
    assert objectives.cumulative_objective(targets, Indicator.NEW_ENTRANTS) is None
    assert objectives.cumulative_objective(targets, Indicator.NEW_ENTRANTS_QPV_SHARE) == (
        yearly_share
    )
    assert objectives.cumulative_objective(targets, Indicator.PARTICIPANTS) == whole
    assert objectives.objectives_of(None) == {}


@given(
    actual=st.floats(min_value=0, max_value=1, allow_nan=False),
    target=st.decimals(min_value=0, max_value=1, places=4),
)
def test_reached_exactly_when_the_gap_is_not_negative(actual, target):
    comparison = objectives.Comparison(
        Objective(indicator=Indicator.POSITIVE_EXIT_RATE, target=target), actual
    )
    assert comparison.reached == (Decimal(str(actual)) >= target)
    assert comparison.reached == (comparison.gap >= 0) or abs(comparison.gap) < 1e-12


def test_the_technical_admin_edits_protocols_and_objectives(client, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", password="motdepasse-root")
    client.force_login(superuser)
    assert client.get("/administration/technique/reports/protocol/add/").status_code == 200
    response = client.post(
        "/administration/technique/reports/protocol/add/",
        {
            "name": "Protocole 2012-2018",
            "start_year": "2012",
            "end_year": "2018",
            "objectives-TOTAL_FORMS": "1",
            "objectives-INITIAL_FORMS": "0",
            "objectives-0-indicator": "plie.positive_exit_rate",
            "objectives-0-period": "each_year",
            "objectives-0-target": "0,5",
        },
    )
    assert response.status_code == 302
    assert Objective.objects.get().target == Decimal("0.5")
