"""Second factor for roles that see names, lock-out after failed logins (issue 10)."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage.accounts.roles import Role
from maillage.audit.models import Action, AuditEntry
from tests.factories import StructureFactory, user_with_role

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@pytest.fixture
def two_factor(settings):
    settings.MAILLAGE_2FA_REQUIRED = True
    # No waiting between attempts, except in the test of that waiting.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def make_user(role, username="agent"):
    user = user_with_role(role, StructureFactory(), username=username)
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(client, username="agent", password=PASSWORD, next_url="/personnes/"):
    return client.post(
        reverse("accounts:login") + f"?next={next_url}",
        {"username": username, "password": password, "next": next_url},
    )


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_referent_must_set_up_the_second_factor_before_any_page(client, two_factor):
    make_user(Role.REFERENT)
    log_in(client)
    response = client.get("/personnes/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))

    page = client.get(response["Location"])
    assert b"<svg" in page.content and "Activer la double authentification" in page.text
    device = TOTPDevice.objects.get(user__username="agent", confirmed=False)

    wrong = client.post(page.request["PATH_INFO"], {"code": "000000", "next": "/personnes/"})
    assert "Code incorrect" in wrong.text
    done = client.post(
        page.request["PATH_INFO"], {"code": current_code(device), "next": "/personnes/"}
    )
    assert "codes de secours" in done.text
    assert len(done.context["codes"]) == 10
    assert client.get("/personnes/").status_code == 200
    assert AuditEntry.objects.filter(
        action=Action.UPDATE, changes__second_factor="activated"
    ).exists()


def test_next_logins_ask_for_a_code_and_a_recovery_code_works_once(client, two_factor):
    user = make_user(Role.REFERENT)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    from maillage.accounts.two_factor import new_recovery_codes

    codes = new_recovery_codes(user)
    log_in(client)
    response = client.get("/personnes/")
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))

    verify = reverse("accounts:two_factor_verify")
    assert client.post(verify, {"code": "123"}).status_code == 200  # refused, page again
    ok = client.post(verify, {"code": codes[0], "next": "/personnes/"})
    assert ok.status_code == 302 and ok["Location"] == "/personnes/"
    assert not StaticToken.objects.filter(token=codes[0]).exists()

    client.logout()
    log_in(client)
    assert client.post(verify, {"code": codes[0]}).status_code == 200  # used up
    ok = client.post(verify, {"code": current_code(device), "next": "/personnes/"})
    assert ok["Location"] == "/personnes/"


def test_a_wrong_code_makes_the_next_attempt_wait(client, two_factor, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 1
    user = make_user(Role.REFERENT)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    log_in(client)
    verify = reverse("accounts:two_factor_verify")
    client.post(verify, {"code": "000000"})
    too_fast = client.post(verify, {"code": current_code(device)})
    assert "attendez quelques secondes" in too_fast.text


def test_htmx_requests_are_redirected_with_hx_redirect(client, two_factor):
    make_user(Role.REFERENT)
    log_in(client)
    response = client.get("/personnes/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:two_factor_setup"))


def test_a_funder_who_never_sees_a_name_is_not_asked(client, two_factor):
    make_user(Role.FUNDER)
    log_in(client, next_url="/")
    assert client.get("/").status_code == 302
    assert not client.get("/").url.startswith("/connexion/")


def test_an_administrator_resets_a_lost_second_factor(client, two_factor, admin_user):
    user = make_user(Role.REFERENT)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    admin_user_device = TOTPDevice.objects.create(user=admin_user, name="app", confirmed=True)
    client.force_login(admin_user)
    session = client.session
    session["otp_device_id"] = admin_user_device.persistent_id
    session.save()
    page = client.get(reverse("accounts:security"))
    assert page.status_code == 200 and "activée" in page.text
    client.post(reverse("accounts:reset_second_factor", args=[user.pk]))
    assert not TOTPDevice.objects.filter(user=user).exists()


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def test_repeated_failures_lock_the_account_until_an_administrator_unlocks_it(
    client, lockout, admin_user
):
    make_user(Role.REFERENT)
    for _ in range(3):
        assert log_in(client, password="mauvais").status_code in (200, 429)
    locked = log_in(client)  # even the right password is refused now
    assert locked.status_code == 429
    assert "temporairement bloqué" in locked.text
    assert AuditEntry.objects.filter(action=Action.LOGIN_FAILED).count() >= 3

    client.force_login(admin_user)
    assert "agent" in client.get(reverse("accounts:security")).text
    client.post(reverse("accounts:unlock", args=["agent"]))
    client.logout()
    assert log_in(client).status_code == 302


def test_another_users_failures_do_not_lock_this_one(client, lockout):
    make_user(Role.REFERENT, username="victime")
    make_user(Role.REFERENT, username="autre")
    for _ in range(3):
        log_in(client, username="autre", password="mauvais")
    assert log_in(client, username="victime").status_code == 302


def test_role_changes_and_superuser_flags_are_audited(admin_user):
    user = make_user(Role.REFERENT, username="promu")
    membership = user.memberships.get()
    membership.role = Role.DIRECTION
    membership.save()
    user.is_superuser = True
    user.save()
    membership_id = str(membership.pk)
    membership.delete()
    entries = AuditEntry.objects.filter(object_type="accounts.membership", object_id=membership_id)
    assert [e.action for e in entries.order_by("id")] == [
        Action.CREATE,
        Action.UPDATE,
        Action.DELETE,
    ]
    assert entries.filter(changes__role=Role.DIRECTION).exists()
    assert AuditEntry.objects.filter(
        object_type="accounts.user", changes__is_superuser=[False, True]
    ).exists()


def test_the_audit_trail_of_a_person_exports_as_french_csv(client, admin_user):
    from tests.factories import PersonFactory

    person = PersonFactory(last_name="=Piège")
    client.force_login(admin_user)
    client.get(f"/personnes/{person.pk}/")
    response = client.get(reverse("audit:export") + f"?person={person.pk}")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeffdate;utilisateur;")
    assert "'=PIÈGE" in body  # neutralised: a spreadsheet shows it as text
    assert AuditEntry.objects.filter(action=Action.EXPORT, object_type="audit").exists()
