"""Settings for the test suite: the real settings with a handful of overrides."""

from vestnik.site.settings import *  # noqa: F403
from vestnik.site.settings import DATABASES, IS_POSTGRES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    # Written whole or not at all: a full disk leaves no truncated file.
    "default": {"BACKEND": "vestnik.site.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CELERY_TASK_ALWAYS_EAGER = True
if not REDIS_URL:  # noqa: F405
    # One process runs the suite: keep the cache in memory, out of var/cache.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if not IS_POSTGRES:
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
# The replica as a test mirror of the primary, so that the suite exercises the
# router (tests/site/test_replica.py). Reads inside the transaction of a
# non-transactional test stay on the primary (the router's rule for transactions).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}

# pytest-xdist workers share one Redis server; cache.clear() is FLUSHDB, and ids
# repeat across the workers' databases, so each worker gets its own Redis database
# (REDIS_URL's database for gw0, the one below it for gw1, ...).
_XDIST_WORKER = __import__("os").environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _XDIST_WORKER.startswith("gw"):  # noqa: F405
    from urllib.parse import urlsplit, urlunsplit

    _parts = urlsplit(REDIS_URL)  # noqa: F405
    _base = int(_parts.path.strip("/") or 0)
    _db = (_base - int(_XDIST_WORKER[2:])) % 16
    CACHES["default"]["LOCATION"] = urlunsplit(_parts._replace(path=f"/{_db}"))  # noqa: F405
