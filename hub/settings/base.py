"""Settings shared by every environment. Everything is read from the environment once, here.

Defaults run out of the box: a SQLite file, tasks run eagerly in-process, mail to the console.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def redis_db(url, db):
    """The same Redis server as ``url`` but database number ``db`` (broker and cache stay apart)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, parts.fragment))


SECRET_KEY = env("SECRET_KEY", "dev-only-not-secret-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Where links in emails and calendar files point. No trailing slash.
HUB_BASE_URL = env("HUB_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Invite-only unless this is switched on; then new people wait for a lead or officer to approve.
HUB_OPEN_SIGNUP = env_bool("HUB_OPEN_SIGNUP", False)
HUB_INVITATION_DAYS = int(env("HUB_INVITATION_DAYS", "14"))
# Registered people see an online event's joining link from this many minutes before it starts.
HUB_JOINING_LINK_MINUTES = int(env("HUB_JOINING_LINK_MINUTES", "30"))
# Due work (reminders, notices, reviews, digest deliveries): every task that claims rows
# (hub.core.tasks.run_due_work, a digest batch) is killed after HUB_DUE_WORK_TIME_LIMIT
# seconds (its soft limit and its own stop come earlier), so a claim older than that plus a
# margin belongs to a worker that died and the row is offered again. With the sweeps every
# minute, a killed worker's rows go out again within about four minutes.
HUB_DUE_WORK_TIME_LIMIT = int(env("HUB_DUE_WORK_TIME_LIMIT", "120"))
HUB_DUE_WORK_STALE_AFTER = timedelta(seconds=HUB_DUE_WORK_TIME_LIMIT + 30)
# Members per digest batch task (one SMTP connection each; a batch stops itself and hands the
# rest on before its time limit, so a slow mail server only makes more, smaller batches).
HUB_DIGEST_BATCH_SIZE = int(env("HUB_DIGEST_BATCH_SIZE", "500"))
# Sent emails stay in the outbox (hub.core.models.OutgoingEmail) this many days, then go.
HUB_OUTBOX_KEEP_DAYS = int(env("HUB_OUTBOX_KEEP_DAYS", "30"))

INSTALLED_APPS = [
    "hub.themes",
    "hub.people",
    "hub.core",
    "hub.library",
    "hub.questions",
    "hub.partnerships",
    "hub.learning",
    "hub.voices",
    "hub.moderation",
    "hub.digests",
    "hub.insights",
    "hub.harvest",
    "hub.notifications",
    "briefings",
    "events",
    "learning_sets",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
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
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL byte in the path, query, form or cookies: a 400 page before anything reads them.
    "hub.core.refusals.RefuseNulMiddleware",
    # Outside everything that writes the body, so what they write is compressed; inside
    # whitenoise, whose static files are compressed already.
    "hub.core.headers.CompressTextMiddleware",
    "hub.core.headers.PermissionsPolicyMiddleware",
    "hub.core.private_files.limits.RequestSizeLimitMiddleware",
    # Visitors' public pages from memory (hub/core/page_cache.py); outside everything that
    # reads the session, so a page served from it costs no query.
    "hub.core.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Content-Security-Policy on every response, and Cache-Control: private on personal ones.
    "hub.core.headers.ContentSecurityPolicyMiddleware",
    "hub.core.headers.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "hub.people.middleware.RequireMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "learning_sets.middleware.SetSessionAdminGuard",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hub.people.context_processors.roles",
                "hub.notifications.context_processors.bell",
            ],
        },
    },
]

# A connection is kept this many seconds between requests (production: 60), and checked
# before a request reuses it, so a database restart costs no failed request.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/my-hub/"  # a signed-in home is My hub (hub.core.my_hub)

# --- Redis: broker and cache on separate databases of one server ---------------------------
# The cache holds nothing that cannot be rebuilt, and the hub serves without it: while Redis
# is unreachable it answers as an empty cache (hub/core/cache.py) instead of a 500.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "hub.core.cache.ResilientRedisCache",
            "LOCATION": env("CACHE_URL", redis_db(REDIS_URL, 1)),
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "hub"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery ------------------------------------------------------------------------------
# Unset REDIS_URL: tasks run eagerly in-process so the demo needs no broker.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", redis_db(REDIS_URL, 0) if REDIS_URL else "memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", redis_db(REDIS_URL, 2) if REDIS_URL else None)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True

# --- Email -------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds to wait for the mail server at each step (Django waits for ever by default).
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "30"))
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "outbox"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "The hub <hub@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- django-allauth ----------------------------------------------------------------------
ACCOUNT_ADAPTER = "hub.people.adapters.HubAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "hub.people.forms.SignupExtraForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[The hub] "
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Rate limits live in the cache, which is Redis (shared by every process) when configured.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "10/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# What members post, per person (hub.core.ratelimit): far above what a person does by hand.
HUB_RATE_LIMITS = {
    "question": "10/h",
    "answer": "30/h",
    "response": "30/h",
    "invitation": "30/h",
    "report": "20/h",
}
# Behind a proxy (the TLS terminator in production) every request's REMOTE_ADDR is the
# proxy's, so the failed-sign-in limit above would lock everyone out together. Say how many
# proxies of ours stand in front: allauth then takes the visitor's address from that place in
# X-Forwarded-For. 0 (here, with nothing in front) ignores the header, which anyone can forge.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("HUB_TRUSTED_PROXY_COUNT", "0"))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "The hub"

