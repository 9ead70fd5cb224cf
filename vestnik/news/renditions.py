"""Responsive renditions of uploaded photos, made with Pillow.

Each photo gets JPEG copies at the widths in RENDITION_WIDTHS (never wider than
the original), stored beside the uploads; templates use them for `srcset`.
"""

from __future__ import annotations

import io
from typing import IO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

from vestnik.news.app_settings import app_settings

JPEG_QUALITY = 82


def rendition_path(photo_id: int, width: int) -> str:
    return f"renditions/{photo_id}/{width}.jpg"


def make_renditions(photo_id: int, source: IO[bytes]) -> dict[str, str]:
    """Write one JPEG per width and return {"640": "renditions/7/640.jpg", ...}."""
    with Image.open(source) as opened:
        image = ImageOps.exif_transpose(opened) or opened
        if image.mode not in ("RGB", "L"):
            background = Image.new("RGB", image.size, (255, 255, 255))
            rgba = image.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            image = background
        widths = sorted({w for w in app_settings.RENDITION_WIDTHS if w < image.width})
        widths.append(min(image.width, max(app_settings.RENDITION_WIDTHS)))
        result: dict[str, str] = {}
        for width in sorted(set(widths)):
            height = max(1, round(image.height * width / image.width))
            resized = (
                image
                if width == image.width
                else image.resize((width, height), Image.Resampling.LANCZOS)
            )
            buffer = io.BytesIO()
            resized.convert("RGB").save(
                buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True
            )
            path = rendition_path(photo_id, width)
            if default_storage.exists(path):
                default_storage.delete(path)
            result[str(width)] = default_storage.save(
                path, ContentFile(buffer.getvalue())
            )
    return result
