"""`vestnik check`: moderate text from the command line.

    vestnik check "some comment"            readable verdict, evidence highlighted
    vestnik check --json "some comment"     the verdict as JSON
    vestnik check --jsonl < comments.jsonl  one JSON verdict per input line, same order
    vestnik check --config site.toml ...    a publisher's overrides (JSON or TOML)

JSON lines input fields: id, text (required), author, thread, time (ISO 8601),
article ({"title", "standfirst", "body", "discussion": [earlier comments,
oldest first]}), language. State (flooding,
flash-mob) carries across the lines of one run, in input order. A bad line
gets an error object ({"id", "line", "error"}) in its place; the run goes on.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

# The engine is imported inside the functions: `vestnik --help` builds every
# command's parser, and must not pay for the engine's imports.


#: Lines per `moderate_batch` call with ``--device cuda`` (one GPU pass each).
CUDA_CHUNK = 4096


class InputError(ValueError):
    """One JSON line that cannot be moderated; the message says why."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="?", help="the comment to check (or use --jsonl)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print the verdict as JSON")
    mode.add_argument(
        "--jsonl",
        action="store_true",
        help="read JSON lines on stdin, write one verdict per line",
    )
    parser.add_argument(
        "--config", type=Path, help="publisher overrides, a JSON or TOML file"
    )
    parser.add_argument("--title", default="", help="the article's title (for context)")
    parser.add_argument(
        "--device",
        choices=("cpu", "cuda"),
        default="cpu",
        help="where the sentence encoder runs: cpu (int8 ONNX, default) or cuda "
        "(float16 on an NVIDIA GPU; with --jsonl, lines go through in chunks of "
        f"{CUDA_CHUNK})",
    )
    parser.add_argument(
        "--fast-path",
        action="store_true",
        help="only the detectors that need no sentence encoder (no model load)",
    )


def load_overrides(path: Path) -> Mapping[str, object]:
    """Read a publisher's overrides file (TOML by extension, else JSON)."""
    raw = path.read_bytes()
    if path.suffix.lower() == ".toml":
        return tomllib.loads(raw.decode("utf-8"))
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("the config must be a JSON object")
    return data


def parse_time(value: object) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError("time must be an ISO 8601 string")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"time is not ISO 8601: {value[:40]!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _opt_str(item: Mapping[str, Any], key: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(f"{key} must be a string")
    return str(value)


def parse_item(item: object) -> tuple[Any, Any]:
    """A JSON line's object -> (Submission, ArticleContext | None)."""
    from vestnik.engine import ArticleContext, Submission

    if not isinstance(item, dict):
        raise InputError("each line must be a JSON object")
    text = item.get("text")
    if not isinstance(text, str):
        raise InputError("text is required and must be a string")
    article = item.get("article")
    article_ctx = None
    if article is not None:
        if not isinstance(article, dict):
            raise InputError(
                "article must be an object with title, standfirst, body, discussion"
            )
        fields = {}
        for key in ("title", "standfirst", "body"):
            value = article.get(key, "")
            if not isinstance(value, str):
                raise InputError(f"article.{key} must be a string")
            fields[key] = value
        discussion = article.get("discussion", [])
        if not isinstance(discussion, list) or not all(
            isinstance(t, str) for t in discussion
        ):
            raise InputError("article.discussion must be a list of strings")
        article_ctx = ArticleContext(
            **fields, id=_opt_str(article, "id"), discussion=tuple(discussion)
        )
    sub = Submission(
        text=text,
        id=_opt_str(item, "id"),
        author_id=_opt_str(item, "author"),
        thread_id=_opt_str(item, "thread"),
        time=parse_time(item.get("time")),
        language=_opt_str(item, "language"),
    )
    return sub, article_ctx


def run_jsonl(stdin: IO[str], stdout: IO[str], rulebook: Any, chunk: int = 64) -> int:
    """Moderate each line in order, with state shared across lines; returns bad-line count.

    Lines are moderated in chunks through `moderate_batch` (one encoder pass per
    chunk); the engine still reads and writes the state ports item by item in
    input order, so the verdicts are those of a line-by-line run.
    """
    from vestnik.engine import InMemoryActivity, InMemoryFingerprints

    state = (InMemoryActivity(), InMemoryFingerprints())
    errors = 0
    pending: list[tuple[int, object]] = []
    for number, line in enumerate(stdin, start=1):
        if not line.strip():
            continue
        pending.append((number, line))
        if len(pending) >= chunk:
            errors += _flush(pending, stdout, rulebook, state)
            pending = []
    errors += _flush(pending, stdout, rulebook, state)
    stdout.flush()
    return errors


