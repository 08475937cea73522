"""The web import for administrators: upload, background job, progress, export."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.bundle.models import ImportJob
from maillage.bundle.progress import ProgressFile
from maillage.people.models import Person
from tests.bundle.conftest import PEOPLE, STRUCTURES
from tests.factories import PersonFactory, user_with_role

pytestmark = pytest.mark.django_db


def csv_file(name: str, content: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode(), content_type="text/csv")


def zip_file(name: str, files: dict[str, str]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, content in files.items():
            archive.writestr(member, content)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_upload_page(admin_client):
    response = admin_client.get(reverse("bundle:upload"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Importer un lot de données" in content
    assert "people.csv" in content and "structures.csv" in content
    assert 'type="file" name="files" id="id_files" multiple' in content


def test_upload_csv_files_imports_and_shows_success(admin_client, admin_user):
    response = admin_client.post(
        reverse("bundle:upload"),
        {"files": [csv_file("structures.csv", STRUCTURES), csv_file("people.csv", PEOPLE)]},
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("bundle:job", args=[job.pk])
    assert job.status == ImportJob.Status.SUCCEEDED
    assert (job.progress_done, job.progress_total) == (5, 5)
    assert job.file_names == ["structures.csv", "people.csv"]
    assert not job.upload  # personal data: the upload is deleted once imported
    assert Person.objects.count() == 3
    entry = AuditEntry.objects.filter(action="create").first()
    assert (entry.source, entry.actor_id) == ("task", admin_user.pk)

    page = admin_client.get(response["Location"]).content.decode()
    assert "Import terminé : les données sont enregistrées." in page
    assert "hx-trigger" not in page  # finished: no polling
    assert '<td><code>people.csv</code> <span class="muted">Personnes</span></td>' in page


def test_upload_zip_with_errors_shows_every_error(admin_client):
    bad = (
        "person_id,last_name,first_name,sex,birth_date\n"
        "P1,Dupont,Léa,X,1980-01-01\n"
        "P2,Martin,Jo,F,2999-01-01\n"
    )
    admin_client.post(
        reverse("bundle:upload"), {"files": [zip_file("lot.zip", {"lot/people.csv": bad})]}
    )
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert job.errors == [
        "people.csv:2: sex: sexe inconnu « X » : F ou M attendu (H est accepté pour M)",
        "people.csv:3: birth_date: date 2999-01-01 dans le futur",
    ]
    page = admin_client.get(reverse("bundle:job", args=[job.pk])).content.decode()
    assert "2 erreurs : rien n'a été enregistré." in page
    assert "<code>people.csv:3: birth_date: date 2999-01-01 dans le futur</code>" in page
    assert not Person.objects.exists()


def test_dry_run_from_the_web(admin_client):
    admin_client.post(
        reverse("bundle:upload"), {"files": [csv_file("people.csv", PEOPLE)], "dry_run": "on"}
    )
    job = ImportJob.objects.get()
    assert job.dry_run and job.status == ImportJob.Status.SUCCEEDED
    assert job.summary[0]["created"] == 3
    assert not Person.objects.exists()
    page = admin_client.get(reverse("bundle:job", args=[job.pk])).content.decode()
    assert "Vérification réussie" in page


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([], "Ce champ est obligatoire."),
        ([("notes.txt", "x")], "pas les deux"),
        ([("lot.zip", "x"), ("people.csv", "x")], "pas les deux"),
        ([("people.csv", "x"), ("people.csv", "y")], "même nom"),
    ],
)
def test_upload_form_errors(admin_client, files, message):
    response = admin_client.post(
        reverse("bundle:upload"), {"files": [csv_file(n, c) for n, c in files]}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_size_limit(admin_client, settings):
    settings.MAILLAGE_MAX_BUNDLE_MB = 0
    response = admin_client.post(
        reverse("bundle:upload"), {"files": [csv_file("people.csv", PEOPLE)]}
    )
    assert "Le lot dépasse la taille maximale autorisée (0 Mo)." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_progress_partial_polls_until_finished(admin_client, admin_user):
    job = ImportJob.objects.create(
        created_by=admin_user, status=ImportJob.Status.RUNNING, file_names=["people.csv"]
    )
    ProgressFile(job.pk).write(250, 1000)
    page = admin_client.get(reverse("bundle:job", args=[job.pk])).content.decode()
    progress_url = reverse("bundle:job_progress", args=[job.pk])
    assert f'hx-get="{progress_url}" hx-trigger="every 1s"' in page
    partial = admin_client.get(progress_url, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    html = partial.content.decode()
    assert '<progress id="job-progress" max="1000" value="250">25 %</progress>' in html
    assert "250 lignes sur 1" in html  # 1 000 (localised thousands)

    job.status = ImportJob.Status.SUCCEEDED
    job.save()
    finished = admin_client.get(progress_url, headers={"HX-Request": "true"})
    assert finished.status_code == 286  # htmx stops polling
    assert "Import terminé" in finished.content.decode()
    ProgressFile(job.pk).delete()


def test_export_download(admin_client):
    PersonFactory(external_id="P1")
    response = admin_client.post(reverse("bundle:export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        assert "P1," in archive.read("people.csv").decode()
    assert AuditEntry.objects.get(action="export").source == "web"
    assert admin_client.get(reverse("bundle:export")).status_code == 405


@pytest.mark.parametrize("role", [Role.REFERENT, Role.DIRECTION, Role.FUNDER])
def test_non_admins_get_403(client, admin_user, role):
    job = ImportJob.objects.create(created_by=admin_user)
    client.force_login(user_with_role(role))
    for url in (
        reverse("bundle:upload"),
        reverse("bundle:job", args=[job.pk]),
        reverse("bundle:job_progress", args=[job.pk]),
    ):
        assert client.get(url).status_code == 403
    assert client.post(reverse("bundle:export")).status_code == 403
    response = client.post(reverse("bundle:upload"), {"files": [csv_file("people.csv", PEOPLE)]})
    assert response.status_code == 403
    assert not Person.objects.exists()


def test_anonymous_is_redirected_to_login(client):
    response = client.get(reverse("bundle:upload"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_unexpected_failure_marks_the_job_failed(admin_client, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr("maillage.bundle.tasks.import_bundle", crash)
    admin_client.post(reverse("bundle:upload"), {"files": [csv_file("people.csv", PEOPLE)]})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert job.errors == [
        "erreur inattendue : rien n'a été enregistré (voir le journal du serveur)"
    ]
    assert not job.upload
