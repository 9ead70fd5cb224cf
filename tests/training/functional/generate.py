"""Expand suite.toml into cases.jsonl, the functional suite for the `hate` rule.

    .venv/bin/python tests/training/functional/generate.py           # rewrite cases.jsonl
    .venv/bin/python tests/training/functional/generate.py --check   # exit 1 if it is stale

Deterministic: the same suite.toml gives the same cases.jsonl, byte for byte.
Base cases come from the templates (one per template and target group), the
groups' own lists and the untargeted lists. The obfuscated variants are derived
from each group's hateful base cases by `vestnik.training.perturb`, with one
`random.Random` per (kind, group) seeded from the suite seed, so adding a group
or a kind never changes the variants of the others.

NEVER TRAINED ON: nothing a training recipe reads may import this module or
read its output (see README.md).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

from vestnik.training.perturb import perturb

HERE = Path(__file__).resolve().parent
SUITE = HERE / "suite.toml"
CASES = HERE / "cases.jsonl"

_KEY = re.compile(r"\[([^\]]+)\]")
_FIELD = re.compile(r"\{(group|Group|one|One|sg|slur|Slur)\}")
_WORD = re.compile(r"[A-Za-z]+")
#: the lists every group writes for itself, one per `per_group` functionality
GROUP_LISTS = (
    "slur_homonym",
    "slur_reclaimed",
    "identity_neutral",
    "identity_positive",
)
#: shortest word a kind may change: a letter dropped from a four-letter word
#: usually leaves another word ("shot" -> "sot", "shit" -> "sit"), not a disguise
MIN_LETTERS = {"drop": 5}


def load_suite(path: Path = SUITE) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _keyed(text: str) -> tuple[str, str | None]:
    """(text without the [key] brackets, the bracketed word or None)."""
    found = _KEY.search(text)
    return _KEY.sub(r"\1", text), found.group(1) if found else None


def _slur(group: dict[str, Any], index: int) -> tuple[str, str]:
    slurs = group["slurs"]
    text, key = _keyed(slurs[index % len(slurs)])
    return text, key or max(_WORD.findall(text), key=len)


def fill(template: str, group: dict[str, Any], index: int) -> tuple[str, str | None]:
    """A template filled for one group: (text, key word for obfuscation)."""
    slur, slur_key = _slur(group, index)
    values = {
        "group": group["group"],
        "Group": _cap(group["group"]),
        "one": group["one"],
        "One": _cap(group["one"]),
        "sg": group["sg"],
        "slur": slur,
        "Slur": _cap(slur),
    }
    text, key = _keyed(template)
    if "{slur}" in template or "{Slur}" in template:
        key = slur_key
    return _FIELD.sub(lambda m: values[m.group(1)], text), key


def _case(
    case_id: str,
    name: str,
    spec: dict[str, Any],
    group: str,
    template: str,
    text: str,
    **extra: Any,
) -> dict[str, Any]:
    case: dict[str, Any] = {
        "id": case_id,
        "functionality": name,
        "area": spec["area"],
        "label": spec["label"],
        "direction": "hateful" if spec["label"] else "non-hateful",
        "group": group,
        "template": template,
        "text": text,
    }
    case.update({k: v for k, v in extra.items() if v is not None})
    if "expect" in spec:
        case["expect"] = dict(spec["expect"])
    return case


def _base_cases(suite: dict[str, Any]) -> list[dict[str, Any]]:
    groups: dict[str, dict[str, Any]] = suite["groups"]
    cases = []
    for name, spec in suite["functionalities"].items():
        if "templates" in spec:
            for gid, group in groups.items():
                for t, template in enumerate(spec["templates"]):
                    text, key = fill(template, group, t)
                    cases.append(
                        _case(
                            f"{name}-{gid}-{t:02d}",
                            name,
                            spec,
                            gid,
                            f"{name}.{t}",
                            text,
                            key=key if spec["label"] else None,
                        )
                    )
        elif "per_group" in spec:
            for gid, group in groups.items():
                for i, text in enumerate(group[spec["per_group"]]):
                    cases.append(
                        _case(
                            f"{name}-{gid}-{i:02d}",
                            name,
                            spec,
                            gid,
                            f"groups.{gid}.{spec['per_group']}.{i}",
                            text,
                        )
                    )
        elif "cases" in spec:
            for i, text in enumerate(spec["cases"]):
                cases.append(
                    _case(
                        f"{name}-none-{i:02d}", name, spec, "none", f"{name}.{i}", text
                    )
                )
    return cases


def _has_word(text: str, target: str) -> bool:
    wanted = target.casefold()
    return any(w.casefold().startswith(wanted) for w in _WORD.findall(text))


def _variants(
    suite: dict[str, Any], base: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The obfuscated variants: per kind and group, seeded from the suite seed."""
    meta = suite["suite"]
    per_group = meta["obfuscations_per_group"]
    out = []
    for name, spec in suite["functionalities"].items():
        kind = spec.get("perturbation")
        if kind is None:
            continue
        for gid, group in suite["groups"].items():
            rng = random.Random(f"{meta['seed']}:{kind}:{gid}")  # noqa: S311 - test data, not security
            pool = [c for c in base if c["group"] == gid and c["label"] and "key" in c]
            made: list[str] = []
            for source in rng.sample(pool, len(pool)):
                targets = [source["key"], group["word"]]
                if rng.random() < meta["group_word_share"]:
                    targets.reverse()
                for target in targets:
                    if len(target) < MIN_LETTERS.get(kind, 0) or not _has_word(
                        source["text"], target
                    ):
                        continue
                    text = perturb(source["text"], kind, rng, targets=[target])
                    if text != source["text"] and text not in made:
                        break
                else:
                    continue
                out.append(
                    _case(
                        f"{name}-{gid}-{len(made):02d}",
                        name,
                        spec,
                        gid,
                        source["template"],
                        text,
                        source=source["id"],
                        perturbation=kind,
                        target=target,
                    )
                )
                if "expect" in source:
                    out[-1]["expect"] = dict(source["expect"])
                made.append(text)
                if len(made) == per_group:
                    break
            if len(made) < per_group:
                raise ValueError(f"{name}/{gid}: only {len(made)} variants")
    return out


def build_cases(suite: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Every case of the suite, base cases first, then the obfuscated variants."""
    suite = suite if suite is not None else load_suite()
    base = _base_cases(suite)
    return base + _variants(suite, base)


def dumps(cases: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if cases.jsonl is stale"
    )
    args = parser.parse_args(argv)
    text = dumps(build_cases())
    if args.check:
        stale = not CASES.exists() or CASES.read_text(encoding="utf-8") != text
        print(f"{CASES}: {'stale' if stale else 'up to date'}")  # noqa: T201
        return int(stale)
    CASES.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10))} cases to {CASES}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
