"""Settings, read from the environment.

DJANGO_ENV selects the mode: "development" (the default: DEBUG on, a fixed local secret key,
SQLite beside manage.py) or "production" (DEBUG off, SECRET_KEY and ALLOWED_HOSTS required,
HTTPS-only cookies and HSTS, so that `manage.py check --deploy` passes).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

from finsam.client_address import proxy_ssl_header
from finsam.lib import xlsx_limits

BASE_DIR = Path(__file__).resolve().parent.parent


def gettext_noop(message: str) -> str:
    """Mark a message for makemessages. Django's own gettext_noop reads settings.USE_I18N,
    which cannot work while the settings themselves are loading."""
    return message


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("DJANGO_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            gettext_noop("SECRET_KEY måste anges i miljön när DJANGO_ENV=production.")
        )
    SECRET_KEY = "development-only-key-never-used-in-production-finsam-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# A refused form gets a Swedish page in the application's layout (templates/403_csrf.html).
CSRF_FAILURE_VIEW = "finsam.error_pages.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "djmoney",
    "axes",
    "csp",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "finsam",
    "members",
    "initiatives",
    "budgets",
    "reports",
    # The queue of background work (finsam.jobs). After finsam, so that finsam's db_worker
    # (the same worker, telling /healthz it is alive) is the one manage.py runs.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # One JSON line per request (finsam.logs): first, so its time covers every other layer.
    "finsam.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which device verified this session, if any (user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    # Django's LoginRequiredMiddleware, plus the code for users with two-factor sign-in on.
    "finsam.two_factor.middleware.VerifiedLoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Lets the audit trail name who made each change (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "finsam.urls"
WSGI_APPLICATION = "finsam.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["finsam.templatetags.amounts"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a sign-in that is locked out before the password is tried.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in attempts are limited per account and address: after 5 failures in a row that account
# waits 15 minutes at that address; after 20 from all addresses together, everywhere
# (finsam/lockout.py). No limit is per address alone: an office behind one proxy shares it.
# A completed sign-in clears that account's count only. Wrong two-factor codes count as
# failures too, and the count is cleared only when the sign-in is complete, code included
# (finsam/two_factor/signals.py; so AXES_RESET_ON_SUCCESS, which would clear it at the
# password, is off).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
FINSAM_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("FINSAM_ACCOUNT_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_HANDLER = "finsam.lockout.LockoutHandler"
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The number of reverse proxies in front of the application (README, "Behind a proxy"): the
# client's address is read from X-Forwarded-For, and HTTPS from X-Forwarded-Proto, only if > 0.
FINSAM_TRUSTED_PROXIES = int(os.environ.get("FINSAM_TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "finsam.client_address.client_address"
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(FINSAM_TRUSTED_PROXIES)

# E-mail (invitations, password resets): printed to the console in development; in production
# sent through the SMTP server EMAIL_HOST (port EMAIL_PORT, EMAIL_HOST_USER/PASSWORD, STARTTLS
# with EMAIL_USE_TLS or implicit TLS with EMAIL_USE_SSL). README, "E-mail and invitations".
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# A mail server that does not answer must not hold a sign-in page (a reset request) for minutes.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(gettext_noop("Ange EMAIL_USE_TLS eller EMAIL_USE_SSL, inte båda."))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "finsam@localhost")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day; sign in again the next morning
# Two-factor sign-in: authenticator apps list the account as "finsam:<username>".
OTP_TOTP_ISSUER = "finsam"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", gettext_lazy("Svenska"))]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Amounts are printed by finsam's own filters (|kr, |tkr) with a non-breaking space between
# thousands; Django's global separator would also group years ("2 014").
USE_THOUSAND_SEPARATOR = False
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Uploads (finsam/uploads.py): spreadsheets up to 10 MB, SIE files up to 200 MB (a year with a
# million vouchers is about 47 MB), and an xlsx may unpack to at most 25 MB of XML (openpyxl
# holds a workbook in memory). Files above 2.5 MB are spooled to disk while they arrive.
FINSAM_MAX_UPLOAD_MB = int(os.environ.get("FINSAM_MAX_UPLOAD_MB", "10"))
FINSAM_MAX_SIE_UPLOAD_MB = int(os.environ.get("FINSAM_MAX_SIE_UPLOAD_MB", "200"))
# The readers bound a workbook by the same number (finsam/lib/xlsx_limits.py), its one home.
FINSAM_MAX_UNPACKED_MB = int(
    os.environ.get("FINSAM_MAX_UNPACKED_MB", str(xlsx_limits.MAX_UNPACKED // 2**20))
)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Form fields besides files: 2.5 MB (Django's default) is far more than any form here sends.
# The chart of accounts posts three fields per account, and an SIE export may name every
# account of the BAS chart, so the number of fields is allowed to go well past 1 000.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# django-money: every amount in the application is Swedish kronor.
CURRENCIES = ("SEK",)
CURRENCY_CHOICES = [("SEK", "SEK")]
DEFAULT_CURRENCY = "SEK"

# No inline script or style anywhere: scripts and stylesheets come from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # A load balancer's health check often asks over plain HTTP, inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Background work (finsam.jobs): the database is the queue (django-tasks-db), so nothing beyond
# it is needed; `manage.py db_worker` runs the tasks. TASKS_BACKEND=immediate runs each task
# inside the request instead (the tests do, and a site may while it has no worker). A site that
# outgrows the database queue names another backend here (README, "Background work").
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
if TASKS_BACKEND == "immediate":
    TASKS_BACKEND = "django_tasks.backends.immediate.ImmediateBackend"
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
# A worker not seen for this many seconds is taken for dead: /healthz fails, and a job it was
# running is reported as lost.
FINSAM_WORKER_SILENT_AFTER = int(os.environ.get("FINSAM_WORKER_SILENT_AFTER", "90"))
# The worker's niceness (0-19): above 0 the kernel gives the web's processes on the same machine
# the cores first, and a report's PDF waits instead of a page (docs/benchmarks.md, "Load test").
FINSAM_WORKER_NICE = int(os.environ.get("FINSAM_WORKER_NICE", "0"))

# Requests and background tasks are logged as one JSON object per line (finsam.logs): what,
# which association, which user id, how long; never names, addresses or what was typed.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "finsam.logs.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "json": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "loggers": {
        "finsam.requests": {"handlers": ["json"], "level": "INFO", "propagate": False},
        "finsam.tasks": {"handlers": ["json"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
