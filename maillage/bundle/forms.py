"""The upload form: one .zip, or one or more .csv files, within the size limit."""

import tempfile
import zipfile
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.files import File

from maillage.bundle.models import ImportJob


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        clean_one = super().clean
        items = list(data) if isinstance(data, list | tuple) else [data]
        return [clean_one(item, initial) for item in items or [None]]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Fichiers du lot",
        help_text="Une archive .zip, ou un ou plusieurs fichiers .csv (encodés en UTF-8).",
        widget=MultipleFileInput(attrs={"accept": ".zip,.csv"}),
    )
    dry_run = forms.BooleanField(
        label="Vérifier seulement, sans rien enregistrer",
        required=False,
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        names = [PurePath(f.name).name for f in files]
        suffixes = {PurePath(name).suffix.casefold() for name in names}
        if suffixes == {".zip"} and len(files) == 1:
            pass
        elif suffixes != {".csv"}:
            raise forms.ValidationError(
                "Déposez une seule archive .zip, ou des fichiers .csv (pas les deux)."
            )
        if len({name.casefold() for name in names}) != len(names):
            raise forms.ValidationError("Deux fichiers déposés portent le même nom.")
        limit = settings.MAILLAGE_MAX_BUNDLE_MB
        if sum(f.size for f in files) > limit * 1024 * 1024:
            raise forms.ValidationError(
                f"Le lot dépasse la taille maximale autorisée ({limit} Mo)."
            )
        return files

    def save(self, user) -> ImportJob:
        """The job, with the upload stored as one .zip (CSV files are packed into one)."""
        files = self.cleaned_data["files"]
        job = ImportJob(
            created_by=user,
            dry_run=self.cleaned_data["dry_run"],
            file_names=[PurePath(f.name).name for f in files],
        )
        if len(files) == 1 and files[0].name.casefold().endswith(".zip"):
            job.upload.save("lot.zip", files[0], save=False)
        else:
            with tempfile.TemporaryFile() as packed:
                with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                    for upload in files:
                        with archive.open(PurePath(upload.name).name, "w") as target:
                            for chunk in upload.chunks():
                                target.write(chunk)
                packed.seek(0)
                job.upload.save("lot.zip", File(packed), save=False)
        job.save()
        return job
