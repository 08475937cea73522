"""Settings, read from the environment (12-factor).

Every variable is documented in docs/configuration.md. Without any variable the
project runs on an embedded SQLite file in the data folder (``var/``), which is
what the demo uses. Production is the default: unless MAILLAGE_DEBUG is turned
on (scripts/demo does it for itself), DEBUG is off and the HTTPS protections
are on, so a server needs only DATABASE_URL, SECRET_KEY and ALLOWED_HOSTS
(or MAILLAGE_ALLOWED_HOSTS) for ``maillage check --deploy`` to pass.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "oui", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("MAILLAGE_DATA_DIR") or Path.cwd() / "var").resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the data folder."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("MAILLAGE_DEBUG")
ALLOWED_HOSTS = env_list(
    "MAILLAGE_ALLOWED_HOSTS", os.environ.get("ALLOWED_HOSTS") or "localhost,127.0.0.1,[::1]"
)
CSRF_TRUSTED_ORIGINS = env_list("MAILLAGE_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "maillage.core",
    "maillage.audit",
    "maillage.organisations",
    "maillage.accounts",
    "maillage.people",
    "maillage.companies",
    "maillage.recruitment",
    "maillage.plie",
    "maillage.programme",  # after plie: its report block follows the PLIE's
    "maillage.aids",
    "maillage.iod",
    "maillage.charter",
    "maillage.clauses",
    "maillage.events",
    "maillage.antennas",
    "maillage.culture",
    "maillage.insertion_culture",
    "maillage.privacy",
    "maillage.reports",
    "maillage.zfu",
    "maillage.bundle",
    "maillage.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "maillage.audit.middleware.AuditContextMiddleware",
    "maillage.accounts.two_factor.SecondFactorMiddleware",
    # Last, as django-axes asks: turns a lock-out into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "maillage.urls"
WSGI_APPLICATION = "maillage.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "maillage.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'maillage.sqlite3'}",
        conn_max_age=int(os.environ.get("MAILLAGE_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and the task worker share the file.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock-out after repeated failures (django-axes): per username, whatever the address, so
# spreading attempts over addresses does not help; administrators unlock at
# /administration/securite/ (or `maillage axes_reset_username NAME`).
AXES_FAILURE_LIMIT = int(os.environ.get("MAILLAGE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("MAILLAGE_LOGIN_LOCKOUT_HOURS", "1")) or None
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks for the address in the lock-out key. Not here, on purpose: the structures'
# staff share one office address behind NAT, and a lock per address would let one tired
# colleague (or an attacker) lock out a whole structure. Rotating addresses or browsers does
# not bypass a per-username lock (docs/security.md).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Optional OpenID Connect login (maillage.accounts.oidc), on when a client id is given.
OIDC_ENABLED = bool(os.environ.get("MAILLAGE_OIDC_CLIENT_ID"))
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("maillage.accounts.oidc.MaillageOIDCBackend")
    OIDC_RP_CLIENT_ID = os.environ["MAILLAGE_OIDC_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = os.environ.get("MAILLAGE_OIDC_CLIENT_SECRET", "")
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("MAILLAGE_OIDC_AUTHORIZATION_ENDPOINT", "")
    OIDC_OP_TOKEN_ENDPOINT = os.environ.get("MAILLAGE_OIDC_TOKEN_ENDPOINT", "")
    OIDC_OP_USER_ENDPOINT = os.environ.get("MAILLAGE_OIDC_USER_ENDPOINT", "")
    OIDC_OP_JWKS_ENDPOINT = os.environ.get("MAILLAGE_OIDC_JWKS_ENDPOINT", "")
    OIDC_RP_SIGN_ALGO = os.environ.get("MAILLAGE_OIDC_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = "openid email"
    OIDC_CREATE_USER = False
    OIDC_TIMEOUT = 10
    LOGIN_REDIRECT_URL_FAILURE = "/connexion/?oidc=echec"
MAILLAGE_OIDC_LABEL = os.environ.get("MAILLAGE_OIDC_LABEL", "Se connecter avec ProConnect")
# The second factor (maillage.accounts.two_factor): mandatory for roles that see names.
MAILLAGE_2FA_REQUIRED = env_bool("MAILLAGE_2FA_REQUIRED", True)
OTP_TOTP_ISSUER = os.environ.get("MAILLAGE_OTP_ISSUER", "Maillage")

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions end after a period of inactivity (sliding expiry).
SESSION_COOKIE_AGE = int(os.environ.get("MAILLAGE_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Behind HTTPS unless said otherwise: on by default, off by default in debug mode.
SECURE = env_bool("MAILLAGE_SECURE", default=not DEBUG)
#: True only when the environment says MAILLAGE_SECURE=true: a declared production server,
#: where ``maillage demo`` refuses to create accounts with a known password.
SECURE_DECLARED = env_bool("MAILLAGE_SECURE")
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env_bool("MAILLAGE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
# Strict by default; a domain whose other subdomains are not all on HTTPS turns these off.
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE and env_bool("MAILLAGE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = SECURE and env_bool("MAILLAGE_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline script or style anywhere: everything is served from our own static files.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Vendored front-end libraries (htmx) that belong to no app.
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "media"},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("MAILLAGE_STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Serve straight from the apps' static folders when collectstatic has not run (demo, tests).
WHITENOISE_USE_FINDERS = not (STATIC_ROOT / "staticfiles.json").exists()
WHITENOISE_AUTOREFRESH = DEBUG

# Background work (bundle imports, later report PDFs) goes through Django's tasks
# framework; the database backend needs `maillage db_worker` running beside the web server.
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
        }[os.environ.get("MAILLAGE_TASKS_BACKEND", "database")],
    }
}

# Upper bound for an uploaded bundle (.zip or .csv files), in megabytes.
# E-mail (Django 6.1 "mailers"): registrations, freed places, reminders. Sent through the
# SMTP server MAILLAGE_SMTP_HOST, else the machine's own mail server (localhost:25).
DEFAULT_FROM_EMAIL = os.environ.get("MAILLAGE_FROM_EMAIL", "Maillage <maillage@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
_SMTP_HOST = os.environ.get("MAILLAGE_SMTP_HOST", "")
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _SMTP_HOST or "localhost",
            "port": int(os.environ.get("MAILLAGE_SMTP_PORT", "587" if _SMTP_HOST else "25")),
            "username": os.environ.get("MAILLAGE_SMTP_USER", ""),
            "password": os.environ.get("MAILLAGE_SMTP_PASSWORD", ""),
            "use_tls": env_bool("MAILLAGE_SMTP_TLS", bool(_SMTP_HOST)),
        },
    }
    if _SMTP_HOST or not DEBUG
    # Debug mode (the demo) without a mail server: messages are printed in the log.
    else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
}

# Reports: published edition, a cell counting fewer people than this is suppressed.
MAILLAGE_REPORT_MIN_CELL = int(os.environ.get("MAILLAGE_REPORT_MIN_CELL", "5"))

# Culture pour tous ticketing (docs/culture.md).
MAILLAGE_CULTURE_PERSON_LIMIT = int(os.environ.get("MAILLAGE_CULTURE_PERSON_LIMIT", "4"))
MAILLAGE_CULTURE_PERIOD_DAYS = int(os.environ.get("MAILLAGE_CULTURE_PERIOD_DAYS", "30"))
MAILLAGE_CULTURE_CANCEL_HOURS = int(os.environ.get("MAILLAGE_CULTURE_CANCEL_HOURS", "48"))
MAILLAGE_CULTURE_REMINDER_DAYS = int(os.environ.get("MAILLAGE_CULTURE_REMINDER_DAYS", "2"))
MAILLAGE_CULTURE_NO_SHOW_THRESHOLD = int(os.environ.get("MAILLAGE_CULTURE_NO_SHOW_THRESHOLD", "3"))
MAILLAGE_CULTURE_NO_SHOW_WINDOW_DAYS = int(
    os.environ.get("MAILLAGE_CULTURE_NO_SHOW_WINDOW_DAYS", "365")
)

# Retention of personal data, in years after the end date of each kind (maillage.privacy).
MAILLAGE_RETENTION_PLIE_YEARS = int(os.environ.get("MAILLAGE_RETENTION_PLIE_YEARS", "10"))
MAILLAGE_RETENTION_RECEPTION_YEARS = int(os.environ.get("MAILLAGE_RETENTION_RECEPTION_YEARS", "2"))
MAILLAGE_RETENTION_TICKETING_YEARS = int(os.environ.get("MAILLAGE_RETENTION_TICKETING_YEARS", "3"))
MAILLAGE_RETENTION_CLAUSES_YEARS = int(os.environ.get("MAILLAGE_RETENTION_CLAUSES_YEARS", "5"))
MAILLAGE_RETENTION_DEFAULT_YEARS = int(os.environ.get("MAILLAGE_RETENTION_DEFAULT_YEARS", "3"))
MAILLAGE_MAX_BUNDLE_MB = int(os.environ.get("MAILLAGE_MAX_BUNDLE_MB", "200"))
# PLIE caseload target: participants per full-time référent (Membership.fte), report p. 9.
MAILLAGE_PLIE_CASELOAD_PER_FTE = int(os.environ.get("MAILLAGE_PLIE_CASELOAD_PER_FTE", "90"))
# PLIE follow-up commission: a parcours with no step started or running for this many
# months is proposed as "blocked".
MAILLAGE_PLIE_BLOCKED_MONTHS = int(os.environ.get("MAILLAGE_PLIE_BLOCKED_MONTHS", "3"))
# Programme: share of the FSE grant paid as an advance at the convention (0.5, or 50).
MAILLAGE_PROGRAMME_ADVANCE_RATE = os.environ.get("MAILLAGE_PROGRAMME_ADVANCE_RATE", "0.5")
# Individual aids: the maximum amount of one request, per kind, in euros (docs/configuration.md).
MAILLAGE_AID_MAX_AMOUNTS = {
    kind: os.environ.get(f"MAILLAGE_AID_MAX_{kind.upper()}", default)
    for kind, default in (
        ("training", "3000"),
        ("childcare", "1500"),
        ("mobility", "1000"),
        ("transport_vouchers", "200"),
    )
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("MAILLAGE_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
