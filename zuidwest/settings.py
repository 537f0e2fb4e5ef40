"""One settings module, configured by environment variables (see docs/operations/configuration.md).

Local runs (manage.py, make run, make test) get safe defaults: SQLite, local-memory cache,
console e-mail, tasks run at once. Production (DJANGO_ENV=production, the default under
gunicorn) refuses to start without a secret key, allowed hosts and the public address (SITE_URL).
"""

import os
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.http import is_same_domain
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENT = os.environ.get("DJANGO_ENV", "development").strip().lower()
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'.")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DJANGO_DEBUG", default=True) and not PRODUCTION

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if PRODUCTION:
    # Django's own deployment check (security.W009) asks for 50 characters, 5 of them unique.
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (at least 50 characters) in production.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS (comma-separated) in production.")
else:
    SECRET_KEY = SECRET_KEY or "development-only-key-not-for-production-use-0123456789"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "zuidwest.apps.PortalAdminConfig",  # django.contrib.admin with zuidwest.admin_site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "zuidwest.apps.AxesConfig",  # django-axes, with a Dutch name in the admin
    "django_otp",
    "zuidwest.apps.TOTPConfig",  # django_otp.plugins.otp_totp, with a Dutch name
    "zuidwest.apps.TasksDBConfig",  # django-tasks-db, the task queue, with a Dutch name
    "zuidwest",
    "alliances",
    "initiatives",
    "funding",
    "progress",
    "work",
    "signups",
    "locations",
    "site_pages",
    "following",
    "ideas",
]

MIDDLEWARE = [
    # Operations (docs/operations/resilience.md, monitoring.md): the request id first, so every
    # log line carries it; the load balancer's health check before host validation, the HTTPS
    # redirect and caching; a database outage in a view gives the 503 page.
    "zuidwest.logs.RequestIdMiddleware",
    "zuidwest.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "zuidwest.database_outage.DatabaseUnavailableMiddleware",
    "zuidwest.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Caching (docs/operations/caching.md): gzip after WhiteNoise (static files come
    # compressed), then the ETag of the uncompressed page and 304 for a visitor who has it already.
    # Then the page cache: a stored page goes out before sessions, CSRF, the language and the URL
    # are worked out, through the gzip, ETag and header middleware above like a built one.
    "zuidwest.caching.middleware.CompressPublicResponsesMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "zuidwest.caching.pages.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "zuidwest.sessions.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it turns a lock-out raised anywhere below into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zuidwest.urls"
WSGI_APPLICATION = "zuidwest.wsgi.application"

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
                "django.template.context_processors.csp",
                # The programme office's contact details and the feedback link in the footer.
                "zuidwest.programme.context_processors.site_contact",
            ],
        },
    },
]

# SQLite by default; DATABASE_URL (postgres://...) for PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so two concurrent
    # allocations are serialised instead of both reading the same remaining amount.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# Statement timeout (docs/operations/resilience.md): PostgreSQL cancels a query that runs
