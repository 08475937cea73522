"""Setting up and confirming the second factor; unlocking accounts (administrators)."""

import base64

import segno
from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage.accounts.models import User
from maillage.accounts.roles import Capability
from maillage.accounts.two_factor import has_confirmed_device, new_recovery_codes
from maillage.audit.models import Action
from maillage.audit.services import log
from maillage.core.permissions import capability_required

#: django-otp doubles the wait after each wrong code (brute force of 6 digits).
TOO_FAST = "Code refusé : après un code erroné, attendez quelques secondes avant de réessayer."


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code à 6 chiffres (ou code de secours)",
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].replace(" ", "").strip()


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


def setup(request):
    """First login: scan the QR code, type a code, receive the recovery codes."""
    user = request.user
    if has_confirmed_device(user):
        return redirect("accounts:two_factor_verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="Application d’authentification", confirmed=False
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("code", TOO_FAST)
        elif device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = new_recovery_codes(user)
                log(Action.UPDATE, user, changes={"second_factor": "activated"})
            otp_login(request, device)
            return render(
                request,
                "accounts/two_factor_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        else:
            form.add_error(
                "code", "Code incorrect : vérifiez l'heure de votre téléphone et réessayez."
            )
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            # segno writes the SVG markup itself from the otpauth URL: nothing user-typed.
            "qr_svg": mark_safe(qr.svg_inline(scale=4, title="QR code à scanner")),
            "secret": _base32(device.bin_key),
            "next": _next_url(request),
        },
    )


def _base32(key: bytes) -> str:
    """The key as typed by hand in an app that cannot scan, in groups of four."""
    text = base64.b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def verify(request):
    """Each later login: one code from the app, or one recovery code (used once)."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        log(Action.LOGIN_FAILED, request.user, changes={"second_factor": "wrong code"})
        throttled = any(not d.verify_is_allowed()[0] for d in devices_for_user(request.user))
        form.add_error("code", TOO_FAST if throttled else "Code incorrect ou déjà utilisé.")
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


@capability_required(Capability.MANAGE_STRUCTURES)
def account_security(request):
    """Administrators: accounts locked after failed logins, and second factors to reset."""
    from axes.models import AccessAttempt

    locked = AccessAttempt.objects.order_by("-attempt_time")
    users = User.objects.filter(is_active=True).order_by("username")
    with_device = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    return render(
        request,
        "accounts/account_security.html",
        {"locked": locked, "users": users, "with_device": with_device},
    )


@require_POST
@capability_required(Capability.MANAGE_STRUCTURES)
def unlock(request, username):
    from axes.utils import reset

    count = reset(username=username)
    log(
        Action.UPDATE,
        object_type="accounts.user",
        object_repr=username,
        changes={"unlocked": count},
    )
    messages.success(request, f"Le compte « {username} » est débloqué.")
    return redirect("accounts:security")


@require_POST
@capability_required(Capability.MANAGE_STRUCTURES)
def reset_second_factor(request, pk):
    user = get_object_or_404(User, pk=pk)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        user.staticdevice_set.all().delete()
        log(Action.UPDATE, user, changes={"second_factor": "reset by an administrator"})
    messages.success(
        request,
        f"La double authentification de « {user.username} » est réinitialisée : "
        "elle sera configurée à sa prochaine connexion.",
    )
    return redirect("accounts:security")
