"""`--format json`: the versioned results document, format 3.0 (checker/report/contract.py).

Owns the JSON shape, written as a stream of chunks so that a large run never
builds one giant string: rule metadata once per profile, one line per project
with its counts and score per profile, then one line per listed finding, grouped
by status, and the project's places (format 2.0, checker/report/contract_v2.py,
is written on request: a flat list of findings, each with its status and place). By
default only what needs attention is listed (fail, not_shown, error, waived
and input problems); passed, not applicable and upcoming outcomes are counted,
and listed only when `options.include` asks (`--include`). Numbers are read
off the core (status bytes, `Evaluation.score()`), never recomputed. Refuses
presentation: no colours, no ordering beyond the run's own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import compress
from typing import Any

from checker.expanded import StaleVerification, identity_hash
from checker.findings import (
    ATTENTION,
    BASES,
    STATUS_CODE,
    Evaluation,
    Finding,
    ProfileSummary,
    ProjectResult,
    RuleInfo,
    RunResult,
    Severity,
    Status,
    WaiverNote,
    detail_with_waiver,
    fact_path,
    marked,
    marking,
    message_for,
)
from checker.i18n import language
from checker.packing import PackedLocated, parts
from checker.report.holes import hole, pattern
from checker.report.options import RenderOptions
from checker.report.safe import json_safe

RESULTS_FORMAT_VERSION = "3.0"
"""The document's `format_version` (the contract's models, which need pydantic, are
not imported to write it)."""
RESULTS_FORMATS = (RESULTS_FORMAT_VERSION, "2.0")
"""The formats a check writes (`--results-format`): 2.0 for one release after 3.0."""
_COUNTED_STATUSES = (
    Status.PASS,
    Status.FAIL,
    Status.NOT_SHOWN,
    Status.NOT_APPLICABLE,
    Status.UPCOMING,
    Status.ERROR,
    Status.WAIVED,
)


def listed_statuses(include: Iterable[Status]) -> tuple[Status, ...]:
    """The statuses a document lists in full, in a fixed order."""
    wanted = set(ATTENTION) | set(include)
    return tuple(s for s in _COUNTED_STATUSES if s in wanted)


def render(run: RunResult, options: RenderOptions) -> Iterator[str]:
    """The results document, streamed."""
    return document(run, options)


def document(
    run: RunResult,
    options: RenderOptions,
    upgraded_from: str | None = None,
    signed_version: str | None = None,
) -> Iterator[str]:
    """The results document. `upgraded_from` marks one made from an older format, whose
    verdicts were made by govcheck `signed_version` (the writer is `options.tool_version`)."""
    listed = listed_statuses(options.include)
    version = options.results_format
    if version not in RESULTS_FORMATS:
        raise ValueError(f"results format {version!r}")  # the parser offers only these
    head = {
        "format_version": version,
        "upgraded_from": upgraded_from,
        "lang": language(),
        "as_of": run.as_of or None,
        "tool": {"name": "govcheck", "version": options.tool_version},
        "signature": {
            "tool": {"name": "govcheck", "version": signed_version or options.tool_version},
            "profiles": [
                {"id": p.id, "version": None, "digest": p.digest or None} for p in run.profiles
            ],
            "screening_lists": [],
            "evidence_digests": [
                {"project": p.project.id, "path": path, "sha256": found}
                for p in run.projects
                for path, found in p.evidence_files
            ],
        },
        "listed_statuses": [s.value for s in listed],
        "fingerprints": options.fingerprints,
    }
    yield _dumps(head, indent=2)[:-2] + ',\n  "profiles": ['
    yield ",".join("\n    " + _dumps(_profile(p, listed)) for p in run.profiles)
    yield "\n  ],\n" if run.profiles else "],\n"
    yield '  "input_codes": ' + _dumps(_input_codes(run)) + ',\n  "projects": ['
    writer = _Writer(run, listed, options.fingerprints, grouped=version != "2.0")
    first = True
    for project in run.projects:
        yield ("\n    " if first else ",\n    ") + writer.project(project)
        first = False
    yield ("\n  ],\n" if not first else "],\n") + '  "texts": ['
    yield json_safe(",".join("\n    " + _DUMPS(t) for t in writer.texts))
    yield ("\n  ],\n" if writer.texts else "],\n") + '  "facts": ['
    yield json_safe(",".join("\n    " + _DUMPS(f) for f in writer.fact_table()))
    summary = {
        "projects": len(run.projects),
        "invalid_projects": len(run.invalid_projects),
        "input_problems": writer.input_problems,
        "out_of_scope": writer.out_of_scope,
        "by_status": {s.value: n for s, n in writer.by_status.items()},
        "problems_by_severity": {s.value: n for s, n in writer.severities.items()},
    }
    stale = [
        {
            "path": s.path,
            "line": s.line,
            "column": s.column,
            "rule": s.rule,
            "project": s.project,
            "profile": s.profile,
            "reason": s.reason,
        }
        for s in run.stale_waivers
        if s.kind == "waiver"
    ]
    gone = [
        {
            "path": s.path,
            "line": s.line,
            "column": s.column,
            "project": s.project,
            "pointer": s.pointer,
            "by": s.by,
            "on": s.on,
            "reason": s.reason,
        }
        for s in run.stale_waivers
        if isinstance(s, StaleVerification)
    ]
    yield (
        ("\n  ],\n" if writer.facts else "],\n")
        + '  "stale_waivers": '
        + _dumps(stale)
        + ',\n  "stale_verifications": '
        + _dumps(gone)
        + ',\n  "summary": '
        + _dumps(summary)
        + (',\n  "interrupted": ' + json.dumps(run.interrupted) + "\n}\n")
    )


def _dumps(value: Any, indent: int | None = None) -> str:
    return json_safe(json.dumps(value, ensure_ascii=False, indent=indent))


def _compact(value: Any) -> str:
    return json_safe(_DUMPS(value))


_DUMPS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""One finding a line, without the spaces that json.dumps puts after `,` and `:`."""


