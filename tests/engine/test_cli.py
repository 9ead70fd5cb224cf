"""`vestnik check` and `vestnik blocklist`, through the real command-line entry point."""

import io
import json
from pathlib import Path

import pytest

from vestnik.cli import main
from vestnik.commands.check import run_jsonl
from vestnik.engine import default_rulebook


def test_check_prints_a_readable_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--fast-path", "Oh f**k, get it at 0daydreams.net"]) == 0
    out = capsys.readouterr().out
    assert "verdict: REJECT" in out
    assert "[[f**k]]" in out and "[[0daydreams.net]]" in out
    assert "[malware]" in out


def test_check_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["check", "--fast-path", "--json", "A calm and reasonable comment."]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["action"] == "publish"
    assert set(data["scores"]) == set(default_rulebook().rule_ids)


@pytest.mark.parametrize("chunk", [1, 2, 64])
def test_jsonl_keeps_order_state_and_reports_bad_lines(chunk: int) -> None:
    mob = "Vote NO on the referendum, the government is lying to all of us again"
    lines = [
        json.dumps(
            {
                "id": f"m{i}",
                "text": mob,
                "author": f"a{i}",
                "thread": "t",
                "time": f"2026-01-01T10:0{i}:00Z",
            }
        )
        for i in range(3)
    ]
    lines.insert(1, "{not json")
    lines.insert(2, json.dumps({"id": "x", "text": 5}))
    lines.insert(3, json.dumps({"id": "y", "text": "ok", "time": "yesterday"}))
    lines.append(
        json.dumps(
            {"id": "z", "text": "fine", "article": {"title": "Trams", "body": "..."}}
        )
    )
    out = io.StringIO()
    errors = run_jsonl(
        io.StringIO("\n".join(lines) + "\n"), out, default_rulebook().fast_path(), chunk
    )
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert errors == 3
    assert [r.get("id") for r in results] == ["m0", None, "x", "y", "m1", "m2", "z"]
    assert results[1] == {"id": None, "line": 2, "error": results[1]["error"]}
    assert "not valid JSON" in results[1]["error"]
    assert "text is required" in results[2]["error"]
    assert "ISO 8601" in results[3]["error"]
    assert results[6]["action"] == "publish"
    assert results[5]["action"] == "hold"  # the third author makes it a flash mob
    assert results[5]["rules"][0]["rule"] == "flash-mob"
    assert list(results[0]) == [
        "id",
        "action",
        "rules",
        "scores",
        "reasons",
        "versions",
        "timings_ms",
    ]


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_config_file_overrides(
    tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / f"site{suffix}"
    if suffix == ".json":
        config.write_text(json.dumps({"site_languages": ["de"]}))
    else:
        config.write_text('site_languages = ["de"]\n[rules.form]\noutcome = "reject"\n')
    text = "Das ist eine sehr gute Nachricht für die Stadt und ihre Bewohner."
    assert main(["check", "--fast-path", "--json", "--config", str(config), text]) == 0
    assert json.loads(capsys.readouterr().out)["action"] == "publish"


def test_bad_config_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "bad.json"
    config.write_text(json.dumps({"rules": {"nope": {}}}))
    assert main(["check", "--fast-path", "--config", str(config), "hello"]) == 2
    assert "unknown rule id" in capsys.readouterr().err


def test_blocklist_update_rebuilds_the_artefact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vestnik.engine import blocklist

    artefact = tmp_path / "malware_blocklist.txt.gz"
    monkeypatch.setattr(blocklist, "ARTEFACT", artefact)
    source = tmp_path / "list.txt"
    source.write_text(
        "! Updated: 2026-11-26T00:00:00Z\n||evil.example.net^\n||paste.example.org/abc.exe^$all\n"
    )
    assert main(["blocklist", "update", str(source)]) == 0
    listed = blocklist.read(artefact)
    assert listed.hosts == {"evil.example.net"}
    assert listed.urls == {"paste.example.org/abc.exe"}
    assert listed.updated == "2026-11-26T00:00:00Z"
    blocklist.reset_cache()


def test_jsonl_article_discussion_is_read_and_checked() -> None:
    lines = [
        json.dumps(
            {
                "id": "ok",
                "text": "fine",
                "article": {"title": "Trams", "discussion": ["Good.", "Agreed."]},
            }
        ),
        json.dumps({"id": "bad", "text": "fine", "article": {"discussion": "Good."}}),
    ]
    out = io.StringIO()
    errors = run_jsonl(
        io.StringIO("\n".join(lines) + "\n"), out, default_rulebook().fast_path()
    )
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert errors == 1
    assert results[0]["action"] == "publish"
    assert "discussion must be a list of strings" in results[1]["error"]