# longer, and the visitor gets the 503 page instead of a worker stuck until gunicorn kills it.
# zuidwest/wsgi.py sets a default for the web server; manage.py commands (migrations, the task
# worker, the daily jobs) run without one unless it is set.
DATABASE_STATEMENT_TIMEOUT = os.environ.get("DATABASE_STATEMENT_TIMEOUT", "").strip()
if DATABASE_STATEMENT_TIMEOUT and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    if not re.fullmatch(r"\d+(ms|s|min)?", DATABASE_STATEMENT_TIMEOUT):
        raise ImproperlyConfigured(
            "DATABASE_STATEMENT_TIMEOUT must be a duration such as 10s, 500ms or 0 (no limit).")
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = " ".join(filter(None, [
        options.get("options", ""), f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT}"]))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caching (docs/operations/caching.md) -------------------------------------------------
# Redis when REDIS_URL is set, failing open: while Redis is down the cache is empty and pages
# come from the database; short socket timeouts keep a dead Redis from costing seconds.
# Sessions live in the database alone (Django's default engine), not in Redis: a logout while
# Redis was unreachable would leave a cached copy there that opened the session again.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "zuidwest.caching.backends.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "zuidwest",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Parts of pages ({% cache %}, zuidwest/templatetags/fragments.py) stay in each process's
# memory: their keys hold the generation read from "default", so a change reaches every
# process at once, and an agenda page's fifty items cost no round trip to Redis.
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "template-fragments",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
# How long anonymous visitors get a public page from the cache (zuidwest.caching.pages); any
# content change ends it at once, residents' actions do not. 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "120"))
# How long each process keeps the stored pages it served in its own memory, so a busy page
# costs no round trip to Redis (zuidwest.caching.pages); a change made in another process shows
# that much later there. 0 (development, tests) keeps nothing.
PAGE_CACHE_LOCAL_SECONDS = float(os.environ.get("PAGE_CACHE_LOCAL_SECONDS",
                                                "1" if PRODUCTION else "0"))
# The pages the task worker builds again after a content change (zuidwest/caching/warming.py):
# the ones residents start from. Comma-separated in the environment; empty turns it off. Off
# outside production, where tasks run in the request that queued them.
PAGE_CACHE_WARM_PATHS = [path for path in os.environ.get(
    "PAGE_CACHE_WARM_PATHS",
    "/,/agenda/,/agenda/week/,/plekken/,/plekken/kaart/,/plekken/plekken.geojson,/ideeen/,"
    "/initiatieven/,/geld/,/voortgang/,/werk-en-leren/,/alliantieraad/,/en/,/en/agenda/,"
    "/en/plekken/" if PRODUCTION else "").split(",") if path]
# --- end of caching ---------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts (docs/security/accounts.md). axes first: it refuses locked-out logins before the password
# is checked. Partners log in with their e-mail address, which is also their username.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/partner/"
LOGOUT_REDIRECT_URL = "site:home"

# Five wrong passwords for one username from one IP address lock that pair for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "zuidwest.admin_site.login_limits.axes_username"
AXES_VERBOSE = False  # no banner on every manage.py command; lock-outs are still logged

# --- Client address and rate limits (docs/security/rate-limits.md) ---------------------------
# How many reverse proxies in front of the portal append to X-Forwarded-For (nginx with
# $proxy_add_x_forwarded_for). 0: the address is REMOTE_ADDR and the header is ignored.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXY_COUNT must be 0 or more.")
AXES_CLIENT_IP_CALLABLE = "zuidwest.client_ip.client_ip"
# (requests, seconds) per fixed window, counted in the cache (zuidwest/ratelimit.py). Logins are
# counted per IP address across usernames, before the password is checked; password-reset mails
# per address and per IP address (beyond the limit the page says the same, but no mail is sent).
RATE_LIMITS = {
    "login_ip": (20, 10 * 60),
    "password_reset_email": (3, 60 * 60),
    "password_reset_ip": (10, 60 * 60),
    # Following by e-mail (following/views.py): posts of the "Volg" form per IP address, and
    # mails per address (beyond that the page says the same, but no mail is sent).
    "follow_ip": (10, 10 * 60),
    "follow_email": (3, 60 * 60),
    # Residents' ideas, supports and the address search of the idea form, per client address.
    "idea_ip": (5, 60 * 60),
    "idea_support_ip": (10, 60 * 60),
    "idea_address_ip": (30, 10 * 60),
}

# Residents' ideas get an answer within this many days (/ideeen/ shows how often that works).
ANSWER_PROMISE_DAYS = int(os.environ.get("ANSWER_PROMISE_DAYS", "28"))

# Staff with a TOTP device always enter a code at /beheer/. With ADMIN_REQUIRE_2FA every staff
# member needs one; local runs leave it off so `make run`'s account works without a phone.
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA", default=PRODUCTION)
# The secret of a TOTP device in use is not shown in the admin (zuidwest/admin_site/totp_admin.py
# shows it only while a device is being set up).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Where collectstatic writes and nginx reads the static files (deploy/nginx/zuidwest.conf).
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root (/favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "public"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded photos nobody approved yet: outside MEDIA_ROOT, so nginx never serves them
# (zuidwest/images/storage.py); staff and the partner who uploaded see them through a view.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT",
                                         BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "zuidwest.images.storage.PhotoStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["nlds"]
CRISPY_TEMPLATE_PACK = "nlds"

# Mail (Django 6.1 MAILERS): SMTP when EMAIL_HOST is set, otherwise printed to the console,
# which production refuses: residents' mails (with their deletion links) would go to the log.
if PRODUCTION and not os.environ.get("EMAIL_HOST", "").strip():
    raise ImproperlyConfigured("Set EMAIL_HOST (the mail server) in production.")
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
            },
        }
    }
