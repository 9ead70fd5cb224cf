"""Settings for bench/scale_1m.py: the site's own, with no cache at all.

The scale bench measures what a page costs to compute at 10k and at 1M comments,
so every fragment, queue count and transparency report is computed per request
(a cache hit would hide how the queries grow). Nothing else differs.
"""

from vestnik.site.settings import *  # noqa: F403 - the site's settings, one override

CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