# --- profiles and projects -------------------------------------------------------------------


def _profile(profile: ProfileSummary, listed: tuple[Status, ...]) -> dict[str, Any]:
    return {
        "id": profile.id,
        "title": profile.title,
        "version": None,
        "digest": profile.digest or None,
        "rule_count": profile.rule_count,
        "not_shown_gates": profile.not_shown_gates,
        "countries": list(profile.countries),
        "rules": {rule.id: rule_entry(rule, listed) for rule in profile.rules},
    }


def rule_entry(rule: RuleInfo, listed: Iterable[Status] = ATTENTION) -> dict[str, Any]:
    """A rule's metadata as the document's rule table holds it, with the message of each
    listed status (a finding's message is `messages[status]`, its id `finding.<status>`)."""
    return {
        "title": rule.title,
        "area": rule.area,
        "severity": rule.severity.value,
        "requirement": rule.requirement,
        "label": rule.label,
        "references": [
            {"instrument": r.instrument, "article": r.article, "url": r.url, "note": r.note}
            for r in rule.references
        ],
        "remediation": rule.remediation,
        "applies_when": rule.applies_when,
        "applies_from": rule.applies_from or None,
        "in_service_from": rule.in_service_from or None,
        "topic": rule.topic or rule.id,
        "messages": {s.value: message_for(rule, s) for s in listed},
        # What every finding of the rule is unless it says `binding: law`: written once
        # here, not on each of a portfolio's findings.
        **(
            {"binding": "benchmark", "binding_because": rule.benchmark_because}
            if rule.benchmark_because
            else {}
        ),
    }


def _input_codes(run: RunResult) -> dict[str, dict[str, str]]:
    codes: dict[str, dict[str, str]] = {}
    for project in run.projects:
        for problem in project.problems:
            if problem.rule not in codes:
                codes[problem.rule] = {
                    "title": problem.title,
                    "area": "input",
                    "remediation": problem.remediation,
                }
    return codes


_CODES = tuple((status.value, STATUS_CODE[status]) for status in _COUNTED_STATUSES)
_COUNT_NAMES = tuple(name for name, _code in _CODES)
_STATUS_OF = {code: status for status, code in STATUS_CODE.items()}
_PROBLEM_CODES = frozenset(code for code, status in _STATUS_OF.items() if status.is_problem)
_WAIVED = STATUS_CODE[Status.WAIVED]
_PROBLEM_MARKS = marking(_PROBLEM_CODES)

