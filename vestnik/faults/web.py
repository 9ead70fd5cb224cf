"""HTTP as a reader's browser speaks it: plain requests to a running server."""

from __future__ import annotations

import http.client
import json
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def request(
    port: int,
    method: str,
    path: str,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30.0,
) -> Answer:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return Answer(
            response.status,
            {k.lower(): v for k, v in response.getheaders()},
            response.read(),
        )
    finally:
        conn.close()


def post_comment(
    port: int, article: int, session: str, body: str, token: str | None = None
) -> Answer:
    """Post the comment form as a logged-in reader (session cookie + CSRF pair)."""
    csrf = uuid.uuid4().hex
    return request(
        port,
        "POST",
        f"/comments/article/{article}/post/",
        body=urlencode(
            {
                "csrfmiddlewaretoken": csrf,
                "token": token or str(uuid.uuid4()),
                "body": body,
            }
        ).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={session}; csrftoken={csrf}",
        },
    )


def post_file(
    port: int, path: str, session: str, field: str, filename: str, content: bytes
) -> Answer:
    """A multipart form with one file, as a logged-in reader."""
    csrf = uuid.uuid4().hex
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"'
            f"\r\n\r\n{csrf}\r\n"
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return request(
        port,
        "POST",
        path,
        body=body,
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Cookie": f"sessionid={session}; csrftoken={csrf}",
        },
    )
