"""Second factor (TOTP) for every account that can see personal data.

Maillage holds files on vulnerable people: a stolen password must not be
enough. Accounts whose roles see names (``PERSON_SCOPE`` other than ``none``)
must confirm each session with a code from an authenticator app (TOTP, RFC
6238, django-otp) or one of their single-use recovery codes. The middleware
sends them to set it up on first login and to type a code on each later one;
funders and outside accounts that never see a name are not asked.

``MAILLAGE_2FA_REQUIRED`` (default on) switches the obligation; the test suite
and ``scripts/demo`` turn it off for themselves (docs/security.md).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from maillage.accounts.roles import PERSON_SCOPE, PersonScope

RECOVERY_CODES = 10
#: Pages an authenticated but unverified user may still open.
EXEMPT_URL_NAMES = frozenset(
    {"accounts:login", "accounts:logout", "accounts:two_factor_setup", "accounts:two_factor_verify"}
)


def needs_second_factor(user) -> bool:
    if not getattr(settings, "MAILLAGE_2FA_REQUIRED", True) or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(PERSON_SCOPE.get(role, PersonScope.NONE) != PersonScope.NONE for role in user.roles)


def has_confirmed_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with fresh ones, returned once to be printed."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Codes de secours")
    device.confirmed = True
    device.save()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _exempt(request) -> bool:
    if request.path.startswith(settings.STATIC_URL):
        return True
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in EXEMPT_URL_NAMES


class SecondFactorMiddleware:
    """After ``OTPMiddleware``: an unverified session of such an account goes to the 2FA pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if needs_second_factor(user) and not user.is_verified() and not _exempt(request):
            name = "two_factor_verify" if has_confirmed_device(user) else "two_factor_setup"
            target = f"{reverse(f'accounts:{name}')}?{urlencode({'next': request.get_full_path()})}"
            if getattr(request, "htmx", False):
                return HttpResponse(status=204, headers={"HX-Redirect": target})
            return redirect(target)
        return self.get_response(request)
