"""'Mes actions' with other modules' items, the company picker, partner companies of a year."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maillage.accounts.models import User
from maillage.accounts.roles import Role
from maillage.companies import services
from maillage.companies.home_sources import HomeItem, home_items, register_home_source
from maillage.companies.models import Company
from maillage.companies.partners import partner_companies
from tests.companies.factories import CompanyFactory, InteractionFactory
from tests.factories import user_with_role
from tests.people.html import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def chargee():
    return user_with_role(Role.COMPANY_RELATIONS, username="chargee")


def _fake_source(user, today):
    """Like a module's source: one query for the user's due items, whatever their number."""
    companies = Company.objects.filter(owner=user).order_by("pk")
    return [
        HomeItem(
            label=f"Suivi employeur — {company.name}",
            due=today + datetime.timedelta(days=(company.pk % 5) - 2),
            url=f"/entreprises/{company.pk}/",
            source="Suivi IOD",
        )
        for company in companies
    ]


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), page_text(response)


def test_home_shows_other_modules_items_late_first_at_constant_queries(client, chargee):
    register_home_source("fake", _fake_source)
    client.force_login(chargee)
    CompanyFactory.create_batch(2, owner=chargee)
    few, _ = _count(client, "/entreprises/")
    CompanyFactory.create_batch(10, owner=chargee)
    many, html = _count(client, "/entreprises/")
    assert few == many
    items = home_items(chargee, timezone.localdate())
    assert len(items) == 12 and items == sorted(items, key=lambda i: i.due)
    late = [i for i in items if i.is_late(timezone.localdate())]
    assert late and html.count('<span class="badge">En retard</span>') == len(late)
    # Late first: the first row is the earliest due, with its module and link.
    first = items[0]
    assert html.index(first.label) < html.index(items[-1].label)
    assert f'<a href="{first.url}">{first.label}</a>' in html and "Suivi IOD" in html
    assert f"dont {len(late)} en retard" in html


def test_home_without_other_items(client, chargee):
    client.force_login(chargee)
    html = page_text(client.get("/entreprises/"))
    assert "Aucune échéance" in html


def test_company_picker_choices(client, chargee, referent_a):
    CompanyFactory(name="Hôtel Étoile", city="Lyon")
    CompanyFactory(name="Étoile du Berger", city="")
    CompanyFactory(name="Garage")
    for n in range(25):
        CompanyFactory(name=f"Boulangerie {n:02d}")
    client.force_login(chargee)
    html = page_text(client.get("/entreprises/choix/", {"q": "etoile"}))
    assert html.count("<option") == 2
    assert "Hôtel Étoile (Lyon)</option>" in html and ">Étoile du Berger</option>" in html
    assert " selected>" in html.split("</option>")[0]  # the first match is chosen
    html = page_text(client.get("/entreprises/choix/", {"q": "boulangerie"}))
    assert html.count('<option value="') == 21 and "précisez la recherche" in html
    html = page_text(client.get("/entreprises/choix/", {"q": "zzz"}))
    assert "Aucune entreprise ne correspond à « zzz »" in html
    client.force_login(referent_a)
    assert client.get("/entreprises/choix/", {"q": "etoile"}).status_code == 403


def test_partner_companies_count_done_interactions_of_the_year_only():
    done_2017 = CompanyFactory(name="Rendez-vous fait en 2017")
    InteractionFactory(
        company=done_2017,
        occurred_at=timezone.make_aware(datetime.datetime(2017, 6, 1, 10, 0)),
        done=True,
    )
    only_2016 = CompanyFactory(name="Rendez-vous de 2016")
    InteractionFactory(
        company=only_2016,
        occurred_at=timezone.make_aware(datetime.datetime(2016, 12, 31, 10, 0)),
        done=True,
    )
    planned_2017 = CompanyFactory(name="Rendez-vous prévu, pas fait")
    InteractionFactory(
        company=planned_2017,
        occurred_at=timezone.make_aware(datetime.datetime(2017, 9, 1, 10, 0)),
        done=False,
    )
    CompanyFactory(name="Sans activité")
    assert set(partner_companies(2017).values_list("name", flat=True)) == {
        "Rendez-vous fait en 2017"
    }
    assert set(partner_companies(2016).values_list("name", flat=True)) == {"Rendez-vous de 2016"}


def test_company_services_require_edit_companies(chargee):
    reader = user_with_role(Role.CLAUSE_FACILITATOR)
    company = CompanyFactory()
    with pytest.raises(PermissionDenied):
        services.create_company(acting_user=reader, name="X")
    with pytest.raises(PermissionDenied):
        services.update_company(company, acting_user=reader, name="Y")
    with pytest.raises(PermissionDenied):
        services.log_interaction(
            company, acting_user=reader, kind="call", occurred_at=timezone.now()
        )
    with pytest.raises(PermissionDenied):
        services.add_contact(company, acting_user=None, last_name="Durand")
    assert Company.objects.count() == 1 and not User.objects.filter(username="X").exists()
