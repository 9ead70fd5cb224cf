"""The API's error answers, as the OpenAPI schema documents them.

Each endpoint lists the statuses it can give with `errors(...)`, so the schema
says what a client will meet:

- 400: a body that is not JSON (or holds NUL / lone surrogates: api/parser.py),
  or input the action refuses, with its reason;
- 401: no session (`django_auth`) or no valid API key;
- 403: not allowed (role, scope, blocked account) or a failed CSRF check;
- 404: the article, comment, user, appeal or queue does not exist (or is not
  yours to see);
- 422: the body or a parameter does not match the schema (django-ninja's
  validation answer: a list of issues, each with `loc` and `msg`);
- 429: rate-limited (with `Retry-After` where the limit knows when).
"""

from __future__ import annotations

from typing import Any

from ninja import Schema


class ErrorOut(Schema):
    detail: str


class ValidationIssueOut(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationErrorOut(Schema):
    detail: list[ValidationIssueOut]


def errors(*statuses: int) -> dict[int, Any]:
    """`response=` entries for the error statuses an endpoint can answer."""
    return {
        status: ValidationErrorOut if status == 422 else ErrorOut for status in statuses
    }
