"""The embed token over HTTP: the pop-up's last page issues it, the embed
endpoints take the reader from it without a cookie or CSRF token, and refuse
it forged, expired, for another origin, after a password change or once the
origin is no longer listed."""

from __future__ import annotations

import re
import time
import uuid
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from tests.community.conftest import login
from tests.community.factories import ArticleFactory, CommentFactory, UserFactory
from tests.community.posting import CAPS, CLEAN
from vestnik.community.models import Comment, CommentStatus, Reaction, Report
from vestnik.integrations.embed_auth import HEADER, SALT
from vestnik.integrations.models import EmbedOrigin, EmbedSignIn

pytestmark = pytest.mark.django_db

PARTNER = "https://partner.example.org"
HEADER_META = "HTTP_" + HEADER.upper().replace("-", "_")


@pytest.fixture
def partner(db: Any) -> EmbedOrigin:
    return EmbedOrigin.objects.create(origin=PARTNER)


@pytest.fixture
def reader(db: Any) -> Any:
    return UserFactory(username="alice", display_name="Alice")


@pytest.fixture
def article(db: Any) -> Any:
    return ArticleFactory()


def csrf_of(page: Any) -> str:
    found = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()
    )
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def signed_in(client: Client, origin: str = PARTNER) -> Any:
    """The pop-up's last page as the browser runs it: the GET shows a form,
    which embed-signed-in.js posts at once (with the CSRF token); the answer
    to the POST carries the token. Where the GET shows no form, its answer."""
    url = reverse("integrations:embed-signed-in")
    page = client.get(f"{url}?{urlencode({'origin': origin})}")
    if page.status_code != 200 or not page.context["confirm"]:
        return page
    return client.post(url, {"origin": origin, "csrfmiddlewaretoken": csrf_of(page)})


def handoff(response: Any) -> Any:
    return response.context["handoff"]


def issue_token(user: Any, origin: str = PARTNER, browser: Client | None = None) -> str:
    """The token the pop-up's last page hands over, `user` signed in there
    (in `browser`, or in a fresh one)."""
    return str(handoff(signed_in(browser or login(user), origin))["token"])


def as_frame(token: str) -> dict[str, str]:
    """What the iframe sends: the token and HTMX's header; no cookie at all."""
    return {HEADER_META: token, "HTTP_HX_REQUEST": "true"}


def frame_post(path: str, data: dict[str, Any], token: str) -> Any:
    # enforce_csrf_checks: a browser would be checked; the test client is not.
    return Client(enforce_csrf_checks=True).post(path, data, **as_frame(token))


def twin(name: str, *args: Any) -> str:
    """The embed twin of a community URL, as embed-frame.js rewrites it."""
    path = reverse(f"community:{name}", args=args)
    return reverse(
        "integrations:embed-community", args=[path.removeprefix("/comments/")]
    )


# --- issuing ---------------------------------------------------------------------


def test_the_pop_ups_last_page_hands_over_a_token(
    partner: EmbedOrigin, reader: Any
) -> None:
    response = signed_in(login(reader))
    assert response.status_code == 200
    data = handoff(response)
    assert data["type"] == "vestnik:embed-token" and data["origin"] == PARTNER
    assert data["token"] in response.content.decode()  # in a json_script block
    assert response["Cross-Origin-Opener-Policy"] == "unsafe-none"
    assert response["Cache-Control"] == "no-store"


