from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.utils import timezone

from vestnik.accounts.actions import purge_expired_accounts
from vestnik.accounts.models import Consent, User
from vestnik.community.models import Comment, Reaction, Report
from vestnik.news.models import Article, Section

from .factories import PASSWORD, UserFactory
from .test_profile import png

pytestmark = pytest.mark.django_db

IP = "203.0.113.77"
AGENT = "DeletionTestBrowser/9.1 (unique-agent-marker)"
EMAIL = "maria.sidorova@example.net"
NAME = "Maria Sidorova"
DELETED_MESSAGE = (
    "Your account has been deleted! You can restore your account within 30 days by "
    "following the link sent to the e-mail address you entered during registration."
)


def make_comment(author: User, article: Article, body: str) -> Comment:
    now = timezone.now()
    return Comment.objects.create(
        article=article,
        author=author,
        body=body,
        body_html=f"<p>{body}</p>",
        status="published",
        created_at=now,
    )


@pytest.fixture
def article() -> Article:
    section = Section.objects.create(name="World", slug="world")
    return Article.objects.create(
        headline="A headline",
        slug="a-headline",
        section=section,
        standfirst="Lead.",
        status="published",
        publish_at=timezone.now(),
    )


@pytest.fixture
def reader(client: Client, captcha: Callable[[], str]) -> User:
    """A reader who registered through the form, confirmed the e-mail and logged in."""
    meta = {"REMOTE_ADDR": IP, "HTTP_USER_AGENT": AGENT}
    response = client.post(
        "/accounts/signup/",
        {
            "display_name": NAME,
            "email": EMAIL,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "altcha": captcha(),
        },
        **meta,
    )
    assert response.status_code == 302
    link = re.search(
        r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body
    )
    assert link
    client.post(link.group(1), **meta)
    client.post(
        "/accounts/login/", {"login": EMAIL, "password": "wrong password"}, **meta
    )
    assert (
        client.post(
            "/accounts/login/", {"login": EMAIL, "password": PASSWORD}, **meta
        ).status_code
        == 302
    )
    avatar = {"avatar": SimpleUploadedFile("a.png", png(64, 64), "image/png")}
    assert client.post("/account/profile/avatar/", avatar, **meta).status_code == 302
    return User.objects.get(email=EMAIL)


def snapshot(user: User) -> dict[str, Any]:
    user.refresh_from_db()
    fields = {f.attname: getattr(user, f.attname) for f in User._meta.concrete_fields}
    fields.pop("last_login")
    return {
        "user": fields,
        "consents": list(Consent.objects.filter(user=user).values()),
        "emails": list(EmailAddress.objects.filter(user=user).values()),
        "comments": list(Comment.objects.filter(author=user).values()),
        "reactions": list(Reaction.objects.filter(user=user).values()),
        "reports": list(Report.objects.filter(reporter=user).values()),
    }


def delete_via_http(client: Client, on_commit: Any) -> str:
    """Delete the logged-in account; returns the restore path from the e-mail."""
    page = client.get("/account/delete/").content.decode()
    assert "Are you sure you want to delete your account?" in page
    wrong = client.post(
        "/account/delete/", {"answer": "yes", "password": "not mine at all"}
    )
    assert wrong.status_code == 400
    assert "That is not your password." in wrong.content.decode()
    with on_commit(execute=True):
        response = client.post(
            "/account/delete/", {"answer": "yes", "password": PASSWORD}, follow=True
        )
    assert DELETED_MESSAGE in response.content.decode()
    body = mail.outbox[-1].body
    assert mail.outbox[-1].to == [EMAIL]
    match = re.search(r"https?://[^/\s]+(/account/restore/\S+/)", body)
    assert match, body
    return match.group(1)


def personal_data_left(needles: list[str]) -> list[str]:
    """Every (model.field) in the whole database whose text contains one of `needles`."""
    hits = []
    for model in apps.get_models(include_auto_created=True):
        text_fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(
                f,
                models.CharField
                | models.TextField
                | models.JSONField
                | models.GenericIPAddressField
                | models.EmailField,
            )
        ]
        if not text_fields:
            continue
        for row in model._default_manager.values_list(
            *[f.attname for f in text_fields]
        ):
            for field, value in zip(text_fields, row, strict=True):
                text = str(value).lower()
                for needle in needles:
                    if needle.lower() in text:
                        hits.append(
                            f"{model._meta.label}.{field.name} contains {needle!r}"
                        )
    return hits


def test_no_answer_keeps_the_account(client: Client, reader: User) -> None:
    response = client.post("/account/delete/", {"answer": "no"})
    assert response["Location"] == "/account/profile/"
    reader.refresh_from_db()
    assert not reader.is_deleted


