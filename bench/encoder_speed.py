"""Encoder and whole-engine speed against the bare PyTorch encoder, in one run.

    python -m bench.encoder_speed            # prints a JSON report
    python -m bench.encoder_speed --n 200

Measures, on the same ~30-word comments:

1. baseline: sentence-transformers all-MiniLM-L6-v2 in PyTorch (the bare
   encoder), one comment at a time pinned to one core (p50/p99 ms), and batches
   of 64 on two cores (comments/s);
2. the engine: `moderate()` with the default rulebook (all 20 rules, the
   ONNX int8 encoder and every trained head), one comment at a time on one
   core (p50/p99 ms per comment), and `moderate_batch` in batches of 64 on two
   cores (comments/s).

Goals (issue 5): engine p99 <= 25 ms per comment on one core; batch
throughput >= 2x the bare PyTorch encoder's.  Each side runs in its own
subprocess so thread settings and CPU affinity do not leak between them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from typing import Any

WORDS = [
    "the",
    "minister",
    "said",
    "on",
    "tuesday",
    "that",
    "the",
    "new",
    "budget",
    "would",
    "cut",
    "taxes",
    "for",
    "families",
    "but",
    "critics",
    "argued",
    "that",
    "the",
    "plan",
    "does",
    "nothing",
    "for",
    "pensioners",
    "who",
    "have",
    "waited",
    "years",
    "for",
    "a",
    "fair",
    "deal",
    "and",
    "the",
    "opposition",
    "promised",
    "to",
    "vote",
    "against",
    "it",
    "next",
    "week",
    "in",
    "parliament",
    "while",
    "protesters",
    "gathered",
    "outside",
    "to",
    "demand",
    "answers",
    "about",
    "the",
    "hospital",
    "closures",
    "announced",
    "last",
    "month",
    "in",
    "the",
    "north",
]


def comments(n: int) -> list[str]:
    """Deterministic ~30-word comments (varied lengths 22-38 words)."""
    out = []
    for i in range(n):
        length = 22 + (i * 7) % 17
        start = (i * 11) % len(WORDS)
        words = [WORDS[(start + k) % len(WORDS)] for k in range(length)]
        words[0] = words[0].capitalize()
        out.append(" ".join(words) + ("?" if i % 5 == 0 else "."))
    return out


def _pin(cores: int) -> None:
    try:
        available = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, set(available[:cores]))
    except (AttributeError, OSError):
        pass


def _child(kind: str, n: int) -> dict[str, Any]:
    import numpy as np

    texts = comments(n)
    result: dict[str, Any] = {}
    if kind == "baseline":
        import torch
        from sentence_transformers import SentenceTransformer

        from vestnik.engine.encoder import model_dir

        model = SentenceTransformer(
            str(model_dir()), device="cpu", local_files_only=True
        )
        _pin(1)
        torch.set_num_threads(1)
        model.encode(texts[:8])
        lat = []
        for text in texts:
            t0 = time.perf_counter()
            model.encode([text], show_progress_bar=False)
            lat.append((time.perf_counter() - t0) * 1000)
        _pin(2)
        torch.set_num_threads(2)
        batch_texts = texts * max(1, 512 // len(texts))
        t0 = time.perf_counter()
        model.encode(batch_texts, batch_size=64, show_progress_bar=False)
        result["batch_per_s"] = len(batch_texts) / (time.perf_counter() - t0)
    else:
        threads = "1" if kind == "engine-1" else "2"
        os.environ["VESTNIK_ENCODER_THREADS"] = threads
        from vestnik.engine import Context, Submission, moderate, moderate_batch
        from vestnik.engine.types import ArticleContext

        _pin(int(threads))
        article = ArticleContext(
            title="Budget cuts taxes for families, critics say pensioners lose out",
            standfirst="The minister presented the new budget to parliament on Tuesday.",
            body=" ".join(WORDS * 3),
        )
        ctx = Context(article=article, record=False)
        for text in texts[:8]:
            moderate(Submission(text), ctx)
        if kind == "engine-1":
            lat = []
            for text in texts:
                t0 = time.perf_counter()
                moderate(Submission(text), ctx)
                lat.append((time.perf_counter() - t0) * 1000)
        else:
            batch_texts = texts * max(1, 512 // len(texts))
            t0 = time.perf_counter()
            for start in range(0, len(batch_texts), 64):
                moderate_batch(
                    [(Submission(t), ctx) for t in batch_texts[start : start + 64]]
                )
            result["batch_per_s"] = len(batch_texts) / (time.perf_counter() - t0)
            return result
    result["p50_ms"] = float(np.percentile(lat, 50))
    result["p99_ms"] = float(np.percentile(lat, 99))
    result["mean_ms"] = float(np.mean(lat))
    return result


def _spawn(kind: str, n: int) -> dict[str, Any]:
    proc = subprocess.run(  # noqa: S603 - our own module, fixed argv
        [sys.executable, "-m", "bench.encoder_speed", "--child", kind, "--n", str(n)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def run(n: int = 200) -> dict[str, Any]:
    base = _spawn("baseline", n)
    one = _spawn("engine-1", n)
    batch = _spawn("engine-2", n)
    report: dict[str, Any] = {
        "comments": n,
        "words_per_comment": "22-38 (mean ~30)",
        "baseline_torch_encoder": base,
        "engine_one_core": one,
        "engine_batch_two_cores": batch,
    }
    if "batch_per_s" in base and "batch_per_s" in batch:
        report["throughput_ratio"] = round(
            batch["batch_per_s"] / base["batch_per_s"], 2
        )
    if "p99_ms" in one:
        report["goal_p99_le_25ms"] = one["p99_ms"] <= 25.0
    if "throughput_ratio" in report:
        report["goal_throughput_ge_2x"] = report["throughput_ratio"] >= 2.0
    print(f"{'':34s} {'p50 ms':>8s} {'p99 ms':>8s} {'batch/s':>8s}")
    for label, row in (
        ("bare torch encoder (1 core / 2)", base),
        ("whole engine, 20 rules (1 core / 2)", {**one, **batch}),
    ):
        print(
            f"{label:34s} {row.get('p50_ms', float('nan')):8.1f} {row.get('p99_ms', float('nan')):8.1f} "
            f"{row.get('batch_per_s', float('nan')):8.1f}"
        )
    print(
        f"throughput ratio {report.get('throughput_ratio')}; goals: p99<=25ms {report.get('goal_p99_le_25ms')}, "
        f">=2x {report.get('goal_throughput_ge_2x')}"
    )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child, args.n)))
        return 0
    print(json.dumps(run(args.n), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
