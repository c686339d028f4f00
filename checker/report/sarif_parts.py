"""SARIF within GitHub code scanning's limits at any portfolio size: split into parts, streamed.

Owns two decisions and the writing that follows from them. **Which part a
result goes to**: GitHub rejects a run of more than 25,000 results and a file
over 10 MB gzipped, and since 2025 a file with two runs of one tool and
category, so a large portfolio becomes several files of one run each, each
with its own category (`automationDetails.id`: `govcheck/eu+minimal/` for the
first, `govcheck/eu+minimal/part-2/` for the next). A project's results all go
to one part, chosen by a stable hash of its id modulo a power of two: a
project stays in its part (its alerts in their category) from run to run, and
when the portfolio grows past a doubling only half of each part moves. **What
one document holds when it is not split** (the default, on standard output
and in a file alike; splitting is asked for with `--sarif-split`): the most
severe results, and a note and `properties.resultsLeftOut` saying how many
were left out and how to get them all.

Every document is streamed: rules and run header first, then one result at a
time, then the notes and properties (JSON key order is free), so memory stays
flat whatever the number of results. A guard (sarif_size.py) counts the
gzipped bytes as they are written; a part that would still pass GitHub's size
limit (results with very long messages) ends its results there and says how
many it left out. Refuses the mapping of a finding or rule (sarif.py), the
run's notes and counts (sarif_run.py) and the size count (sarif_size.py).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from checker.findings import ProjectResult, RunResult
from checker.i18n import _, number
from checker.report import sarif_run
from checker.report.holes import hole, pieces
from checker.report.options import RenderOptions
from checker.report.safe import json_safe
from checker.report.sarif import (
    INFORMATION_URI,
    SARIF_SCHEMA,
    input_rule,
    rules_table,
)
from checker.report.sarif_lines import Cut, Results, count, cut
from checker.report.sarif_size import SizeGuard

MAX_PARTS = 256
"""Past this many files the parts keep their most severe results (1 in 25,000 per
project would be 6.4 million results: no repository's code scanning is for that)."""


@dataclass(frozen=True, slots=True)
class Plan:
    """How many parts the results take; part k holds the projects hashed to k."""

    parts: int
    results: tuple[int, ...]
    """Results in each part, before any is left out."""

    @property
    def total(self) -> int:
        return sum(self.results)


@dataclass(slots=True)
class Written:
    """What writing one document did, for the command's message on stderr."""

    results: int = 0
    left_out: int = 0
    size_full: bool = False
    """The file reached GitHub's size limit: the results after that point are left out."""
    notes: list[str] = field(default_factory=list)


def plan(run: RunResult, *, full: bool, at_least: int = 1) -> Plan:
    """The fewest parts (a power of two, `at_least` of them) in which no part has more
    results than GitHub takes in one run. Counts statuses; makes no finding."""
    counted = [(_bucket_key(p), count(p, full)) for p in run.projects]
    parts = at_least
    while True:
        sums = [0] * parts
        for key, results in counted:
            sums[key % parts] += results
        if max(sums) <= sarif_run.MAX_RESULTS or parts >= MAX_PARTS:
            return Plan(parts, tuple(sums))
        parts *= 2


def category(run: RunResult, part: int) -> str:
    """The part's `automationDetails.id`: the first keeps the one-file category."""
    base = "govcheck/" + "+".join(p.id for p in run.profiles) + "/"
    return base if part == 0 else f"{base}part-{part + 1}/"


def part_path(output: str, part: int) -> str:
    """`out.sarif` for the first part, `out-2.sarif`, `out-3.sarif`... for the next."""
    if part == 0:
        return output
    path = PurePath(output)
    return str(path.with_name(f"{path.stem}-{part + 1}{path.suffix}"))


def split(
    run: RunResult,
    options: RenderOptions,
    *,
    full: bool,
    output: str,
    write: Callable[[Iterator[str], str], None],
) -> list[tuple[str, Written]]:
    """Write the log as one file, or as several when one run cannot hold every result;
    the files written, with what each holds. A part that reaches the size limit makes
    twice as many parts, written again."""
    at_least = 1
    while True:
        made = plan(run, full=full, at_least=at_least)
        files: list[tuple[str, Written]] = []
        common = _common(run, full)
        for part in range(made.parts):
            path = part_path(output, part)
            written = Written()
            made_part = document(
                run, options, full=full, made=made, part=part, written=written, common=common
            )
            write(made_part, path)
            files.append((path, written))
        if made.parts >= MAX_PARTS or not any(w.size_full for _, w in files):
            return files
        at_least = made.parts * 2


def single(
    run: RunResult, options: RenderOptions, *, full: bool, written: Written | None = None
) -> Iterator[str]:
    """One document with every result when they fit in one run, else the most severe."""
    made = plan(run, full=full)
    keep = None if made.parts == 1 else cut(run, full, sarif_run.MAX_RESULTS)
    yield from document(run, options, full=full, made=made, part=None, keep=keep, written=written)


def document(
    run: RunResult,
    options: RenderOptions,
    *,
    full: bool,
    made: Plan,
    part: int | None,
    keep: Cut | None = None,
    written: Written | None = None,
    common: Common | None = None,
) -> Iterator[str]:
    """The SARIF log of one part (None: the whole run in one document, where `keep` says
    which results to keep when not all fit). `common`: what the parts of one run share."""
    written = written if written is not None else Written()
    common = common if common is not None else _common(run, full)
    projects = run.projects if part is None else common.projects(made.parts)[part]
    index, tool = common.tool(options, projects)
    guard = SizeGuard(sarif_run.MAX_GZIPPED)
    head = (
        "{\n"
        + _member("$schema", SARIF_SCHEMA, 2)
        + _member("version", "2.1.0", 2)
        + '  "runs": [\n    {\n'
        + tool
        + _member("automationDetails", {"id": category(run, part or 0)}, 6)
        + '      "results": ['
    )
    guard.add(head)
    yield head
    # One line a result: json's C encoder (an indented dump runs its Python one, most of a
    # large report's time) and a smaller file under GitHub's size limit.
    common.results.index = index  # the rules of this part's input problems added
    batch: list[str] = []  # results written a few hundred at a time
    lead, taken = "\n        ", 0  # once a result: kept lean
    add, append = guard.add, batch.append
    try:
        for text in common.results.texts(projects, keep, guard):
            if text is None:
                written.left_out += 1
                continue
            chunk = lead + json_safe(text)
            lead = ",\n        "
            add(chunk)
            append(chunk)
            taken += 1
            if len(batch) >= _YIELDED:
                yield "".join(batch)
                batch.clear()
    finally:
        guard.close()
    written.results += taken
    written.size_full = guard.full
    yield "".join(batch) + ("],\n" if taken == 0 else "\n      ],\n")
    yield _member("invocations", [_invocation(run, made, part, written, common)], 6)
    yield _member("properties", _properties(run, made, part, written, common), 6, last=True)
    yield "    }\n  ]\n}\n"


# --- which results -------------------------------------------------------------------------------


def _bucket_key(project: ProjectResult) -> int:
    """A hash of the project's id that is the same in every run and every Python."""
    return zlib.crc32((project.project.id or project.project.path).encode("utf-8", "surrogatepass"))


_YIELDED = 256
"""Results given to the writer in one string."""


# --- run header, notes and properties ----------------------------------------------------------


def _tool(options: RenderOptions, rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "driver": {
            "name": "govcheck",
            "version": options.tool_version or "0",
            "semanticVersion": options.tool_version or "0.0.0",
            "informationUri": INFORMATION_URI,
            "rules": rules,
        }
    }


def _invocation(
    run: RunResult, made: Plan, part: int | None, written: Written, common: Common
) -> dict[str, Any]:
    done = dict(common.invocation)
    notes: list[dict[str, Any]] = list(done.get("toolExecutionNotifications", []))
    done["toolExecutionNotifications"] = notes
    if part is not None and made.parts > 1:
        text = _(
            "Part {value} of {parts}: GitHub code scanning accepts at most {most} "
            "results per run, so the {total} results are split by project across {parts} files, "
            "each its own category; this one ({value2}) has {value3}. Upload every file."
        ).format(
            value=part + 1,
            parts=made.parts,
            most=number(sarif_run.MAX_RESULTS),
            total=number(made.total),
            value2=category(run, part),
            value3=number(made.results[part]),
        )
        notes.append(_note(text, "results_split"))
        written.notes.append(text)
    if written.left_out:
        notes.append({**_note(_left_out(written, whole=part is None), "results_left_out")})
        notes[-1]["level"] = "warning"
        written.notes.append(notes[-1]["message"]["text"])
    if not notes:
        del done["toolExecutionNotifications"]
    return done


def _left_out(written: Written, *, whole: bool) -> str:
    of = _("{left_out} of {value} result(s) left out: ").format(
        left_out=number(written.left_out), value=number(written.left_out + written.results)
    )
    if written.size_full:
        why = _(
            "GitHub code scanning accepts at most 10 MB gzipped per file, and the results "
            "are written in order, so those after the last one written are missing"
        )
    else:
        why = _(
            "GitHub code scanning accepts at most {most} results per run, so the most "
            "severe are kept"
        ).format(most=number(sarif_run.MAX_RESULTS))
    how = (
        _("`--sarif-split -o FILE` writes every result, split across several files")
        if whole
        else _("the JSON report (`-f json`) has every finding")
    )
    return f"{of}{why}; {how}."


def _note(text: str, kind: str) -> dict[str, Any]:
    return {"level": "note", "message": {"text": text}, "properties": {"kind": kind}}


def _properties(
    run: RunResult, made: Plan, part: int | None, written: Written, common: Common
) -> dict[str, Any]:
    properties = dict(common.properties)
    if part is not None and made.parts > 1:
        properties["split"] = {
            "part": part + 1,
            "parts": made.parts,
            "category": category(run, part),
            "results": made.results[part],
            "resultsInAllParts": made.total,
        }
    if written.left_out:
        properties["resultsLeftOut"] = written.left_out
    return properties


@dataclass(slots=True)
class Common:
    """What every part of one run shares, made once: the results' pieces kept so far,
    the run's properties and its invocation (each part adds its own notes), the projects
    of each part and the rules table with its text. Made for one rendering (one
    `RenderOptions`, which the kept text of the tool says)."""

    results: Results
    properties: dict[str, Any]
    invocation: dict[str, Any]
    rules: tuple[list[dict[str, Any]], dict[str, int]]
    _groups: dict[int, list[list[ProjectResult]]] = field(default_factory=dict)
    _tools: dict[tuple[()] | None, str] = field(default_factory=dict)
    """The `tool` member's text without input rules (key `()`), and with a hole for
    them (key None)."""

    def projects(self, parts: int) -> list[list[ProjectResult]]:
        """The projects of each part, in the run's order (hashed once, not once a part:
        at 32 parts of 10,000 projects that was a tenth of the time)."""
        groups = self._groups.get(parts)
        if groups is None:
            groups = self._groups[parts] = [[] for _ in range(parts)]
            for project in self.results.run.projects:
                groups[_bucket_key(project) % parts].append(project)
        return groups

    def tool(
        self, options: RenderOptions, projects: Sequence[ProjectResult]
    ) -> tuple[dict[str, int], str]:
        """The rule index of these projects' part and the `tool` member's text: the
        profiles' rules, then a rule for each kind of input problem, made on first sight.
        The profiles' rules (an indented dump of some 150) are dumped once."""
        rules, index = self.rules
        added: dict[str, int] = {}
        for project in projects:
            for finding in project.problems:
                if finding.rule not in index and finding.rule not in added:
                    added[finding.rule] = len(rules) + len(added)
        if not added:
            text = self._tools.get(())
            if text is None:
                text = self._tools[()] = _member("tool", _tool(options, rules), 6)
            return index, text
        # Most parts of a large portfolio have a file or two with input problems, each
        # part its own set: the profiles' rules are dumped once, with a hole where a
        # part's input rules go, each dumped as the whole dump would indent it.
        around = self._tools.get(None)
        if around is None:
            holed: list[Any] = [*rules, hole(0)]
            around = self._tools[None] = _member("tool", _tool(options, holed), 6)
        cut = pieces(around, 1, quoted=True)
        if cut is None:  # a rule's text held the mark: dump it all
            table = rules + [input_rule(rule) for rule in added]
            return {**index, **added}, _member("tool", _tool(options, table), 6)
        (before, after), _ = cut
        depth = len(before) - before.rfind("\n") - 1
        made = (
            _indented(json.dumps(input_rule(r), indent=2, ensure_ascii=False), depth) for r in added
        )
        return {**index, **added}, before + json_safe((",\n" + " " * depth).join(made)) + after


def _common(run: RunResult, full: bool) -> Common:
    waived = 0 if full else sum(count(p, True) - count(p, False) for p in run.projects)
    properties = sarif_run.run_properties(run, waived_left_out=waived)
    return Common(Results(run, {}, full), properties, sarif_run.invocation(run), rules_table(run))


# --- JSON text in pieces -----------------------------------------------------------------------


def _member(key: str, value: Any, depth: int, *, last: bool = False) -> str:
    """`"key": value` as json.dumps(indent=2) writes it `depth` spaces in."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    line = " " * depth + json.dumps(key) + ": " + _indented(text, depth)
    return json_safe(line) + ("\n" if last else ",\n")


def _indented(text: str, depth: int) -> str:
    """Every line but the first pushed `depth` spaces in (json.dumps starts at column 0)."""
    return text.replace("\n", "\n" + " " * depth)
