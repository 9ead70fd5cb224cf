"""The HTTP API (django-ninja). One module per resource registers its router here."""

from ninja import NinjaAPI

from vestnik.api.keys import key_error_handler
from vestnik.api.parser import StrictJSONParser
from vestnik.integrations.errors import ApiKeyError

api = NinjaAPI(
    title="Vestnik API",
    version="1",
    urls_namespace="api",
    parser=StrictJSONParser(),
)
api.add_exception_handler(ApiKeyError, key_error_handler(api))

from vestnik.api.comments import router as comments_router  # noqa: E402

api.add_router("/comments/", comments_router)

from vestnik.api.moderation import router as moderation_router  # noqa: E402

api.add_router("/moderation/", moderation_router)

from vestnik.api.analyze import router as analyze_router  # noqa: E402

api.add_router("/v1/", analyze_router)

from vestnik.api.client_comments import router as client_comments_router  # noqa: E402

api.add_router("/v1/", client_comments_router)

from vestnik.api.client_moderation import router as client_moderation_router  # noqa: E402

api.add_router("/v1/", client_moderation_router)

from vestnik.api.client_authors import router as client_authors_router  # noqa: E402

api.add_router("/v1/", client_authors_router)
