"""Template helpers for news pages: publication times, responsive images, URLs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from vestnik.news.models import Photo
from vestnik.news.queries import header_links

register = template.Library()


@register.filter
def pubtime(value: datetime | None) -> str:
    """ "14:52 GMT+3, 10 March 2017" in the site's time zone."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    offset = local.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    if minutes == 0:
        zone = "GMT"
    else:
        sign = "+" if minutes > 0 else "-"
        hours, mins = divmod(abs(minutes), 60)
        zone = f"GMT{sign}{hours}" + (f":{mins:02d}" if mins else "")
    return f"{local:%H:%M} {zone}, {local.day} {local:%B %Y}"


@register.filter
def isotime(value: datetime | None) -> str:
    return value.isoformat() if value else ""


@register.filter
def absolute(path: str) -> str:
    """A site-relative URL made absolute with SITE_URL (canonical links, OpenGraph)."""
    if not path or path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path}"


def _rendition_urls(photo: Photo) -> list[tuple[int, str]]:
    return sorted(
        (int(width), default_storage.url(path))
        for width, path in (photo.renditions or {}).items()
    )


@register.filter
def photo_url(photo: Photo | None, width: int = 1280) -> str:
    """The URL of the rendition closest to `width` (the original if none were made)."""
    if photo is None:
        return ""
    renditions = _rendition_urls(photo)
    if not renditions:
        return str(photo.image.url) if photo.image else ""
    wide_enough = [url for w, url in renditions if w >= int(width)]
    return wide_enough[0] if wide_enough else renditions[-1][1]


@register.simple_tag
def picture(
    photo: Photo | None,
    sizes: str = "100vw",
    css: str = "",
    eager: bool = False,
    width: int = 960,
) -> str:
    """An <img> with srcset from the photo's renditions and its alt text."""
    if photo is None:
        return ""
    renditions = _rendition_urls(photo)
    srcset = ", ".join(f"{url} {w}w" for w, url in renditions)
    height = round(photo.height * width / photo.width) if photo.width else ""
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" height="{}" class="{}"'
        ' loading="{}" decoding="async">',
        photo_url(photo, width),
        srcset,
        sizes,
        photo.alt_text,
        width,
        height,
        css,
        "eager" if eager else "lazy",
    )


@register.simple_tag
def news_header() -> dict[str, Any]:
    return header_links()


@register.filter
def policy_markdown(text: str) -> str:
    """Editor-written Markdown (privacy policy), sanitised: no scripts, no raw HTML tricks."""
    import markdown
    import nh3

    return mark_safe(nh3.clean(markdown.markdown(text or "")))  # noqa: S308
