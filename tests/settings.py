"""Test settings: the production settings with fast, deterministic services.

The database still comes from DATABASE_URL (PostgreSQL in CI's first run,
SQLite in its second), so the suite proves both.
"""

import os
import tempfile

os.environ.setdefault("MAILLAGE_DATA_DIR", tempfile.mkdtemp(prefix="maillage-test-"))
os.environ["MAILLAGE_TASKS_BACKEND"] = "immediate"
os.environ["MAILLAGE_STATIC_MANIFEST"] = "false"
# The test client and the browser tests' live server speak plain HTTP.
os.environ.setdefault("MAILLAGE_SECURE", "false")

from maillage.settings import *  # noqa: F403
from maillage.settings import TEMPLATES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests log in with client.login()/force_login(); tests/security turns these back on.
AXES_ENABLED = False
MAILLAGE_2FA_REQUIRED = False
WHITENOISE_USE_FINDERS = True
# An undefined variable in a template fails the test instead of rendering as "".
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = "INVALID_TEMPLATE_VARIABLE(%s)"
