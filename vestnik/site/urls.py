from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.static import serve

from vestnik.api.urls import api
from vestnik.integrations import embed
from vestnik.site import health, metrics

# A database error raised outside a view is a 503 too (vestnik/site/outage.py).
handler500 = "vestnik.site.outage.server_error"

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("embed.js", embed.script, name="embed-js"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("account/", include("vestnik.accounts.urls")),
    path("comments/", include("vestnik.community.urls")),
    path("moderation/", include("vestnik.moderation.urls")),
    path("api/", api.urls),
    path("v1alpha1/", include("vestnik.api.perspective")),
    path("integrations/", include("vestnik.integrations.urls")),
    path("", include("vestnik.news.urls")),
]

if settings.DEBUG or not settings.PRODUCTION:
    # Uploaded media for the embedded set-up; production serves MEDIA_ROOT from the proxy.
    urlpatterns.insert(
        0, path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})
    )
