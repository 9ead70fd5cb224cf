"""API-key authentication for django-ninja routes: `Authorization: Bearer <key>`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import HttpBearer

from vestnik.integrations.actions import record_call
from vestnik.integrations.errors import ApiKeyError, KeyRateLimitedError
from vestnik.integrations.models import ApiClient
from vestnik.integrations.queries import access_client_by_key


class ApiKeyAuth(HttpBearer):
    """A client's key with `scope`; `request.auth` is the `ApiClient`."""

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str) -> ApiClient:
        return access_client_by_key(token, self.scope)


def key_error_handler(api: NinjaAPI) -> Any:
    def handle(request: HttpRequest, exc: ApiKeyError) -> HttpResponse:
        # the endpoint's name, as the view logs its own calls ("analyze", ...)
        match = request.resolver_match
        endpoint = (match.url_name if match else None) or request.path
        record_call(exc.client, endpoint, exc.http_status, 0.0, items=0)
        response = api.create_response(
            request, {"detail": str(exc)}, status=exc.http_status
        )
        if isinstance(exc, KeyRateLimitedError):
            response["Retry-After"] = str(exc.retry_after)
        elif exc.http_status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="vestnik"'
        return response

    return handle
