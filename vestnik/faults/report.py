"""What a drill says as it goes: its steps, its checks, its figures."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Any, TextIO


@dataclass
class Drill:
    name: str
    out: TextIO = sys.stdout
    checks: list[tuple[bool, str]] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)
    skipped: str = ""  # why the drill could not run here (not a failure)

    def step(self, text: str) -> None:
        print(
            f"  [{time.monotonic() - self.started:6.1f}s] {text}",
            file=self.out,
            flush=True,
        )

    def check(self, ok: bool, text: str) -> bool:
        self.checks.append((ok, text))
        print(f"  {'ok  ' if ok else 'FAIL'}  {text}", file=self.out, flush=True)
        return ok

    def figure(self, name: str, value: Any) -> None:
        self.figures[name] = value
        print(f"  figure  {name} = {value}", file=self.out, flush=True)

    def skip(self, why: str) -> None:
        self.skipped = why
        print(f"  skip  {why}", file=self.out, flush=True)

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(ok for ok, _ in self.checks)
