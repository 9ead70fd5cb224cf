"""Shared helpers for posting through HTTP in the community tests."""

from __future__ import annotations

import uuid
from typing import Any

from django.test import Client
from django.urls import reverse

CLEAN = (
    "Longer opening hours will help students who work during the day. "
    "I hope the council also funds more children's books."
)
MALWARE = "Get the fixed budget spreadsheet here: http://council-budget-files.net/budget-update.exe before they delete it."
CAPS = (
    "THIS COUNCIL NEVER LISTENS TO ANYONE AND THE LIBRARY BUDGET IS A COMPLETE JOKE "
    "EVERY SINGLE YEAR WITHOUT FAIL"
)


def post(client: Client, article: Any, body: str, **extra: Any) -> Any:
    data = {"body": body, "token": str(uuid.uuid4()), **extra}
    return client.post(reverse("community:post", args=[article.pk]), data)


def post_htmx(client: Client, article: Any, body: str, **extra: Any) -> Any:
    data = {"body": body, "token": str(uuid.uuid4()), **extra}
    return client.post(
        reverse("community:post", args=[article.pk]), data, HTTP_HX_REQUEST="true"
    )
