"""The optional OpenID Connect login: off by default, opens only existing active accounts."""

import os
import subprocess
import sys

import pytest

from maillage.accounts.roles import Role
from tests.factories import StructureFactory, user_with_role

OIDC_SETTINGS = {
    "OIDC_RP_CLIENT_ID": "maillage",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example.org/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example.org/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.example.org/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.example.org/jwks",
    "OIDC_RP_SIGN_ALGO": "RS256",
}


@pytest.fixture
def backend(settings):
    for name, value in OIDC_SETTINGS.items():
        setattr(settings, name, value)
    from maillage.accounts.oidc import MaillageOIDCBackend

    return MaillageOIDCBackend()


@pytest.mark.django_db
def test_only_an_active_account_with_the_verified_email_matches(backend):
    user = user_with_role(Role.REFERENT, StructureFactory(), email="Agent@Example.org")
    user_with_role(Role.REFERENT, StructureFactory(), email="parti@example.org", is_active=False)
    claims = {"email": "agent@example.org", "email_verified": True}
    assert list(backend.filter_users_by_claims(claims)) == [user]
    assert not backend.filter_users_by_claims({**claims, "email_verified": False}).exists()
    assert not backend.filter_users_by_claims({"email": "parti@example.org"}).exists()
    assert not backend.filter_users_by_claims({"email": ""}).exists()
    assert backend.create_user({"email": "inconnu@example.org"}) is None


def test_off_by_default_and_mounted_when_configured(tmp_path):
    code = (
        "from django.conf import settings; from django.urls import reverse;"
        "print(settings.OIDC_ENABLED, reverse('oidc_authentication_init'))"
    )
    env = {
        "PATH": os.environ["PATH"],
        "MAILLAGE_DATA_DIR": str(tmp_path),
        "MAILLAGE_DEBUG": "true",
        "MAILLAGE_OIDC_CLIENT_ID": "maillage",
        "MAILLAGE_OIDC_CLIENT_SECRET": "secret",
    }
    on = subprocess.run(
        [sys.executable, "-m", "maillage", "shell", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert on.stdout.splitlines()[-1] == "True /oidc/authenticate/", on.stderr
    env.pop("MAILLAGE_OIDC_CLIENT_ID")
    off = subprocess.run(
        [
            sys.executable,
            "-m",
            "maillage",
            "shell",
            "-c",
            "from django.conf import settings;print(settings.OIDC_ENABLED)",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert off.stdout.splitlines()[-1] == "False", off.stderr
