"""`vestnik train`: fit the trained heads and write their artefacts and model cards.

    vestnik train                      # every head -> vestnik/engine/models/
    vestnik train --only hate spam     # some heads
    vestnik train --out /tmp/models    # somewhere else (e.g. to compare)
    vestnik train --build-onnx         # only (re)build the int8 ONNX encoder
    vestnik train --evaluate           # no training: goals, identity bias, PR/confusion PNGs
                                       # of the shipped heads -> reports/trained/
    vestnik train --encoder            # first fine-tune the abuse model (the encoder's
                                       # top layers + multi-task classifier: 2 epochs
                                       # over every row, then a focus epoch over the
                                       # generated rows from that file; hours on two
                                       # cores), then calibrate it and fit every head:
                                       # the shipped models from the data
    vestnik train --encoder --no-focus # the main stage only
    vestnik train --init FILE          # the focus stage only, from a trained
                                       # abuse.safetensors (the main stage's)
    vestnik train --only abuse         # re-calibrate the abuse model only

The heads read the abuse model's embedding: after `--encoder`, the heads are
retrained in the same run; then run `python -m vestnik.training.sync_thresholds`.

Data is read from $VESTNIK_DATA_DIR (default ../shared/data); embeddings of
training texts are cached under var/training/embeddings/.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--only", nargs="*", default=[], metavar="HEAD", help="train only these heads"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output directory (default: the shipped models)",
    )
    parser.add_argument(
        "--limit", type=int, default=None, help="rows per source (a quick smoke run)"
    )
    parser.add_argument(
        "--no-off-topic", action="store_true", help="skip the off-topic model"
    )
    parser.add_argument(
        "--build-onnx",
        action="store_true",
        help="only build the ONNX encoder in the cache",
    )
    parser.add_argument(
        "--encoder",
        action="store_true",
        help="fine-tune the abuse model (encoder top layers + classifier) first",
    )
    parser.add_argument(
        "--epochs",
        type=int,
        default=None,
        help="epochs of the abuse model's fine-tuning (default 2)",
    )
    parser.add_argument(
        "--init",
        type=Path,
        default=None,
        metavar="FILE",
        help="start the abuse model from this abuse.safetensors and run only "
        "its focus stage (implies --encoder)",
    )
    parser.add_argument(
        "--no-focus",
        action="store_true",
        help="with --encoder: the main stage only (the model before the focus "
        "stage; --init runs the focus stage from it)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    parser.add_argument(
        "--evaluate",
        action="store_true",
        help="evaluate the shipped heads (no training)",
    )
    parser.add_argument("--report-dir", type=Path, default=Path("reports/trained"))


def run(args: argparse.Namespace) -> int:
    from vestnik.engine.encoder import build_onnx
    from vestnik.engine.models.head import MODELS_DIR
    from vestnik.training.datasets import data_dir

    if args.build_onnx:
        print(build_onnx(quantized=True, force=True))
        return 0
    if args.init is not None:
        from vestnik.training.abuse_model import init_problem

        problem = init_problem(args.init)
        if problem:
            print(problem, file=sys.stderr)
            return 2
    if not data_dir().is_dir():
        print(
            f"data directory {data_dir()} not found (set VESTNIK_DATA_DIR)",
            file=sys.stderr,
        )
        return 2
    if args.evaluate:
        from vestnik.evaluation import goals, report
        from vestnik.training.evaluate import evaluate_heads

        result = evaluate_heads(args.report_dir, models_dir=args.out or MODELS_DIR)
        for name, info in result.items():
            for test, m in info["test"].items():
                if "precision" not in m:
                    continue
                print(
                    f"{name:20s} {test:45s} n={int(m['n']):<5d} P={m['precision']:.3f} R={m['recall']:.3f} "
                    f"F1={m['f1']:.3f} AUC={m.get('roc_auc', '-')}"
                    + (
                        f" | flag@hold P={m['at_hold']['precision']:.3f} "
                        f"R={m['at_hold']['recall']:.3f} F1={m['at_hold']['f1']:.3f}"
                        if "at_hold" in m
                        else ""
                    )
                )
        if args.out is None:  # the engine runs the shipped models only
            measured = goals.measure()
            path = report.write_goals(
                measured, args.report_dir, "vestnik train --evaluate"
            )
            for label, value, target, met in report.goal_rows(measured):
                print(
                    f"goal: {label:40s} {value:.3f} (goal {target}) {'met' if met else 'NOT met'}"
                )
            print(f"goals: {path}")
        print(f"report: {args.report_dir / 'trained_eval.json'}")
        return 0
    from vestnik.training.run import train_all

    results = train_all(
        out_dir=args.out or MODELS_DIR,
        only=args.only,
        limit=args.limit,
        progress=not args.quiet,
        with_off_topic=not args.no_off_topic,
        fine_tune=args.encoder or args.init is not None,
        encoder_epochs=args.epochs,
        encoder_init=args.init,
        focus=not args.no_focus,
    )
    for name, meta in results.items():
        if name == "abuse":
            for task, cal in (meta.get("calibration") or {}).items():
                print(
                    f"abuse:{task:16s} reject {cal['threshold']}  hold "
                    f"{cal['hold_threshold']}  val AUC {cal['val_auc']}"
                )
            continue
        tests = ", ".join(
            f"{t}: F1 {m.get('f1')} AUC {m.get('roc_auc', '-')}"
            for t, m in (meta.get("test") or {}).items()
        )
        print(f"{name:22s} threshold {meta.get('threshold')}  {tests}")
    print(json.dumps({"written": str(args.out or MODELS_DIR)}))
    return 0