else:
    # Printed readably (decoded, links whole), not as Django's raw quoted-printable.
    MAILERS = {"default": {"BACKEND": "zuidwest.dev_mail.ReadableConsoleBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@zuidwest.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers; the secure-transport ones only where the site is served over HTTPS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# A logged-in session ends after this long without activity (zuidwest/sessions.py): 30 minutes
# in the admin, 4 hours in the partner area; and after 12 hours in any case.
SESSION_IDLE_SECONDS_ADMIN = 30 * 60
SESSION_IDLE_SECONDS = 4 * 60 * 60
SESSION_MAX_SECONDS = 12 * 60 * 60
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS
# The language cookie says only which language someone chose; scripts need not read it.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# A CSRF failure (an expired or tampered form) gets the portal's own page, in Dutch.
CSRF_FAILURE_VIEW = "zuidwest.errors.csrf_failure"
# The background map: PDOK's BRT-Achtergrondkaart, the Kadaster's map tiles (".../grijs/..." is
# a grey variant). Its host is the one source outside the portal the policy below allows.
MAP_TILE_URL = (
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
)
MAP_TILE_ORIGIN = "https://service.pdok.nl"
# Content Security Policy on every response (Django's CSP middleware). Scripts and styles come
# from the portal's own static files only; the few inline blocks (JSON-LD, the admin's own) carry
# the per-request nonce. No style attributes either: templates use classes.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, MAP_TILE_ORIGIN],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
# Who to tell about a security problem (/.well-known/security.txt, RFC 9116).
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "mailto:security@zuidwest.example")
if PRODUCTION:
    LANGUAGE_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True

# Logs (docs/operations/monitoring.md): one JSON object per line in production, for the log
# collector; readable lines in development. Both carry the request id (zuidwest/logs.py).
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "json" if PRODUCTION else "text").strip().lower()
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured("DJANGO_LOG_FORMAT must be 'json' or 'text'.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "zuidwest.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "zuidwest.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # Django's own default gives the "django" logger a console handler of its own when DEBUG
    # is on; its lines (the task runs of django.tasks among them) also reach the root's handler
    # and were printed twice. Everything goes through the root handler once.
    "loggers": {"django": {"handlers": [], "level": "INFO", "propagate": True}},
}

# The public site paginates its lists by this many items.
PAGE_SIZE = 12

# The agenda keeps occurrences from this many days back to this many days ahead.
OCCURRENCE_DAYS_BEHIND = 7
OCCURRENCE_DAYS_AHEAD = 180

# --- Canonical URL and background work (docs/operations/canonical-url.md, background-work.md)
# The portal's public address: every link in an e-mail and every absolute URL in feeds,
# calendar files and JSON-LD starts with it, never with the Host header of a request.
SITE_URL = os.environ.get("SITE_URL", "" if PRODUCTION else "http://127.0.0.1:8000").rstrip("/")
if PRODUCTION:
    _site = urlsplit(SITE_URL)
    # http only on request (SITE_URL_ALLOW_HTTP=1), for a production-mode run on one's own machine.
    _schemes = {"https", "http"} if env_bool("SITE_URL_ALLOW_HTTP") else {"https"}
    if _site.scheme not in _schemes or not _site.hostname or _site.path:
        raise ImproperlyConfigured(
            "Set SITE_URL to the portal's public address, e.g. https://portal.example.nl, in "
            "production (http only with SITE_URL_ALLOW_HTTP=1)."
        )
    if not any(host == "*" or is_same_domain(_site.hostname, host) for host in ALLOWED_HOSTS):
        raise ImproperlyConfigured("The host of SITE_URL must be in DJANGO_ALLOWED_HOSTS.")

