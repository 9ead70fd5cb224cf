"""External stories: a page on another site whose discussion lives here.

A story is created by the first comment posted to its URL, from the embed
(embed.py, for the origins in `EmbedOrigin`) or through an API key
(api/client_comments.py, for the client's own `story_origins`). Both go
through `start_external_story`, so the same reader limits apply either way.
The caller has checked that the URL is on an origin it may open stories for
and spelled it the one way `story_url` does.
"""

from __future__ import annotations

from typing import Any

from vestnik.community import ratelimit
from vestnik.community.actions.comments import check_body, check_can_post
from vestnik.community.app_settings import app_settings as community_settings
from vestnik.integrations.app_settings import app_settings


def check_may_create_story(user: Any) -> None:
    """Whoever may post now may start a story, a few an hour: the post's own
    limits are counted only after the story exists. Raises CannotPostError or
    RateLimitedError."""
    check_can_post(user)
    ratelimit.check("post-user", str(user.pk), community_settings.POST_RATE_USER)
    ratelimit.hit(
        "embed-story-user", str(user.pk), (app_settings.EMBED_STORIES_PER_HOUR, 3600)
    )


def start_external_story(author: Any, *, url: str, title: str, body: str) -> Any:
    """The discussable external story at `url` for `author`'s first comment
    `body`, created when there is none yet. Nothing is created for a comment
    that could not be posted anyway (empty or over-long body, an author who
    may not post or is over the limits): raises the community's errors."""
    from vestnik.community import queries as community_queries
    from vestnik.news.actions import get_or_create_external_story

    check_body(body)
    check_may_create_story(author)
    article, _ = get_or_create_external_story(url=url, title=title)
    return community_queries.access_article_for_comments(article.pk)
