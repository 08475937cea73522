"""Adding and correcting steps: the rules next to their fields, the htmx helpers, update_step."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.accounts.roles import Role
from maillage.audit.models import Action, AuditEntry
from maillage.plie import services
from maillage.plie.models import Step, StepCategory
from tests.factories import user_with_role
from tests.people.html import page_text
from tests.plie.caseload import followed_parcours
from tests.plie.factories import CompanyFactory, OperationFactory, StepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def parcours(structure_a, referent_a):
    return followed_parcours(structure_a, referent_a, entry=date(2017, 3, 1))


def create_url(parcours) -> str:
    return reverse("plie:step_create", args=[parcours.pk])


def update_url(step) -> str:
    return reverse("plie:step_update", args=[step.pk])


def step_post(**values) -> dict:
    data = {
        "category": "employment_contract",
        "start_date": "2017-06-01",
        "end_date": "2017-11-30",
        "label": "Agent d'entretien",
        "operation": "",
        "contract_type": "cdd",
        "company_query": "",
        "company": "",
        "weekly_hours": "24,5",
    }
    return data | values


def test_adding_a_contract_step(client, referent_a, parcours):
    company = CompanyFactory(name="Propreté Lyonnaise")
    operation = OperationFactory(year=2017, title="Chantier d'insertion")
    client.force_login(referent_a)
    response = client.post(
        create_url(parcours), step_post(company=company.pk, operation=operation.pk)
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#etapes")
    step = Step.objects.get(parcours=parcours)
    assert (step.contract_type, step.company, step.operation) == ("cdd", company, operation)
    assert step.weekly_hours == Decimal("24.5")
    entry = AuditEntry.objects.get(action=Action.CREATE, object_type="plie.step")
    assert entry.person_id == parcours.person_id


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"start_date": "2017-02-28"}, "start_date", "avant l&#x27;entrée dans le parcours"),
        ({"end_date": "2017-05-01"}, "end_date", "précède son début"),
        ({"contract_type": ""}, "contract_type", "Indiquez le type de contrat de travail."),
        ({"category": "training"}, "contract_type", "ne concerne que les étapes"),
        ({"category": "unknown"}, "category", "Sélectionnez un choix valide"),
        ({"category": ""}, "category", "Choisissez la catégorie de l&#x27;étape."),
        ({"weekly_hours": "70"}, "weekly_hours", "60 heures par semaine au plus."),
        ({"company": "999999"}, "company", "Choisissez une entreprise de la liste."),
    ],
)
def test_invalid_steps_are_refused_next_to_their_field(
    client, referent_a, parcours, values, field, message
):
    client.force_login(referent_a)
    response = client.post(create_url(parcours), step_post(**values))
    assert response.status_code == 200
    html = page_text(response)
    assert message in html
    assert response.context["form"].has_error(field)
    assert not Step.objects.exists()


def test_a_step_after_the_exit_is_refused(client, referent_a, parcours):
    parcours.exit_date, parcours.exit_type = date(2017, 5, 1), "dropout"
    parcours.save()
    client.force_login(referent_a)
    html = page_text(client.post(create_url(parcours), step_post()))
    assert "après la sortie du parcours (01/05/2017)" in html
    assert not Step.objects.exists()


def test_the_company_search_finds_a_single_company_without_the_list(client, referent_a, parcours):
    wanted = CompanyFactory(name="Boulangerie de la Duchère")
    CompanyFactory(name="Boulangerie Gerland")
    CompanyFactory(name="Garage Mermoz")
    client.force_login(referent_a)
    html = page_text(client.post(create_url(parcours), step_post(company_query="boulangerie")))
    assert "Plusieurs entreprises correspondent à « boulangerie »" in html
    # The list now shows the matches only.
    assert "Boulangerie Gerland" in html and "Garage Mermoz" not in html
    html = page_text(client.post(create_url(parcours), step_post(company_query="zzz")))
    assert "Aucune entreprise ne correspond à « zzz »." in html
    response = client.post(create_url(parcours), step_post(company_query="duchère"))
    assert response.status_code == 302
    assert Step.objects.get().company == wanted


def test_operations_offered_are_those_of_the_parcours_years(client, referent_a, parcours):
    OperationFactory(year=2016, title="Trop tôt")
    OperationFactory(year=2017, title="Pendant le parcours")
    client.force_login(referent_a)
    html = page_text(client.get(create_url(parcours)))
    assert "Pendant le parcours" in html
    assert "Trop tôt" not in html


def test_the_contract_type_follows_the_category_with_htmx(client, referent_a):
    client.force_login(referent_a)
    url = reverse("plie:step_contract_type")
    html = page_text(client.get(url, {"category": "employment_contract", "contract_type": "cdi"}))
    assert 'name="contract_type"' in html
    assert '<option value="cdi" selected>' in html
    html = page_text(client.get(url, {"category": "training", "contract_type": "cdi"}))
    assert 'name="contract_type"' not in html
    assert "Pas de type de contrat" in html


def test_the_form_wires_the_htmx_helpers(client, referent_a, parcours):
    client.force_login(referent_a)
    html = page_text(client.get(create_url(parcours)))
    assert f'hx-get="{reverse("plie:step_contract_type")}"' in html
    assert f'hx-get="{reverse("plie:step_company_options")}"' in html
    assert 'id="contract-type-field"' in html


def test_the_company_options_narrow_as_one_types(client, referent_a):
    kept = CompanyFactory(name="Garage Mermoz")
    CompanyFactory(name="Boulangerie Gerland")
    client.force_login(referent_a)
    url = reverse("plie:step_company_options")
    html = page_text(client.get(url, {"company_query": "boul", "company": kept.pk}))
    assert "Boulangerie Gerland" in html
    assert f'<option value="{kept.pk}" selected>Garage Mermoz</option>' in html  # kept selected


def test_editing_a_step_writes_the_differences(client, referent_a, parcours):
    step = StepFactory(parcours=parcours, category="training", start_date=date(2017, 4, 1))
    client.force_login(referent_a)
    html = page_text(client.get(update_url(step)))
    assert 'value="2017-04-01"' in html
    assert 'name="contract_type"' not in html  # not a contract: hidden until the category changes
    data = step_post(category="training", contract_type="", start_date="2017-04-01")
    data.pop("contract_type")
    response = client.post(update_url(step), data | {"end_date": "2017-06-30"})
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.end_date == date(2017, 6, 30)
    entry = AuditEntry.objects.get(action=Action.UPDATE, object_type="plie.step")
    assert entry.changes["end_date"] == [None, "2017-06-30"]
    # The same values again: nothing written.
    client.post(update_url(step), data | {"end_date": "2017-06-30"})
    assert AuditEntry.objects.filter(action=Action.UPDATE).count() == 1


def test_a_step_moved_out_of_its_parcours_is_refused(client, referent_a, parcours):
    step = StepFactory(parcours=parcours, start_date=date(2017, 4, 1))
    client.force_login(referent_a)
    data = step_post(category="support", start_date="2016-01-01")
    data.pop("contract_type")
    html = page_text(client.post(update_url(step), data))
    assert "avant l&#x27;entrée dans le parcours" in html
    step.refresh_from_db()
    assert step.start_date == date(2017, 4, 1)


def test_scope_and_rights(client, structure_b, parcours, funder):
    step = StepFactory(parcours=parcours)
    client.force_login(user_with_role(Role.REFERENT, structure_b))
    assert client.get(create_url(parcours)).status_code == 404
    assert client.post(create_url(parcours), step_post()).status_code == 404
    assert client.get(update_url(step)).status_code == 404
    client.force_login(user_with_role(Role.DIRECTION, structure_b))
    assert client.get(create_url(parcours)).status_code == 403
    client.force_login(funder)
    assert client.get(update_url(step)).status_code == 403
    assert client.get(reverse("plie:step_company_options")).status_code == 403
    assert not Step.objects.exclude(pk=step.pk).exists()


def test_the_form_query_count_does_not_grow_with_companies_and_operations(
    client, referent_a, parcours
):
    client.force_login(referent_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(create_url(parcours)).status_code == 200
        return len(ctx)

    for _ in range(3):
        CompanyFactory()
        OperationFactory(year=2017)
    few = count()
    for _ in range(30):
        CompanyFactory()
        OperationFactory(year=2017)
    assert count() == few


# update_step, the service (the views above call it).


def test_update_step_applies_the_rules_and_audits(referent_a, parcours):
    step = StepFactory(parcours=parcours, category="support", start_date=date(2017, 4, 1))
    with pytest.raises(ValidationError) as exc:
        services.update_step(
            step=step, category=StepCategory.EMPLOYMENT_CONTRACT, acting_user=referent_a
        )
    assert "contract_type" in exc.value.message_dict
    changes = services.update_step(
        step=step,
        category=StepCategory.EMPLOYMENT_CONTRACT,
        contract_type="cdi",
        acting_user=referent_a,
    )
    assert changes == {
        "category": ["support", "employment_contract"],
        "contract_type": ["", "cdi"],
    }
    step.refresh_from_db()
    assert step.contract_type == "cdi"
    entry = AuditEntry.objects.get(action=Action.UPDATE, object_type="plie.step")
    assert (entry.actor_name, entry.person_id) == ("referent_a", parcours.person_id)


def test_update_step_refuses_users_out_of_scope_and_unknown_fields(
    structure_b, referent_a, parcours
):
    step = StepFactory(parcours=parcours)
    with pytest.raises(PermissionDenied):
        services.update_step(
            step=step, label="x", acting_user=user_with_role(Role.REFERENT, structure_b)
        )
    with pytest.raises(TypeError):
        services.update_step(step=step, parcours=parcours, acting_user=referent_a)
