"""Read-only views of the moderation record in the Django admin.

Every change goes through the console (and its actions), so the audit log stays
complete: the admin can look, not touch.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from vestnik.moderation.models import (
    Appeal,
    Block,
    Decision,
    Premoderation,
    RemoderationRun,
    RulebookSettings,
)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "kind",
        "actor_kind",
        "actor",
        "comment_id",
        "subject_user",
        "action",
        "overrides_engine",
    )
    list_filter = ("kind", "actor_kind", "overrides_engine")
    list_select_related = ("actor", "subject_user")
    date_hierarchy = "created_at"


@admin.register(Block)
class BlockAdmin(ReadOnlyAdmin):
    list_display = ("user", "number", "created_at", "created_by", "lifted_at")
    list_select_related = ("user", "created_by")


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ("user", "status", "created_at", "decided_at", "decided_by")
    list_filter = ("status",)
    list_select_related = ("user", "decided_by")


@admin.register(Premoderation)
class PremoderationAdmin(ReadOnlyAdmin):
    list_display = ("user", "created_at", "lifted_at")


@admin.register(RulebookSettings)
class RulebookSettingsAdmin(ReadOnlyAdmin):
    list_display = ("version", "created_at", "created_by", "note")


@admin.register(RemoderationRun)
class RemoderationRunAdmin(ReadOnlyAdmin):
    """Progress of the re-moderation each rulebook save starts."""

    list_display = (
        "created_at",
        "rulebook_settings",
        "status",
        "done",
        "total",
        "changed",
        "skipped",
        "errors",
        "started_at",
        "finished_at",
    )
    list_filter = ("status",)
    list_select_related = ("rulebook_settings",)
    exclude = ("comment_ids",)
