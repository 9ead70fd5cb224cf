"""A strict JSON body parser for the API.

Python's `json` accepts lone surrogates ("\\ud800") and NUL characters inside
strings. Neither can be stored (UTF-8 cannot encode a surrogate; PostgreSQL text
refuses NUL) and the HTML forms already refuse both, so the API refuses them at
the door with a 400 instead of failing with a 500 deep inside an action (#14).
"""

from __future__ import annotations

import json
from typing import Any, cast

from django.http import HttpRequest
from ninja.parser import Parser
from ninja.types import DictStrAny


class BadJSONError(ValueError):
    pass


def _check(value: Any) -> None:
    if isinstance(value, str):
        if "\x00" in value:
            raise BadJSONError("Text may not contain NUL characters.")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise BadJSONError("Text is not valid Unicode (lone surrogate).") from exc
    elif isinstance(value, dict):
        for key, item in value.items():
            _check(key)
            _check(item)
    elif isinstance(value, list):
        for item in value:
            _check(item)


def parse_json(raw: bytes) -> Any:
    """Decode a JSON document, refusing what could never be stored."""
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise BadJSONError("The request body is not valid JSON.") from exc
    _check(data)
    return data


class StrictJSONParser(Parser):
    def parse_body(self, request: HttpRequest) -> DictStrAny:
        # ninja answers any exception raised here with 400 "Cannot parse request
        # body" (and our reason too when DEBUG is on).
        return cast(DictStrAny, parse_json(request.body))