# --- Wagtail -----------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "The hub"
WAGTAILADMIN_BASE_URL = HUB_BASE_URL
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every document downloads (none opens inline on the hub's origin, not even a PDF).
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Security headers beside the CSP -------------------------------------------------------
# Links to other sites get no path or query (an event's page, a calendar token) in Referer.
SECURE_REFERRER_POLICY = "same-origin"
# Nothing in the hub needs these, so no page and no embedded video may ask for them.
HUB_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"

# --- Content-Security-Policy (django-csp; the admin's policy is applied in hub/core/headers.py)
# Only the hub's own scripts and styles run on its pages: no inline script or style, so stored
# markup that slipped past escaping still cannot run. Video blocks embed YouTube or Vimeo.
_VIDEO_FRAMES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
_CSP_COMMON = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "frame-src": ["'self'", *_VIDEO_FRAMES],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**_CSP_COMMON, "script-src": ["'self'"], "style-src": ["'self'"]},
}
# The Wagtail admin writes inline scripts (panels, date pickers) and inline styles, and shows
# image previews from blob: URLs; it keeps every other limit of the hub's pages (no eval).
HUB_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
    },
}
# Avatars in the admin come from the hub, not Gravatar: the policy allows no outside images,
# and officers' email addresses stay with the hub.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Internationalisation ----------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English")]
# British English and plain words for allauth's account pages.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and media --------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "hub" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Uploads and private files (hub/core/private_files) ----------------------------------
# Private files (library uploads, learning set files) live under one root outside MEDIA_ROOT
# and are served only through permission-checked views; every web and worker process must
# share this folder (one volume in docker-compose).
HUB_PRIVATE_MEDIA_ROOT = Path(
    env("HUB_PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private-media"))
)
# The largest file the library takes, and a learning set.
HUB_UPLOAD_MAX_MB = int(env("HUB_UPLOAD_MAX_MB", "25"))
HUB_SET_FILE_MAX_MB = int(env("HUB_SET_FILE_MAX_MB", "10"))
# The largest request body read at all: the largest file and room for the form's other
# fields. A bigger request gets a 413 page before its body is read, and an upload stream
# that passes it is stopped as it arrives.
HUB_REQUEST_MAX_MB = int(env("HUB_REQUEST_MAX_MB", str(HUB_UPLOAD_MAX_MB + 1)))
# Office documents are zip archives: refuse one that would unpack to more than this, or is
# squeezed more than this many times (a zip bomb). Real documents come nowhere near either.
HUB_UPLOAD_MAX_UNPACKED_MB = int(env("HUB_UPLOAD_MAX_UNPACKED_MB", "100"))
HUB_UPLOAD_MAX_PACKING_RATIO = int(env("HUB_UPLOAD_MAX_PACKING_RATIO", "100"))
# Form fields other than files, held in memory (Django's own default is 2.5 MB; a long
# briefing edited in the Wagtail admin needs a little more).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The limit handler goes first: it stops an upload the moment it passes the limit.
FILE_UPLOAD_HANDLERS = [
    "hub.core.private_files.limits.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Bearer secrets in paths (calendar feeds, invitations...) are never written: hub.core.logs.
    "filters": {"redact_secrets": {"()": "hub.core.logs.RedactSecretsFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # Wagtail's search index updates run as tasks and log every one; keep only problems.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
    },
}

# --- Page cache for visitors (hub/core/page_cache.py) ------------------------------------
# Seconds a visitor's public page is kept in each process's memory; 0 turns the cache off.
HUB_PAGE_CACHE_SECONDS = int(env("HUB_PAGE_CACHE_SECONDS", "60"))
# Where a visitor's page may be cached ("/" is the home page alone; the rest are prefixes)...
HUB_PAGE_CACHE_PATHS = [
    "/",
    "/briefings/",
    "/events/",
    "/themes/",
    "/library/",
    "/help/",
    "/community-guidelines/",
    "/privacy/",
    "/accessibility/",
]
# ...but never these, whatever they answer.
HUB_PAGE_CACHE_NEVER = ["/events/calendar/", "/library/api/"]
# A change to any of these (as well as publishing or unpublishing a page) empties the cache.
HUB_PAGE_CACHE_PURGED_BY = [
    "events.EventSeries",
    "events.EventMaterial",
    "events.Registration",
    "library.Resource",
    "themes.Theme",
    "people.Partnership",
]

# --- The public read API (hub/public_api.py) ----------------------------------------------
# drf-spectacular describes it; the setting only chooses how DRF views are described.
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
