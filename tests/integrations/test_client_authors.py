"""POST /api/v1/authors/erase and the admin's erase action: an API client's
author and their personal data are erased like a site account, at once."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.community.factories import ArticleFactory
from tests.community.posting import CAPS, CLEAN
from tests.moderation.factories import moderator_user
from vestnik.community.models import Comment
from vestnik.integrations import actions
from vestnik.integrations.models import ApiCall, ClientActivity, ExternalAuthor
from vestnik.moderation.actions.users import block_user
from vestnik.moderation.models import Block

pytestmark = pytest.mark.django_db

ERASE = "/api/v1/authors/erase"


def _auth(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _json(client: Client, path: str, key: str, payload: dict[str, Any]) -> Any:
    return client.post(
        path, json.dumps(payload), content_type="application/json", **_auth(key)
    )


def _comment(client: Client, key: str, author: str, body: str, article: Any) -> int:
    posted = _json(
        client,
        "/api/v1/comments",
        key,
        {"article": article.pk, "author": {"id": author, "name": author}, "body": body},
    )
    assert posted.status_code == 201, posted.content
    return int(posted.json()["comment"]["id"])


def _analyze(client: Client, key: str, author: str) -> None:
    payload = {"comment": {"text": CLEAN, "author": author, "thread": "t"}}
    assert _json(client, "/api/v1/analyze", key, payload).status_code == 200


@pytest.fixture
def article(db: Any) -> Any:
    return ArticleFactory()


@pytest.fixture
def partner(make_client: Any) -> tuple[Any, str]:
    return make_client("partner", ("analyze", "comments:read", "comments:write"))


def test_a_client_erases_its_author_and_their_data(
    client: Client, partner: tuple[Any, str], make_client: Any, article: Any
) -> None:
    partner_client, key = partner
    _, other_key = make_client("other", ("analyze", "comments:write"))
    mine = [_comment(client, key, "u-1", body, article) for body in (CLEAN, CAPS)]
    kept = _comment(client, key, "u-2", CLEAN + " Indeed.", article)
    theirs = _comment(
        client, other_key, "u-1", CLEAN + " Same id, other site.", article
    )
    for who in (key, other_key):
        _analyze(client, who, "u-1")
    _analyze(client, key, "u-2")
    shadow = ExternalAuthor.objects.get(client=partner_client, external_id="u-1").user
    block_user(moderator_user(), shadow, rules=["spam"])
    block = Block.objects.get(user=shadow)

    response = _json(client, ERASE, key, {"id": " u-1 "})
    assert response.status_code == 204, response.content

    # The account, its link to the client's id and its block are gone ...
    assert not get_user_model().objects.filter(pk=shadow.pk).exists()
    assert not ExternalAuthor.objects.filter(external_id="u-1", client=partner_client)
    assert not Block.objects.filter(pk=block.pk).exists()
    # ... its comments are the "deleted user"'s (the default, as for accounts) ...
    authors = {c.author.username for c in Comment.objects.filter(pk__in=mine)}
    assert authors == {"deleted-user"}
    thread = Client().get("/api/comments/", {"article": article.pk}).json()
    assert "u-1" not in json.dumps(thread)
    # ... and so is what the analyze endpoint kept under the id for this key.
    assert list(
        ClientActivity.objects.order_by("namespace", "author_key").values_list(
            "namespace", "author_key"
        )
    ) == sorted(
        [
            (f"c{partner_client.pk}", "u-2"),
            (f"c{ExternalAuthor.objects.get(external_id='u-1').client_id}", "u-1"),
        ]
    )
    # The client's other author, and the other client's "u-1", are untouched.
    assert Comment.objects.get(pk=kept).author.external_author.external_id == "u-2"
    assert Comment.objects.get(pk=theirs).author.username.startswith("ext-")
    # Erasing again: nothing left to erase. The calls are in the client's log.
    assert _json(client, ERASE, key, {"id": "u-1"}).status_code == 404
    logged = ApiCall.objects.filter(endpoint="erase_author").values_list(
        "status", flat=True
    )
    assert sorted(logged) == [204, 404]


def test_comments_go_with_the_author_where_the_publisher_says_so(
    client: Client, partner: tuple[Any, str], article: Any, settings: Any
) -> None:
    settings.VESTNIK_PURGED_COMMENTS = "delete"
    _, key = partner
    posted = _comment(client, key, "u-1", CLEAN, article)
    assert _json(client, ERASE, key, {"id": "u-1"}).status_code == 204
    assert not Comment.objects.filter(pk=posted).exists()


def test_refusals(
    client: Client, partner: tuple[Any, str], make_client: Any, article: Any
) -> None:
    _, key = partner
    _comment(client, key, "u-1", CLEAN, article)
    _, reader = make_client("reader", ("comments:read",))
    gone_client, gone = make_client("gone", ("comments:write",))
    actions.revoke_client(gone_client)
    _, stranger = make_client("stranger", ("comments:write",))
    payload = {"id": "u-1"}
    assert _json(client, ERASE, reader, payload).status_code == 403
    assert _json(client, ERASE, gone, payload).status_code == 401
    assert (
        client.post(ERASE, payload, content_type="application/json").status_code == 401
    )
    # Another key cannot name this key's authors: to it, there is no "u-1".
    assert _json(client, ERASE, stranger, payload).status_code == 404
    assert _json(client, ERASE, key, {"id": ""}).status_code == 422
    assert _json(client, ERASE, key, {"id": "9" * 201}).status_code == 422
    blank = _json(client, ERASE, key, {"id": "   "})
    assert blank.status_code == 400 and blank.json()["detail"].startswith("`id`")
    assert ExternalAuthor.objects.filter(external_id="u-1").exists()


def test_the_admin_erases_authors_and_deletes_no_bare_links(
    client: Client, partner: tuple[Any, str], article: Any, admin_client: Client
) -> None:
    _, key = partner
    posted = _comment(client, key, "u-1", CLEAN, article)
    link = ExternalAuthor.objects.get(external_id="u-1")
    url = "/admin/integrations/externalauthor/"
    assert admin_client.get(f"{url}{link.pk}/delete/").status_code == 403
    done = admin_client.post(
        url, {"action": "erase", "_selected_action": [link.pk]}, follow=True
    )
    assert done.status_code == 200 and "Erased 1 author" in done.content.decode()
    assert not ExternalAuthor.objects.exists()
    assert not get_user_model().objects.filter(pk=link.user_id).exists()
    assert Comment.objects.get(pk=posted).author.username == "deleted-user"


def test_staff_without_the_erase_permission_may_not_erase(
    client: Client, partner: tuple[Any, str], article: Any
) -> None:
    from django.contrib.auth.models import Permission

    _, key = partner
    _comment(client, key, "u-1", CLEAN, article)
    staff = get_user_model().objects.create_user(
        username="clerk", email="clerk@example.org", password="x", is_staff=True
    )
    staff.user_permissions.add(Permission.objects.get(codename="view_externalauthor"))
    browser = Client()
    browser.force_login(staff)
    link = ExternalAuthor.objects.get()
    listing = browser.get("/admin/integrations/externalauthor/")
    assert (
        listing.status_code == 200 and 'value="erase"' not in listing.content.decode()
    )
    browser.post(
        "/admin/integrations/externalauthor/",
        {"action": "erase", "_selected_action": [link.pk]},
    )
    assert ExternalAuthor.objects.filter(pk=link.pk).exists()


@pytest.mark.usefixtures("pinned_clock")
def test_over_the_keys_limit_and_oversized(client: Client, make_client: Any) -> None:
    _, slow = make_client("slow", ("comments:write",), rate_limit=1)
    assert _json(client, ERASE, slow, {"id": "u-1"}).status_code == 404
    over = _json(client, ERASE, slow, {"id": "u-1"})
    assert over.status_code == 429 and over["Retry-After"]
    _, key = make_client("big", ("comments:write",))
    huge = _json(client, ERASE, key, {"id": "u-1", "pad": "x" * (6 * 1024 * 1024)})
    assert huge.status_code == 400  # over DATA_UPLOAD_MAX_MEMORY_SIZE, never a 500


def test_publisher_admins_run_the_integrations_in_the_admin(
    client: Client, partner: tuple[Any, str], article: Any
) -> None:
    """The publisher-admins group (with staff status, like anyone in the admin)
    manages keys, webhooks, Coral and embed origins, reads the logs and the
    feedback, and erases external authors; moderators do none of it."""
    from django.contrib.auth.models import Group, Permission

    from tests.moderation.factories import publisher_admin_user
    from vestnik.moderation.roles import PUBLISHER_ADMINS_GROUP

    _, key = partner
    _comment(client, key, "u-1", CLEAN, article)
    publisher = publisher_admin_user()
    moderator = moderator_user()
    for user in (publisher, moderator):
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    as_publisher, as_moderator = Client(), Client()
    as_publisher.force_login(publisher)
    as_moderator.force_login(moderator)
    admin = "/admin/integrations"
    pages = [
        f"{admin}/apiclient/add/",
        f"{admin}/apicall/",
        f"{admin}/feedback/",
        f"{admin}/coralintegration/add/",
        f"{admin}/coralcall/",
        f"{admin}/webhook/add/",
        f"{admin}/webhookdelivery/",
        f"{admin}/embedorigin/add/",
        f"{admin}/externalauthor/",
    ]
    for page in pages:
        assert as_publisher.get(page).status_code == 200, page
        assert as_moderator.get(page).status_code == 403, page
    made = as_publisher.post(
        f"{admin}/apiclient/add/",
        {"name": "cms", "scopes": '["analyze"]', "rate_limit": 60, "rulebook": "{}"},
    )
    assert made.status_code == 302
    link = ExternalAuthor.objects.get()
    done = as_publisher.post(
        f"{admin}/externalauthor/", {"action": "erase", "_selected_action": [link.pk]}
    )
    assert done.status_code == 302 and not ExternalAuthor.objects.exists()
    # Keys are revoked, never deleted (their calls and feedback stay).
    client_pk = ApiCall.objects.values_list("client", flat=True).first()
    assert as_publisher.get(f"{admin}/apiclient/{client_pk}/delete/").status_code == 403
    granted = Group.objects.get(name=PUBLISHER_ADMINS_GROUP).permissions
    assert granted.filter(content_type__app_label="integrations").count() == 20
    assert not Permission.objects.filter(
        group__name=PUBLISHER_ADMINS_GROUP, codename="delete_apiclient"
    ).exists()


def test_the_integrations_migrate_grants_publisher_admins_their_permissions() -> None:
    from django.apps import apps
    from django.contrib.auth.models import Group
    from django.db.models.signals import post_migrate

    from vestnik.moderation.roles import PUBLISHER_ADMINS_GROUP

    Group.objects.filter(name=PUBLISHER_ADMINS_GROUP).delete()
    post_migrate.send(
        sender=apps.get_app_config("integrations"),
        app_config=apps.get_app_config("integrations"),
        verbosity=0,
        interactive=False,
        using="default",
        apps=apps,
        plan=[],
    )
    granted = Group.objects.get(name=PUBLISHER_ADMINS_GROUP).permissions
    assert granted.filter(content_type__app_label="integrations").count() == 20
