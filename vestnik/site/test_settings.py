"""Settings for the test suite: the real settings with a handful of overrides."""

from vestnik.site.settings import *  # noqa: F403
from vestnik.site.settings import DATABASES, IS_POSTGRES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CELERY_TASK_ALWAYS_EAGER = True
if not IS_POSTGRES:
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
