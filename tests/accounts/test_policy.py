from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from vestnik.accounts.models import Consent, User
from vestnik.accounts.queries import needs_policy_acceptance
from vestnik.news.models import PrivacyPolicy

from .factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_new_policy_version_must_be_accepted(client: Client, user: User) -> None:
    first = PrivacyPolicy.objects.create(
        version="1.0",
        text="v1",
        effective_at=timezone.now() - timezone.timedelta(days=10),
    )
    Consent.objects.create(
        user=user,
        source=Consent.Source.SIGNUP,
        policy_version=first.version,
        accepted_at=timezone.now(),
        wording="...",
        community_standards=True,
    )
    assert not needs_policy_acceptance(user)
    PrivacyPolicy.objects.create(version="2.0", text="v2", effective_at=timezone.now())
    assert needs_policy_acceptance(user)

    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    page = client.get("/account/policy/?next=/news/a/").content.decode()
    assert "Our privacy policy has changed" in page
    assert "version 2.0" in page
    response = client.post("/account/policy/", {"next": "/news/a/"})
    assert response["Location"] == "/news/a/"
    assert not needs_policy_acceptance(user)
    consent = Consent.objects.filter(user=user).latest("accepted_at")
    assert consent.source == Consent.Source.POLICY_UPDATE
    assert consent.policy_version == "2.0"
    assert "(version 2.0)" in consent.wording


def test_anonymous_and_no_policy_need_nothing(user: User) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert not needs_policy_acceptance(AnonymousUser())
    assert not needs_policy_acceptance(user)


def test_policy_page_refuses_offsite_next(client: Client, user: User) -> None:
    PrivacyPolicy.objects.create(version="3", text="v3", effective_at=timezone.now())
    client.force_login(user)
    response = client.post("/account/policy/", {"next": "https://evil.example/"})
    assert response["Location"] == "/account/profile/"
