"""The reception desk's pages: capabilities (403), scope (404), flows, constant query counts."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.roles import Role
from maillage.antennas import services
from maillage.antennas.models import Visit
from maillage.audit.models import Action, AuditEntry
from maillage.people.models import Person
from tests.antennas.conftest import record
from tests.factories import followed_person, user_with_role
from tests.people.html import page_text

pytestmark = pytest.mark.django_db

HOME = reverse("antennas:home")


def _post(client, antenna, **data):
    base = {
        "antenna": antenna.pk,
        "visitor": "person",
        "reasons": ["information"],
        "at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    return client.post(HOME, {**base, **data})


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
        page_text(response)
    return len(ctx)


def test_capabilities(client, antenna, funder):
    referent = user_with_role(Role.REFERENT, antenna)
    client.force_login(referent)
    assert client.get(HOME).status_code == 403
    assert client.get(reverse("antennas:person_search")).status_code == 403
    # A référent holds view_aggregates: the platform figures, never a name.
    assert client.get(reverse("antennas:statistics")).status_code == 200
    client.force_login(funder)
    assert client.get(HOME).status_code == 403
    assert client.get(reverse("antennas:statistics")).status_code == 200
    client.logout()
    assert client.get(HOME).status_code == 302


def test_the_desk_records_a_known_visitor_and_gets_a_fresh_screen(client, desk, antenna, visitor):
    client.force_login(desk)
    page = page_text(client.get(HOME))
    assert "Accueil — Antenne Duchère" in page and "autofocus" in page
    response = _post(client, antenna, person=visitor.pk, reasons=["cyber_base", "information"])
    assert response.status_code == 302 and response.url == f"{HOME}?antenne={antenna.pk}"
    visit = Visit.objects.get()
    assert visit.person == visitor and visit.antenna == antenna
    page = page_text(client.get(response.url))
    assert "Visite enregistrée" in page and "Prêt pour le visiteur suivant" in page
    assert "MARTIN Hélène" in page  # in the visits of the day
    assert reverse("antennas:correct", args=[visit.pk]) in page


def test_a_new_visitor_and_the_duplicate_choice(client, desk, antenna, other_antenna):
    client.force_login(desk)
    data = {
        "visitor": "new",
        "last_name": "Nguyen",
        "first_names": "Linh",
        "sex": "F",
        "birth_date": "1990-01-20",
        "postcode": "69009",
    }
    assert _post(client, antenna, **data).status_code == 302
    person = Person.objects.get()
    assert Visit.objects.get().person == person
    # The same again, typed by the desk of another antenna: a possible duplicate, hidden.
    client.force_login(user_with_role(Role.RECEPTION, other_antenna))
    response = _post(client, other_antenna, **{**data, "first_names": "LINH"})
    assert response.status_code == 400
    page = page_text(response)
    assert "suivie par une autre structure" in page and "Nguyen" not in page.split("<main")[0]
    assert Visit.objects.count() == 1
    # The desk recognises the person: attached to their antenna, visit recorded.
    response = _post(client, other_antenna, **data, existing=person.pk)
    assert response.status_code == 302
    assert Visit.objects.filter(person=person, antenna=other_antenna).exists()
    assert Person.objects.count() == 1


def test_an_anonymous_visitor_and_form_errors(client, desk, antenna):
    client.force_login(desk)
    response = _post(client, antenna, visitor="anonymous", reasons=[])
    assert response.status_code == 400
    page = page_text(response)
    assert "Indiquez au moins un motif" in page and "Ce champ est obligatoire" in page
    response = _post(
        client, antenna, visitor="anonymous", anonymous_sex="M", anonymous_age_band="over_50"
    )
    assert response.status_code == 302
    assert Visit.objects.get().person is None
    response = _post(client, antenna)  # "person" chosen but none picked
    assert "choisissez-la dans la liste" in page_text(response)


def test_out_of_scope_person_and_antenna_are_refused(client, desk, antenna, other_antenna):
    stranger = followed_person(other_antenna)
    client.force_login(desk)
    response = _post(client, antenna, person=stranger.pk)
    assert response.status_code == 400
    response = _post(
        client, other_antenna, visitor="anonymous", anonymous_sex="F", anonymous_age_band="26_45"
    )
    assert response.status_code == 400 and "Choisissez une de vos antennes" in page_text(response)
    assert not Visit.objects.exists()


def test_person_search_is_scoped(client, desk, antenna, other_antenna, visitor):
    followed_person(other_antenna, last_name="Martin", first_names="Paul")
    client.force_login(desk)
    url = reverse("antennas:person_search")
    page = page_text(client.get(url, {"q": "martin"}, headers={"HX-Request": "true"}))
    assert "MARTIN Hélène" in page and "Paul" not in page
    assert 'type="radio" name="person"' in page and "checked" in page
    assert "Saisissez un nom" in page_text(client.get(url, {"q": " "}))


def test_visits_of_the_day_have_a_constant_query_count(client, desk, antenna):
    client.force_login(desk)
    url = f"{HOME}?antenne={antenna.pk}"
    for _ in range(2):
        record(desk, antenna, person=followed_person(antenna))
    few = _count(client, url)
    for _ in range(10):
        record(desk, antenna, person=followed_person(antenna), reasons=["workshop", "other"])
        record(desk, antenna, anonymous=services.Anonymous("F", "26_45"))
    assert _count(client, url) == few


def test_correct_and_cancel(client, desk, antenna, visitor):
    visit = record(desk, antenna, person=visitor)
    client.force_login(desk)
    url = reverse("antennas:correct", args=[visit.pk])
    assert "Corriger la visite" in page_text(client.get(url))
    assert AuditEntry.objects.filter(action=Action.VIEW, person_id=visitor.pk).exists()
    at = timezone.localtime(visit.at) - datetime.timedelta(hours=1)
    response = client.post(
        url, {"reasons": ["workshop"], "orientation": "PLIE", "at": at.strftime("%Y-%m-%dT%H:%M")}
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.orientation == "PLIE"
    assert client.get(reverse("antennas:cancel", args=[visit.pk])).status_code == 405
    assert client.post(reverse("antennas:cancel", args=[visit.pk])).status_code == 302
    assert not Visit.objects.exists()


def test_amending_is_refused_to_others_and_out_of_scope(client, desk, antenna, other_desk):
    visit = record(desk, antenna, anonymous=services.Anonymous("F", "26_45"))
    client.force_login(other_desk)
    assert client.get(reverse("antennas:correct", args=[visit.pk])).status_code == 404
    assert client.post(reverse("antennas:cancel", args=[visit.pk])).status_code == 404
    Visit.objects.filter(pk=visit.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=1)
    )
    client.force_login(desk)
    response = client.post(reverse("antennas:cancel", args=[visit.pk]), follow=True)
    assert "ne peut plus être corrigée" in page_text(response)
    assert Visit.objects.exists()


def test_statistics_platform_or_own_antennas(client, desk, antenna, other_antenna, funder):
    other = user_with_role(Role.RECEPTION, other_antenna)
    anonymous = services.Anonymous("F", "26_45")
    record(desk, antenna, anonymous=anonymous)
    record(other, other_antenna, anonymous=anonymous)
    record(other, other_antenna, anonymous=anonymous)
    url = reverse("antennas:statistics")
    client.force_login(desk)
    page = page_text(client.get(url))
    assert "Chiffres anonymes de vos antennes" in page and "Antenne Mermoz" not in page
    client.force_login(funder)
    page = page_text(client.get(url, {"annee": timezone.localdate().year}))
    assert "Antenne Mermoz" in page and "toutes les antennes" in page
    few = _count(client, url)
    for _ in range(10):
        record(other, other_antenna, person=followed_person(other_antenna))
    assert _count(client, url) == few


def test_admin_chooses_the_antenna_and_visits_show_in_the_person_file(
    client, admin_user, antenna, other_antenna, visitor
):
    client.force_login(admin_user)
    page = page_text(client.get(HOME, {"antenne": other_antenna.pk}))
    assert "Accueil — Antenne Mermoz" in page and "Changer d'antenne" in page
    assert _post(client, other_antenna, person=visitor.pk).status_code == 302
    assert _post(client, other_antenna, person=visitor.pk).status_code == 302
    page = html.unescape(page_text(client.get(reverse("people:detail", args=[visitor.pk]))))
    assert "2 visites à l'accueil de Antenne Mermoz" in page


def test_no_antenna(client, admin_user):
    client.force_login(admin_user)
    assert "aucune antenne" in page_text(client.get(HOME))
