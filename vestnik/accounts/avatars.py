"""Avatar images: validate an upload, re-encode it, and draw the default avatar.

Uploads are decoded with Pillow, never stored as sent: the re-encoded WebP drops
metadata (EXIF GPS, comments) and anything that only pretends to be an image.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from html import escape

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

from vestnik.accounts.app_settings import app_settings

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
_PALETTE = ["#1f6f8b", "#99582a", "#6a4c93", "#2d6a4f", "#9d0208", "#3a506b", "#7f5539"]


class MediaUnavailableError(ValidationError):
    """A valid picture that the media storage could not take (disk full)."""


def process_avatar(upload: UploadedFile) -> ContentFile[bytes]:
    """Return a square WebP of AVATAR_SIZE pixels, or raise ValidationError with a clear message."""
    max_bytes = app_settings.AVATAR_MAX_BYTES
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            f"The image is too large ({upload.size // 1024} KB). "
            f"Please upload a file of at most {max_bytes // 1024} KB.",
            code="too_large",
        )
    max_pixels = app_settings.AVATAR_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(upload)
            width, height = image.size
            if width * height > max_pixels:
                raise Image.DecompressionBombError("too many pixels")
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    "Please upload a JPEG, PNG, GIF or WebP image.", code="format"
                )
            image.load()
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            "This image is too large in pixels to be processed safely "
            f"(at most {max_pixels // 1_000_000} megapixels). Please upload a smaller image.",
            code="bomb",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            "The file is not an image we can read. Please upload a JPEG, PNG, GIF or WebP image.",
            code="not_image",
        ) from exc
    size = app_settings.AVATAR_SIZE
    image = ImageOps.fit(image, (size, size), method=Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="WEBP", quality=85)
    return ContentFile(out.getvalue(), name="avatar.webp")


def default_avatar_svg(initials: str, seed: str) -> str:
    """A round SVG avatar with the user's initials on a colour chosen from a stable seed."""
    digest = hashlib.sha256(seed.encode()).digest()
    colour = _PALETTE[digest[0] % len(_PALETTE)]
    text = escape(initials[:2] or "?")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96" '
        'role="img" aria-label="Avatar">'
        f'<circle cx="48" cy="48" r="48" fill="{colour}"/>'
        '<text x="48" y="48" dy=".35em" text-anchor="middle" fill="#fff" '
        'font-family="system-ui, sans-serif" font-size="38" font-weight="600">'
        f"{text}</text></svg>"
    )
