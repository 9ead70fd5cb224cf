"""The malware-link blocklist: a compact artefact compiled from URLhaus lists.

The shipped artefact `models/malware_blocklist.txt.gz` holds one entry a line:
`d <host>` (a malicious host or IP: the host and its subdomains are blocked)
or `u <host/path>` (one malicious URL on an otherwise shared host such as a
paste site), after a header line `# source=<name> updated=<date> entries=<n>`.
`vestnik blocklist update FILE` recompiles it from a fresh URLhaus list
(`urlhaus-filter.txt` adblock syntax, `urlhaus-filter-domains.txt` or a plain
list of hosts/URLs). Entries are plain strings: nothing here fetches them.
"""

from __future__ import annotations

import gzip
import re
import threading
from dataclasses import dataclass
from pathlib import Path

ARTEFACT = Path(__file__).with_name("models") / "malware_blocklist.txt.gz"
_ENTRY_RE = re.compile(r"^(?:\|\||[a-z]+://)?([^\s^$|]+)")
_UPDATED_RE = re.compile(r"(?:Updated|updated)[:=]\s*(\S+)")


@dataclass(frozen=True)
class Blocklist:
    hosts: frozenset[str]
    urls: frozenset[str]  # "host/path" without scheme, lower case host
    updated: str
    source: str

    @property
    def version(self) -> str:
        return f"urlhaus:{self.updated}:{len(self.hosts) + len(self.urls)}"

    def match_url(self, host: str, path: str) -> str | None:
        """The blocked URL entry `host+path` starts with, if any."""
        if not self.urls or not path:
            return None
        target = f"{host}{path}".rstrip("/")
        # Entries are full URLs; compare the exact URL and its query-less form.
        for candidate in (target, target.split("?", 1)[0], target.split("#", 1)[0]):
            if candidate in self.urls:
                return candidate
        return None


EMPTY = Blocklist(frozenset(), frozenset(), "none", "")


def parse_source(lines: list[str], source: str = "") -> Blocklist:
    """Parse a URLhaus list (adblock, hosts or plain) into a Blocklist."""
    hosts: set[str] = set()
    urls: set[str] = set()
    updated = "unknown"
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line[0] in "#!":
            found = _UPDATED_RE.search(line)
            if found:
                updated = found.group(1)
            continue
        if line.startswith(("0.0.0.0 ", "127.0.0.1 ")):  # hosts-file syntax
            line = line.split(None, 1)[1]
        match = _ENTRY_RE.match(line)
        if not match:
            continue
        entry = match.group(1).strip().rstrip("/")
        host, _, path = entry.partition("/")
        host = host.lower().split(":", 1)[0]
        if not host or "." not in host:
            continue
        if path:
            urls.add(f"{host}/{path}")
        else:
            hosts.add(host)
    return Blocklist(frozenset(hosts), frozenset(urls), updated, source)


def save(blocklist: Blocklist, path: Path | None = None) -> int:
    """Write the artefact deterministically (sorted; fixed gzip mtime); returns bytes."""
    path = path or ARTEFACT
    lines = [
        f"# source={blocklist.source or 'urlhaus'} updated={blocklist.updated} "
        f"entries={len(blocklist.hosts) + len(blocklist.urls)}"
    ]
    lines += [f"d {host}" for host in sorted(blocklist.hosts)]
    lines += [f"u {url}" for url in sorted(blocklist.urls)]
    data = ("\n".join(lines) + "\n").encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    with (
        path.open("wb") as fh,
        gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, compresslevel=9) as gz,
    ):
        gz.write(data)
    return path.stat().st_size


def read(path: Path | None = None) -> Blocklist:
    """Read an artefact written by `save`; an absent file is an empty blocklist."""
    path = path or ARTEFACT
    if not path.exists():
        return Blocklist(frozenset(), frozenset(), "missing", "")
    hosts: set[str] = set()
    urls: set[str] = set()
    updated, source = "unknown", ""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                for part in line[1:].split():
                    key, _, value = part.partition("=")
                    if key == "updated":
                        updated = value
                    elif key == "source":
                        source = value
            elif line.startswith("d "):
                hosts.add(line[2:].strip())
            elif line.startswith("u "):
                urls.add(line[2:].strip())
    return Blocklist(frozenset(hosts), frozenset(urls), updated, source)


_LOCK = threading.Lock()
_LOADED: dict[Path, Blocklist] = {}


def load(path: Path | None = None) -> Blocklist:
    """The artefact, read once per process and shared (thread-safe)."""
    path = path or ARTEFACT
    with _LOCK:
        if path not in _LOADED:
            _LOADED[path] = read(path)
        return _LOADED[path]


def reset_cache() -> None:
    with _LOCK:
        _LOADED.clear()
