"""Settings for R2P Tracker, read from the environment (see .env.example)."""

import os
import re
from pathlib import Path
from typing import Any

import dj_database_url
from corsheaders.defaults import default_headers as cors_default_headers
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (see .env.example), "
            "or set DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-when-DEBUG-is-on"

# The site's public address, without a trailing slash: citations, the bundle's CITATION.cff and
# the API schema's server name it.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.syndication",
    "corsheaders",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "commitments",
    "r2p_tracker",
]

MIDDLEWARE = [
    # First, so that everything below reads the reader's address (r2p_tracker/proxies.py).
    "r2p_tracker.proxies.TrustedProxyMiddleware",
    "r2p_tracker.logging.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Ahead of the response cache: a first visit whose browser prefers another published language
    # is sent to that language's address before any kept English answer is served
    # (r2p_tracker/language.py).
    "r2p_tracker.language.FirstVisitLanguageMiddleware",
    # Above the response cache, so that every API answer, a 304 from the cache included, carries
    # the CORS headers a browser on another origin needs.
    "corsheaders.middleware.CorsMiddleware",
    # Before everything that only a computed answer needs; the headers the middleware below set
    # are kept with each cached answer (r2p_tracker/cache.py).
    "r2p_tracker.cache.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "r2p_tracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "r2p_tracker.wsgi.application"
ASGI_APPLICATION = "r2p_tracker.asgi.application"

# SQLite file by default; DATABASE_URL=postgres://... for PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory by default; CACHE_URL=redis://host:6379/0 for a shared cache.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES: dict[str, dict[str, Any]] = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {
                # A cache outage degrades to no caching instead of failing requests.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
elif CACHE_URL == "dummy://":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHE_TIMEOUT = env_int("CACHE_TIMEOUT", 3600)
# On PostgreSQL, whether each web process listens for data changes (NOTIFY) instead of reading the
# data version on every request (commitments/versioning.py); 0 behind a pooler that cannot LISTEN.
DATA_VERSION_LISTEN = env_bool("DATA_VERSION_LISTEN", True)
# Whether an Editor's own additions and changes to facts are published as they are saved (on) or
# wait, like a Researcher's, for an Editor to approve them in the review queue (off).
EDITORS_PUBLISH_DIRECTLY = env_bool("EDITORS_PUBLISH_DIRECTLY", True)
# Answers each web process keeps in its own memory, in front of the shared cache.
RESPONSE_MEMORY_CACHE_BYTES = env_int("RESPONSE_MEMORY_CACHE_MB", 32) * 1024 * 1024
# What public answers tell browsers, proxies and CDNs: keep for this many seconds, then serve the
# kept copy for this many more while asking the app again.
HTTP_CACHE_MAX_AGE = env_int("HTTP_CACHE_MAX_AGE", 60)
HTTP_CACHE_STALE_WHILE_REVALIDATE = env_int("HTTP_CACHE_STALE_WHILE_REVALIDATE", 60)

# Reverse proxies in front of the app that append to X-Forwarded-For (r2p_tracker/proxies.py):
# 0 when readers connect directly, 1 behind the nginx of docs/deployment.md.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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

# The languages the public pages are published in (docs/translating.md). Each is named in itself
# in the language switcher (LANGUAGE_NATIVE_NAMES); the API stays in English. A language joins
# LANGUAGES only once its catalogue in locale/ is complete: tests/test_translations.py fails on any
# untranslated or fuzzy message of a language listed here.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("km", _("Khmer")),
    ("id", _("Indonesian")),
    ("th", _("Thai")),
    ("vi", _("Vietnamese")),
]
# Planned next, in this order of the ASEAN readership; each needs its catalogue, its formats module
# when Django has none, and (Burmese, Lao) a subsetted font (docs/translating.md).
PLANNED_LANGUAGES = [
    ("ms", _("Malay")),
    ("fil", _("Filipino")),
    ("my", _("Burmese")),
    ("lo", _("Lao")),
    ("tet", _("Tetum")),
]
LANGUAGE_NATIVE_NAMES = {
    "en": "English",
    "km": "ខ្មែរ",
    "id": "Bahasa Indonesia",
    "th": "ไทย",
    "vi": "Tiếng Việt",
    "ms": "Bahasa Melayu",
    "fil": "Filipino",
    "my": "မြန်မာ",
    "lo": "ລາວ",
    "tet": "Tetun",
}
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers per language, where Django's own formats are not what these pages need.
FORMAT_MODULE_PATH = ["r2p_tracker.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers and crawlers ask for at the site's root (/favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "webroot"
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

# The admin lives at a configurable path so it is not where scanners look first.
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/"

# Atom entry ids are tag: URIs (RFC 4151), `tag:<authority>,<date>:change/<model>/<id>`: a domain
# name the publisher held on a date. Set both once and never change them: a reader sees an entry
# with a new id as a new entry. The authority defaults to the first domain name in ALLOWED_HOSTS.
FEED_TAG_AUTHORITY = os.environ.get("FEED_TAG_AUTHORITY") or next(
    (
        host
        for host in ALLOWED_HOSTS
        if re.fullmatch(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*", host) and re.search("[A-Za-z]", host)
    ),
    "localhost",
)
FEED_TAG_DATE = os.environ.get("FEED_TAG_DATE", "2026")
if not re.fullmatch(r"[A-Za-z0-9.@-]+", FEED_TAG_AUTHORITY) or not re.fullmatch(
    r"\d{4}(-\d{2}(-\d{2})?)?", FEED_TAG_DATE
):
    raise ImproperlyConfigured(
        "FEED_TAG_AUTHORITY must be a domain name (or an e-mail address) and FEED_TAG_DATE a date "
        "as YYYY, YYYY-MM or YYYY-MM-DD (see .env.example)."
    )

# Sources older than this many months are listed on the admin's data-quality page.
STALE_SOURCE_MONTHS = env_int("STALE_SOURCE_MONTHS", 24)

# Security. Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER_ENABLED=1.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if env_bool("SECURE_PROXY_SSL_HEADER_ENABLED", not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
# The preload directive only takes effect once the domain is submitted to hstspreload.org.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 1024 * 1024)

SECURE_CSP: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# django-axes: lock an account/IP pair out after repeated failed admin logins, for a fixed time
# from the failure that locked it (r2p_tracker/lockout.py).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "r2p_tracker.proxies.axes_client_address"
AXES_LOCKOUT_CALLABLE = "r2p_tracker.lockout.lockout_response"
AXES_VERBOSE = False

CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# A dashboard in another site's page revalidates with the validators the API sends, reads when to
# retry after a 429, and follows pages by their Link header.
CORS_ALLOW_HEADERS = [*cors_default_headers, "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "Link"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["commitments.api.permissions.FactPermissions"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "commitments.api.pagination.Pagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "commitments.api.schema.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["commitments.api.throttling.AnonymousRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_THROTTLE_RATE", "600/minute")},
    # REMOTE_ADDR already holds the reader's address (r2p_tracker/proxies.py); never trust
    # X-Forwarded-For here.
    "NUM_PROXIES": 0,
    "EXCEPTION_HANDLER": "commitments.api.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "R2P Tracker API",
    "DESCRIPTION": (
        "Sourced data on how the ASEAN member states keep their Responsibility to Protect "
        "commitments: treaty actions, derived participation status on any date, national "
        "human rights institutions, R2P focal points and domestic laws."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVERS": [{"url": SITE_URL or "/", "description": "R2P Tracker"}],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "commitments.api.schema.postprocess",
    ],
    "ENUM_NAME_OVERRIDES": {
        "PrecisionEnum": "commitments.vocabularies.Precision",
        "StatusEnum": "commitments.vocabularies.Status",
        "ObservedStatusEnum": "commitments.vocabularies.ObservedStatus",
        "GanhriStatusEnum": "commitments.vocabularies.GanhriStatus",
        "ActionEnum": "commitments.vocabularies.Action",
        "TreatyCategoryEnum": "commitments.vocabularies.TreatyCategory",
        "LawCategoryEnum": "commitments.vocabularies.LawCategory",
        "ConfidenceEnum": "commitments.vocabularies.Confidence",
        "FocalPointNetworkEnum": "commitments.vocabularies.FocalPointNetwork",
        "IndicatorKindEnum": "commitments.api.score_tables.INDICATOR_KINDS",
        "IndicatorStatusEnum": "commitments.api.score_tables.INDICATOR_STATUSES",
    },
}

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "r2p_tracker.logging.JsonFormatter"},
    },
    "filters": {"request_id": {"()": "r2p_tracker.logging.RequestIdFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
