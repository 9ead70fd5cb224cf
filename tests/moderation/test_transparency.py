"""The transparency report: counts per rule, automated vs human, agreement, appeals."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.moderation.factories import UserFactory, engine_judged
from vestnik.moderation.actions.appeals import file_appeal, refuse_appeal
from vestnik.moderation.actions.users import block_user
from vestnik.moderation.models import RulebookSettings
from vestnik.moderation.transparency import build_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(mod_client: Any, moderator: Any) -> None:
    confirmed = engine_judged({"spam": 0.9}, "hold")
    overturned = engine_judged({"spam": 0.6}, "hold")
    missed = engine_judged(action="publish")
    engine_judged({"malware": 0.99}, "reject")
    mod_client.post(
        reverse("moderation:reject", args=[confirmed.pk]), {"rules": ["spam"]}
    )
    mod_client.post(reverse("moderation:approve", args=[overturned.pk]))
    mod_client.post(
        reverse("moderation:reject", args=[missed.pk]), {"rules": ["trolling"]}
    )
    user = UserFactory(username="blocked")
    block_user(moderator, user, rules=["spam"])
    appeal = file_appeal(user, user_id_claimed=str(user.pk), explanation="x" * 60)
    refuse_appeal(moderator, appeal, reason="Not convincing.")


def test_report_figures(history: None) -> None:
    report = build_report(28)
    assert report.automated == {"hold": 2, "publish": 1, "reject": 1}
    assert report.human == {"reject": 2, "publish": 1}
    assert (
        report.overrides == 2
    )  # the approval of a flagged comment, the rejection of a published one
    agreement = {a.rule: a for a in report.agreement}
    assert (agreement["spam"].confirmed, agreement["spam"].overturned) == (1, 1)
    assert agreement["spam"].agreement == 0.5
    assert agreement["trolling"].missed == 1
    assert report.per_rule_total["spam"] == {"engine": 2, "human": 1}
    assert report.per_rule_total["malware"] == {"engine": 1, "human": 0}
    assert sum(report.per_rule_week["spam"]) == 3
    assert report.appeals == {"open": 0, "accepted": 0, "refused": 1}
    assert (
        report.median_decision_hours is not None
        and report.median_appeal_hours is not None
    )
    assert report.blocks == 1


def test_publisher_page_has_charts_and_tables(history: None, mod_client: Any) -> None:
    response = mod_client.get(reverse("moderation:transparency"), {"days": "28"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="chart"') == 3
    assert "Engine–moderator agreement per rule" in html
    assert "<code>spam</code>" in html and "refused" in html


def test_public_summary_follows_the_setting(
    history: None, publisher_admin: Any
) -> None:
    client = Client()
    response = client.get(reverse("moderation:transparency-public"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="chart"') == 3
    assert 'class="console-nav"' not in html  # no console links for the public
    assert (
        "missed by the engine" not in html
    )  # the per-rule detail table is for the publisher
    RulebookSettings.objects.create(
        version=1, public_transparency=False, created_by=publisher_admin
    )
    assert client.get(reverse("moderation:transparency-public")).status_code == 404


def test_api_transparency(history: None, mod_client: Any) -> None:
    data = mod_client.get("/api/moderation/transparency?days=28").json()
    assert data["human"] == {"reject": 2, "publish": 1}
    assert data["appeals"]["refused"] == 1
