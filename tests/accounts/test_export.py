from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from vestnik.accounts.models import Consent, User
from vestnik.community.models import Comment
from vestnik.news.models import Article, Section

from .factories import PASSWORD
from .test_profile import png

pytestmark = pytest.mark.django_db


def test_download_my_data(client: Client, user: User) -> None:
    Consent.objects.create(
        user=user,
        source=Consent.Source.SIGNUP,
        policy_version="1",
        accepted_at=timezone.now(),
        ip_address="198.51.100.1",
        user_agent="UA",
        wording="By clicking 'Register' ...",
        community_standards=True,
    )
    section = Section.objects.create(name="City", slug="city")
    article = Article.objects.create(
        headline="H",
        slug="h",
        section=section,
        standfirst="S",
        status="published",
        publish_at=timezone.now(),
    )
    Comment.objects.create(
        article=article,
        author=user,
        body="My words",
        body_html="<p>My words</p>",
        status="published",
        created_at=timezone.now(),
    )
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    client.post(
        "/account/profile/avatar/",
        {"avatar": SimpleUploadedFile("a.png", png(40, 40), "image/png")},
    )

    response = client.get("/account/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == ["avatar.webp", "data.json"]
    data = json.loads(archive.read("data.json"))
    assert data["profile"]["email"] == user.email
    assert data["profile"]["display_name"] == user.display_name
    assert data["email_addresses"] == [
        {"email": user.email, "verified": True, "primary": True}
    ]
    assert data["consents"][0]["ip_address"] == "198.51.100.1"
    assert [c["body"] for c in data["comments"]] == ["My words"]
    for section in (
        "reports",
        "reactions",
        "moderation_decisions",
        "sanctions",
        "appeals",
    ):
        assert data[section] == []
    assert archive.read("avatar.webp")[:4] == b"RIFF"


def test_export_needs_login(client: Client) -> None:
    assert client.get("/account/export/").status_code == 302
