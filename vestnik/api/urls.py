"""The HTTP API (django-ninja). One module per resource registers its router here."""

from ninja import NinjaAPI

api = NinjaAPI(title="Vestnik API", version="1", urls_namespace="api")

from vestnik.api.comments import router as comments_router  # noqa: E402

api.add_router("/comments/", comments_router)

from vestnik.api.moderation import router as moderation_router  # noqa: E402

api.add_router("/moderation/", moderation_router)
