"""The console in a real browser: clear a queue by keyboard, block, appeal, accept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.moderation.factories import UserFactory, engine_judged, moderator_user
from vestnik.community.models import Comment
from vestnik.moderation.models import (
    Appeal,
    AppealStatus,
    Block,
    Decision,
    DecisionKind,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def session_for(user: Any, browser: Any, base_url: str) -> Any:
    client = Client()
    client.force_login(user)
    context = browser.new_context(
        base_url=base_url, viewport={"width": 1280, "height": 900}
    )
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


def test_moderator_clears_queue_blocks_and_accepts_appeal(
    browser: Any, live_server: Any, artifacts_dir: Path
) -> None:
    moderator = moderator_user("browser-mod")
    offender = UserFactory(username="offender")
    first = engine_judged(
        {"form": 0.62}, "hold", body="WHY is the library CLOSED on Sundays? Fix it."
    )
    second = engine_judged(
        {"spam": 0.91},
        "hold",
        author=offender,
        body="Earn money fast from home, visit my site for the secret scheme today.",
    )
    third = engine_judged(
        {"language": 0.7}, "hold", body="Библиотека должна работать дольше."
    )

    page = session_for(moderator, browser, live_server.url)
    page.goto("/moderation/queue/held/")
    # Priority order: the strongest engine score first (spam 0.91, language 0.7, form 0.62).
    page.wait_for_selector(f"#item-{second.pk}.current")
    page.screenshot(path=str(artifacts_dir / "moderation-console.png"), full_page=True)

    # r, type the rule, Enter: reject the spam; a: approve the next two.
    page.keyboard.press("r")
    page.keyboard.type("spam")
    page.keyboard.press("Enter")
    page.wait_for_selector(f'#item-{second.pk}[data-decided="1"]')
    page.wait_for_selector(f"#item-{third.pk}.current")
    page.keyboard.press("a")
    page.wait_for_selector(f'#item-{third.pk}[data-decided="1"]')
    page.wait_for_selector(f"#item-{first.pk}.current")
    page.keyboard.press("a")
    page.wait_for_selector(f'#item-{first.pk}[data-decided="1"]')
    page.wait_for_selector("#queue-empty-live")

    statuses = dict(
        Comment.objects.filter(pk__in=[first.pk, second.pk, third.pk]).values_list(
            "pk", "status"
        )
    )
    assert statuses == {
        first.pk: "published",
        second.pk: "rejected",
        third.pk: "published",
    }
    assert Decision.objects.get(comment=second, kind=DecisionKind.REJECT).rules == [
        "spam"
    ]

    # Block the offender from their page.
    page.goto(f"/moderation/users/{offender.pk}/")
    page.select_option("#block-form select[name=rules]", ["spam"])
    page.fill("#block-form textarea[name=note]", "advertising scheme")
    page.click("#block-form button[type=submit]")
    page.wait_for_selector("text=first block; appealable")
    assert Block.objects.get(user=offender).number == 1

    # The offender appeals from the site.
    user_page = session_for(offender, browser, live_server.url)
    user_page.goto("/moderation/account/")
    assert user_page.input_value("#id_user_id") == str(offender.pk)
    user_page.fill(
        "#id_explanation",
        "I posted an advert for a money scheme in the comments. I understand it breaks the spam rule.",
    )
    user_page.click("#appeal-form button[type=submit]")
    user_page.wait_for_selector("#appeal-open")
    appeal = Appeal.objects.get(user=offender)

    # The moderator accepts it.
    page.goto("/moderation/appeals/")
    page.click(f'a[href="/moderation/appeals/{appeal.pk}/"]')
    page.fill(
        "#appeal-decision textarea[name=reason]", "Accepted: please keep to the rules."
    )
    page.click("text=Accept: restore access")
    page.wait_for_selector("text=Access restored")
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.ACCEPTED
    assert Block.objects.get(user=offender).lifted_at is not None

    user_page.goto("/moderation/account/")
    user_page.wait_for_selector("#not-blocked")

    page.goto("/moderation/transparency/")
    page.wait_for_selector("svg.chart")
    page.screenshot(
        path=str(artifacts_dir / "moderation-transparency.png"), full_page=True
    )