_OWN_WORDING = frozenset(
    STATUS_CODE[s] for s in (Status.NOT_SHOWN, Status.NOT_APPLICABLE, Status.UPCOMING)
)
"""Statuses whose message is the same whatever the rule's binding (no label in front)."""


def _out_of_scope(profile: str, listed: tuple[Status, ...] | None) -> dict[str, Any]:
    """The record of a profile that does not cover the project: findings grouped by the
    `listed` statuses (format 3.0, every group empty), or a flat list (None: 2.0)."""
    return {
        "profile": profile,
        "out_of_scope": True,
        "counts": None,
        "score": None,
        "findings": [] if listed is None else {s.value: [] for s in listed},
    }


def _numbers(evaluation: Evaluation) -> tuple[list[int], list[Any]]:
    """An evaluation's counts (in `_CODES` order) and its score's fields, as `_in_scope`
    takes them."""
    statuses = evaluation.statuses
    score = evaluation.score()
    scored = [score.passed, score.failed, score.not_shown, score.error, score.waived]
    return [statuses.count(code) for _name, code in _CODES], [
        *scored,
        score.applicable,
        score.share,
        *score.met_by_basis().values(),
    ]


def _in_scope(profile: str, counts: list[Any], scored: list[Any]) -> dict[str, Any]:
    """The record of a result in scope, from its profile, counts and score's fields."""
    passed, failed, not_shown, error, waived, applicable, share, *bases = scored
    return {
        "profile": profile,
        "out_of_scope": False,
        "counts": dict(zip(_COUNT_NAMES, counts, strict=True)),
        "score": {
            "passed": passed,
            "failed": failed,
            "not_shown": not_shown,
            "error": error,
            "waived": waived,
            "applicable": applicable,
            "share": share,
            "met_by_basis": dict(zip(BASES, bases, strict=True)),
        },
    }


def _record_pattern() -> str | None:
    """`_in_scope`'s record as the encoder writes it, a `str.format` pattern of its
    profile, counts and score's fields (checker/report/holes.py): the numbers are put in
    without building and encoding a dictionary per result, 20,000 at 10,000 projects."""
    marks = [hole(number) for number in range(1 + len(_CODES) + 7 + len(BASES))]
    record = _in_scope(marks[0], marks[1 : 1 + len(_CODES)], marks[1 + len(_CODES) :])
    return pattern(_DUMPS(record), len(marks), quoted=True)


_RECORD = _record_pattern()
_SHARE = len(_CODES) + 6
"""Where the score's share is among a record's numbers (counts, then score fields)."""


