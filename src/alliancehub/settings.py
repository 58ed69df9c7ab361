"""Django settings. Values a deployment changes come from ``config`` (environment variables)."""

import os
import secrets
import time
from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from . import config

BASE_DIR = config.BASE_DIR
DATA_DIR = config.DATA_DIR
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """The configured key, or one generated once and kept in the data directory.

    Several web processes must share the key, so multi-node deployments set
    ``ALLIANCEHUB_SECRET_KEY``; a single machine gets a stable random one without set-up.
    """
    if config.SECRET_KEY:
        return config.SECRET_KEY
    path = DATA_DIR / ".secret_key"
    try:
        # O_EXCL: when several processes start at once, exactly one writes the key.
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(64))
    for _attempt in range(50):
        key = path.read_text().strip()
        if key:
            return key
        time.sleep(0.01)  # another process created the file and is still writing it
    raise RuntimeError(f"{path} is empty; delete it or set ALLIANCEHUB_SECRET_KEY")


SECRET_KEY = _secret_key()
DEBUG = config.DEBUG
ALLOWED_HOSTS = config.ALLOWED_HOSTS
CSRF_TRUSTED_ORIGINS = config.CSRF_TRUSTED_ORIGINS

INSTALLED_APPS = [
    # Project apps first: their templates (sign-in, password pages) override the admin's.
    "alliancehub.common",
    "alliancehub.accounts",
    "alliancehub.organizations",
    "alliancehub.alliances",
    "alliancehub.governance",
    "alliancehub.chains",
    "alliancehub.exchange",
    "alliancehub.events",
    "alliancehub.memberservices",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes requires: it turns a lockout raised during sign-in into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alliancehub.urls"
FORM_RENDERER = "alliancehub.common.forms.BootstrapFormRenderer"
WSGI_APPLICATION = "alliancehub.wsgi.application"

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
            ],
        },
    },
]

# Database ---------------------------------------------------------------------------------
_db = config.env.db_url_config(config.DATABASE_URL)
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets pages read while an import writes; IMMEDIATE avoids "database is locked"
    # upgrades from read to write transactions.
    _db["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    _db.setdefault("CONN_MAX_AGE", 60)
    _db.setdefault("CONN_HEALTH_CHECKS", True)
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": config.env.cache_url_config(config.CACHE_URL)}

# Accounts ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AXES_FAILURE_LIMIT = config.LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=config.LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "alliancehub.accounts.lockout.lockout_response"
AXES_VERBOSE = False

# Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("zh-hant", _("Traditional Chinese")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Files ------------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = config.STATIC_ROOT
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = config.MEDIA_ROOT
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
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = (config.IMPORT_MAX_UPLOAD_MB + 1) * 1024 * 1024
IMPORT_MAX_UPLOAD_BYTES = config.IMPORT_MAX_UPLOAD_MB * 1024 * 1024
EVENTS_PITCH_DECK_MAX_BYTES = config.PITCH_DECK_MAX_MB * 1024 * 1024
SITE_URL = config.SITE_URL
IMPORT_MAX_ROWS = config.IMPORT_MAX_ROWS

# E-mail -----------------------------------------------------------------------------------
_email = config.env.email_url_config(config.EMAIL_URL)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"] or str(DATA_DIR / "mail")
DEFAULT_FROM_EMAIL = config.DEFAULT_FROM_EMAIL
SERVER_EMAIL = config.DEFAULT_FROM_EMAIL

# Security ---------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from a meta tag, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if config.HTTPS:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
if config.TRUST_X_FORWARDED_PROTO:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# API --------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["alliancehub.common.api.permissions.StaffWriteOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "alliancehub.common.api.pagination.PageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "alliancehub.common.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"auth": "20/min"},
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "AllianceHub API",
    "DESCRIPTION": "Organisations, alliances and industry chains.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Everything from the installed sidecar package: intranets cannot reach a CDN, and the
    # default favicon and Swagger UI's online spec validator badge both point at one.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    # Several models have a "kind" or a "status"; name each choice set after its enum.
    "ENUM_NAME_OVERRIDES": {
        "AllianceStatusEnum": "alliancehub.alliances.enums.AllianceStatus",
        "ApplicationStatusEnum": "alliancehub.alliances.enums.ApplicationStatus",
        "MeetingStatusEnum": "alliancehub.governance.enums.MeetingStatus",
        "MotionStatusEnum": "alliancehub.governance.enums.MotionStatus",
        "CharterStatusEnum": "alliancehub.governance.enums.CharterStatus",
        "OrganizationKindEnum": "alliancehub.organizations.enums.OrganizationKind",
        "PostKindEnum": "alliancehub.exchange.enums.PostKind",
        "FundingStageEnum": "alliancehub.events.enums.FundingStage",
        "ServiceKindEnum": "alliancehub.memberservices.enums.ServiceKind",
        "QuestionKindEnum": "alliancehub.events.enums.QuestionKind",
        "ServiceRequestStatusEnum": "alliancehub.memberservices.enums.RequestStatus",
        "FulfilmentEnum": "alliancehub.memberservices.domain.hightech.enums.Fulfilment",
        "MeetingKindEnum": "alliancehub.governance.enums.MeetingKind",
        "MotionKindEnum": "alliancehub.governance.enums.MotionKind",
        "OfficeKindEnum": "alliancehub.governance.enums.OfficeKind",
        "EventStatusEnum": "alliancehub.events.enums.EventStatus",
        "EventKindEnum": "alliancehub.events.enums.EventKind",
        "EventVisibilityEnum": "alliancehub.events.enums.Visibility",
        "BodyRoleEnum": "alliancehub.events.enums.BodyRole",
        "JudgeRoleEnum": "alliancehub.events.enums.JudgeRole",
        # These keep their names now that events have a "visibility" and roles of their own.
        "VisibilityEnum": "alliancehub.exchange.enums.Visibility",
        "RoleEnum": "alliancehub.chains.enums.PositionRole",
    },
}

# Background work --------------------------------------------------------------------------
CELERY_BROKER_URL = config.CELERY_BROKER_URL or None
# Without a broker, ``common.tasks.enqueue`` runs tasks in-process.
TASKS_IN_PROCESS = not config.CELERY_BROKER_URL
CELERY_TASK_ALWAYS_EAGER = TASKS_IN_PROCESS
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic work, run by ``celery -A alliancehub beat`` beside the workers.
CELERY_BEAT_SCHEDULE = {
    "expire-exchange-posts": {"task": "exchange.expire_posts", "schedule": 3600.0},
    "exchange-match-digests": {"task": "exchange.send_match_digests", "schedule": 86400.0},
    "memberservices-overdue-requests": {
        "task": "memberservices.notify_overdue_requests",
        "schedule": 3600.0,
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"alliancehub": {"level": "INFO"}, "jieba": {"level": "WARNING"}},
}
TASKS_IN_PROCESS_MODE = config.TASKS_IN_PROCESS_MODE
DEMO_PASSWORD = config.DEMO_PASSWORD
