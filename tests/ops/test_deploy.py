"""deploy/: the compose file, Procfile, systemd units and nginx example are coherent."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from vestnik.cli import COMMANDS

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SITE = Path(__file__).resolve().parents[2] / "vestnik" / "site"
SETTINGS = (SITE / "settings.py").read_text() + (SITE / "env.py").read_text()


def _vestnik_command(argv: list[str]) -> None:
    assert argv[0].endswith("vestnik"), argv
    assert argv[1] in COMMANDS, f"no `vestnik {argv[1]}` command"
    if argv[1] == "manage":
        assert argv[2] == "migrate"


def test_compose_has_the_topology() -> None:
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web1", "web2", "worker", "beat", "postgres", "redis", "nginx"} <= set(
        services
    )
    for name in ("migrate", "web1", "web2", "worker", "beat"):
        _vestnik_command(services[name]["command"])
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://"), name
        assert env["REDIS_URL"].startswith("redis://"), name
        for variable in env:
            assert f'"{variable}"' in SETTINGS, f"{variable} is not read by settings"
    assert services["web1"]["command"][1] == "serve"
    assert services["worker"]["command"][1] == "worker"
    assert services["beat"]["command"][1] == "beat"
    dockerfile = services["web1"]["build"]["dockerfile"]
    assert (DEPLOY.parent / dockerfile).is_file()
    for mount in services["nginx"]["volumes"]:
        source = mount.split(":")[0]
        if source.startswith("./"):
            assert (DEPLOY / source).is_file(), source


def test_procfile_and_systemd_units_run_real_commands() -> None:
    lines = [
        line.split(":", 1)[1]
        for line in (DEPLOY / "Procfile").read_text().splitlines()
        if line.strip()
    ]
    units = sorted((DEPLOY / "systemd").glob("*.service"))
    assert len(units) == 3
    for unit in units:
        text = unit.read_text()
        assert "[Install]" in text and "EnvironmentFile=" in text, unit.name
        lines += re.findall(r"^Exec(?:Start|StartPre)=(.+)$", text, flags=re.M)
    assert len(lines) >= 8
    for line in lines:
        _vestnik_command(shlex.split(line))


def test_nginx_balances_both_web_processes_and_caches_only_anonymous_pages() -> None:
    conf = (DEPLOY / "nginx" / "vestnik.conf").read_text()
    assert "server web1:8000" in conf and "server web2:8000" in conf
    assert "proxy_cache_bypass $cookie_sessionid" in conf
    assert "proxy_no_cache $cookie_sessionid" in conf
    assert "proxy_cache_background_update on" in conf
    assert conf.count("{") == conf.count("}")


def test_the_image_serves_and_probes_liveness() -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    assert 'CMD ["vestnik", "serve"' in text
    assert "/healthz" in text
