"""The HTTP API (django-ninja). One module per resource registers its router here."""

from ninja import NinjaAPI

from vestnik.api.parser import StrictJSONParser

api = NinjaAPI(
    title="Vestnik API",
    version="1",
    urls_namespace="api",
    parser=StrictJSONParser(),
)

from vestnik.api.comments import router as comments_router  # noqa: E402

api.add_router("/comments/", comments_router)

from vestnik.api.moderation import router as moderation_router  # noqa: E402

api.add_router("/moderation/", moderation_router)
