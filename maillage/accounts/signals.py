"""Logins, failed logins, logouts and every change of rights go to the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from maillage.accounts.models import Membership, User
from maillage.audit import context as audit_context
from maillage.audit.models import Action
from maillage.audit.services import log

USER_RIGHTS = ("is_active", "is_staff", "is_superuser")


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


# Who may do what is personal-data security: every change of a role is audited.
@receiver(post_save, sender=Membership)
def on_membership_saved(sender, instance, created, **kwargs):
    log(
        Action.CREATE if created else Action.UPDATE,
        instance,
        object_repr=f"{instance.user} — {instance.get_role_display()} — {instance.structure}",
        changes={
            "user": instance.user_id,
            "structure": instance.structure_id,
            "role": instance.role,
        },
    )


@receiver(post_delete, sender=Membership)
def on_membership_deleted(sender, instance, **kwargs):
    log(
        Action.DELETE,
        instance,
        object_repr=f"{instance.user_id} — {instance.role} — {instance.structure_id}",
        changes={
            "user": instance.user_id,
            "structure": instance.structure_id,
            "role": instance.role,
        },
    )


@receiver(pre_save, sender=User)
def on_user_rights_changed(sender, instance, **kwargs):
    """Activation and superuser/staff flags: the rights that are not memberships."""
    if instance.pk is None:
        return
    before = User.objects.filter(pk=instance.pk).values(*USER_RIGHTS).first()
    if before is None:
        return
    changes = {
        field: [before[field], getattr(instance, field)]
        for field in USER_RIGHTS
        if before[field] != getattr(instance, field)
    }
    if changes:
        log(Action.UPDATE, instance, changes=changes)
