"""A web worker's warm-up (vestnik/site/warmup.py): the engine loaded, and the
start-up objects frozen out of the garbage collector's full collections (#14)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from vestnik.engine import encoder
from vestnik.site.warmup import warm_up_worker


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the test run collects as before


def test_warm_up_loads_the_engine_and_freezes_what_is_alive(unfrozen: None) -> None:
    encoder._ENCODERS.clear()
    tracked = len(gc.get_objects())
    frozen = warm_up_worker()
    assert encoder._ENCODERS, "the encoder is loaded"
    assert frozen == gc.get_freeze_count()
    assert frozen >= tracked // 2
    # What a full collection walks now is what the worker allocates from here on.
    assert len(gc.get_objects()) < frozen // 10
