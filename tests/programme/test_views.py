"""Programme pages: who may open them, what they show, constant query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.audit.models import AuditEntry
from maillage.plie.models import Step
from maillage.programme.models import Axis, Status
from tests.factories import FollowupFactory, StructureFactory
from tests.people.html import page_text
from tests.plie.factories import OperationFactory, ParcoursFactory, StepFactory
from tests.programme.world import operation_at

pytestmark = pytest.mark.django_db

PAGES = [
    "programme:repertoire",
    "programme:repertoire_print",
    "programme:marche",
    "programme:statistics",
]


def add_operations(n: int, year: int = 2017):
    for _ in range(n):
        operation = OperationFactory(year=year, planned_participants=4, target_public="Tous")
        StepFactory(operation=operation, parcours=ParcoursFactory(entry_date=date(2017, 3, 1)))


@pytest.mark.parametrize("name", PAGES)
def test_pages_for_referents_not_for_funders(client, referent_a, funder, name):
    add_operations(2)
    client.force_login(funder)
    assert client.get(reverse(name)).status_code == 403
    client.force_login(referent_a)
    response = client.get(reverse(name), {"annee": 2017})
    assert response.status_code == 200
    page_text(response)


@pytest.mark.parametrize("name", PAGES)
def test_page_queries_do_not_grow_with_operations(client, admin_user, name):
    client.force_login(admin_user)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name), {"annee": 2017}).status_code == 200
        return len(ctx)

    add_operations(3)
    few = count()
    add_operations(27)
    assert count() == few


def test_repertoire_search_and_htmx_partial(client, referent_a):
    OperationFactory(title="Ateliers sociolinguistiques", axis=Axis.BARRIERS, place="Vaise")
    OperationFactory(title="Coaching emploi", axis=Axis.EMPLOYERS)
    client.force_login(referent_a)
    html = page_text(client.get(reverse("programme:repertoire"), {"annee": 2017, "q": "vaise"}))
    assert "Ateliers sociolinguistiques" in html and "Coaching emploi" not in html
    partial = page_text(
        client.get(
            reverse("programme:repertoire"),
            {"annee": 2017, "axe": Axis.EMPLOYERS},
            headers={"HX-Request": "true"},
        )
    )
    assert "Coaching emploi" in partial and "<html" not in partial


def test_marche_lists_the_structures_of_the_year(client, referent_a):
    OperationFactory(structure=StructureFactory(name="ALIS"), year=2017)
    OperationFactory(structure=StructureFactory(name="Ancienne"), year=2015)
    client.force_login(referent_a)
    html = page_text(client.get(reverse("programme:marche"), {"annee": 2017}))
    assert "ALIS" in html and "Ancienne" not in html
    assert "1 structure présente pour 1 opération" in html


@pytest.fixture
def operation_with_people(structure_a, structure_b):
    operation = operation_at(Status.CONVENTION, planned_participants=4, title="Coaching")
    mine = ParcoursFactory(structure=structure_a, person__last_name="Visible")
    FollowupFactory(person=mine.person, structure=structure_a)
    theirs = ParcoursFactory(structure=structure_b, person__last_name="Cachée")
    FollowupFactory(person=theirs.person, structure=structure_b)
    for parcours in (mine, theirs):
        StepFactory(parcours=parcours, operation=operation, start_date=date(2017, 4, 1))
    StepFactory(
        parcours=theirs,
        category="employment_contract",
        start_date=date(2017, 9, 1),
    )
    return operation


def test_operation_page_scopes_names_and_counts_the_rest(client, referent_a, operation_with_people):
    client.force_login(referent_a)
    url = reverse("programme:operation", args=[operation_with_people.pk])
    html = page_text(client.get(url))
    assert "VISIBLE" in html and "CACHÉE" not in html
    assert "2 participants pour 4 places prévues : taux de remplissage 50 %" in html
    assert "1 autre participant" in html
    assert "CDD : 1" in html
    views = AuditEntry.objects.filter(action="view", object_type="plie.step")
    assert views.count() == 1
    assert "Prescrire à un participant" in html
    assert "Étape suivante" not in html  # the référent does not manage the circuit


def test_operation_page_queries_are_constant(client, admin_user):
    operation = operation_at(Status.CONVENTION, planned_participants=10)
    client.force_login(admin_user)
    url = reverse("programme:operation", args=[operation.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    def add(n):
        for _ in range(n):
            StepFactory(operation=operation, start_date=date(2017, 4, 1))

    add(3)
    few = count()
    add(27)
    assert count() == few


def test_transition_form_refuses_out_of_order_and_records_the_next(client, admin_user):
    operation = OperationFactory(fse_eur=Decimal(1000))
    client.force_login(admin_user)
    url = reverse("programme:transition", args=[operation.pk])
    bad = client.post(url, {"status": Status.VOTED, "on": "2017-02-01", "note": "ok"})
    assert bad.status_code == 400
    assert "Transition impossible" in page_text(bad)
    empty = client.post(url, {"status": Status.OPINION, "on": "2017-02-01", "note": ""})
    assert "L&#x27;avis qualitatif du PLIE est obligatoire." in page_text(empty)
    done = client.post(url, {"status": Status.OPINION, "on": "2017-02-01", "note": "Favorable"})
    assert done.status_code == 302
    operation.refresh_from_db()
    assert operation.status == Status.OPINION


def test_funding_form(client, admin_user, referent_a):
    operation = OperationFactory()
    url = reverse("programme:funding", args=[operation.pk])
    client.force_login(referent_a)
    assert client.post(url, {"fse": "10"}).status_code == 403
    client.force_login(admin_user)
    response = client.post(url, {"fse": "1000,50", "metropole": "500"})
    assert response.status_code == 302, page_text(response)
    operation.refresh_from_db()
    assert operation.budget_eur == Decimal("1500.50")
    html = page_text(client.get(reverse("programme:operation", args=[operation.pk])))
    assert "Métropole" in html


def test_prescription_page(client, referent_a, structure_a):
    operation = operation_at(Status.CONVENTION, axis=Axis.ACTIVITY)
    parcours = ParcoursFactory(structure=structure_a, person__last_name="Martin")
    FollowupFactory(person=parcours.person, structure=structure_a)
    client.force_login(referent_a)
    url = reverse("programme:prescribe", args=[operation.pk])
    form = page_text(client.get(url))
    assert "MARTIN" in form
    refused = client.post(
        url, {"parcours": parcours.pk, "start_date": "2018-02-01", "category": "training"}
    )
    assert "le début de l&#x27;étape doit s&#x27;y trouver" in page_text(refused)
    response = client.post(
        url, {"parcours": parcours.pk, "start_date": "2017-09-01", "category": "training"}
    )
    assert response.status_code == 302
    assert Step.objects.get().operation == operation


def test_prescription_needs_edit_rights(client, structure_a):
    from maillage.accounts.roles import Role
    from tests.factories import user_with_role

    direction = user_with_role(Role.DIRECTION, structure_a)
    operation = operation_at(Status.CONVENTION)
    client.force_login(direction)
    assert client.get(reverse("programme:prescribe", args=[operation.pk])).status_code == 403
    html = page_text(client.get(reverse("programme:operation", args=[operation.pk])))
    assert "Prescrire à un participant" not in html
