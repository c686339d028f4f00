"""`--format oscal`: NIST OSCAL 1.1.3 assessment results, written as they are made.

Owns the document's layout: the head indented as usual, then one project
component, observation, risk or finding per line, so that a portfolio of
10,000 proposals is written with flat memory. Findings are made together
with their observations but come after them (and after the risks) in the
document, so they wait in a temporary file (in memory while small). The
result's and the document's UUID are digests of what precedes them and so
close their objects. Which outcomes are listed is the JSON report's
definition (`--include`); the others are counted per project. Refuses the
mapping itself, which is `checker.oscal.results.AssessmentParts`. Each item
is made safe on its own (`json_safe`: nearly all are ASCII, the fast case).
The run's time is now, or SOURCE_DATE_EPOCH when it is set.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from checker._version import __version__
from checker.findings import RunResult
from checker.oscal import AssessmentParts, timestamp
from checker.report.json_report import listed_statuses
from checker.report.jsontext import members
from checker.report.options import RenderOptions
from checker.report.safe import json_safe

_BATCH = 256
"""Items joined into one piece of output: fewer, larger writes."""
_SPOOL_IN_MEMORY = 4 << 20
"""Findings up to this many bytes wait in memory, beyond it in a temporary file (moving
them there copies what is held: 16 MB put the peak at 142 MB for 10,000 projects)."""


def render(run: RunResult, options: RenderOptions) -> Iterator[str]:
    """The assessment-results document, streamed."""
    stamp = timestamp()
    parts = AssessmentParts(
        run,
        timestamp=stamp,
        version=options.tool_version or __version__,
        listed=listed_statuses(options.include),
    )
    yield '{\n  "assessment-results": {\n'
    yield json_safe(members(parts.head(), 4)) + ',\n    "results": [\n      {\n'
    yield json_safe(members(parts.result_head(), 8))
    opened = False
    for piece in _array("components", map(json_safe, parts.components()), 10):
        if not opened:
            # The first piece opens the object: no comma before its first member.
            yield ',\n        "local-definitions": {\n' + piece[2:]
            opened = True
        else:
            yield piece
    if opened:
        yield "\n        }"
    collected = f',"collected":"{stamp}"}}'
    with tempfile.SpooledTemporaryFile(
        max_size=_SPOOL_IN_MEMORY,
        mode="w+",
        encoding="utf-8",
        errors="surrogatepass",  # a file name that is not UTF-8 (read back as it was)
        newline="\n",
    ) as waiting:
        observations = (
            json_safe(text[:-1] + collected) for text in _observations(parts.outcomes(), waiting)
        )
        yield from _array("observations", observations, 8)
        yield from _array("risks", map(json_safe, parts.risks()), 8)
        waiting.seek(0)
        yield from _array("findings", (json_safe(line.rstrip("\n")) for line in waiting), 8)
    remarks = parts.remarks()
    tail = {"remarks": remarks} if remarks else {}
    tail["uuid"] = parts.result_uuid()
    yield json_safe(",\n" + members(tail, 8)) + "\n      }\n    ],\n"
    closing = {"back-matter": parts.back_matter(), "uuid": parts.document_uuid()}
    yield json_safe(members(closing, 4)) + "\n  }\n}\n"


def _observations(outcomes: Iterable[tuple[str, str]], waiting: Any) -> Iterator[str]:
    """The observations of `outcomes`; the findings are written to `waiting`, a line each."""
    for kind, text in outcomes:
        if kind == "observation":
            yield text
        else:
            waiting.write(text)
            waiting.write("\n")


def _array(name: str, items: Iterable[str], indent: int) -> Iterator[str]:
    """`,\\n  "name": [\\n    item,\\n    item\\n  ]` in pieces of `_BATCH` items; nothing
    at all when there are no items (OSCAL arrays must not be empty)."""
    pad = " " * (indent + 2)
    batch: list[str] = []
    started = False
    for item in items:
        batch.append(item)
        if len(batch) == _BATCH:
            yield _batch(name, batch, pad, indent, started)
            started = True
            batch = []
    if batch:
        yield _batch(name, batch, pad, indent, started)
        started = True
    if started:
        yield f"\n{' ' * indent}]"


def _batch(name: str, batch: list[str], pad: str, indent: int, started: bool) -> str:
    joined = f",\n{pad}".join(batch)
    if started:
        return f",\n{pad}{joined}"
    return f",\n{' ' * indent}{json.dumps(name)}: [\n{pad}{joined}"
