""" "Download my data": everything the site holds about a user, section by section.

SECTIONS is the explicit registry. Each provider takes the user and returns
JSON-ready data. Sections for other apps' models are skipped while those models
don't exist; to add one, write a provider and add a line here.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath
from typing import Any
from uuid import UUID

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from vestnik.accounts.models import User

Provider = Callable[[User], Any]


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    return value


def _row(obj: models.Model, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        data[field.attname] = _json_value(getattr(obj, field.attname))
    return data


def _rows_of(label: str, field: str, exclude: tuple[str, ...] = ()) -> Provider | None:
    """A provider listing `label` rows whose `field` is the user, or None if no such model."""
    try:
        model = apps.get_model(label)
        model._meta.get_field(field)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None

    def provide(user: User) -> list[dict[str, Any]]:
        rows = model._default_manager.filter(**{field: user}).order_by("pk")
        return [_row(obj, exclude) for obj in rows]

    return provide


def profile(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "display_name": user.display_name,
        "email": user.email,
        "date_joined": _json_value(user.date_joined),
        "last_login": _json_value(user.last_login),
        "standards_accepted_at": _json_value(user.standards_accepted_at),
        "avatar": "avatar" + PurePath(user.avatar.name).suffix if user.avatar else None,
        "is_staff": user.is_staff,
    }


def email_addresses(user: User) -> list[dict[str, Any]]:
    return [
        {"email": a.email, "verified": a.verified, "primary": a.primary}
        for a in user.emailaddress_set.order_by("pk")  # type: ignore[attr-defined]
    ]


def social_accounts(user: User) -> list[dict[str, Any]]:
    # Profile data the provider sent, never the access tokens.
    return [
        {
            "provider": a.provider,
            "uid": a.uid,
            "date_joined": _json_value(a.date_joined),
            "last_login": _json_value(a.last_login),
            "extra_data": a.extra_data,
        }
        for a in user.socialaccount_set.order_by("pk")  # type: ignore[attr-defined]
    ]


def consents(user: User) -> list[dict[str, Any]]:
    return [_row(c, exclude=("user",)) for c in user.consents.all()]


def sections() -> list[tuple[str, Provider]]:
    optional: list[tuple[str, Provider | None]] = [
        ("comments", _rows_of("community.Comment", "author", exclude=("verdict",))),
        ("comment_revisions", _rows_of("community.Revision", "editor")),
        ("reactions", _rows_of("community.Reaction", "user")),
        ("reports", _rows_of("community.Report", "reporter")),
        # Moderators' internal notes stay out; the statement of reasons is included.
        (
            "moderation_decisions",
            _rows_of("moderation.Decision", "subject_user", ("note",)),
        ),
        ("sanctions", _rows_of("moderation.Block", "user", exclude=("note",))),
        ("appeals", _rows_of("moderation.Appeal", "user")),
        ("premoderation", _rows_of("moderation.Premoderation", "user")),
    ]
    return [
        ("profile", profile),
        ("email_addresses", email_addresses),
        ("social_accounts", social_accounts),
        ("consents", consents),
    ] + [(name, p) for name, p in optional if p is not None]


def export_data(user: User) -> dict[str, Any]:
    data: dict[str, Any] = {"exported_at": timezone.now().isoformat()}
    for name, provide in sections():
        data[name] = provide(user)
    return data


def export_zip(user: User) -> bytes:
    """A zip with data.json and, if there is one, the avatar image."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json",
            json.dumps(export_data(user), indent=2, ensure_ascii=False, default=str),
        )
        if user.avatar:
            with user.avatar.open("rb") as f:
                archive.writestr("avatar" + PurePath(user.avatar.name).suffix, f.read())
    return buffer.getvalue()
