"""Pages of the calls for projects, of proposals and of the vote's refusal: rights, messages,
nothing saved on error, constant query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from maillage.programme.models import CallForProjects, Operation, OperationTransition, Status
from tests.factories import StructureFactory
from tests.people.html import page_text
from tests.plie.factories import OperationFactory
from tests.programme.world import operation_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(db):
    return CallForProjects.objects.create(
        year=2017, title="Appel à projets PLIE 2017", priorities="Seniors\nEmplois verts"
    )


def proposal_data(structure=None, lines=(("fse", "8000"), ("ville", "2000,50")), **overrides):
    data = {
        "title": "Ateliers numériques",
        "axis": "levee_des_freins",
        "description": "Prise en main des outils numériques.",
        "target_public": "Tous publics",
        "place": "Lyon 8e",
        "how_to_prescribe": "Fiche de liaison",
        "planned_participants": "12",
        "start_date": "2017-03-01",
        "end_date": "2017-12-15",
        "financement-TOTAL_FORMS": "6",
        "financement-INITIAL_FORMS": "0",
        "financement-MIN_NUM_FORMS": "0",
        "financement-MAX_NUM_FORMS": "6",
    }
    if structure is not None:
        data["structure"] = str(structure.pk)
    for index, (funder, amount) in enumerate(lines):
        data[f"financement-{index}-funder"] = funder
        data[f"financement-{index}-amount_eur"] = amount
    data.update(overrides)
    return data


def test_calls_page_rights(client, referent_a, admin_user, funder, call):
    url = reverse("programme:calls")
    client.force_login(funder)
    assert client.get(url).status_code == 403
    client.force_login(referent_a)
    html = page_text(client.get(url))
    assert "Proposer une opération pour 2017" in html and "Emplois verts" in html
    assert "Nouvel appel à projets" not in html
    assert "Vos structures n'ont encore proposé aucune opération." in html
    client.force_login(admin_user)
    html = page_text(client.get(url))
    assert "Modifier l'appel 2017" in html and "Opérations de vos structures" not in html


def test_calls_page_queries_do_not_grow(client, referent_a, structure_a):
    client.force_login(referent_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("programme:calls")).status_code == 200
        return len(ctx)

    def add(n, first_year):
        for year in range(first_year, first_year + n):
            CallForProjects.objects.create(year=year, title=f"Appel {year}")
            OperationFactory(structure=structure_a, year=year)

    add(3, 1990)
    few = count()
    add(27, 2000)
    assert count() == few


def test_the_team_writes_the_call(client, admin_user, referent_a, call):
    client.force_login(referent_a)
    assert client.get(reverse("programme:call_create")).status_code == 403
    client.force_login(admin_user)
    response = client.post(
        reverse("programme:call_create"),
        {"year": "2017", "title": "Doublon", "launched_on": "2017-02-01", "deadline": "2017-01-01"},
    )
    assert response.status_code == 400
    html = page_text(response)
    assert "Il existe déjà un appel à projets pour cette année." in html
    response = client.post(
        reverse("programme:call_edit", args=[2017]),
        {
            "year": "2017",
            "title": "Appel 2017",
            "launched_on": "2017-02-01",
            "deadline": "2017-01-01",
        },
    )
    assert "La date limite de dépôt ne peut pas précéder le lancement." in page_text(response)
    response = client.post(
        reverse("programme:call_edit", args=[2017]),
        {"year": "2017", "title": "Appel 2017", "priorities": "Autonomie"},
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert (call.title, call.priority_list) == ("Appel 2017", ["Autonomie"])


def test_a_referent_proposes_errors_first_then_fixed(client, referent_a, structure_a, call):
    client.force_login(referent_a)
    url = reverse("programme:propose", args=[2017])
    form = page_text(client.get(url))
    assert f'<option value="{structure_a.pk}" selected>' in form
    assert "Ligne 6 : financeur" in form
    bad = client.post(
        url,
        proposal_data(
            structure_a,
            lines=(("fse", "-100"),),
            planned_participants="0",
            end_date="2017-01-01",
        ),
    )
    assert bad.status_code == 400
    html = page_text(bad)
    assert "La proposition n'est pas enregistrée" in html
    assert "Le nombre de participants prévus doit être supérieur à zéro." in html
    assert "La fin de l&#x27;opération ne peut pas précéder son début." in html
    assert "Un montant ne peut pas être négatif." in html
    empty_plan = page_text(client.post(url, proposal_data(structure_a, lines=())))
    assert "Le plan de financement doit comporter au moins une ligne" in empty_plan
    twice = page_text(client.post(url, proposal_data(structure_a, lines=(("fse", "1"),) * 2)))
    assert "« FSE » figure sur deux lignes" in twice
    assert not Operation.objects.exists()

    done = client.post(url, proposal_data(structure_a))
    operation = Operation.objects.get()
    assert done.status_code == 302
    assert done.url == reverse("programme:operation", args=[operation.pk])
    assert (operation.code, str(operation.budget_eur)) == ("2017-A-1", "10000.50")
    page = page_text(client.get(done.url))
    assert "Opération déposée (code 2017-A-1)." in page and "Modifier la proposition" in page


def test_a_referent_cannot_propose_for_another_structure(client, referent_a, structure_b, call):
    client.force_login(referent_a)
    response = client.post(reverse("programme:propose", args=[2017]), proposal_data(structure_b))
    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in page_text(response)
    assert not Operation.objects.exists()


def test_a_closed_call_sends_the_referent_back(client, referent_a, call):
    call.deadline = timezone.localdate() - timedelta(days=1)
    call.save()
    client.force_login(referent_a)
    response = client.get(reverse("programme:propose", args=[2017]), follow=True)
    assert "L&#x27;appel à projets 2017 n&#x27;est pas ouvert aux dépôts." in page_text(response)


def test_the_structure_edits_while_submitted_only(
    client, referent_a, structure_a, structure_b, admin_user, call
):
    client.force_login(referent_a)
    client.post(reverse("programme:propose", args=[2017]), proposal_data(structure_a))
    operation = Operation.objects.get()
    url = reverse("programme:edit_proposal", args=[operation.pk])
    form = page_text(client.get(url))
    assert 'value="Ateliers numériques"' in form and "Structure porteuse" not in form
    data = proposal_data(place="Vénissieux", lines=(("fse", "9000"),))
    data["financement-INITIAL_FORMS"] = "2"
    response = client.post(url, data)
    assert response.status_code == 302
    operation.refresh_from_db()
    assert (operation.place, str(operation.budget_eur)) == ("Vénissieux", "9000.00")

    OperationTransition.objects.create(
        operation=operation, status=Status.OPINION, on=timezone.localdate()
    )
    Operation.objects.filter(pk=operation.pk).update(status=Status.OPINION)
    late = client.get(url, follow=True)
    assert "elle ne se modifie plus" in page_text(late)
    assert "Modifier la proposition" not in page_text(late)

    theirs = OperationFactory(structure=structure_b)
    assert client.get(reverse("programme:edit_proposal", args=[theirs.pk])).status_code == 403


def test_the_team_refuses_at_the_vote(client, admin_user, referent_a):
    operation = operation_at(Status.OPINION, title="Action refusée")
    url = reverse("programme:refuse", args=[operation.pk])
    client.force_login(referent_a)
    assert client.post(url, {}).status_code == 403
    client.force_login(admin_user)
    page = page_text(client.get(reverse("programme:operation", args=[operation.pk])))
    assert "Ou : non retenue au vote" in page
    missing = client.post(url, {"refus-status": "refused", "refus-on": "2017-06-26"})
    assert missing.status_code == 400
    html = page_text(missing)
    assert "Indiquez le motif du refus." in html
    assert "Indiquez l&#x27;instance qui a voté" in html
    done = client.post(
        url,
        {
            "refus-status": "refused",
            "refus-on": "2017-06-26",
            "refus-vote_body": "board",
            "refus-note": "Hors des priorités de l'appel.",
        },
    )
    assert done.status_code == 302
    operation.refresh_from_db()
    assert operation.status == Status.REFUSED
    page = page_text(client.get(reverse("programme:operation", args=[operation.pk])))
    assert "Hors des priorités de l&#x27;appel." in page and "Non retenue" in page
    assert "Étape suivante" not in page and "non retenue au vote</h3>" not in page


def test_refused_operations_leave_the_repertoire_but_stay_in_the_figures(client, admin_user):
    kept = operation_at(Status.CONVENTION, title="Action retenue", structure__name="Gardée")
    refused = operation_at(Status.OPINION, title="Action refusée", structure__name="Refusée")
    Operation.objects.filter(pk=refused.pk).update(status=Status.REFUSED)
    client.force_login(admin_user)
    for name in ("programme:repertoire", "programme:repertoire_print", "programme:marche"):
        html = page_text(client.get(reverse(name), {"annee": 2017}))
        assert kept.title in html and "Action refusée" not in html and "Refusée" not in html
    stats = page_text(client.get(reverse("programme:statistics"), {"annee": 2017}))
    assert "Action refusée" in stats
    assert '<th scope="row">Non retenue</th><td class="number">1</td>' in stats


def test_new_pages_refuse_anonymous_and_funders(client, funder, call):
    operation = OperationFactory(structure=StructureFactory())
    urls = [
        reverse("programme:call_create"),
        reverse("programme:call_edit", args=[2017]),
        reverse("programme:propose", args=[2017]),
        reverse("programme:edit_proposal", args=[operation.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # to the login page
    client.force_login(funder)
    for url in urls:
        assert client.get(url).status_code == 403
    assert client.post(reverse("programme:refuse", args=[operation.pk])).status_code == 403
