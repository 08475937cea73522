"""Production is the default (issue 10): three variables make a deployable server."""

import os
import secrets
import subprocess
import sys


def run_maillage(tmp_path, *args, **extra_env):
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "maillage.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "-m", "maillage", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_only_the_three_production_variables(tmp_path):
    result = run_maillage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_is_off_and_https_protections_on_unless_asked(tmp_path):
    show = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0)"
    )
    production = run_maillage(tmp_path, "shell", "-c", show)
    assert _last_line(production) == ["False", "True", "True", "True"], production.stderr

    demo = run_maillage(tmp_path, "shell", "-c", show, MAILLAGE_DEBUG="true")
    assert _last_line(demo) == ["True", "False", "False", "False"], demo.stderr


def _last_line(result) -> list[str]:
    return result.stdout.splitlines()[-1].split()
