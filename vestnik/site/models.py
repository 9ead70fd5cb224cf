"""Site-wide infrastructure tables: shared counters for rate limits."""

from __future__ import annotations

from django.db import models


class RateCounter(models.Model):
    """One fixed-window counter (key already names the window), shared by every
    web process through the database when no Redis is configured."""

    key = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}={self.count}"
