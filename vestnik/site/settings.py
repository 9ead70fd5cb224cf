"""Vestnik's one settings module: every deployment knob is an environment variable.

See README.md "Configuration" for the list.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from vestnik.site.env import env_bool, env_int, env_list, env_str, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VESTNIK_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
PRODUCTION = env_bool("VESTNIK_PRODUCTION", False)
SECRET_KEY = secret_key(VAR_DIR, debug=DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_ID = 1

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Before allauth, so that its template overrides (account/*.html) win.
    "vestnik.accounts",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.facebook",
    "allauth.socialaccount.providers.vk",
    "allauth.socialaccount.providers.openid_connect",
    "axes",
    "vestnik.site",
    "vestnik.news",
    "vestnik.community",
    "vestnik.moderation",
    "django_prometheus",
    "vestnik.integrations",
    "ninja",  # serves Swagger UI from its bundled static files, not a CDN
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "vestnik.site.requestid.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A database error is a 503 with Retry-After, not a 500 (#14).
    "vestnik.site.outage.DatabaseUnavailableMiddleware",
    "vestnik.site.head.HeadAsGetMiddleware",
    "vestnik.site.csp.ContentSecurityPolicyMiddleware",
    "vestnik.integrations.embed_auth.PopupOpenerMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "vestnik.site.replica.ReplicaReadMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "vestnik.site.urls"
WSGI_APPLICATION = "vestnik.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "vestnik" / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vestnik.site.context_processors.site",
            ],
        },
    },
]

# --- database -------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    # Health checks: a connection reused after PostgreSQL restarted is tested
    # (and replaced) before a request uses it, instead of failing that request.
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=60, conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "vestnik.sqlite3"),
            # Kept open for the process's life: opening one (and its PRAGMAs)
            # cost a cached thread read about half its time (#14).
            "CONN_MAX_AGE": None,
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
# A read-only replica of the primary (PostgreSQL streaming replication): anonymous
# reading pages read from it, everything else from the primary (vestnik/site/replica.py).
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60)
    if DATABASES["replica"]["ENGINE"].endswith("postgresql"):
        # A write sent there by mistake fails loudly, even on a writable server.
        DATABASES["replica"].setdefault("OPTIONS", {})["options"] = (
            "-c default_transaction_read_only=on"
        )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["vestnik.site.replica.PrimaryReplicaRouter"]

# --- cache, Celery ----------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES: dict[str, dict[str, object]] = {
        "default": {
            # Redis down: cache misses, not server errors (vestnik/site/cache.py).
            "BACKEND": "vestnik.site.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "vestnik"),
            # A Redis that stops answering costs a request one second, not a worker.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
    # A task taken by a worker that died (acks_late) goes back to the queue this
    # many seconds after it was taken (kombu's Redis transport). It must exceed
    # the longest task and the longest countdown (a webhook retry's backoff), or
    # Redis hands a running or waiting task to a second worker.
    # Workers look for such tasks every `unacked_restore_interval` seconds (one
    # small Redis query; kombu's default scans only every tenth look, 100 s).
    _VISIBILITY_TIMEOUT = env_int("VESTNIK_BROKER_VISIBILITY_TIMEOUT", 3600)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": _VISIBILITY_TIMEOUT,
        "unacked_restore_interval": max(1, min(10, _VISIBILITY_TIMEOUT // 4)),
        "unacked_restore_throttle": 1,
    }
else:
    # Shared by every worker process on the machine (a per-process LocMemCache
    # would give each worker its own copy of the thread cache; #14).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str(
                "VESTNIK_SHARED_CACHE_DIR", str(VAR_DIR / "cache" / "shared")
            ),
            "OPTIONS": {"MAX_ENTRIES": env_int("VESTNIK_CACHE_MAX_ENTRIES", 20000)},
        }
    }
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {}
CELERY_BEAT_SCHEDULE["flush-view-counts"] = {
    "task": "vestnik.workers.news.flush_view_counts",
    "schedule": 60.0,
}
CELERY_BEAT_SCHEDULE["purge-deleted-accounts"] = {
    "task": "vestnik.workers.accounts.purge_deleted_accounts",
    "schedule": 3600.0,
}
CELERY_BEAT_SCHEDULE["prune-comment-fingerprints"] = {
    "task": "vestnik.workers.moderation.prune_fingerprints",
    "schedule": 6 * 3600.0,
}
CELERY_BEAT_SCHEDULE["prune-integrations-logs"] = {
    "task": "vestnik.workers.integrations.prune_logs",
    "schedule": 6 * 3600.0,
}
CELERY_BEAT_SCHEDULE["roll-up-decisions"] = {
    "task": "vestnik.workers.moderation.roll_up_decisions",
    "schedule": 3600.0,
}
CELERY_BEAT_SCHEDULE["moderation-digest"] = {
    "task": "vestnik.workers.moderation_digest.send_queue_digest",
    "schedule": 3600.0,
}

# --- auth -----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
ACCOUNT_ADAPTER = "vestnik.accounts.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "vestnik.accounts.adapter.SocialAccountAdapter"
ACCOUNT_FORMS = {
    "signup": "vestnik.accounts.forms.SignupForm",
    "reset_password": "vestnik.accounts.forms.ResetPasswordForm",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Confirming the address in the browser that registered logs in and returns to `next`.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
PASSWORD_RESET_TIMEOUT = env_int(
    "PASSWORD_RESET_TIMEOUT", 24 * 3600
)  # reset links expire
# After the 30-day restore window: "anonymise" keeps comments under "deleted user"; "delete" removes them.
VESTNIK_PURGED_COMMENTS = env_str("VESTNIK_PURGED_COMMENTS", "anonymise")

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_LOCKOUT_CALLABLE = "vestnik.accounts.views.lockout"
AXES_USERNAME_CALLABLE = "vestnik.accounts.throttling.axes_username"
AXES_CLIENT_IP_CALLABLE = "vestnik.site.clientip.client_ip"
# Reverse proxies (addresses or networks) whose X-Forwarded-For is believed.
VESTNIK_TRUSTED_PROXIES = env_list("VESTNIK_TRUSTED_PROXIES", [])
# Who may read /metrics (addresses or networks; through VESTNIK_TRUSTED_PROXIES).
VESTNIK_METRICS_ALLOWED = env_list(
    "VESTNIK_METRICS_ALLOWED", ["127.0.0.1/8", "::1/128"]
)

# --- mail -----------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Vestnik <noreply@vestnik.example>")
# With a broker, requests enqueue their mail and a worker delivers it through
# EMAIL_BACKEND (vestnik/workers/mail.py).
VESTNIK_MAIL_BACKEND = EMAIL_BACKEND
if REDIS_URL and not CELERY_TASK_ALWAYS_EAGER:
    EMAIL_BACKEND = "vestnik.workers.mail.CeleryEmailBackend"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- i18n, time -------------------------------------------------------------
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "en")
TIME_ZONE = env_str(
    "VESTNIK_TIME_ZONE", "Europe/Moscow"
)  # the site's display time zone
USE_I18N = True
USE_TZ = True

# --- static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    # Written whole or not at all: a full disk leaves no truncated file.
    "default": {"BACKEND": "vestnik.site.storage.MediaStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- security -----------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the cookie-free meta tag
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe the processes over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Vestnik ----------------------------------------------------------------
VESTNIK_SITE_NAME = env_str("VESTNIK_SITE_NAME", "Vestnik")
VESTNIK_DATA_DIR = Path(
    env_str("VESTNIK_DATA_DIR", str(BASE_DIR.parent / "shared" / "data"))
)
VESTNIK_MODERATORS_EMAIL = env_str(
    "VESTNIK_MODERATORS_EMAIL", "moderators@vestnik.example"
)
# Comment posting ceilings (comments, seconds) per account and per client address.
VESTNIK_COMMUNITY_POST_RATE_USER = (env_int("VESTNIK_COMMUNITY_POST_RATE_USER", 12), 60)
VESTNIK_COMMUNITY_POST_RATE_IP = (env_int("VESTNIK_COMMUNITY_POST_RATE_IP", 40), 60)

# A missing or damaged model file: "hold" every comment for a human, or publish
# on the "heuristics" that still run (docs/deployment.md "Faults").
VESTNIK_MODERATION_ON_ENGINE_ERROR = env_str(
    "VESTNIK_MODERATION_ON_ENGINE_ERROR", "hold"
)

# LOG_FORMAT=json: one JSON object per line with the request id (log shippers);
# text (default) keeps the request id in brackets.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "vestnik.site.requestid.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "vestnik.site.requestid.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if env_str("LOG_FORMAT", "text") == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
