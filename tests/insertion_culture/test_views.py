"""Pages of the Mission Insertion Culture: rights, scope, forms, htmx presence, query counts."""

import datetime

import pytest
from django.urls import reverse

from maillage.audit.models import AuditEntry
from maillage.insertion_culture.models import (
    ActionSession,
    Attendance,
    CollectiveAction,
    EmployerAction,
    EmployerOutcome,
    Participation,
    Partner,
)
from tests.factories import followed_person
from tests.insertion_culture.factories import (
    ActionFactory,
    ParticipationFactory,
    PartnerFactory,
    SessionFactory,
)
from tests.recruitment.factories import CompanyFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def url(name, *args):
    return reverse(f"insertion_culture:{name}", args=args)


@pytest.fixture
def logged(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.mark.parametrize(
    "name", ["home", "partners", "hr", "action_create", "partner_create", "employer_action"]
)
def test_pages_need_the_capability(client, referent_a, funder, name):
    client.force_login(referent_a)
    assert client.get(url(name)).status_code == 403
    client.force_login(funder)
    assert client.get(url(name)).status_code == 403


def test_statistics_for_aggregates_and_coordinator(client, funder, referent_a, coordinator):
    ActionFactory()
    for user in (funder, coordinator):
        client.force_login(user)
        response = client.get(url("statistics"), {"annee": 2017})
        assert response.status_code == 200
        assert "Mission Insertion Culture — chiffres 2017" in response.text
    client.logout()
    assert client.get(url("statistics")).status_code == 302


def test_home_lists_the_actions_of_the_year(logged):
    ActionFactory(title="Théâtre en Je", starts_on=D(2017, 2, 1), ends_on=D(2017, 5, 1))
    ActionFactory(title="Vieille action", starts_on=D(2015, 2, 1), ends_on=D(2015, 5, 1))
    response = logged.get(url("home"), {"annee": 2017})
    assert "Théâtre en Je" in response.text and "Vieille action" not in response.text


def test_home_query_count_does_not_grow(logged, django_assert_max_num_queries):
    def fill(n):
        for _ in range(n):
            action = ActionFactory()
            action.partners.add(PartnerFactory())
            ParticipationFactory(action=action)
            SessionFactory(action=action)

    fill(2)
    with django_assert_max_num_queries(40) as small:
        assert logged.get(url("home"), {"annee": 2017}).status_code == 200
    fill(10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        logged.get(url("home"), {"annee": 2017})


def test_create_action_then_edit(logged):
    partner = PartnerFactory(name="Opéra de Lyon", category="music")
    data = {
        "title": "Visite de l'opéra",
        "kind": "visit",
        "starts_on": "2017-03-01",
        "ends_on": "2017-02-01",
        "description": "",
        "partners": [partner.pk],
    }
    response = logged.post(url("action_create"), data)
    assert response.status_code == 400
    assert "La fin de l&#x27;action ne peut pas précéder son début." in response.text
    data["ends_on"] = "2017-03-01"
    response = logged.post(url("action_create"), data)
    action = CollectiveAction.objects.get()
    assert response.url == url("action", action.pk)
    assert list(action.partners.all()) == [partner]
    data["title"] = "Visite de l'Opéra de Lyon"
    logged.post(url("action_edit", action.pk), data)
    assert CollectiveAction.objects.get().title == "Visite de l'Opéra de Lyon"


def test_add_session_refuses_dates_outside_the_action(logged):
    action = ActionFactory(starts_on=D(2017, 3, 1), ends_on=D(2017, 3, 31))
    response = logged.post(url("action", action.pk), {"date": "2017-04-02", "place": "Opéra"})
    assert response.status_code == 400
    assert "La séance doit avoir lieu pendant l&#x27;action" in response.text
    response = logged.post(url("action", action.pk), {"date": "2017-03-02", "place": "Opéra"})
    assert response.status_code == 302 and ActionSession.objects.count() == 1


def test_action_page_names_only_people_in_scope(logged, culture_structure, structure_b):
    action = ActionFactory()
    mine = ParticipationFactory(
        action=action, person=followed_person(culture_structure, last_name="Dupré")
    )
    ParticipationFactory(action=action, person=followed_person(structure_b, last_name="Secret"))
    SessionFactory(action=action)
    response = logged.get(url("action", action.pk))
    assert "DUPRÉ" in response.text and "SECRET" not in response.text
    assert "1 autre participant" in response.text
    views = AuditEntry.objects.filter(action="view", person_id=mine.person_id)
    assert views.count() == 1 and views.get().changes == {"mic_action": action.pk}


def test_action_page_query_count_does_not_grow(
    logged, culture_structure, django_assert_max_num_queries
):
    action = ActionFactory()
    sessions = [SessionFactory(action=action, date=D(2017, 3, d)) for d in (1, 8, 15)]

    def add(n):
        for _ in range(n):
            p = ParticipationFactory(action=action, person=followed_person(culture_structure))
            Attendance.objects.create(participation=p, session=sessions[0])

    add(2)
    with django_assert_max_num_queries(40) as small:
        assert logged.get(url("action", action.pk)).status_code == 200
    add(10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        logged.get(url("action", action.pk))


def test_one_tap_presence_with_htmx(logged, culture_structure):
    participation = ParticipationFactory(person=followed_person(culture_structure))
    session = SessionFactory(action=participation.action)
    target = url("presence", participation.pk, session.pk)
    response = logged.post(target, {"present": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'aria-pressed="true"' in response.text and "<html" not in response.text
    assert Attendance.objects.filter(participation=participation, session=session).exists()
    response = logged.post(target, {"present": "0"})  # without htmx: back to the page
    assert response.status_code == 302 and not Attendance.objects.exists()
    assert logged.get(target).status_code == 405


def test_presence_out_of_scope_or_wrong_session_is_404(logged, culture_structure, structure_b):
    hidden = ParticipationFactory(person=followed_person(structure_b))
    session = SessionFactory(action=hidden.action)
    assert logged.post(url("presence", hidden.pk, session.pk), {"present": "1"}).status_code == 404
    mine = ParticipationFactory(person=followed_person(culture_structure))
    assert logged.post(url("presence", mine.pk, session.pk), {"present": "1"}).status_code == 404
    assert not Attendance.objects.exists()


def test_register_a_participant_through_the_search(logged, culture_structure, structure_b):
    action = ActionFactory()
    person = followed_person(
        culture_structure, last_name="Dupré", first_names="Hélène", postcode="69008"
    )
    followed_person(structure_b, last_name="Dupré", first_names="Autre")
    response = logged.get(url("participant_add", action.pk), {"q": "dupre"})
    assert "DUPRÉ Hélène" in response.text and "Autre" not in response.text
    fragment = logged.get(
        url("participant_add", action.pk), {"q": "dupre"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in fragment.text and "DUPRÉ Hélène" in fragment.text
    response = logged.get(url("participant_add", action.pk), {"personne": person.pk})
    assert response.status_code == 200 and "Inscrire DUPRÉ Hélène" in response.text
    data = {"personne": person.pk, "registered_on": "2017-02-25", "is_rsa": "on"}
    response = logged.post(url("participant_add", action.pk), data)
    assert response.status_code == 302
    participation = Participation.objects.get()
    assert participation.is_rsa and participation.territory == "Lyon 8e"
    response = logged.post(url("participant_add", action.pk), data)
    assert response.status_code == 400
    assert "DUPRÉ Hélène est déjà inscrit(e) à cette action." in response.text


def test_registering_someone_out_of_scope_is_404(logged, structure_b):
    stranger = followed_person(structure_b)
    action = ActionFactory()
    response = logged.post(
        url("participant_add", action.pk), {"personne": stranger.pk, "registered_on": "2017-03-01"}
    )
    assert response.status_code == 404 and not Participation.objects.exists()


def test_partner_create_and_list(logged):
    response = logged.post(url("partner_create"), {"name": "TNP", "category": "theatre"})
    assert response.status_code == 302
    assert Partner.objects.get().side == "culture"
    response = logged.post(url("partner_create"), {"name": "tnp", "category": "theatre"})
    assert response.status_code == 400 and "Un partenaire porte déjà ce nom." in response.text
    assert "TNP" in logged.get(url("partners")).text


def test_hr_pages(logged, culture_structure, structure_b):
    company = CompanyFactory(name="Festival Lumière")
    response = logged.post(
        url("employer_action"),
        {"company": company.pk, "kind": "prospect", "date": "2017-02-01", "people_count": 0},
    )
    assert response.status_code == 302 and EmployerAction.objects.count() == 1
    person = followed_person(culture_structure, last_name="Martin")
    response = logged.post(
        url("employer_outcome"),
        {"personne": person.pk, "company": company.pk, "kind": "internship", "date": "2017-05-02"},
    )
    assert response.status_code == 302
    hidden = followed_person(structure_b, last_name="Caché")
    EmployerOutcome.objects.create(
        company=company, person=hidden, kind="interview", date=D(2017, 6, 1)
    )
    response = logged.get(url("hr"), {"annee": 2017})
    assert "MARTIN" in response.text and "CACHÉ" not in response.text
    assert "1 autre résultat" in response.text
    response = logged.post(
        url("employer_outcome"),
        {"personne": person.pk, "company": company.pk, "kind": "placement", "date": "2017-09-01"},
    )
    assert response.status_code == 400
    assert "Indiquez le type de contrat de l&#x27;embauche." in response.text


def test_partner_and_hr_lists_query_count_does_not_grow(
    logged, culture_structure, django_assert_max_num_queries
):
    company = CompanyFactory()

    def fill(n):
        for _ in range(n):
            ActionFactory().partners.add(PartnerFactory())
            EmployerAction.objects.create(company=company, kind="prospect", date=D(2017, 2, 1))
            EmployerOutcome.objects.create(
                company=company,
                person=followed_person(culture_structure),
                kind="interview",
                date=D(2017, 3, 1),
            )

    fill(2)
    counts = {}
    for name in ("partners", "hr"):
        with django_assert_max_num_queries(40) as small:
            assert logged.get(url(name), {"annee": 2017}).status_code == 200
        counts[name] = len(small.captured_queries)
    fill(10)
    for name in ("partners", "hr"):
        with django_assert_max_num_queries(counts[name]):
            logged.get(url(name), {"annee": 2017})
