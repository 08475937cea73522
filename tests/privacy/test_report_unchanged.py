"""Anonymisation keeps past reports identical (issue 10, checks)."""

import datetime

import pytest

from maillage.people.models import Person
from maillage.plie.models import StepCategory
from maillage.privacy.anonymisation import anonymise
from maillage.reports.blocks import build_report
from tests.factories import PersonFactory, QpvFactory
from tests.plie.factories import ParcoursFactory, StepFactory

pytestmark = pytest.mark.django_db


def test_the_annual_report_is_the_same_before_and_after_anonymisation():
    qpv = QpvFactory()
    for index in range(12):
        person = PersonFactory(
            sex="F" if index % 3 else "M",
            birth_date=datetime.date(1960 + 3 * index, 1 + index % 12, 1 + index),
            qpv=qpv if index % 2 else None,
            education_level=["3", "4", "5"][index % 3],
        )
        exited = index % 4 == 0
        parcours = ParcoursFactory(
            person=person,
            entry_date=datetime.date(2016 + index % 2, 1 + index % 12, 5),
            exit_date=datetime.date(2017, 12, 1) if exited else None,
            exit_type="positive" if exited else "",
            exit_reason="cdi" if exited else "",
            situations=["rsa"] if index % 2 else ["deld"],
        )
        StepFactory(parcours=parcours, category=StepCategory.EMPLOYMENT_CONTRACT)
        StepFactory(parcours=parcours)
    before = build_report(2017, since=2015)

    assert anonymise(Person.objects.all(), reason="test") == 12
    assert set(Person.objects.values_list("last_name", flat=True)) == {"ANONYME"}
    assert build_report(2017, since=2015) == before
    assert before["plie"]["participants"] == 12
