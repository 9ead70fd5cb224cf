"""Admin views of the community's rows: read-mostly; changes go through the actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.http import HttpRequest

from vestnik.community.formatting import plain_excerpt
from vestnik.community.models import Comment, Reaction, Report, Revision

if TYPE_CHECKING:
    CommentAdminBase = admin.ModelAdmin[Comment]
    ReportAdminBase = admin.ModelAdmin[Report]
    RevisionAdminBase = admin.ModelAdmin[Revision]
    ReactionAdminBase = admin.ModelAdmin[Reaction]
else:
    CommentAdminBase = ReportAdminBase = RevisionAdminBase = ReactionAdminBase = (
        admin.ModelAdmin
    )


@admin.register(Comment)
class CommentAdmin(CommentAdminBase):
    list_display = [
        "id",
        "excerpt",
        "author",
        "article",
        "status",
        "created_at",
        "is_featured",
    ]
    list_filter = ["status", "is_featured"]
    search_fields = ["body"]
    list_select_related = ["author", "article"]
    raw_id_fields = ["article", "author", "parent", "root"]
    readonly_fields = [
        "article",
        "author",
        "parent",
        "root",
        "depth",
        "path",
        "token",
        "body",
        "body_html",
        "status",
        "verdict",
        "created_at",
        "edited_at",
        "moderator_edited_at",
        "deleted_at",
        "reaction_count",
        "reply_count",
        "is_featured",
        "language",
    ]

    @admin.display(description="comment")
    def excerpt(self, obj: Comment) -> str:
        return plain_excerpt(obj.body, 80)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(ReportAdminBase):
    list_display = [
        "id",
        "comment",
        "reporter",
        "rule",
        "counted",
        "created_at",
        "resolved_at",
    ]
    list_filter = ["rule", "counted"]
    raw_id_fields = ["comment", "reporter"]


@admin.register(Revision)
class RevisionAdmin(RevisionAdminBase):
    list_display = ["id", "comment", "editor", "role", "reason", "created_at"]
    readonly_fields = [
        "comment",
        "editor",
        "role",
        "reason",
        "body_before",
        "body_after",
        "diff",
    ]
    raw_id_fields = ["comment", "editor"]


@admin.register(Reaction)
class ReactionAdmin(ReactionAdminBase):
    list_display = ["id", "comment", "user", "kind", "created_at"]
    raw_id_fields = ["comment", "user"]
