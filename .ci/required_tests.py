"""Check that the crawl and the API fuzz runs really ran and passed; print their counts.

Reads the JUnit report of one `make test` run (`.ci/run` asks pytest for it) and
fails unless every test below ran and passed — not skipped, not deselected, not
missing — so neither the crawl nor the fuzzers can drop out of CI unnoticed
(#14: "0 server errors" as every role and over the whole API).

    python .ci/required_tests.py var/ci/junit-sqlite.xml
"""

from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET
from collections import Counter

CRAWL = "tests.ops.test_crawl"
ROLES = ("anonymous", "reader", "moderator", "publisher-admin")
SCHEMATHESIS = "tests.api.test_schemathesis"
FUZZ = "tests.integrations.test_openapi_fuzz"
OPENAPI = "tests.api.test_openapi"
MIN_OPERATIONS = 15  # the API had 17 operations when this was written


def outcome(case: ET.Element) -> str:
    for tag in ("failure", "error", "skipped"):
        if case.find(tag) is not None:
            return tag
    return "passed"


def main(path: str) -> int:
    # our own pytest's report, written moments ago on this machine
    cases = list(ET.parse(path).getroot().iter("testcase"))  # noqa: S314
    problems: list[str] = []
    lines: list[str] = []

    def of(classname: str) -> list[ET.Element]:
        return [c for c in cases if c.get("classname") == classname]

    def props(case: ET.Element) -> dict[str, str]:
        return {p.get("name", ""): p.get("value", "") for p in case.iter("property")}

    def require(classname: str, name_prefix: str, at_least: int) -> list[ET.Element]:
        found = [c for c in of(classname) if c.get("name", "").startswith(name_prefix)]
        if len(found) < at_least:
            problems.append(
                f"{classname}::{name_prefix}: {len(found)} ran, {at_least} required"
            )
        for case in found:
            if outcome(case) != "passed":
                problems.append(f"{classname}::{case.get('name')}: {outcome(case)}")
        return found

    for role in ROLES:
        for case in require(CRAWL, f"test_crawl_finds_no_server_error[{role}]", 1):
            p = props(case)
            lines.append(
                f"crawl as {role}: {p.get('crawl_urls')} URLs on "
                f"{p.get('crawl_routes')} routes, {p.get('crawl_requests')} requests "
                f"(GET+HEAD), {p.get('crawl_server_errors')} server errors; "
                f"statuses {p.get('crawl_statuses')}"
            )

    operations = require(
        SCHEMATHESIS, "test_every_operation_as_every_caller[", MIN_OPERATIONS
    )
    statuses: Counter[int] = Counter()
    for case in operations:
        statuses.update(ast.literal_eval(props(case).get("api_statuses", "{}")))
    errors = sum(n for status, n in statuses.items() if status >= 500)
    lines.append(
        f"schemathesis: {len(operations)} operations, {sum(statuses.values())} "
        f"requests, {errors} server errors; statuses {dict(sorted(statuses.items()))}"
    )

    for case in require(FUZZ, "test_every_operation_never_fails", 1):
        p = props(case)
        fuzzed = ast.literal_eval(p.get("api_statuses", "{}"))
        errors = sum(n for status, n in fuzzed.items() if status >= 500)
        lines.append(
            f"API fuzz: {p.get('api_requests')} requests, {errors} server errors; "
            f"statuses {fuzzed}"
        )
    require(OPENAPI, "test_", 5)

    sys.stdout.write("\n".join(lines) + "\n")
    if problems:
        sys.stdout.write(
            "required tests did not pass:\n  " + "\n  ".join(problems) + "\n"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
