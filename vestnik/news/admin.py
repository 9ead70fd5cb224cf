"""The editors' admin: articles (draft → scheduled → published), photos, tags,
sections, galleries and privacy policy versions. Saves go through news.actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html

from vestnik.news import actions
from vestnik.news.models import (
    Article,
    ArticleBlock,
    ArticleStatus,
    Gallery,
    GalleryItem,
    Photo,
    PrivacyPolicy,
    RelatedPick,
    Section,
    Tag,
)
from vestnik.news.templatetags.news import photo_url

if TYPE_CHECKING:
    SectionAdminBase = admin.ModelAdmin[Section]
    TagAdminBase = admin.ModelAdmin[Tag]
    PhotoAdminBase = admin.ModelAdmin[Photo]
    ArticleAdminBase = admin.ModelAdmin[Article]
    GalleryAdminBase = admin.ModelAdmin[Gallery]
    PolicyAdminBase = admin.ModelAdmin[PrivacyPolicy]
    BlockInlineBase = admin.StackedInline[ArticleBlock, Article]
    PickInlineBase = admin.TabularInline[RelatedPick, Article]
    GalleryItemInlineBase = admin.TabularInline[GalleryItem, Gallery]
else:
    SectionAdminBase = TagAdminBase = PhotoAdminBase = ArticleAdminBase = (
        admin.ModelAdmin
    )
    GalleryAdminBase = PolicyAdminBase = admin.ModelAdmin
    BlockInlineBase = admin.StackedInline
    PickInlineBase = GalleryItemInlineBase = admin.TabularInline


@admin.register(Section)
class SectionAdmin(SectionAdminBase):
    list_display = [
        "name",
        "slug",
        "position",
        "in_navigation",
        "comments_close_after_days",
    ]
    list_editable = ["position", "in_navigation"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(TagAdminBase):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Photo)
class PhotoAdmin(PhotoAdminBase):
    list_display = ["thumbnail", "caption", "credit", "width", "height", "created_at"]
    search_fields = ["caption", "alt_text", "credit"]
    readonly_fields = ["preview", "width", "height", "renditions"]
    fields = [
        "image",
        "preview",
        "caption",
        "credit",
        "alt_text",
        "width",
        "height",
        "renditions",
    ]

    @admin.display(description="Photo")
    def thumbnail(self, obj: Photo) -> str:
        return format_html(
            '<img src="{}" alt="" style="height:48px">', photo_url(obj, 320)
        )

    @admin.display(description="Preview")
    def preview(self, obj: Photo) -> str:
        if not obj.pk:
            return "—"
        return format_html(
            '<img src="{}" alt="" style="max-width:480px">', photo_url(obj, 640)
        )

    def save_model(
        self, request: HttpRequest, obj: Photo, form: ModelForm[Photo], change: bool
    ) -> None:
        actions.save_photo(obj)


class ArticleBlockInline(BlockInlineBase):
    model = ArticleBlock
    fk_name = "article"
    extra = 1
    fields = [
        ("position", "kind"),
        "text",
        ("photo", "teaser"),
        ("attribution", "source_url"),
    ]
    autocomplete_fields = ["photo", "teaser"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    verbose_name = "body block"
    verbose_name_plural = (
        "Body: paragraphs, subheadings, inline photos, teasers of other articles and quotes, "
        "in position order"
    )


class RelatedPickInline(PickInlineBase):
    model = RelatedPick
    fk_name = "article"
    extra = 1
    autocomplete_fields = ["related"]
    verbose_name = "related article (editor's pick)"
    verbose_name_plural = (
        "Related: editor's picks (filled up automatically by tags and similarity)"
    )


@admin.register(Article)
class ArticleAdmin(ArticleAdminBase):
    list_display = [
        "headline",
        "section",
        "status_badge",
        "publish_at",
        "views",
        "comments_count",
    ]
    list_filter = ["status", "section", "tags"]
    search_fields = ["headline", "standfirst", "slug"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "lead_photo", "tags"]
    inlines = [ArticleBlockInline, RelatedPickInline]
    readonly_fields = [
        "short_link",
        "views",
        "shares",
        "comments_count",
        "updated_at",
        "created_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "headline",
                    "slug",
                    "section",
                    "byline",
                    "standfirst",
                    "lead_photo",
                    "tags",
                ]
            },
        ),
        (
            "Publication",
            {
                "fields": [
                    "status",
                    "publish_at",
                    "correction",
                    "comments_open",
                    "language",
                ],
                "description": "Draft: editors only. Published with a future time: scheduled, "
                "it publishes itself at that time. A correction note marks the article updated.",
            },
        ),
        (
            "Figures",
            {
                "fields": [
                    "short_link",
                    "views",
                    "shares",
                    "comments_count",
                    "updated_at",
                    "created_at",
                ]
            },
        ),
    ]
    actions = ["publish_now", "back_to_draft"]

    @admin.display(description="Status", ordering="status")
    def status_badge(self, obj: Article) -> str:
        return obj.effective_status.capitalize()

    @admin.display(description="Short URL")
    def short_link(self, obj: Article) -> str:
        if not obj.pk:
            return "—"
        return format_html('<a href="{0}">{0}</a>', obj.get_short_url())

    def save_model(
        self, request: HttpRequest, obj: Article, form: ModelForm[Article], change: bool
    ) -> None:
        if obj.author_id is None and request.user.is_authenticated:
            obj.author = request.user
        actions.save_article(obj)

    def save_related(
        self,
        request: HttpRequest,
        form: ModelForm[Article],
        formsets: Any,
        change: bool,
    ) -> None:
        super().save_related(request, form, formsets, change)
        actions.refresh_article(form.instance)

    def delete_model(self, request: HttpRequest, obj: Article) -> None:
        actions.delete_article(obj)

    def delete_queryset(
        self, request: HttpRequest, queryset: QuerySet[Article]
    ) -> None:
        for article in queryset:
            actions.delete_article(article)

    @admin.action(description="Publish now")
    def publish_now(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            actions.publish_article(article, at=timezone.now())
        self.message_user(
            request, f"Published {queryset.count()} article(s).", messages.SUCCESS
        )

    @admin.action(description="Unpublish (back to draft)")
    def back_to_draft(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            actions.unpublish_article(article)
        self.message_user(
            request, f"{queryset.count()} article(s) back to draft.", messages.SUCCESS
        )

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        return {"status": ArticleStatus.DRAFT, "publish_at": timezone.now()}


class GalleryItemInline(GalleryItemInlineBase):
    model = GalleryItem
    extra = 2
    autocomplete_fields = ["photo"]
    fields = ["position", "photo", "caption"]


@admin.register(Gallery)
class GalleryAdmin(GalleryAdminBase):
    list_display = ["title", "kind", "is_published", "featured", "published_at"]
    list_filter = ["kind", "is_published", "featured"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["cover"]
    inlines = [GalleryItemInline]


@admin.register(PrivacyPolicy)
class PrivacyPolicyAdmin(PolicyAdminBase):
    list_display = ["version", "effective_at"]
    search_fields = ["version"]