class _Writer:
    """Writes project records and remembers what they refer to: every distinct `detail`
    text and missing fact once (`texts`, `facts`), and the totals of the summary."""

    def __init__(
        self, run: RunResult, listed: tuple[Status, ...], fingerprints: bool, grouped: bool
    ) -> None:
        self.baseline = run.baseline
        self.baseline_state = run.baseline_state
        self.listed = listed
        self.grouped = grouped
        """Format 3.0: findings grouped by status, each naming its place in the project's
        `places` (`at`); else 2.0, each with its status and place written out."""
        self.codes = frozenset(STATUS_CODE[s] for s in listed)
        self.marks = marking(self.codes)
        self.fingerprints = fingerprints
        self._heads: dict[tuple[str, int, int, Severity], str] = {}
        self._quotes: dict[str, str] = {}
        self._fact_texts: dict[tuple[tuple[str, str], ...], str] = {}
        self._tails: dict[tuple[int, ...], str] = {}
        """Plain findings' texts after their place (2.0: after line and column), by the ids
        of their table cells."""
        self._tails_of: list[Any] | None = None
        self._laws: dict[tuple[str, int, int, int], str] = {}
        self.texts: list[str] = []
        self._text_ids: dict[str, int] = {}
        self.facts: dict[tuple[str, str], int] = {}
        self._fact_lists: dict[tuple[tuple[str, str], ...], list[int]] = {}
        self.by_status = dict.fromkeys(_COUNTED_STATUSES, 0)
        self.severities = dict.fromkeys(Severity, 0)
        self.out_of_scope = 0
        self.input_problems = 0
        self._rule_ranks: dict[int, tuple[tuple[Any, ...], bytes]] = {}
        self._profiles: dict[str, str] = {}
        """Each profile id as a JSON string."""
        self._swift_heads: dict[str, dict[int, str]] = {}
        """A finding's text up to its place by profile, then rule index * 256 + status code
        (the rule's own severity: `_swift` is for evaluations without overrides)."""
        self._places: dict[tuple[int, int, str, str], int] = {}
        """The project being written's places (line, column, pointer, item) by index."""
        self._place_texts: dict[tuple[int, int, str, str], str] = {}
        """Every place written so far as JSON: places recur across projects."""

    def project(self, project: ProjectResult) -> str:
        """One project's record, its findings one a line."""
        info = project.project
        head = {
            "id": info.id,
            "path": info.path,
            "title": info.title,
            "country": info.country,
            "sector": info.sector,
            "valid": info.valid,
        }
        text = _compact(head)[:-1] + ',"problems":['
        problems = [self.problem(p) for p in project.problems]
        text += _lines(problems, "\n      ") + '],"results":['
        results = []
        grouped = self.grouped
        self._places = {}
        if len(self._place_texts) > _PLACES_KEPT:  # a portfolio of unlike files: start over
            self._place_texts = {}
        for evaluation in project.evaluations:
            if evaluation.out_of_scope:
                self.out_of_scope += 1
                outside = _out_of_scope(evaluation.profile, self.listed if grouped else None)
                results.append(_compact(outside))
                continue
            record, counts = self._record(evaluation)
            for status, count in zip(_COUNTED_STATUSES, counts, strict=True):
                self.by_status[status] += count
            lines, codes = self.findings(evaluation, project)
            if grouped:
                results.append(record + ',"findings":' + self._grouped(lines, codes) + "}")
            else:
                results.append(record + ',"findings":[' + _lines(lines, "\n      ") + "]}")
        if not grouped:
            return text + ",".join(results) + "]}"
        return text + ",".join(results) + '],"places":[' + self._places_text() + "]}"

    def _places_text(self) -> str:
        """The project's `places` as JSON, inside the brackets; each place's text is kept
        for the next projects, which mostly share them."""
        kept = self._place_texts
        texts = list(map(kept.get, self._places))
        if None in texts:
            keys = list(self._places)
            for position in [at for at, found in enumerate(texts) if found is None]:
                line, column, pointer, item = key = keys[position]
                made = f"[{line},{column},{self._quoted(pointer)}"
                made += f",{self._quoted(item)}]" if item else "]"
                texts[position] = kept[key] = made
        return json_safe(",".join(texts))  # type: ignore[arg-type]

    def _grouped(self, lines: list[str], codes: bytes) -> str:
        """An evaluation's finding lines as format 3.0 groups them: one list for each
        listed status, in the document's order, each in the profile's order."""
        groups: dict[int, list[str]] = {STATUS_CODE[s]: [] for s in self.listed}
        if codes and codes.count(codes[0]) == len(codes):  # most often all `not_shown`
            groups[codes[0]] = lines
        else:
            for line, code in zip(lines, codes, strict=True):
                groups[code].append(line)
        return (
            "{"
            + ",".join(
                f'"{_STATUS_OF[code].value}":[{_lines(group, _INDENT)}]'
                for code, group in groups.items()
            )
            + "}"
        )

    def _place(self, line: int, column: int, pointer: str, item: str) -> int:
        """The index of a place in the project's `places`, listed there when new."""
        key = (line, column, pointer, item)
        at = self._places.get(key)
        if at is None:
            at = self._places[key] = len(self._places)
        return at

    def _record(self, evaluation: Evaluation) -> tuple[str, list[int]]:
        """`_compact(_in_scope(...))` of an evaluation in scope, without its closing
        brace, and its counts: the record's numbers put into its pattern (`_RECORD`)."""
        counts, scored = _numbers(evaluation)
        if _RECORD is None:  # a mark the encoder did not keep: the record encoded
            return _compact(_in_scope(evaluation.profile, counts, scored))[:-1], counts
        profile = self._profiles.get(evaluation.profile)
        if profile is None:
            profile = self._profiles[evaluation.profile] = _compact(evaluation.profile)
        numbers: list[Any] = [*counts, *scored]
        share = numbers[_SHARE]  # as the encoder writes a float
        numbers[_SHARE] = "null" if share is None else float.__repr__(share)
        return _RECORD.format(profile, *numbers)[:-1], counts

    def findings(self, evaluation: Evaluation, project: ProjectResult) -> tuple[list[str], bytes]:
        """An evaluation's listed findings, a line each in the profile's order, and the
        status code of each."""
        statuses = evaluation.statuses
        rules = evaluation.rules
        lines = []
        codes = bytearray()
        # Most findings carry no waiver, basis, evidence, law or fingerprint: their line is
        # written from pieces kept per run (the same rules, pointers and fact lists recur),
        # in the key order `_entry` gives.
        plain = not self.fingerprints and self.baseline is None
        waivers, bases, bound = evaluation.waivers, evaluation.bases, evaluation.bound
        severities, counted = evaluation.severities, self.severities
        located = evaluation.located
        # Packed keys are rule indices as bytes: a profile of more than 256 rules (whose
        # listed passes lie past them) is read through the mapping instead.
        packed = plain and located.__class__ is PackedLocated and len(statuses) <= 256
        if packed:
            keys, cells, values = located.raw()  # type: ignore[attr-defined]
            if values is not self._tails_of:  # tails are kept by table ids: one table's
                self._tails, self._tails_of = {}, values
            if not (waivers or bases or severities):
                swift = self._swift(evaluation, keys, cells, values)
                if swift is not None:
                    return swift
        for index in marked(statuses, self.marks):
            code = statuses[index]
            codes.append(code)
            severity = severities.get(index)
            if severity is None:
                severity = rules[index].severity
            if code in _PROBLEM_CODES:
                counted[severity] += 1
            if not plain or index in waivers or index in bases:
                lines.append(_DUMPS(self._entry(evaluation, project, index, code, severity)))
                continue
            at = keys.find(index) if packed else -1
            law = index in bound and rules[index].force(bound[index])[0] == "law"
            if at < 0:
                if law:
                    lines.append(_DUMPS(self._entry(evaluation, project, index, code, severity)))
                else:
                    lines.append(self._plain(evaluation, index, code, severity, project))
                continue
            head = self._heads.get((evaluation.profile, index, code, severity))
            if head is None:
                head = self._head(evaluation, index, code, severity)
            where, tail = self._located(cells[at * 6 : at * 6 + 6], values)
            if law:
                tail = tail[:-1] + self._law(evaluation, index, code, bound[index])
            lines.append(head + where + tail)
        return lines, bytes(codes)

    def _located(self, cell: Any, values: list[Any]) -> tuple[str, str]:
        """A packed location's place (`,"at":N`; in 2.0 its line and column) and the
        text after it, from its six cells."""
        if self.grouped:
            ids: tuple[int, ...] = (cell[3], cell[4])
            where = f',"at":{self._place(cell[1], cell[2], values[cell[0]], values[cell[5]])}'
        else:
            ids = (cell[3], cell[4], cell[0], cell[5])
            where = f',"line":{cell[1]},"column":{cell[2]}'
        tail = self._tails.get(ids)
        if tail is None:
            tail = self._tails[ids] = self._tail(*(values[i] for i in ids))
        return where, tail

    def _swift(
        self, evaluation: Evaluation, keys: bytes, cells: Any, values: list[Any]
    ) -> tuple[list[str], bytes] | None:
        """The lines of an evaluation whose listed findings are exactly its packed
        locations, none waived and none with a basis or a severity of its own: the loop of
        `findings` over whole columns of cells (its heads, tails and severity counts),
        the few rules a law binds patched after. None for any other evaluation."""
        statuses, rules = evaluation.statuses, evaluation.rules
        picked = statuses.translate(self.marks)
        listed = bytes(compress(range(len(statuses)), picked))
        columns: list[Any] = [cells[column::6] for column in range(6)]
        if keys != listed:  # locations of outcomes not listed too: their cells left out
            kept = bytes(map(picked.__getitem__, keys))
            keys = bytes(compress(keys, kept))
            if keys != listed:  # a listed finding at the project's root
                return None
            columns = [list(compress(column, kept)) for column in columns]
        pointers, lines, places, details, facts, items = columns
        profile = evaluation.profile
        ranks = self._rule_ranks.get(id(rules))
        if ranks is None:  # the rules are held too, so that their id is not reused
            ranks = self._rule_ranks[id(rules)] = (rules, bytes(r.severity.rank for r in rules))
        counted = self.severities
        ranked = bytes(compress(ranks[1], statuses.translate(_PROBLEM_MARKS)))
        if ranked:  # the problems' severities, counted in C
            for severity in Severity:
                counted[severity] += ranked.count(severity.rank)
        heads = self._swift_heads.setdefault(profile, {})
        codes = bytes(compress(statuses, picked))
        kinds = [index * 256 + code for index, code in zip(keys, codes, strict=True)]
        made = list(map(heads.get, kinds))
        if None in made:
            for at, kind in enumerate(kinds):
                if made[at] is None:
                    index, code = divmod(kind, 256)
                    head = self._heads.get((profile, index, code, rules[index].severity))
                    if head is None:
                        head = self._head(evaluation, index, code, rules[index].severity)
                    made[at] = heads[kind] = head
        tails = self._tails
        # A tail is keyed by its texts' ids: detail and facts (in 2.0 also pointer and item).
        ids: list[tuple[int, ...]] = list(
            zip(details, facts, strict=True)
            if self.grouped
            else zip(details, facts, pointers, items, strict=True)
        )
        ends: list[str | None] = list(map(tails.get, ids))
        bound = evaluation.bound
        laws = {
            keys.find(index): index
            for index in bound
            if index in keys and rules[index].force(bound[index])[0] == "law"
        }
        # In order, as `findings` makes them: a tail or a law made here for the first
        # time numbers its texts and facts in the document's tables.
        todo = set(laws)
        if None in ends:
            todo.update(at for at, found in enumerate(ends) if found is None)
        for at in sorted(todo):
            end = ends[at]
            if end is None:
                key = ids[at]
                end = tails[key] = self._tail(*(values[i] for i in key))
            law = laws.get(at)
            if law is not None:
                end = end[:-1] + self._law(evaluation, law, statuses[law], bound[law])
            ends[at] = end
        if self.grouped:
            wheres = self._ats(lines, places, pointers, items, values)
            return [f"{h}{w}{e}" for h, w, e in zip(made, wheres, ends, strict=True)], codes
        return [
            f'{head},"line":{line},"column":{column}{end}'
            for head, line, column, end in zip(made, lines, places, ends, strict=True)
        ], codes

    def _ats(
        self,
        lines: Iterable[int],
        columns: Iterable[int],
        pointers: Iterable[int],
        items: Iterable[int],
        values: list[Any],
    ) -> list[str]:
        """`,"at":N` of each of a column of places (format 3.0), its pointers and items
        by table id: looked up at C speed, the places new to the project listed in the
        order findings first name them."""
        found = values.__getitem__
        keys = list(zip(lines, columns, map(found, pointers), map(found, items), strict=True))
        places = self._places
        ats = list(map(places.get, keys))
        if None in ats:  # new places: listed after the project's others, in order
            listed = dict.fromkeys(places)
            listed.update(dict.fromkeys(keys))
            places = self._places = dict(zip(listed, range(len(listed)), strict=True))
            ats = list(map(places.__getitem__, keys))
        if len(places) > len(_AT_TEXTS):  # a project of more places than the texts made
            return [f',"at":{at}' for at in ats]
        return list(map(_AT_TEXTS.__getitem__, ats))  # type: ignore[arg-type]

    def _law(self, evaluation: Evaluation, index: int, code: int, ground: int) -> str:
        """What a finding whose rule binds the project as law adds after its missing facts
        (the key order of `_entry`), kept per (profile, rule, status, case of the binding)."""
        key = (evaluation.profile, index, code, ground)
        found = self._laws.get(key)
        if found is None:
            rule = evaluation.rules[index]
            _force, because = rule.force(ground)
            found = f',"binding":"law","binding_because":{self.text(because)}'
            if rule.law_label and code not in _OWN_WORDING:
                message = message_for(rule, _STATUS_OF[code], law=True)
                found += f',"message":{_DUMPS(message)}'
            found = self._laws[key] = found + "}"
        return found

    def _entry(
        self,
        evaluation: Evaluation,
        project: ProjectResult,
        index: int,
        code: int,
        severity: Severity,
    ) -> dict[str, Any]:
        """A finding with everything it may carry (waiver, basis, evidence, law, identity)."""
        rule = evaluation.rules[index]
        status = _STATUS_OF[code]
        where = evaluation.located.get(index, project.root)
        waiver = evaluation.waivers.get(index)
        entry: dict[str, Any] = {"rule": rule.id}
        if not self.grouped:
            entry["status"] = status.value
        if code == _WAIVED and waiver is not None:
            entry["waived_status"] = waiver.over
        if severity is not rule.severity:
            entry["severity"] = severity.value
        if self.grouped:
            entry["at"] = self._place(where.line, where.column, where.pointer, where.item)
        else:
            entry["line"] = where.line
            entry["column"] = where.column
            entry["pointer"] = where.pointer
            if where.item:
                entry["item"] = where.item
        entry["detail"] = self.text(detail_with_waiver(where.detail, waiver))
        if where.facts:
            entry["missing_facts"] = self.fact_list(where.facts)
        basis = evaluation.basis(index)
        if basis != "claimed":
            entry["basis"] = basis
        evidence = evaluation.evidence(index)
        if evidence:
            entry["evidence"] = list(evidence)
        force, because = rule.force(evaluation.bound.get(index))
        if force == "law":  # a benchmark is the rule table's `binding`
            entry["binding"] = force
            entry["binding_because"] = self.text(because)
            if rule.law_label and code not in _OWN_WORDING:
                entry["message"] = message_for(rule, status, law=True)
        if self.fingerprints or (self.baseline is not None and status.is_problem):
            fingerprint = identity_hash(evaluation.profile, rule.id, project.project.id, where.item)
            if self.fingerprints:
                entry["fingerprint"] = fingerprint
            if self.baseline is not None and status.is_problem:
                entry["baseline_state"] = self.baseline_state(fingerprint)
        if waiver is not None:
            entry["waiver"] = _waiver(waiver)
        return entry

    def _plain(
        self,
        evaluation: Evaluation,
        index: int,
        code: int,
        severity: Severity,
        project: ProjectResult,
    ) -> str:
        """A finding's line when it has only a place, a detail and missing facts: the bytes
        `_DUMPS(self._entry(...))` gives (a test holds them equal)."""
        head = self._heads.get((evaluation.profile, index, code, severity))
        if head is None:
            head = self._head(evaluation, index, code, severity)
        pointer, line, column, detail, facts, item = parts(evaluation.located, index, project.root)
        if self.grouped:
            at = self._place(line, column, pointer, item)
            return f'{head},"at":{at}{self._tail(detail, facts)}'
        return f'{head},"line":{line},"column":{column}{self._tail(detail, facts, pointer, item)}'

    def _head(self, evaluation: Evaluation, index: int, code: int, severity: Severity) -> str:
        """A plain finding's text up to its place (rule, status in 2.0, severity), kept per
        run."""
        rule = evaluation.rules[index]
        entry: dict[str, Any] = {"rule": rule.id}
        if not self.grouped:
            entry["status"] = _STATUS_OF[code].value
        if severity is not rule.severity:
            entry["severity"] = severity.value
        head = self._heads[(evaluation.profile, index, code, severity)] = _DUMPS(entry)[:-1]
        return head

    def _tail(
        self,
        detail: str,
        facts: tuple[tuple[str, str], ...],
        pointer: str | None = None,
        item: str = "",
    ) -> str:
        """A plain finding's text after its place (`at`), or in format 2.0 after its line
        and column, where its `pointer` and `item` come first."""
        text = ""
        if pointer is not None:
            text = f',"pointer":{self._quoted(pointer)}'
            if item:
                text += f',"item":{self._quoted(item)}'
        text += f',"detail":{self.text(detail)}'
        if facts:
            listed = self._fact_texts.get(facts)
            if listed is None:
                listed = self._fact_texts[facts] = _DUMPS(self.fact_list(facts))
            text += f',"missing_facts":{listed}'
        return text + "}"

    def _quoted(self, text: str) -> str:
        quoted = self._quotes.get(text)
        if quoted is None:
            quoted = self._quotes[text] = _DUMPS(text)
        return quoted

    def problem(self, finding: Finding) -> str:
        """An input problem: a problem with the file itself, with its message inline."""
        self.input_problems += 1
        self.severities[finding.severity] += 1
        entry: dict[str, Any] = {
            "rule": finding.rule,
            "status": finding.status.value,
            "severity": finding.severity.value,
            "line": finding.line,
            "column": finding.column,
            "pointer": finding.pointer,
            "message_id": message_id(finding),
            "message": finding.message,
            "detail": self.text(finding.detail),
        }
        if self.fingerprints:
            entry["fingerprint"] = finding.fingerprint
        if self.baseline is not None:
            entry["baseline_state"] = self.baseline_state(finding.fingerprint)
        return _DUMPS(entry)

    def text(self, text: str) -> int:
        """The index of `text` in the document's `texts`."""
        index = self._text_ids.get(text)
        if index is None:
            index = self._text_ids[text] = len(self.texts)
            self.texts.append(text)
        return index

    def fact_list(self, facts: tuple[tuple[str, str], ...]) -> list[int]:
        """The indices of `facts` in the document's `facts` (lists repeat across projects)."""
        indices = self._fact_lists.get(facts)
        if indices is None:
            indices = [self.facts.setdefault(fact, len(self.facts)) for fact in facts]
            self._fact_lists[facts] = indices
        return indices

    def fact_table(self) -> Iterator[dict[str, str]]:
        for pointer, state in self.facts:
            yield {"pointer": pointer, "path": fact_path(pointer), "state": state}


