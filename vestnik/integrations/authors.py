"""Comments an API client reads and writes on behalf of its own site's authors.

Reads (`access_*`, `client_thread`) and the writes this module owns: the
shadow account (`external_author`) and its erasure (`erase_external_author`);
posting, editing and deleting go through the community's own actions, called
by vestnik/api/client_comments.py.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404

from vestnik.community.models import Comment, CommentStatus
from vestnik.integrations.models import ApiClient, ExternalAuthor, Scope

MAX_EXTERNAL_ID = 200
MAX_DISPLAY_NAME = 80
PAGE_SIZE = 50


class BadCursorError(ValueError):
    pass


def _username(client: ApiClient, external_id: str) -> str:
    # The id itself may hold anything (an e-mail address, a URL); a digest
    # keeps the username short, unique and free of personal data.
    digest = hashlib.sha256(f"{client.pk}\0{external_id}".encode()).hexdigest()
    return f"ext-{client.pk}-{digest[:20]}"


def external_author(client: ApiClient, external_id: str, display_name: str) -> Any:
    """The shadow account of `client`'s author `external_id`, created on first
    use; its display name follows the latest one the client sends."""
    external_id = external_id.strip()
    display_name = " ".join(display_name.split())[:MAX_DISPLAY_NAME]
    found = (
        ExternalAuthor.objects.select_related("user")
        .filter(client=client, external_id=external_id)
        .first()
    )
    if found is None:
        user_model = get_user_model()
        try:
            with transaction.atomic():
                user = user_model(
                    username=_username(client, external_id),
                    display_name=display_name,
                    email=None,
                    is_external=True,
                )
                user.set_unusable_password()
                user.save()
                found = ExternalAuthor.objects.create(
                    client=client, external_id=external_id, user=user
                )
        except IntegrityError:
            # The same author's first two comments raced: use the winner's row.
            found = ExternalAuthor.objects.select_related("user").get(
                client=client, external_id=external_id
            )
    user = found.user
    if display_name and user.display_name != display_name:
        user.display_name = display_name
        user.save(update_fields=["display_name"])
    return user


def _story_spelling(url: str) -> str | None:
    """`url` spelt the one way external stories are stored (embed.story_url)."""
    from vestnik.integrations.embed import BadOrigin, origin_of, story_url

    try:
        return story_url(url, origin_of(url))
    except BadOrigin:
        return None


def find_article_for_client(article_id: int | None, url: str | None) -> Any:
    """The discussable article by our id, or by its URL: one of our article
    pages, or an external story's canonical URL; None when there is none."""
    from vestnik.integrations.queries import article_for_url
    from vestnik.news.models import Article

    qs = Article.objects.discussable().select_related("section")
    if article_id is not None:
        return qs.filter(pk=article_id).first()
    if not url:
        return None
    own = article_for_url(url)
    if own is not None:
        return qs.filter(pk=own.pk).first()
    spellings = {url} | ({s} if (s := _story_spelling(url)) else set())
    return qs.filter(external_url__in=spellings).first()


def erase_external_author(client: ApiClient, external_id: str) -> bool:
    """Erase one of `client`'s authors and their personal data (GDPR art. 17),
    the way the site erases an account, but at once: the client asks on the
    person's behalf, and an external author has no e-mail to send a restore
    link to. The shadow account is deleted (account deletion, then the purge:
    its comments are deleted or handed to the "deleted user" placeholder as
    `VESTNIK_PURGED_COMMENTS` says, reports, reactions and blocks go, the audit
    log keeps its decisions without the person), the client's id for them
    goes with it, and so does what /api/v1/analyze and comments:analyze kept
    under that id for this client. Returns False when there is no such author.
    """
    from django.conf import settings

    from vestnik.accounts.actions import delete_account, purge_account
    from vestnik.integrations.state import forget_author

    external_id = external_id.strip()
    with transaction.atomic():
        link = (
            ExternalAuthor.objects.select_related("user")
            .select_for_update()
            .filter(client=client, external_id=external_id)
            .first()
        )
        forget_author(f"c{client.pk}", external_id)
        if link is None:
            return False
        delete_account(link.user, site_url=settings.SITE_URL)
        purge_account(link.user.pk)
    return True