def test_delete_restore_purge(
    client: Client,
    reader: User,
    article: Article,
    django_capture_on_commit_callbacks: Any,
) -> None:
    other = UserFactory()
    own = make_comment(reader, article, "My considered opinion.")
    theirs = make_comment(other, article, "A reply from someone else.")
    Reaction.objects.create(comment=theirs, user=reader)
    Report.objects.create(comment=theirs, reporter=reader, rule="spam")
    other_session = Client()
    other_session.post("/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    before = snapshot(reader)

    restore_path = delete_via_http(client, django_capture_on_commit_callbacks)
    reader.refresh_from_db()
    assert reader.is_deleted and reader.deleted_at is not None
    assert not Comment.objects.filter(
        author__deleted_at__isnull=True, pk=own.pk
    ).exists()
    # Logged out everywhere, and can't log back in.
    assert other_session.get("/account/profile/").status_code == 302
    login = client.post(
        "/accounts/login/", {"login": EMAIL, "password": PASSWORD}, follow=True
    )
    assert "This account is unavailable" in login.content.decode()

    # The link shows a button (mail scanners may fetch it), POST restores.
    assert "Restore my account" in client.get(restore_path).content.decode()
    assert client.post(restore_path).status_code == 302
    assert snapshot(reader) == before
    again = client.post(restore_path)
    assert again.status_code == 400
    assert "already been used" in again.content.decode()
    assert (
        client.post(
            "/accounts/login/", {"login": EMAIL, "password": PASSWORD}
        ).status_code
        == 302
    )

    # Delete again and let 30 days pass: the purge removes everything personal.
    restore_path = delete_via_http(client, django_capture_on_commit_callbacks)
    reader.refresh_from_db()
    avatar_name = reader.avatar.name
    assert reader.avatar.storage.exists(avatar_name)
    assert purge_expired_accounts(now=timezone.now() + timedelta(days=29)) == 0
    with pytest.MonkeyPatch.context() as mp:
        later = time.time() + 31 * 86400
        mp.setattr("django.core.signing.time", SimpleNamespace(time=lambda: later))
        expired = client.post(restore_path)
        assert expired.status_code == 400 and "has expired" in expired.content.decode()
    User.objects.filter(pk=reader.pk).update(
        deleted_at=timezone.now() - timedelta(days=31)
    )
    from vestnik.workers.accounts import purge_deleted_accounts

    with django_capture_on_commit_callbacks(execute=True):
        assert purge_deleted_accounts.delay().get() == 1
    assert not User.objects.filter(pk=reader.pk).exists()
    assert personal_data_left([EMAIL, NAME, IP, AGENT, "maria.sidorova"]) == []
    assert not reader.avatar.storage.exists(avatar_name)
    for session in Session.objects.all():
        assert str(session.get_decoded().get("_auth_user_id")) != str(reader.pk)
    # Consent records keep what was agreed, not who or from where.
    consent = Consent.objects.get()
    assert (
        consent.user is None and consent.ip_address is None and consent.user_agent == ""
    )
    assert consent.policy_version == before["consents"][0]["policy_version"]
    # Comments stay, anonymised, as the publisher's default setting says.
    own.refresh_from_db()
    assert own.author is not None and own.author.public_name == "deleted user"
    assert not own.author.is_active
    # Rows other apps declared CASCADE go with the user (their own on_delete).
    assert not Report.objects.exists() and not Reaction.objects.exists()
    assert client.post(restore_path).status_code == 400
    assert (
        purge_expired_accounts(now=timezone.now() + timedelta(days=400)) == 0
    )  # idempotent


def test_purge_can_delete_comments(
    client: Client,
    reader: User,
    article: Article,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.VESTNIK_PURGED_COMMENTS = "delete"
    own = make_comment(reader, article, "Remove me with the account.")
    kept = make_comment(UserFactory(), article, "Someone else's.")
    delete_via_http(client, django_capture_on_commit_callbacks)
    User.objects.filter(pk=reader.pk).update(
        deleted_at=timezone.now() - timedelta(days=31)
    )
    from vestnik.cli import main

    assert main(["purge"]) == 0
    assert not Comment.objects.filter(pk=own.pk).exists()
    assert Comment.objects.filter(pk=kept.pk).exists()
    assert personal_data_left([EMAIL, NAME, IP]) == []


def test_forged_restore_link_is_refused(client: Client) -> None:
    response = client.post("/account/restore/not-a-real-token/")
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_purge_follows_each_apps_on_delete(article: Article) -> None:
    from vestnik.moderation.models import Appeal, Block, Decision

    reader = UserFactory()
    moderator = UserFactory()
    comment = make_comment(reader, article, "Borderline.")
    Decision.objects.create(
        kind="block",
        actor_kind="human",
        actor=moderator,
        comment=comment,
        subject_user=reader,
        reasons="Rule 'spam'.",
    )
    block = Block.objects.create(user=reader, number=1, created_by=moderator)
    Appeal.objects.create(
        user=reader, block=block, user_id_claimed=str(reader.pk), explanation="Sorry"
    )
    User.objects.filter(pk=reader.pk).update(
        deleted_at=timezone.now() - timedelta(days=31), is_active=False
    )
    assert purge_expired_accounts() == 1
    decision = (
        Decision.objects.get()
    )  # the audit log keeps the decision, not the person
    assert decision.subject_user is None and decision.actor == moderator
    assert not Block.objects.exists() and not Appeal.objects.exists()
    comment.refresh_from_db()
    assert comment.author is not None and comment.author.is_placeholder
