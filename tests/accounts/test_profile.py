from __future__ import annotations

import io
import os
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from vestnik.accounts.models import User

from .factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client: Client, user: User) -> Client:
    assert (
        client.post(
            "/accounts/login/", {"login": user.email, "password": PASSWORD}
        ).status_code
        == 302
    )
    return client


def png(width: int, height: int, mode: str = "RGB", noise: bool = False) -> bytes:
    if noise:
        image = Image.frombytes(
            mode, (width, height), os.urandom(width * height * len(mode))
        )
    else:
        image = Image.new(mode, (width, height), "teal")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def bomb_png(side: int = 60_000) -> bytes:
    """A tiny PNG whose header claims side x side pixels (3.6 gigapixels by default)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def upload(client: Client, content: bytes, name: str = "me.png") -> object:
    return client.post(
        "/account/profile/avatar/",
        {"avatar": SimpleUploadedFile(name, content, "image/png")},
    )


def test_profile_shows_greeting_and_default_avatar(
    logged_in: Client, user: User
) -> None:
    page = logged_in.get("/account/profile/").content.decode()
    assert f"Hello, {user.display_name}!" in page
    assert f"/account/avatar/{user.pk}.svg" in page
    svg = logged_in.get(f"/account/avatar/{user.pk}.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert f">{user.initials}</text>" in svg.content.decode()


def test_default_avatar_escapes_names(client: Client, user: User) -> None:
    user.display_name = "<script> x"
    user.save()
    body = client.get(f"/account/avatar/{user.pk}.svg").content.decode()
    assert "<script" not in body and "&lt;X" in body


def test_change_display_name(logged_in: Client, user: User) -> None:
    response = logged_in.post("/account/profile/", {"display_name": "  Ivan   Ivanov "})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name == "Ivan Ivanov"
    bad = logged_in.post("/account/profile/", {"display_name": "x" * 81})
    assert bad.status_code == 200
    assert "Ensure this value has at most 80 characters" in bad.content.decode()
    assert ("x" * 81) in bad.content.decode()


def test_avatar_is_reencoded_and_resized(logged_in: Client, user: User) -> None:
    response = upload(logged_in, png(800, 600))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.avatar.name.endswith(".webp")
    with user.avatar.open("rb") as f:
        stored = Image.open(f)
        assert stored.format == "WEBP"
        assert stored.size == (256, 256)
    assert user.avatar.url in logged_in.get("/account/profile/").content.decode()


@pytest.mark.parametrize(
    "content, name, message",
    [
        (
            b"%PDF-1.4 not an image at all",
            "me.png",
            "The file is not an image we can read",
        ),
        (b"GIF89a" + b"\0" * 40, "me.gif", "The file is not an image we can read"),
        (bomb_png(), "bomb.png", "too large in pixels to be processed safely"),
        # Under Pillow's own limit but over ours (40 Mpx): refused before decoding.
        (bomb_png(7_000), "big.png", "too large in pixels to be processed safely"),
    ],
)
def test_bad_avatar_is_refused_with_clear_message(
    logged_in: Client, user: User, content: bytes, name: str, message: str
) -> None:
    response = upload(logged_in, content, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    user.refresh_from_db()
    assert not user.avatar


def test_oversized_avatar_is_refused(logged_in: Client, user: User, settings) -> None:
    settings.VESTNIK_AVATAR_MAX_BYTES = 50 * 1024
    response = upload(logged_in, png(300, 300, noise=True))
    assert response.status_code == 400
    assert "The image is too large" in response.content.decode()
    assert "at most 50 KB" in response.content.decode()
    user.refresh_from_db()
    assert not user.avatar


def test_profile_requires_login_and_csrf(user: User) -> None:
    anonymous = Client()
    assert anonymous.get("/account/profile/").status_code == 302
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert (
        strict.post("/account/profile/", {"display_name": "Hacker"}).status_code == 403
    )
