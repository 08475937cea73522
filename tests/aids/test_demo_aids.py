"""The demo aids: the report's 2017 shape at full scale, valid and idempotent."""

import io
import random
from collections import Counter

import pytest
from django.core.management import call_command

from maillage.aids import rules
from maillage.aids.models import AidKind, AidRequest, Outcome, SessionParticipant
from maillage.aids.statistics import aids_block
from maillage.demo.aids import SESSIONS, plan_requests


def test_the_plan_follows_the_2017_report():
    plan = plan_requests(random.Random(1))
    assert len(plan) == 87
    outcomes = Counter(p.outcome for p in plan)
    assert outcomes[Outcome.ACCEPTED] + outcomes[Outcome.PARTLY_ACCEPTED] == 75
    assert outcomes[Outcome.REFUSED] == 6
    training = Counter(
        p.training_field
        for p in plan
        if p.kind == AidKind.TRAINING and p.outcome != Outcome.REFUSED and p.outcome
    )
    assert sum(training.values()) == 49 and training["driving"] == 6
    assert sum(size for *_, size in SESSIONS) == 78


@pytest.mark.django_db
def test_demo_aids_are_valid_and_idempotent():
    out = io.StringIO()
    call_command("demo", people=30, plie_scale=0.1, stdout=out)
    block = aids_block(2017)
    assert block["requests"] == round(87 * 0.1) and block["accepted"] >= 1
    assert block["transport_vouchers"]["persons"] > 0
    assert block["collective_services"]["participants"] > 0
    for aid in AidRequest.objects.all():
        aid.full_clean()
        if aid.kind == AidKind.TRANSPORT_VOUCHERS:
            steps = [
                (s, e)
                for s, e, c in aid.person.plie_parcours.values_list(
                    "steps__start_date", "steps__end_date", "steps__category"
                )
                if c in rules.VOUCHER_STEP_CATEGORIES
            ]
            months = rules.voucher_months(aid.voucher_first_month, aid.voucher_months)
            assert rules.check_vouchers(months, steps) == {}
    counts = (AidRequest.objects.count(), SessionParticipant.objects.count())
    call_command("demo", people=30, plie_scale=0.1, stdout=io.StringIO())
    assert (AidRequest.objects.count(), SessionParticipant.objects.count()) == counts
