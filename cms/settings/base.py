"""Settings shared by every environment. Secrets and hosts come from the environment only."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
# Reverse proxies in front of the app; rate limits then read the client from X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))

INSTALLED_APPS = [
    "cms",
    "accounts",
    "directory",
    "procurement",
    "events",
    "api",
    "stats",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "ninja",
    "rest_framework",
    "wagtail.api.v2",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.forms",
    "csp",
]

MIDDLEWARE = [
    "cms.query_count.QueryCountMiddleware",  # only with SQL_COUNT_HEADER (make bench)
    "cms.request_id.RequestIdMiddleware",
    "cms.request_cache.RequestCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.security.SecurityHeadersMiddleware",
    "api.middleware.PublicApiMiddleware",
    "cms.query_guard.QueryGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.AdminLanguageMiddleware",
    "cms.replica.PrimaryAfterWriteMiddleware",
    "accounts.ratelimit.RateLimitMiddleware",
    "accounts.middleware.RestrictedAdminMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# X-SQL-Queries on every response (cms.query_count), for make bench only.
SQL_COUNT_HEADER = os.environ.get("SQL_COUNT_HEADER", "") == "1"

ROOT_URLCONF = "cms.urls"
# Form widgets use the templates below too, so templates/ can override Wagtail's (CSP nonces).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if os.environ.get("DATABASE_REPLICA_URL"):
    # A streaming replica of the primary: anonymous GETs read from it (cms.replica).
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=60, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["cms.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
STORAGES = {
    "default": {"BACKEND": "cms.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if os.environ.get("S3_BUCKET"):
    # Uploaded images and documents in object storage, public URLs without signatures.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Rate limits and directory counts live in the cache: with more than one process it must be
# shared (Redis), or each worker counts on its own (cms.checks refuses that in production).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "sok"),
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
WEB_CONCURRENCY = 1  # worker processes per host; production reads it from the environment

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Socialøkonomisk <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Days after an event ends until `manage.py anonymise_registrations` removes its registrants'
# personal data.
REGISTRATION_RETENTION_DAYS = int(os.environ.get("REGISTRATION_RETENTION_DAYS", 90))

WAGTAIL_SITE_NAME = "Socialøkonomisk"
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.LoginForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.forms.PasswordResetForm"  # noqa: S105 (a path)
LOGIN_URL = "wagtailadmin_login"
# The one public address of the site: sitemap, both APIs, e-mails, feeds and calendars use it,
# and `load_demo_data` writes the Wagtail Site from it. WAGTAILADMIN_BASE_URL is an old alias.
PUBLIC_BASE_URL = (
    os.environ.get("PUBLIC_BASE_URL")
    or os.environ.get("WAGTAILADMIN_BASE_URL")
    or f"http://127.0.0.1:{os.environ.get('PORT') or 8000}"
).rstrip("/")
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
# OCDS: the OCID prefix is to be registered with the Open Contracting Partnership
# (https://standard.open-contracting.org/latest/en/guidance/build/#register-an-ocid-prefix).
OCDS_OCID_PREFIX = os.environ.get("OCDS_OCID_PREFIX", "ocds-sokdk0")
WAGTAILAPI_BASE_URL = PUBLIC_BASE_URL
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "danish",
        "AUTOCOMPLETE_SEARCH_CONFIG": "simple",
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.uploads.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.uploads.DocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_FINDERS = []
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests, also in the admin
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

SITE_NAME = _("Socialøkonomisk")

# Content-Security-Policy (django-csp, extended by cms.security): scripts only from our origin or
# with the request's nonce, nothing inline or eval'd. Media may come from object storage.
MEDIA_ORIGINS = [
    f"https://{os.environ['S3_CUSTOM_DOMAIN']}" if os.environ.get("S3_CUSTOM_DOMAIN") else "",
    os.environ.get("S3_ENDPOINT_URL", ""),
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *filter(None, MEDIA_ORIGINS)],
        "media-src": ["'self'", *filter(None, MEDIA_ORIGINS)],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Origins that may show the supplier widget in a frame, e.g. "https://www.aarhus.dk".
WIDGET_FRAME_ANCESTORS = [
    o.strip() for o in os.environ.get("WIDGET_FRAME_ANCESTORS", "*").split(",") if o.strip()
]
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Background tasks that fail on a transient error (mail server, database, Redis) are queued again
# after an exponential backoff with jitter (cms/tasks.py): first after ~TASK_RETRY_BASE_DELAY
# seconds, at most TASK_RETRY_MAX_DELAY apart, TASK_RETRY_ATTEMPTS attempts in all (~4 hours).
TASK_RETRY_ATTEMPTS = int(os.environ.get("TASK_RETRY_ATTEMPTS", 10))
TASK_RETRY_BASE_DELAY = float(os.environ.get("TASK_RETRY_BASE_DELAY", 30))
TASK_RETRY_MAX_DELAY = float(os.environ.get("TASK_RETRY_MAX_DELAY", 3600))

# Results per page on the public listings (directory, tender plan, events).
LISTING_PAGE_SIZE = 20
DIRECTORY_EXPORT_SLOTS = 2  # directory exports running at once, site-wide (the rest get 429)
DIRECTORY_EXPORT_WAIT = 5  # seconds an export waits for a free slot before that 429
