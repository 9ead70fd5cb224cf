"""One parser for ids that arrive as text (query strings, form fields).

`str.isdigit()` accepts '²' and other Unicode digits that `int()` refuses, and a
30-digit id overflows the database's bigint: both were server errors (#14).
"""

from __future__ import annotations

# BigAutoField: PostgreSQL bigint, SQLite's 64-bit INTEGER.
MAX_ID = 2**63 - 1


def parse_id(raw: object) -> int | None:
    """A positive database id from ASCII digits, or None for anything else."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw if 0 < raw <= MAX_ID else None
    if not isinstance(raw, str) or not raw or len(raw) > 19:
        return None
    if not (raw.isascii() and raw.isdigit()):
        return None
    value = int(raw)
    return value if 0 < value <= MAX_ID else None