def test_a_get_issues_nothing_and_the_post_needs_the_csrf_token(
    partner: EmbedOrigin, reader: Any
) -> None:
    """A prefetch, a crawler or another site's link or image may GET the page:
    no sign-in record, no token. Another site's form cannot POST it either."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reader)
    url = reverse("integrations:embed-signed-in")
    page = browser.get(url, {"origin": PARTNER})
    assert page.status_code == 200 and handoff(page) is None
    assert browser.head(url, {"origin": PARTNER}).status_code == 200
    assert not EmbedSignIn.objects.exists()
    html = page.content.decode()
    assert "vestnik:embed-token" not in html
    assert 'id="vestnik-handoff-form" method="post"' in html
    assert f'name="origin" value="{PARTNER}"' in html
    assert page["Cross-Origin-Opener-Policy"] == "unsafe-none"
    assert page["Cache-Control"] == "no-store"

    forged = browser.post(url, {"origin": PARTNER})  # no CSRF token
    assert forged.status_code == 403
    assert not EmbedSignIn.objects.exists()

    posted = browser.post(
        url, {"origin": PARTNER, "csrfmiddlewaretoken": csrf_of(page)}
    )
    assert posted.status_code == 200
    assert handoff(posted)["token"] in posted.content.decode()
    (sign_in,) = EmbedSignIn.objects.all()
    assert (sign_in.user, sign_in.origin) == (reader, PARTNER)


def test_no_token_for_an_unlisted_origin_or_a_visitor(
    partner: EmbedOrigin, reader: Any, client: Client
) -> None:
    refused = signed_in(login(reader), "https://stranger.example")
    assert refused.status_code == 200 and handoff(refused) is None
    assert b"vestnik-handoff-form" not in refused.content
    # Posted anyway (the form's `origin` changed): still nothing.
    posted = login(reader).post(
        reverse("integrations:embed-signed-in"), {"origin": "https://stranger.example"}
    )
    assert posted.status_code == 200 and handoff(posted) is None
    assert not EmbedSignIn.objects.exists()
    assert signed_in(client).status_code == 404
    url = reverse("integrations:embed-signed-in")
    assert client.post(url, {"origin": PARTNER}).status_code == 404


def test_only_the_sign_in_on_its_way_to_the_frame_keeps_the_opener(
    client: Client,
) -> None:
    login_url = reverse("account_login")
    target = f"{reverse('integrations:embed-signed-in')}?origin={PARTNER}"
    popup = client.get(f"{login_url}?{urlencode({'next': target})}")
    assert popup["Cross-Origin-Opener-Policy"] == "unsafe-none"
    assert client.get(login_url)["Cross-Origin-Opener-Policy"] == "same-origin"
    elsewhere = client.get(f"/?{urlencode({'next': target})}")
    assert elsewhere["Cross-Origin-Opener-Policy"] == "same-origin"


# --- using -----------------------------------------------------------------------


def test_the_frame_renders_and_posts_as_the_tokens_reader(
    partner: EmbedOrigin, reader: Any, article: Any
) -> None:
    token = issue_token(reader, PARTNER)
    page = Client().get(
        reverse("integrations:embed-thread"),
        {"origin": PARTNER, "article": article.pk},
        **{HEADER_META: token},
    )
    assert page.status_code == 200
    assert (
        b"Signed in as Alice" in page.content
        and b"Sign in to comment" not in page.content
    )
    assert "no-store" in page["Cache-Control"] and HEADER in page["Vary"]

    published = frame_post(
        twin("post", article.pk),
        {"body": CLEAN, "token": str(uuid.uuid4())},
        token,
    )
    assert published.status_code == 200, published.content
    held = frame_post(
        twin("post", article.pk), {"body": CAPS, "token": str(uuid.uuid4())}, token
    )
    assert b"held-notice" in held.content
    assert {c.body: c.status for c in Comment.objects.filter(author=reader)} == {
        CLEAN: CommentStatus.PUBLISHED,
        CAPS: CommentStatus.HELD,
    }


def test_reactions_and_reports_through_the_twins(
    partner: EmbedOrigin, reader: Any, article: Any
) -> None:
    token = issue_token(reader, PARTNER)
    theirs = CommentFactory(article=article)
    reacted = frame_post(twin("react", theirs.pk), {"kind": "agree"}, token)
    assert reacted.status_code == 200
    assert Reaction.objects.get(comment=theirs).user == reader
    reported = frame_post(twin("report", theirs.pk), {"rule": "spam"}, token)
    assert reported.status_code == 200
    assert Report.objects.get(comment=theirs).reporter == reader


def test_without_a_token_the_twins_are_cookie_views_with_csrf(
    partner: EmbedOrigin, reader: Any, article: Any
) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reader)
    refused = browser.post(
        twin("post", article.pk),
        {"body": CLEAN, "token": str(uuid.uuid4())},
        HTTP_HX_REQUEST="true",
    )
    assert refused.status_code == 403
    assert not Comment.objects.exists()


@pytest.mark.parametrize("name", ["edit", "delete", "feature", "permalink"])
def test_only_the_threads_own_views_have_twins(
    partner: EmbedOrigin, reader: Any, article: Any, name: str
) -> None:
    mine = CommentFactory(article=article, author=reader)
    response = frame_post(
        twin(name, mine.pk), {"body": CLEAN}, issue_token(reader, PARTNER)
    )
    assert response.status_code == 404
    mine.refresh_from_db()
    assert mine.status == CommentStatus.PUBLISHED and mine.body != CLEAN


def test_unknown_twin_paths_are_not_found(partner: EmbedOrigin, reader: Any) -> None:
    token = issue_token(reader, PARTNER)
    for rest in ("nothing/here/", "../admin/"):
        response = Client().get(
            reverse("integrations:embed-community", args=[rest]), **as_frame(token)
        )
        assert response.status_code == 404


# --- refusing --------------------------------------------------------------------


def _post_with(token: str, article: Any, body: str = CLEAN) -> Any:
    return frame_post(
        twin("post", article.pk), {"body": body, "token": str(uuid.uuid4())}, token
    )


def test_a_forged_token_is_refused(partner: EmbedOrigin, article: Any) -> None:
    response = _post_with("eyJ1IjoxfQ:forged:signature", article)
    assert response.status_code == 401 and b"Sign in again." in response.content
    assert not Comment.objects.exists()


def test_an_expired_token_is_refused(
    partner: EmbedOrigin, reader: Any, article: Any
) -> None:
    class ThreeHoursAgo(signing.TimestampSigner):
        def timestamp(self) -> str:
            return signing.b62_encode(int(time.time()) - 3 * 3600)

    fresh = issue_token(reader, PARTNER)
    token = ThreeHoursAgo(salt=SALT).sign_object(signing.loads(fresh, salt=SALT))
    assert _post_with(fresh, article).status_code == 200
    response = _post_with(token, article)
    assert response.status_code == 401 and b"expired" in response.content


def test_a_token_dies_with_its_origin_and_its_password(
    partner: EmbedOrigin, reader: Any, article: Any
) -> None:
    token = issue_token(reader, PARTNER)
    reader.set_password("a brand new passphrase")
    reader.save()
    assert _post_with(token, article).status_code == 401
    fresh = issue_token(reader, PARTNER)
    partner.enabled = False
    partner.save()
    response = _post_with(fresh, article)
    assert response.status_code == 401 and b"no longer" in response.content
    assert not Comment.objects.exists()


def test_a_token_works_only_inside_its_own_origins_pages(
    partner: EmbedOrigin, reader: Any, article: Any
) -> None:
    other = "https://other-partner.example.org"
    EmbedOrigin.objects.create(origin=other)
    token = issue_token(reader, other)
    response = Client().get(
        reverse("integrations:embed-thread"),
        {"origin": PARTNER, "article": article.pk},
        **{HEADER_META: token},
    )
    assert response.status_code == 403


def test_a_blocked_reader_cannot_post_with_a_token(
    partner: EmbedOrigin, reader: Any, article: Any
) -> None:
    from tests.moderation.factories import moderator_user
    from vestnik.moderation.actions.users import block_user

    token = issue_token(reader, PARTNER)
    block_user(moderator_user(), reader, rules=["spam"])
    response = _post_with(token, article)
    assert b"blocked" in response.content
    assert not Comment.objects.exists()


def test_the_handoff_script_posts_only_to_our_own_origin() -> None:
    from pathlib import Path

    script = (
        Path(__file__).resolve().parents[2]
        / "vestnik/integrations/static/integrations/embed-signed-in.js"
    ).read_text()
    # The one line that keeps the token from any window but our own.
    assert "opener.postMessage(handoff, window.location.origin)" in script


def test_a_frame_signed_in_by_cookie_leaves_tokens_aside(
    partner: EmbedOrigin, reader: Any, article: Any
) -> None:
    query = {"origin": PARTNER, "article": article.pk}
    url = reverse("integrations:embed-thread")
    by_cookie = login(reader).get(url, query).context["embed_config"]
    by_token = (
        Client()
        .get(url, query, **{HEADER_META: issue_token(reader, PARTNER)})
        .context["embed_config"]
    )
    anonymous = Client().get(url, query).context["embed_config"]
    assert (
        by_cookie["cookieReader"],
        by_token["cookieReader"],
        anonymous["cookieReader"],
    ) == (True, False, False)
    assert by_token["header"] == HEADER and by_token["origin"] == PARTNER


# --- signing out ends the token (#13, item 6) -------------------------------------


def test_signing_out_on_our_site_ends_the_tokens_that_session_issued(
    partner: EmbedOrigin, reader: Any, article: Any
) -> None:
    laptop, phone = login(reader), login(reader)
    token = issue_token(reader, browser=laptop)
    also_laptop = issue_token(reader, browser=laptop)
    on_phone = issue_token(reader, browser=phone)
    assert _post_with(token, article).status_code == 200
    assert laptop.post(reverse("account_logout")).status_code == 302
    for ended in (token, also_laptop):
        response = _post_with(ended, article, CLEAN + " Once more.")
        assert response.status_code == 401 and b"Sign in again" in response.content
    # Another browser's sign-in, and its token, go on.
    assert _post_with(on_phone, article, CLEAN + " From the phone.").status_code == 200
    assert Comment.objects.count() == 2


def test_the_frames_sign_out_ends_its_token_on_the_server(
    partner: EmbedOrigin, reader: Any, article: Any
) -> None:
    browser = login(reader)
    token, other = (
        issue_token(reader, browser=browser),
        issue_token(reader, browser=browser),
    )
    url = reverse("integrations:embed-sign-out")
    assert Client().get(url, **{HEADER_META: token}).status_code == 405
    response = Client(enforce_csrf_checks=True).post(url, **{HEADER_META: token})
    assert response.status_code == 204 and response["Cache-Control"] == "no-store"
    ended = _post_with(token, article)
    assert ended.status_code == 401 and b"You signed out" in ended.content
    assert EmbedSignIn.objects.filter(revoked_at__isnull=False).count() == 1
    # Only that token: the frame on another page keeps its own, and the pop-up's
    # session on our site stays signed in.
    assert _post_with(other, article).status_code == 200
    assert browser.get(reverse("accounts:profile")).status_code == 200
    # A forged or absent token revokes nothing and tells nothing.
    for headers in ({HEADER_META: "eyJ1IjoxfQ:forged:sig"}, {}):
        assert Client().post(url, **headers).status_code == 204
    assert EmbedSignIn.objects.filter(revoked_at__isnull=False).count() == 1


def test_a_password_change_on_our_site_ends_the_token(
    partner: EmbedOrigin, reader: Any, article: Any
) -> None:
    browser = login(reader)
    token = issue_token(reader, browser=browser)
    new = "another long pass phrase 7"
    changed = browser.post(
        "/accounts/password/change/",
        {"oldpassword": "correct horse battery", "password1": new, "password2": new},
    )
    assert changed.status_code == 302
    assert _post_with(token, article).status_code == 401
    # The site signs that browser out too (ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE);
    # signed in again, the reader gets a token that works.
    assert signed_in(browser).status_code == 404
    reader.refresh_from_db()  # the new password's session hash
    assert _post_with(issue_token(reader), article).status_code == 200


def test_deleting_the_account_ends_the_token_for_good(
    partner: EmbedOrigin, reader: Any, article: Any
) -> None:
    from vestnik.accounts.actions import restore_account, restore_token

    browser = login(reader)
    token = issue_token(reader, browser=browser)
    on_phone = issue_token(reader)
    deleted = browser.post(
        reverse("accounts:delete"), {"password": "correct horse battery"}
    )
    assert deleted.status_code == 302
    assert _post_with(token, article).status_code == 401
    reader.refresh_from_db()
    restore_account(restore_token(reader))
    # Restored within the grace period: the account is back, its old sign-ins
    # (on every device) are not.
    for old in (token, on_phone):
        assert _post_with(old, article).status_code == 401
    assert not Comment.objects.exists()