def access_article_for_client(article_id: int | None, url: str | None) -> Any:
    """`find_article_for_client`, or Http404."""
    found = find_article_for_client(article_id, url)
    if found is None:
        raise Http404("No such article.")
    return found


def story_url_for_client(client: ApiClient, url: str | None) -> str | None:
    """The story URL (one spelling) when `url` is a page on one of the client's
    `story_origins`, the only pages a first post through its key may open as
    an external story; else None."""
    from vestnik.integrations.embed import BadOrigin, origin_of

    if not url:
        return None
    try:
        origin = origin_of(url)
    except BadOrigin:
        return None
    if origin not in (client.story_origins or []):
        return None
    return _story_spelling(url)


def _sees_everything(client: ApiClient) -> bool:
    return client.has_scope(Scope.MODERATION.value)


def _visible(client: ApiClient) -> Q:
    """Published comments; the client's own authors' comments in any state but
    deleted; everything with the `moderation` scope."""
    if _sees_everything(client):
        return Q()
    return Q(status=CommentStatus.PUBLISHED) | (
        Q(author__external_author__client=client) & ~Q(status=CommentStatus.DELETED)
    )


def access_comment_for_client(client: ApiClient, comment_id: int) -> Comment:
    """A comment the client may read. Raises Http404 for the others, so a key
    without `moderation` cannot tell a held comment from a missing one."""
    found = (
        Comment.objects.select_related("article", "author")
        .filter(_visible(client), pk=comment_id)
        .first()
    )
    if found is None:
        raise Http404("No such comment.")
    return found


def access_own_comment(client: ApiClient, comment_id: int) -> Comment:
    """A comment written through this client (for edits and deletion)."""
    found = (
        Comment.objects.select_related("article", "author", "parent")
        .filter(pk=comment_id, author__external_author__client=client)
        .exclude(status=CommentStatus.DELETED)
        .first()
    )
    if found is None:
        raise Http404("No such comment written through this key.")
    return found


def external_id_of(comment: Comment, client: ApiClient) -> str | None:
    """The client's own id for the comment's author, when it is one of theirs."""
    link = getattr(comment.author, "external_author", None) if comment.author else None
    if link is not None and link.client_id == client.pk:
        return str(link.external_id)
    return None


@dataclass(frozen=True)
class Page:
    comments: list[Comment]
    next_cursor: str | None


def _encode(comment: Comment) -> str:
    raw = f"{comment.created_at.isoformat()}|{comment.pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        when, _, pk = raw.partition("|")
        parsed = datetime.fromisoformat(when)
        if parsed.tzinfo is None:
            raise ValueError("naive")
        return parsed, int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise BadCursorError(
            "`after` is not a cursor this API gave out (use `next`)."
        ) from None


def client_thread(
    client: ApiClient,
    article: Any,
    *,
    after: str | None = None,
    status: str | None = None,
    limit: int = PAGE_SIZE,
) -> Page:
    """A page of the article's comments, oldest first, for the client.

    `status` filters by state; any other state than published needs the
    `moderation` scope (raises PermissionError). A keyset cursor on
    (created_at, id): new comments never shift a page.
    """
    qs = (
        Comment.objects.select_related("article", "author__external_author")
        .filter(article=article)
        .filter(_visible(client))
    )
    if status:
        if status not in CommentStatus.values:
            raise ValueError(
                f"unknown status {status!r}; one of {', '.join(CommentStatus.values)}"
            )
        if status != CommentStatus.PUBLISHED and not _sees_everything(client):
            raise PermissionError(
                "Only keys with the 'moderation' scope list comments that are not published."
            )
        qs = qs.filter(status=status)
    if after:
        when, pk = _decode(after)
        qs = qs.filter(Q(created_at__gt=when) | Q(created_at=when, pk__gt=pk))
    rows = list(qs.order_by("created_at", "pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, _encode(rows[-1]) if more and rows else None)
