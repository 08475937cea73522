"""An import started from the web: the uploaded bundle, its progress and its outcome.

The uploaded files are packed into one .zip under the media folder, read by
the background task, then deleted once the import is over (they hold personal
data); the job keeps their names, the per-file counts and the errors.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.bundle.progress import ProgressFile


def upload_path(job: "ImportJob", filename: str) -> str:
    return f"bundles/{uuid.uuid4().hex}.zip"


class ImportJob(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        RUNNING = "running", _("En cours")
        SUCCEEDED = "succeeded", _("Réussi")
        FAILED = "failed", _("Échec")

    # The web page shows this many errors at most; error_count says how many there were.
    MAX_STORED_ERRORS = 1000

    upload = models.FileField(_("lot déposé"), upload_to=upload_path, blank=True)
    file_names = models.JSONField(_("fichiers déposés"), default=list, blank=True)
    dry_run = models.BooleanField(_("vérification seule"), default=False)
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    progress_done = models.PositiveIntegerField(_("lignes traitées"), default=0)
    progress_total = models.PositiveIntegerField(_("lignes à traiter"), default=0)
    errors = models.JSONField(_("erreurs"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("nombre d'erreurs"), default=0)
    summary = models.JSONField(_("bilan par fichier"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déposé par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("déposé le"), auto_now_add=True)
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("import de données")
        verbose_name_plural = _("imports de données")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import n° {self.pk} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}

    def progress(self) -> tuple[int, int]:
        """(done, total) rows: live from the worker while running, else as recorded."""
        if self.status == self.Status.RUNNING:
            live = ProgressFile(self.pk).read()
            if live is not None:
                return live
        return self.progress_done, self.progress_total

    @property
    def hidden_error_count(self) -> int:
        return max(self.error_count - len(self.errors), 0)
