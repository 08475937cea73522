"""Audit entries: append-only, never changed or deleted by the application.

The model refuses updates and deletes, and database triggers (see the
migrations) refuse them too, so no code path — ORM, admin or raw SQL through
the application's connection — can rewrite history.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("Création")
    UPDATE = "update", _("Modification")
    DELETE = "delete", _("Suppression")
    VIEW = "view", _("Consultation")
    MERGE = "merge", _("Fusion")
    IMPORT = "import", _("Import")
    EXPORT = "export", _("Export")
    LOGIN = "login", _("Connexion")
    LOGIN_FAILED = "login_failed", _("Échec de connexion")
    LOGOUT = "logout", _("Déconnexion")


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Le journal d'audit ne peut pas être modifié.")

    def delete(self):
        raise PermissionError("Le journal d'audit ne peut pas être supprimé.")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utilisateur"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    actor_name = models.CharField(_("identifiant"), max_length=150, blank=True)
    source = models.CharField(_("origine"), max_length=20)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("type d'objet"), max_length=100)
    object_id = models.CharField(_("objet"), max_length=64, blank=True)
    object_repr = models.CharField(_("libellé"), max_length=250, blank=True)
    # The person concerned, kept as a plain number so the entry outlives a merge or deletion.
    person_id = models.BigIntegerField(_("personne"), null=True, blank=True, db_index=True)
    changes = models.JSONField(_("changements"), default=dict, blank=True)
    request_id = models.CharField(_("requête"), max_length=64, blank=True)
    ip = models.CharField(_("adresse IP"), max_length=45, blank=True)
    path = models.CharField(_("adresse"), max_length=300, blank=True)
    method = models.CharField(max_length=10, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("entrée du journal d'audit")
        verbose_name_plural = _("journal d'audit")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Le journal d'audit ne peut pas être modifié.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Le journal d'audit ne peut pas être supprimé.")
