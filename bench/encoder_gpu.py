"""GPU throughput of the encoder and of `vestnik check --jsonl --device cuda`,
against plain sentence-transformers on the same GPU, in one run.

    python -m bench.encoder_gpu                 # needs torch with CUDA
    python -m bench.encoder_gpu --n 200000 --out gpu.json

Only meaningful where an NVIDIA GPU is present (it says so and exits 0
elsewhere; it is not in `make bench`'s default list).  Measures, on the same
``--n`` comments of ~30 words (sentences of the repository's hand-written
corpora joined at random, seeded):

1. baseline: plain sentence-transformers all-MiniLM-L6-v2 on the GPU, as
   shipped (float32), ``encode(batch_size=512)``: comments/s;
2. the same with the model cast to float16 (the obvious first step);
3. our ``cuda`` encoder (float16, length-sorted batches tokenised ahead in
   threads, pooling on the GPU): comments/s and the cosine of its embeddings
   to the baseline's;
4. the whole engine, all 20 rules, through `vestnik check --jsonl --device
   cuda`'s own code path (`run_jsonl` with 4,096-line chunks), on ``--e2e``
   lines: comments/s and where the time goes (encoder vs. the rest).

Each figure is the best of ``--repeat`` timed runs after a warm-up.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "engine" / "corpus"


def comments(n: int, seed: int = 7) -> list[str]:
    """``n`` comments of 22-38 words built from the corpora's sentences."""
    import re

    sentences: list[str] = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line).get("text", "")
                sentences += [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        target = rng.randint(22, 38)
        words: list[str] = []
        while len(words) < target:
            words += rng.choice(sentences).split()
        out.append(" ".join(words[:target]))
    return out


def _best(fn: Any, repeat: int) -> float:
    import torch

    best = float("inf")
    for _ in range(repeat):
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        best = min(best, time.perf_counter() - t0)
    return best


def run(n: int = 100_000, e2e: int = 20_000, repeat: int = 3) -> dict[str, Any]:
    try:
        import torch
    except ImportError:
        return {"skipped": "torch is not installed"}
    if not torch.cuda.is_available():
        print("no CUDA device: nothing to measure")
        return {"skipped": "no CUDA device"}
    from sentence_transformers import SentenceTransformer

    from vestnik.engine.encoder import get_encoder, model_dir, use_backend

    texts = comments(n)
    report: dict[str, Any] = {
        "device": torch.cuda.get_device_name(0),
        "torch": torch.__version__,
        "comments": n,
        "words_per_comment": "22-38",
    }
    print(f"{report['device']}, {n} comments", flush=True)

    st = SentenceTransformer(str(model_dir()), device="cuda", local_files_only=True)
    st = st.float()  # as published: float32 (the copy may be stored in float16)
    st.max_seq_length = 128
    st.encode(texts[:4096], batch_size=512, show_progress_bar=False)
    base_s = _best(
        lambda: st.encode(texts, batch_size=512, show_progress_bar=False), repeat
    )
    reference = st.encode(
        texts[:5000], batch_size=512, normalize_embeddings=True, show_progress_bar=False
    )
    report["baseline_st_fp32_per_s"] = round(n / base_s, 1)
    print(f"sentence-transformers fp32: {n / base_s:,.0f}/s", flush=True)

    st16 = st.half()
    st16.encode(texts[:4096], batch_size=512, show_progress_bar=False)
    half_s = _best(
        lambda: st16.encode(texts, batch_size=512, show_progress_bar=False), repeat
    )
    report["st_fp16_per_s"] = round(n / half_s, 1)
    print(f"sentence-transformers fp16: {n / half_s:,.0f}/s", flush=True)
    st16.cpu()
    torch.cuda.empty_cache()

    encoder = get_encoder("cuda")
    encoder.encode(texts[:4096])
    ours_s = _best(lambda: encoder.encode(texts), repeat)
    ours = encoder.encode(texts[:5000])
    cosine = (ours * reference).sum(1)
    report["vestnik_cuda_per_s"] = round(n / ours_s, 1)
    report["vestnik_cuda_vs_baseline"] = round(base_s / ours_s, 2)
    report["cosine_to_baseline"] = {
        "min": round(float(cosine.min()), 5),
        "mean": round(float(cosine.mean()), 5),
    }
    print(
        f"vestnik cuda encoder: {n / ours_s:,.0f}/s = {base_s / ours_s:.2f}x baseline; "
        f"cosine min {cosine.min():.4f}",
        flush=True,
    )

    if e2e:
        from vestnik.commands.check import CUDA_CHUNK, run_jsonl
        from vestnik.engine import default_rulebook

        use_backend("cuda")
        book = default_rulebook()
        lines = "".join(
            json.dumps({"id": i, "text": t, "author": f"u{i % 5000}"}) + "\n"
            for i, t in enumerate(texts[:e2e])
        )
        warm = "".join(lines.splitlines(keepends=True)[:512])
        run_jsonl(io.StringIO(warm), io.StringIO(), book, chunk=CUDA_CHUNK)
        sink = io.StringIO()
        t0 = time.perf_counter()
        run_jsonl(io.StringIO(lines), sink, book, chunk=CUDA_CHUNK)
        total = time.perf_counter() - t0
        verdicts = [json.loads(v) for v in sink.getvalue().splitlines()]
        embed_ms = sum(v["timings_ms"].get("embedding", 0.0) for v in verdicts)
        actions: dict[str, int] = {}
        for v in verdicts:
            actions[v["action"]] = actions.get(v["action"], 0) + 1
        report["check_jsonl_cuda"] = {
            "lines": e2e,
            "per_s": round(e2e / total, 1),
            "vs_baseline_encoder": round((e2e / total) / (n / base_s), 3),
            "encoder_share": round(embed_ms / 1000 / total, 3),
            "actions": actions,
        }
        print(
            f"vestnik check --jsonl --device cuda, all rules: {e2e / total:,.0f}/s "
            f"(encoder {embed_ms / 1000 / total:.0%} of the time)",
            flush=True,
        )
    report["goal"] = "vestnik cuda >= 2x plain sentence-transformers on the same GPU"
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--e2e", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    report = run(args.n, args.e2e, args.repeat)
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
