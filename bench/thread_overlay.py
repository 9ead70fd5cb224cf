"""A logged-in reader's thread page: the shared fragment plus their state, against
a full render for them and against the anonymous cached page, in one run.

    python -m bench.thread_overlay --comments 200 --requests 200

In-process (Django's test client, no HTTP server), on a fresh SQLite database in
a temporary folder seeded by `vestnik.community.seed`: one article with
`--comments` comments. The logged-in reader has written a few of them and
reacted to others. Each figure is the median milliseconds per request over
`--requests` requests; the ratios compare them within this run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from typing import Any


def _median_ms(client: Any, url: str, n: int) -> float:
    client.get(url)  # warm: the fragment, the header's cache
    times = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times)


def run(comments: int = 200, requests: int = 200) -> dict[str, float]:
    folder = tempfile.mkdtemp(prefix="vestnik-overlay-")
    os.environ["VESTNIK_VAR_DIR"] = folder
    for name in ("DATABASE_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.site.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from vestnik.accounts.models import User
    from vestnik.community import overlay
    from vestnik.community.actions.threads import bump_thread
    from vestnik.community.models import Comment, Reaction
    from vestnik.community.seed import seed

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.STORAGES = {  # no collectstatic manifest in a temporary site
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    call_command("migrate", verbosity=0)
    seed(comments=comments, users=50, articles=1)
    article_id = Comment.objects.values_list("article_id", flat=True).first()
    reader = User.objects.create_user(username="bench-reader", email="r@example.org")
    roots = list(
        Comment.objects.filter(article_id=article_id, depth=0).order_by("-id")[:40]
    )
    Comment.objects.filter(pk__in=[c.pk for c in roots[:3]]).update(author=reader)
    for comment in roots[3:20]:
        Reaction.objects.create(comment=comment, user=reader, kind="agree")
    bump_thread(article_id)
    url = f"/comments/article/{article_id}/"

    anonymous = _median_ms(Client(), url, requests)
    member = Client()
    member.force_login(reader)
    shared = _median_ms(member, url, requests)
    real = overlay.personal_fragment
    overlay.personal_fragment = lambda *a, **k: None  # type: ignore[assignment]
    try:
        full = _median_ms(member, url, requests)
    finally:
        overlay.personal_fragment = real  # type: ignore[assignment]
    figures = {
        "comments": comments,
        "anonymous_ms": round(anonymous, 2),
        "logged_in_shared_ms": round(shared, 2),
        "logged_in_full_render_ms": round(full, 2),
        "full_over_shared": round(full / shared, 2),
        "shared_over_anonymous": round(shared / anonymous, 2),
    }
    for key, value in figures.items():
        print(f"{key:28} {value}")
    return figures


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--comments", type=int, default=200)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args(argv)
    run(args.comments, args.requests)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
