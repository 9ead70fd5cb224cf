"""/api/v1/authors: an API client erases one of its own authors (GDPR).

The client's site is where the person has an account and asks to be
forgotten; with the `comments:write` key that posted for them, the site
passes the request on. Only the key's own authors can be named: another
client's "user 42" is another person (vestnik/integrations/authors.py).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from vestnik.api.client_comments import ERRORS, logged_call
from vestnik.api.keys import ApiKeyAuth
from vestnik.integrations import authors
from vestnik.integrations.models import ApiClient, Scope

router = Router(tags=["authors (API keys)"])


class EraseAuthorIn(Schema):
    id: str = Field(
        min_length=1,
        max_length=authors.MAX_EXTERNAL_ID,
        description="your site's id for the author, as sent with their comments",
    )

    model_config = {"json_schema_extra": {"examples": [{"id": "u-1042"}]}}


@router.post(
    "/authors/erase",
    auth=ApiKeyAuth(Scope.COMMENTS_WRITE.value),
    response={204: None, **ERRORS},
    summary="Erase one of your authors and their personal data",
    description=(
        "Deletes the author's account on Vestnik at once, as the site's own "
        "account deletion and purge do: their comments are deleted or shown "
        'as by "deleted user" (the publisher\'s setting), their reports and '
        "reactions go, the moderation audit log keeps its decisions without "
        "the person, and what the analyze endpoints kept under this id for "
        "your key is forgotten. 204 when done; 404 when your key never posted "
        "for this id (anything kept under it by the analyze endpoints is "
        "forgotten all the same). Not undoable."
    ),
)
def erase_author(request: HttpRequest, payload: EraseAuthorIn) -> Any:
    def work(client: ApiClient) -> tuple[int, Any]:
        if not payload.id.strip():
            return 400, {"detail": "`id` may not be blank"}
        if not authors.erase_external_author(client, payload.id):
            return 404, {"detail": "No author with this id posted through this key."}
        return 204, None

    return logged_call(request, "erase_author", work)