_AT_TEXTS = tuple(f',"at":{at}' for at in range(1024))
"""A finding's `at` as written, for the places of a project of up to 1,024 of them."""
_PLACES_KEPT = 100_000
"""How many written places the writer keeps for reuse (10,000 generated proposals have
some 34,000 distinct ones among 383,000), so that its memory stays bounded."""
_INDENT = "\n      "
"""Before each finding of a project's record: one a line."""


def _lines(lines: list[str], indent: str) -> str:
    if not lines:
        return ""
    return json_safe(indent + ("," + indent).join(lines)) + indent[:-2]


def _waiver(waiver: WaiverNote | None) -> dict[str, Any] | None:
    if waiver is None:
        return None
    return {
        "justification": waiver.justification,
        "approved_by": waiver.approved_by,
        "expires": waiver.expires,
        "ticket": waiver.ticket,
        "expired": waiver.expired,
    }


def message_id(finding: Finding) -> str:
    """`input.<code>` for problems with the file, `finding.<status>` for rule outcomes."""
    if finding.profile is None:
        return f"input.{finding.rule}"
    return f"finding.{finding.status.value}"


def finding_record(finding: Finding) -> dict[str, Any]:
    """A finding with its rule's metadata inline, for JSON outputs that have no rule
    table (`govcheck gap -f json`); not the results document's form."""
    waiver = finding.waiver
    return {
        "profile": finding.profile,
        "project": finding.project,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "pointer": finding.pointer,
        "rule": finding.rule,
        "title": finding.title,
        "area": finding.area,
        "severity": finding.severity.value,
        "status": finding.status.value,
        "message": finding.message,
        "detail": finding.detail,
        "applies_because": finding.applies_because,
        "references": [
            {"instrument": r.instrument, "article": r.article, "url": r.url}
            for r in finding.references
        ],
        "remediation": finding.remediation,
        "fingerprint": finding.fingerprint,
        "waiver": _waiver(waiver),
    }
