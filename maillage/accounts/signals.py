"""Logins, failed logins and logouts go to the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from maillage.audit import context as audit_context
from maillage.audit.models import Action
from maillage.audit.services import log


def _as(user):
    ctx = audit_context.current()
    return audit_context.AuditContext(
        user_id=user.pk if user else None,
        username=user.get_username() if user else "",
        source=ctx.source,
        request_id=ctx.request_id,
        ip=ctx.ip,
        path=ctx.path,
        method=ctx.method,
    )


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    with audit_context.acting_as(_as(user)):
        log(Action.LOGIN, user)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        with audit_context.acting_as(_as(user)):
            log(Action.LOGOUT, user)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    log(
        Action.LOGIN_FAILED,
        object_type="accounts.user",
        object_repr=str(credentials.get("username", ""))[:150],
    )
