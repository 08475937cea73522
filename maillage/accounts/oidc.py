"""Optional login through the organisation's OpenID Connect provider (ProConnect-style).

Off unless ``MAILLAGE_OIDC_CLIENT_ID`` is set (docs/security.md). The provider
says who the person is; Maillage still decides what they may do: an OIDC login
only opens an **existing, active** account whose e-mail matches the provider's
verified e-mail, never creates one (roles are given by an administrator), and the
second factor is still asked as for a password login.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.urls import path
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)


class MaillageOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email or claims.get("email_verified") is False:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims):
        return None  # accounts and their roles are created by administrators only


#: Mounted by maillage/urls.py when OIDC is configured; both pages come before any login.
urlpatterns = [
    path(
        "oidc/authenticate/",
        login_not_required(OIDCAuthenticationRequestView.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "oidc/callback/",
        login_not_required(OIDCAuthenticationCallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
]