def _flush(
    pending: list[tuple[int, object]],
    stdout: IO[str],
    rulebook: Any,
    state: tuple[Any, Any],
) -> int:
    from vestnik.engine import Context, moderate_batch, verdict_to_dict

    activity, fingerprints = state
    outputs: list[dict[str, Any] | None] = []
    items = []
    errors = 0
    for number, line in pending:
        item_id: object = None
        try:
            try:
                item = json.loads(str(line))
            except json.JSONDecodeError as exc:
                raise InputError(
                    f"not valid JSON: {exc.msg} at column {exc.colno}"
                ) from None
            if isinstance(item, dict):
                item_id = item.get("id")
            sub, article = parse_item(item)
        except InputError as exc:
            errors += 1
            outputs.append(
                {
                    "id": item_id if isinstance(item_id, str | int) else None,
                    "line": number,
                    "error": str(exc),
                }
            )
            continue
        ctx = Context(
            article=article, now=sub.time, activity=activity, fingerprints=fingerprints
        )
        items.append((sub, ctx))
        outputs.append(None)  # filled from the batch below, in order
    verdicts = iter(moderate_batch(items, rulebook)) if items else iter(())
    subs = iter(items)
    for out in outputs:
        if out is None:
            sub, _ = next(subs)
            out = verdict_to_dict(next(verdicts), sub.text, id=sub.id)
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return errors


def _highlight(text: str, spans: list[tuple[int, int]], tty: bool) -> str:
    start_mark, end_mark = ("\033[1;41m", "\033[0m") if tty else ("[[", "]]")
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out += [text[pos:start], start_mark, text[start:end], end_mark]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def render(text: str, data: Mapping[str, Any], tty: bool) -> str:
    lines = [f"verdict: {str(data['action']).upper()}"]
    for rule in data["rules"]:
        lines.append(
            f"  {rule['rule']:<22} {rule['score']:.2f}  {rule['detector']}: {rule['explanation']}"
        )
    spans = [(s, e) for rule in data["rules"] for s, e in rule["evidence"]]
    if spans:
        lines += [
            "",
            "evidence:",
            "  " + _highlight(text, spans, tty).replace("\n", "\n  "),
        ]
    lines += [
        "",
        data["reasons"],
        "",
        f"engine {data['versions'].get('engine')}, {data['timings_ms'].get('total', 0):.2f} ms",
    ]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from vestnik.engine import (
        ArticleContext,
        Context,
        RulebookError,
        Submission,
        default_rulebook,
        moderate,
        verdict_to_dict,
    )

    rulebook = default_rulebook()
    if args.fast_path:
        rulebook = rulebook.fast_path()
    if args.config:
        try:
            rulebook = rulebook.with_overrides(load_overrides(args.config))
        except (OSError, ValueError, tomllib.TOMLDecodeError, RulebookError) as exc:
            print(f"vestnik check: bad --config {args.config}: {exc}", file=sys.stderr)
            return 2
    chunk = 64
    if args.device == "cuda" and not args.fast_path:
        from vestnik.engine.encoder import EncoderError, get_encoder, use_backend

        try:
            get_encoder("cuda")
        except (EncoderError, ImportError, OSError) as exc:
            print(f"vestnik check: --device cuda: {exc}", file=sys.stderr)
            return 2
        use_backend("cuda")
        chunk = CUDA_CHUNK
    if args.jsonl:
        run_jsonl(sys.stdin, sys.stdout, rulebook, chunk=chunk)
        return 0
    if args.text is None:
        print(
            "vestnik check: give the text to check, or --jsonl to read JSON lines on stdin",
            file=sys.stderr,
        )
        return 2
    article = ArticleContext(title=args.title) if args.title else None
    verdict = moderate(Submission(text=args.text), Context(article=article), rulebook)
    data = verdict_to_dict(verdict, args.text)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render(args.text, data, sys.stdout.isatty()))
    return 0
