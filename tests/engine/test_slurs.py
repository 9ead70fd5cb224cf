"""The identity-slur table: plural and possessive forms, groups, homonyms."""

from __future__ import annotations

import pytest

from vestnik.engine.slurs import (
    GROUP_LABELS,
    HOMONYMS,
    SLURS,
    TARGET_GROUPS,
    slur_group,
)


@pytest.mark.parametrize(
    ("word", "group"),
    [
        ("kike", "jewish"),
        ("Kikes", "jewish"),
        ("towelheads", "muslim"),
        ("trannies", "trans"),
        ("tranny", "trans"),
        ("sand nigger", "arab"),
        ("retards", "disabled"),
        ("wetback's", "latino"),
        ("neighbour", None),
        ("muslim", None),  # a group's name is not a slur
    ],
)
def test_slur_group(word: str, group: str | None) -> None:
    assert slur_group(word) == group


def test_every_slur_targets_a_known_group() -> None:
    assert set(SLURS.values()) <= set(TARGET_GROUPS)
    assert set(GROUP_LABELS) == set(TARGET_GROUPS) - {"none"}


def test_homonyms_are_listed_slurs() -> None:
    assert set(SLURS) >= HOMONYMS
