"""Settings for Färdplan.

Everything that differs between a laptop and production comes from the
environment. The defaults fail closed (production); a developer opts in
with DEBUG=1, which `./dev run` and the test settings set.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# --- Fail closed (issue 15): production is the default, development opts in.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Färdplan will not start: set SECRET_KEY to a long random value "
            "(or DEBUG=1 on a developer's machine)."
        )
    SECRET_KEY = "django-insecure-fardplan-development-only"
SILENCED_SYSTEM_CHECKS: list[str] = []
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "django_tasks_db",
    "axes",
    # Layers, each importing only those below it (docs/architecture.md, import-linter):
    "operations",
    "api",
    "sharing",
    "demo",
    "rounds",
    "activity_staffing",
    "review",
    "planmap",
    "indicators",
    "strategy",
    "activities",
    "roadmap",
    "staffing",
    "core",
]

MIDDLEWARE = [
    "operations.middleware.RequestLogMiddleware",
    "core.request_limits.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, which serves static files precompressed on its own.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "fardplan.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fardplan.urls"
WSGI_APPLICATION = "fardplan.wsgi.application"
ASGI_APPLICATION = "fardplan.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fardplan.context_processors.roles",
                "django.template.context_processors.csp",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
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
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "roadmap:plan_list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Background tasks (django.tasks). The queue lives in the database (django-tasks-db), so a
# worker on any host runs them: `manage.py db_worker` (./dev run starts one). TASKS_BACKEND=
# immediate runs each task inside the request instead (the tests do).
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
        }[os.environ.get("TASKS_BACKEND", "database")]
    }
}

# Uploads: imports refuse anything larger before reading it (see the importers).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_UPLOAD_BYTES = int(os.environ.get("IMPORT_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))
IMPORT_MAX_INFLATED_BYTES = int(os.environ.get("IMPORT_MAX_INFLATED_BYTES", 200 * 1024 * 1024))
# Filled cells an imported workbook may hold; counted before the cells are read.
IMPORT_MAX_CELLS = int(os.environ.get("IMPORT_MAX_CELLS", 2_000_000))
# Larger request bodies get 413 from the Content-Length alone (core.request_limits).
MAX_REQUEST_BYTES = int(os.environ.get("MAX_REQUEST_BYTES", IMPORT_MAX_UPLOAD_BYTES + 1024 * 1024))

# Anonymous openings of share links per client address: (count, seconds).
SHARE_LINK_RATE = (
    int(os.environ.get("SHARE_LINK_RATE", "60")),
    int(os.environ.get("SHARE_LINK_RATE_WINDOW", "60")),
)

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe app servers directly over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading binds the region's whole domain to HTTPS for good: its
        # owner decides that, not one application's deploy check.
        SILENCED_SYSTEM_CHECKS.append("security.W021")

# --- Behind a TLS proxy (issue 15): headers are trusted only when we are told
# a proxy sets them; otherwise any client could claim https or another address.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Shared state (issue 15): with REDIS_URL (e.g. redis://127.0.0.1:6379/0) every
# app server shares sessions and cache through Redis; without it both live in the
# database. The share links' rate limit counts in this cache, so all workers share one count.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "fardplan"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "fardplan_cache",
        }
    }

# --- Login protection (issue 15): 10 failures for one user from one address
# lock that pair out for 15 minutes, on /konto/login/ and /admin/login/ alike.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "operations.views.locked_out"
AXES_RESET_ON_SUCCESS = True
# A locked-out user sees a fixed end time: trying again does not push it back.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "operations.client.client_ip"

# --- Mail: password reset is offered only when a mail server is configured.
mail_host = os.environ.get("EMAIL_HOST", "")
MAILERS = {}
if DEBUG:
    MAILERS["default"] = {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
elif not mail_host:
    # No mail server: Färdplan sends nothing and the reset page says so.
    SILENCED_SYSTEM_CHECKS.append("mail.W001")
if mail_host:
    MAILERS["default"] = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": mail_host,
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", True),
        },
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "fardplan@localhost")
# Links in mail sent by a timer (the rounds' reminders) point here: no request to read.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
PASSWORD_RESET_AVAILABLE = bool(mail_host)

# --- Content-Security-Policy (issue 15): scripts only from our own static
# files. Styles: the map colours cards through style="--goal: …" attributes
# and plotly writes its own <style> rules, so inline styles stay allowed;
# a style cannot run code, the script rules are what stop injected markup.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# --- Logs (issue 15): LOG_FORMAT=json writes one JSON object per line; every
# request is logged once with its id (also sent back as X-Request-ID).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOG_REQUESTS = env_bool("LOG_REQUESTS", LOG_FORMAT == "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "operations.logs.RequestIdFilter"}},
    "formatters": {
        # Plain messages, as Django prints them; the json format adds time, level and request id.
        "text": {"format": "%(message)s"},
        "json": {"()": "operations.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Django's own logger prints and then propagates to root: one handler, not two.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Failed logins, lockouts and successful logins (operations.signals).
        "fardplan.auth": {"level": "INFO"},
        "fardplan.requests": {"level": "INFO" if LOG_REQUESTS else "WARNING"},
    },
}
