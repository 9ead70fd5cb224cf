"""Rulebook settings: publisher-admins edit, a dry run shows the effect, then save."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.moderation.factories import CommentFactory, engine_judged
from vestnik.moderation.forms import RulebookSettingsForm
from vestnik.moderation.models import Decision, DecisionKind, RulebookSettings
from vestnik.moderation.rulebook_store import base_rulebook, current_rulebook

pytestmark = pytest.mark.django_db

CAPS = "THIS COUNCIL NEVER LISTENS TO ANYONE AND THE LIBRARY BUDGET IS A COMPLETE JOKE EVERY YEAR"
CLEAN = (
    "Longer opening hours will help students who work during the day. I hope it lasts."
)


def form_data(**changes: Any) -> dict[str, Any]:
    """The settings form as the page posts it, with the rulebook in force."""
    book = current_rulebook()
    form = RulebookSettingsForm(base=base_rulebook(), current=book)
    data: dict[str, Any] = {
        "site_languages": ", ".join(book.site_languages),
        "language_action": book.language_action,
        "publisher_names": "\n".join(book.publisher_names),
        "allowed_domains": "\n".join(book.allowed_domains),
        "escalation_rejections": 3,
        "escalation_window_days": 7,
        "public_transparency": "on",
        "note": "",
        "dry_run_last": 50,
    }
    for rid in form.rule_ids:
        rule = book[rid]
        if rule.enabled:
            data[f"rule__{rid}__enabled"] = "on"
        data[f"rule__{rid}__outcome"] = rule.outcome.value
        data[f"rule__{rid}__threshold"] = rule.threshold
        data[f"rule__{rid}__hold_threshold"] = (
            "" if rule.hold_threshold is None else rule.hold_threshold
        )
        data[f"rule__{rid}__wording"] = rule.wording
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_page_renders_every_rule(admin_client_: Any) -> None:
    response = admin_client_.get(reverse("moderation:settings"))
    assert response.status_code == 200
    html = response.content.decode()
    for rid in current_rulebook().rule_ids:
        assert f"rule__{rid}__wording" in html


def test_dry_run_shows_what_would_change_then_save(
    admin_client_: Any, publisher_admin: Any
) -> None:
    shouting = CommentFactory(body=CAPS, created_at=timezone.now())
    CommentFactory(body=CLEAN, created_at=timezone.now())
    settings_url = reverse("moderation:settings")
    data = form_data(**{"rule__form__enabled": None})  # switch the `form` rule off

    # Saving without a dry run is refused.
    refused = admin_client_.post(settings_url, {**data, "do": "save"})
    assert refused.status_code == 422
    assert not RulebookSettings.objects.exists()

    response = admin_client_.post(settings_url, {**data, "do": "dry-run"})
    assert response.status_code == 200
    result = response.context["result"]
    assert result.scored == 2
    changed = {c.comment_id: c for c in result.changes}
    assert shouting.pk in changed
    assert changed[shouting.pk].before_action == "hold"
    assert changed[shouting.pk].after_action == "publish"
    assert "form" in changed[shouting.pk].before_rules
    assert "form" not in changed[shouting.pk].after_rules
    html = response.content.decode()
    assert 'id="dry-run"' in html and 'id="save-settings"' in html
    assert not RulebookSettings.objects.exists()  # a dry run saves nothing
    assert not Decision.objects.filter(kind=DecisionKind.ENGINE_VERDICT).exists()

    # A different proposal can't be saved with this dry run's token.
    token = response.context["reviewed"]
    other = admin_client_.post(
        settings_url,
        {**data, "rule__spam__threshold": 0.95, "reviewed": token, "do": "save"},
    )
    assert other.status_code == 422
    saved = admin_client_.post(
        settings_url, {**data, "reviewed": token, "do": "save", "note": "form off"}
    )
    assert saved.status_code == 302
    stored = RulebookSettings.objects.get()
    assert stored.version == 1 and stored.overrides == {
        "rules": {"form": {"enabled": False}}
    }
    assert stored.created_by == publisher_admin
    assert not current_rulebook()["form"].enabled
    assert Decision.objects.filter(
        kind=DecisionKind.RULEBOOK_CHANGE, actor=publisher_admin
    ).exists()


def test_wording_change_reaches_the_statement_of_reasons(
    admin_client_: Any, mod_client: Any
) -> None:
    data = form_data(**{"rule__spam__wording": "advertises things nobody asked for"})
    token = admin_client_.post(
        reverse("moderation:settings"), {**data, "do": "dry-run"}
    ).context["reviewed"]
    admin_client_.post(
        reverse("moderation:settings"), {**data, "reviewed": token, "do": "save"}
    )
    comment = engine_judged({"spam": 0.9}, "hold")
    mod_client.post(
        reverse("moderation:reject", args=[comment.pk]), {"rules": ["spam"]}
    )
    decision = Decision.objects.get(kind=DecisionKind.REJECT)
    assert "advertises things nobody asked for" in decision.reasons


@pytest.mark.parametrize(
    "change",
    [
        {"rule__spam__threshold": "2"},
        {"rule__spam__outcome": "explode"},
        {"language_action": "delete"},
        {"escalation_window_days": "0"},
        {"site_languages": ""},
        {"rule__spam__wording": ""},
    ],
)
def test_bad_settings_are_explained_not_500(
    admin_client_: Any, change: dict[str, str]
) -> None:
    response = admin_client_.post(
        reverse("moderation:settings"), {**form_data(**change), "do": "dry-run"}
    )
    assert response.status_code == 422
    assert not RulebookSettings.objects.exists()


def test_site_settings_are_layered(admin_client_: Any) -> None:
    data = form_data(
        site_languages="ru, en",
        language_action="remove",
        publisher_names="Vestnik\nIvan Petrov",
        allowed_domains="vestnik.example",
    )
    token = admin_client_.post(
        reverse("moderation:settings"), {**data, "do": "dry-run"}
    ).context["reviewed"]
    admin_client_.post(
        reverse("moderation:settings"), {**data, "reviewed": token, "do": "save"}
    )
    book = current_rulebook()
    assert book.site_languages == ("ru", "en")
    assert book.language_action == "remove"
    assert "Ivan Petrov" in book.publisher_names
    assert book.allowed_domains == ("vestnik.example",)
