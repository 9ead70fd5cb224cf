"""The latest published comments of one article, as RSS (for readers and watchers)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest

from vestnik.community import queries
from vestnik.community.formatting import plain_excerpt
from vestnik.community.models import Comment, CommentStatus

if TYPE_CHECKING:
    FeedBase = Feed[Comment, Any]
else:
    FeedBase = Feed


class ArticleCommentsFeed(FeedBase):
    def get_object(self, request: HttpRequest, article_id: int) -> Any:
        return queries.access_article_for_comments(article_id)

    def title(self, obj: Any) -> str:
        return f"Comments: {obj.headline}"

    def link(self, obj: Any) -> str:
        return f"{obj.get_absolute_url()}#comments"

    def description(self, obj: Any) -> str:
        return f"The latest published comments on “{obj.headline}”."

    def items(self, obj: Any) -> list[Comment]:
        qs = queries.visible_comments(obj, None).filter(status=CommentStatus.PUBLISHED)
        return list(qs.select_related("author").order_by("-created_at", "-id")[:30])

    def item_title(self, item: Comment) -> str:
        return f"{queries.author_label(item)}: {plain_excerpt(item.body, 80)}"

    def item_description(self, item: Comment) -> str:
        return item.body_html  # sanitised by nh3 when it was stored

    def item_link(self, item: Comment) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Comment) -> Any:
        return item.created_at