# Background work runs through Django's tasks framework. Development and tests run each task at
# once, in the process that enqueues it; production stores tasks in the database
# (django-tasks-db) for the worker (`manage.py db_worker`). DJANGO_TASK_BACKEND chooses.
TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASK_BACKEND = os.environ.get("DJANGO_TASK_BACKEND", "database" if PRODUCTION else "immediate")
if TASK_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured("DJANGO_TASK_BACKEND must be 'immediate' or 'database'.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASK_BACKEND]}}
# A failing task is tried this many times in all, waiting TASK_RETRY_SECONDS * 4**n between
# tries (1, 4, 16, 64 minutes); after the last it stays failed in the admin (zuidwest/tasks.py).
TASK_MAX_ATTEMPTS = 5
TASK_RETRY_SECONDS = 60

# --- Open data (the opendata app): the API at /api/v1/, 360Giving, feeds, sitemap -----------
INSTALLED_APPS += ["django.contrib.sitemaps", "rest_framework", "drf_spectacular", "opendata"]
# The API's full version (semver), sent as the API-Version header; the major one is in the URL.
# Additions (an endpoint, a field, a filter) raise the minor version, fixes the patch version;
# anything that breaks a client gets /api/v2/ beside v1. 1.1.0: indicators, outputs.
# 1.2.0: residents' ideas; the index at /api/v1, CORS preflight (OPTIONS), declared tags; an
# undocumented `format` parameter is a 400 like any other unknown one.
API_VERSION = "1.2.0"
# Anonymous requests per IP address (DRF's format: number/second|minute|hour|day).
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/minute")
API_CONTACT_EMAIL = os.environ.get("API_CONTACT_EMAIL", "opendata@zuidwest.example")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "opendata.api.problems.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
    # The client's address as the login limits see it (zuidwest/client_ip.py): behind N trusted
    # proxies the Nth address from the right of X-Forwarded-For, never one a client wrote.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "COERCE_DECIMAL_TO_STRING": True,
    "DATETIME_FORMAT": "iso-8601",
    # JSON or GeoJSON by the Accept header only: a `format` query parameter is unknown (400),
    # like any other the OpenAPI document does not declare.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Open data van de Regio Deal Den Haag Zuidwest II",
    "DESCRIPTION": (
        "Wat de portal publiceert, om te hergebruiken: organisaties en de Alliantieraad, "
        "speerpunten, initiatieven met mijlpalen, nieuws en resultaten, indicatoren met doelen "
        "en metingen, geldbronnen en toekenningen, "
        "wijken, plekken met openingstijden, activiteiten en de agenda, en kansen op werk en "
        "leren. Alleen gepubliceerde inhoud, geen persoonsgegevens. Licentie: CC0 1.0."),
    "VERSION": API_VERSION,
    "CONTACT": {"name": "Programmabureau Regio Deal Den Haag Zuidwest",
                "email": API_CONTACT_EMAIL, "url": f"{SITE_URL}/open-data/"},
    "LICENSE": {"name": "CC0 1.0",
                "url": "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"},
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": True,  # /openapi.json is a resource of its own (Logius ADR)
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "opendata.api.schema.postprocess"],
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKind": "alliances.models.Organisation.Kind",
        "AllianceKind": "alliances.models.Alliance.Kind",
        "MembershipRole": "alliances.models.Membership.Role",
        "InitiativeKind": "initiatives.models.Initiative.Kind",
        "InitiativeStatus": "initiatives.models.Initiative.Status",
        "FundingSourceKind": "funding.models.FundingSource.Kind",
        "IndicatorDirection": "progress.models.Indicator.Direction",
        "OutputKind": "progress.models.Output.Kind",
        "OpportunityKind": "work.models.Opportunity.Kind",
        "OpportunityPay": "work.models.Opportunity.Pay",
        "DutchLevel": "work.models.Opportunity.DutchLevel",
        "PlaceKind": "locations.models.Place.Kind",
        "Audience": "locations.models.activities.Audience",
        "Recurrence": "locations.models.Activity.Recurrence",
        "WeekOfMonth": "locations.models.Activity.WeekOfMonth",
        "IdeaKind": "ideas.models.Idea.Kind",
        "IdeaStatus": "ideas.models.Status",
    },
}

# Finding a place's coordinates from its address in the partner form (locations.geocoding):
# the national PDOK Locatieserver. Empty turns the address search off (partners type the
# coordinates themselves). Called from the server with a 3 s timeout; never from the browser.
GEOCODER_URL = os.environ.get(
    "GEOCODER_URL", "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free")
