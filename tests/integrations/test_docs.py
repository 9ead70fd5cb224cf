"""The examples of docs/api.md and docs/integrations.md, run against a live server.

Each ```sh block runs in bash with $VESTNIK, $KEY, $CORAL_SECRET,
$COMMENT_ID (a rejected comment) and $ARTICLE_ID (its article) set; its
output must have the shape of the ```json block that follows it (keys present;
the values that name an outcome equal). The webhook receiver's Python block is
run against our own signer, and the attribute table must equal the code's.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.moderation.factories import engine_judged, moderator_user
from vestnik.integrations import actions
from vestnik.integrations.attributes import table_markdown
from vestnik.integrations.signatures import webhook_signature

DOCS = Path(__file__).resolve().parents[2] / "docs"
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)
#: Values the examples promise; numbers, texts and versions may differ.
STABLE = {
    "action",
    "status",
    "code",
    "errorType",
    "clientToken",
    "dry_run",
    "article",
    "id",
    "reason",
    "actionType",
    "rule",
    "detail",
    "message",
    "type",
    "tags",
}
DATABASE_IDS = {"id", "article", "author", "parent"}  # vary from run to run
SHORTENED = {"scores", "versions", "timings_ms", "metadata"}


def examples(name: str) -> list[tuple[str, Any]]:
    """(shell, expected JSON or None) for each sh block of a page."""
    blocks = FENCE.findall((DOCS / name).read_text(encoding="utf-8"))
    out = []
    for i, (lang, body) in enumerate(blocks):
        if lang != "sh":
            continue
        following = blocks[i + 1] if i + 1 < len(blocks) else ("", "")
        out.append((body, json.loads(following[1]) if following[0] == "json" else None))
    return out


def matches(expected: Any, actual: Any, path: str = "") -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        for key, value in expected.items():
            assert key in actual, f"{path}.{key} missing"
            if key in SHORTENED:
                assert isinstance(actual[key], dict), f"{path}.{key}"
            elif isinstance(value, int) and key in DATABASE_IDS:
                assert isinstance(actual[key], int), f"{path}.{key}"
            elif key in STABLE and not isinstance(value, dict | list):
                assert actual[key] == value, f"{path}.{key}: {actual[key]!r}"
            else:
                matches(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), path
        for i, value in enumerate(expected):
            assert i < len(actual), f"{path}[{i}] missing"
            matches(value, actual[i], f"{path}[{i}]")


@pytest.fixture
def env(live_server: Any) -> dict[str, str]:
    from vestnik.engine import Submission, moderate

    moderate(Submission(text="warm the encoder up"))
    _, key = actions.create_client(
        "docs",
        scopes=["analyze", "moderation", "comments:read", "comments:write"],
        story_origins=["https://partner.example"],  # api.md's external story
        actor=moderator_user(),  # the key's moderation decisions act for them
    )
    coral = actions.add_coral("docs", time_budget_ms=10_000)
    comment = engine_judged({"insult-threat": 0.95}, action="reject")
    return {
        "VESTNIK": live_server.url,
        "KEY": key,
        "CORAL_SECRET": coral.secret,
        "COMMENT_ID": str(comment.pk),
        "ARTICLE_ID": str(comment.article_id),
        "PATH": "/usr/bin:/bin",
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("page", ["api.md", "integrations.md"])
def test_shell_examples(page: str, env: dict[str, str]) -> None:
    found = examples(page)
    assert found
    for shell, expected in found:
        done = subprocess.run(  # noqa: S603 - our own docs
            ["/bin/bash", "-euo", "pipefail", "-c", shell],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        if expected is None:
            assert done.stdout.strip() == "", shell
        else:
            matches(expected, json.loads(done.stdout), shell.splitlines()[0])


def test_receiver_example_verifies_our_signature() -> None:
    blocks = FENCE.findall((DOCS / "integrations.md").read_text(encoding="utf-8"))
    (code,) = [body for lang, body in blocks if lang == "python"]
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # noqa: S102 - our own docs
    verify = namespace["verify"]
    body = b'{"event":"comment.rejected"}'
    header = webhook_signature("whsec_test", int(time.time()), body)
    assert verify("whsec_test", header, body)
    assert not verify("whsec_other", header, body)
    assert not verify("whsec_test", header, body + b" ")
    old = webhook_signature("whsec_test", int(time.time()) - 3600, body)
    assert not verify("whsec_test", old, body)


def test_attribute_table_in_the_docs_is_the_codes() -> None:
    text = (DOCS / "integrations.md").read_text(encoding="utf-8")
    table = text.split("<!-- attributes:start -->\n")[1].split(
        "<!-- attributes:end -->"
    )[0]
    assert table.strip() == table_markdown()


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["api.md", "integrations.md"])
def test_console_examples(page: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each `$ vestnik ...` line of a ```console block runs (exit 0), and
    prints the lines shown under it, where `...` stands for anything."""
    import shlex

    from vestnik.cli import main

    blocks = FENCE.findall((DOCS / page).read_text(encoding="utf-8"))
    sessions: list[tuple[str, list[str]]] = []
    for lang, body in blocks:
        if lang != "console":
            continue
        for line in body.splitlines():
            if line.startswith("$ "):
                sessions.append((line[2:], []))
            elif sessions:
                sessions[-1][1].append(line)
    if page == "api.md":
        assert sessions
    for command, shown in sessions:
        argv = shlex.split(command)
        assert argv[0] == "vestnik", command
        assert main(argv[1:]) == 0, command
        printed = capsys.readouterr().out.splitlines()
        assert len(printed) >= len(shown), command
        for want, got in zip(shown, printed, strict=False):
            pattern = ".*".join(re.escape(part) for part in want.split("..."))
            assert re.fullmatch(pattern, got), f"{command}: {got!r} is not {want!r}"
