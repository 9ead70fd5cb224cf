"""Demo community: readers, a moderator, and lively threads on the demo articles.

Every demo comment goes through `post_comment`, so the real engine decides
what is published, held or rejected, exactly as it would for a reader. The
accounts `moderator`, `reader` and `publisher` (admin and rulebook settings) get
random passwords, printed and written to
var/demo-accounts.txt (git-ignored). Idempotent: existing accounts keep their
passwords and articles that already have demo comments are skipped.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

READERS = [
    ("anna.k", "Anna Kovaleva"),
    ("tom.b", "Tom Brennan"),
    ("leila.h", "Leila Haddad"),
    ("piotr.w", "Piotr Wiśniewski"),
    ("grace.o", "Grace Okafor"),
    ("marco.r", "Marco Rossi"),
    ("yuki.t", "Yuki Tanaka"),
    ("shouty", "Loud Larry"),
    ("spammer", "Best Deals"),
]

# (author, text, reply-to index or None); index refers to this list, per article.
THREAD: list[tuple[str, str, int | None]] = [
    (
        "anna.k",
        "Thank you for the clear reporting. I would like to know how this will be "
        "reviewed next year, and who checks that the promises are kept.",
        None,
    ),
    (
        "tom.b",
        "Good question. The article says a report is published every spring, so we "
        "should be able to compare.",
        0,
    ),
    (
        "leila.h",
        "I followed the story of {topic} closely and the mood was more divided than "
        "the article suggests. Several people asked for a second look.",
        None,
    ),
    ("piotr.w", "Do you remember what the main objections were?", 2),
    (
        "leila.h",
        "Mostly the cost and the timetable. People worried it would run into the "
        "winter.",
        3,
    ),
    ("grace.o", "The photo with this story brought back memories.", None),
    (
        "marco.r",
        "I think the outcome on {topic} is a sensible compromise. **Nobody** gets "
        "everything they wanted, which is usually a sign of a fair deal.",
        None,
    ),
    (
        "yuki.t",
        "> Nobody gets everything they wanted\n\nTrue, but some groups were not at "
        "the table at all. That matters too.",
        6,
    ),
    (
        "shouty",
        "THIS IS A DISGRACE AND EVERYONE INVOLVED SHOULD BE ASHAMED OF THEMSELVES "
        "NOBODY LISTENS TO ORDINARY PEOPLE ANY MORE",
        None,
    ),
    (
        "spammer",
        "Make money from home! Download our free earnings app now at "
        "http://quick-cash-bonus.example/install.exe and earn $500 a day!!!",
        None,
    ),
    (
        "piotr.w",
        "i read the whole article twice and i still think they should have asked us first "
        "because nobody in my street knew anything about it and we only found out from the "
        "neighbours who saw a small notice on the door of the library last week and by then "
        "it was far too late to say anything about it at all so please could someone at "
        "least explain how ordinary people are supposed to take part in decisions like "
        "this one in the future",
        None,
    ),
    (
        "anna.k",
        "More detail on what happens next with {topic} would be welcome in a "
        "follow-up piece.",
        None,
    ),
]

REPORTS = [
    (
        6,
        "marco.r",
        ["tom.b", "piotr.w", "yuki.t"],
        "trolling",
        "Dismissive of the residents' concerns.",
    )
]
REACTIONS = [
    (0, ["tom.b", "leila.h", "grace.o"], "agree"),
    (2, ["anna.k", "marco.r"], "insightful"),
    (5, ["anna.k", "yuki.t", "piotr.w", "tom.b"], "agree"),
    (6, ["grace.o"], "funny"),
]


def _user(
    username: str, display_name: str, *, password: str | None = None
) -> tuple[Any, str | None]:
    from allauth.account.models import EmailAddress

    from vestnik.accounts.models import User

    email = f"{username.replace('.', '-')}@demo.vestnik.example"
    user = User.objects.filter(username=username).first()
    new_password = None
    if user is None:
        user = User(
            username=username,
            email=email,
            display_name=display_name,
            date_joined=timezone.now() - timedelta(days=200),
        )
        new_password = password or secrets.token_urlsafe(12)
        user.set_password(new_password)
        user.standards_accepted_at = timezone.now()
        user.save()
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    _accept_policy(user)
    return user, new_password


def _accept_policy(user: Any) -> None:
    from vestnik.accounts.actions import ClientInfo, record_consent
    from vestnik.accounts.models import Consent
    from vestnik.accounts.queries import needs_policy_acceptance
    from vestnik.accounts.wording import SIGNUP_CONSENT

    if needs_policy_acceptance(user):
        record_consent(
            user,
            Consent.Source.SIGNUP,
            SIGNUP_CONSENT,
            ClientInfo(None, "vestnik demo"),
        )


def _accounts() -> dict[str, str]:
    from django.contrib.auth.models import Group

    from vestnik.moderation.roles import (
        MODERATORS_GROUP,
        PUBLISHER_ADMINS_GROUP,
        ensure_roles,
    )

    ensure_roles()
    passwords: dict[str, str] = {}
    moderator, pw = _user("moderator", "Mira (moderator)")
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    if pw:
        passwords["moderator"] = pw
    _, pw = _user("reader", "Rita Reader")
    if pw:
        passwords["reader"] = pw
    # The publisher: edits articles in the admin and the rulebook settings.
    publisher, pw = _user("publisher", "Pavel (publisher)")
    publisher.groups.add(
        Group.objects.get(name=MODERATORS_GROUP),
        Group.objects.get(name=PUBLISHER_ADMINS_GROUP),
    )
    if not publisher.is_staff or not publisher.is_superuser:
        publisher.is_staff = publisher.is_superuser = True
        publisher.save(update_fields=["is_staff", "is_superuser"])
    if pw:
        passwords["publisher"] = pw
    return passwords


def _write_passwords(passwords: dict[str, str]) -> None:
    path = Path(settings.VAR_DIR) / "demo-accounts.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    known: dict[str, str] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            parts = line.split()
            if len(parts) == 3:
                known[parts[0]] = line
    for username, password in passwords.items():
        email = f"{username}@demo.vestnik.example"
        known[username] = f"{username} {email} {password}"
    path.write_text("".join(line + "\n" for line in known.values()))
    path.chmod(0o600)
    for line in known.values():
        username, email, password = line.split()
        print(f"  demo account {username}: log in as {email} with password {password}")  # noqa: T201 - the demo command reports to the terminal
    print(f"  (written to {path})")  # noqa: T201 - the demo command reports to the terminal


def _topic(article: Any) -> str:
    """What readers call the story: its first tag, else its section."""
    tag = article.tags.order_by("name").first()
    return str(tag.name if tag else article.section.name).lower()


def _thread(article: Any, readers: dict[str, Any]) -> int:
    from vestnik.community.actions.comments import post_comment
    from vestnik.community.actions.errors import CannotPostError, CommentsClosedError
    from vestnik.community.actions.reactions import react_to_comment
    from vestnik.community.actions.reports import report_comment
    from vestnik.community.models import Comment, CommentStatus
    from vestnik.community.ratelimit import RateLimitedError

    posted: list[Any] = []
    for n, (author, text, reply_to) in enumerate(THREAD):
        parent = posted[reply_to] if reply_to is not None else None
        if parent is not None and parent.status != CommentStatus.PUBLISHED:
            parent = None
        try:
            result = post_comment(
                author=readers[author],
                article=article,
                body=text.format(topic=_topic(article)),
                parent=parent,
            )
        except (CannotPostError, CommentsClosedError, RateLimitedError):
            return len(posted)
        comment = result.comment
        # Spread the thread over the time since publication (at most three hours),
        # as a real one would be, and never into the future.
        span = min(timezone.now() - article.publish_at, timedelta(hours=3))
        at = article.publish_at + span * (n + 1) / (len(THREAD) + 1)
        Comment.objects.filter(pk=comment.pk).update(created_at=at)
        comment.refresh_from_db()
        posted.append(comment)
    for index, users, kind in REACTIONS:
        if index < len(posted) and posted[index].status == CommentStatus.PUBLISHED:
            for username in users:
                react_to_comment(posted[index], user=readers[username], kind=kind)
    for index, _author, reporters, rule, note in REPORTS:
        if index < len(posted) and posted[index].status == CommentStatus.PUBLISHED:
            for username in reporters:
                report_comment(
                    posted[index], reporter=readers[username], rule=rule, text=note
                )
    return len(posted)


def load() -> None:
    from vestnik.community.models import Comment
    from vestnik.news.models import Article

    if getattr(settings, "PRODUCTION", False):
        print("community demo: skipped (VESTNIK_PRODUCTION is set)")  # noqa: T201 - the demo command reports to the terminal
        return
    passwords = _accounts()
    readers = {username: _user(username, name)[0] for username, name in READERS}
    readers["reader"] = _user("reader", "Rita Reader")[0]
    articles = list(
        Article.objects.visible().filter(comments_open=True).order_by("-publish_at")[:4]
    )
    total = 0
    for article in articles:
        if Comment.objects.filter(
            article=article, author__in=readers.values()
        ).exists():
            continue
        with transaction.atomic():
            total += _thread(article, readers)
    print(f"community demo: {total} comments on {len(articles)} articles")  # noqa: T201 - the demo command reports to the terminal
    _write_passwords(passwords)
