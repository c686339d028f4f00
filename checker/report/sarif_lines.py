"""SARIF results in the order sarif_parts.py writes them, most from packed cells.

Owns the results' text and which of them one document keeps. A large run
holds its locations packed (checker/packing.py); a result is written from
pieces kept per kind of result (profile, rule, status, severity override,
case of the rule's binding, basis, whether facts are missing, baseline
state): the text `result_of` and the JSON encoder give for the first result
of that kind, cut at holes where the message, place, pointer, fingerprint,
project and missing facts go (checker/report/holes.py), joined per result.
The message and missing facts are kept per (profile, rule, status, case,
detail, facts), read by the ids of the cells. Input problems, waived
findings and unpacked locations take the general path: a `Finding` through
`result_of`. A test holds the two paths to the same bytes. Which results a
document keeps when not all fit (`Cut`) is decided from the statuses alone,
without making a finding.

Refuses the mapping of a finding (sarif.py) and the document around the
results (sarif_parts.py).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress, repeat
from operator import add
from typing import Any, Protocol

from checker.expanded import identity_hash
from checker.findings import (
    REPORTABLE,
    STATUS_CODE,
    Evaluation,
    Finding,
    ProjectResult,
    RuleInfo,
    RunResult,
    Severity,
    Status,
    marked,
    marking,
)
from checker.packing import PackedLocated
from checker.report.holes import hole, pieces
from checker.report.sarif import result_of
from checker.report.sarif_run import uri
from checker.values import replace

_WAIVED = STATUS_CODE[Status.WAIVED]
_PROBLEMS = frozenset(STATUS_CODE[s] for s in Status if s.is_problem)
_STATUS_ORDER = {"fail": 0, "error": 1, "not_shown": 2, "waived": 3}
_STATUS_OF = {code: status for status, code in STATUS_CODE.items()}
_ORDER = bytes(
    _STATUS_ORDER.get(_STATUS_OF[code].value, 4) if code in _STATUS_OF else 4 for code in range(256)
)
"""Status code -> its place among results of one severity (a `bytes.translate` table)."""
_UNPACKED: tuple[bytes, Any, Any] = (b"", (), ())
_UNSEEN: Any = object()
_Pieces = tuple[str, str, str, str, str, str, str, str, str, str, str] | None
"""A result's text around its message, uri, line, column, location text, fingerprint
(twice), project, pointer and missing facts."""


def rank(severity: Severity, status: Status) -> int:
    """A result's class when not all are kept: lower first, the most severe, and stated
    failures before errors, unshown facts and waived findings of the same severity."""
    return -8 * severity.rank + _STATUS_ORDER.get(status.value, 4)


class Cut:
    """The `keep` first results sorted by (class, order written), decided as they are
    written: every result of a class before `threshold`, and the first `quota` of it."""

    __slots__ = ("quota", "threshold")

    def __init__(self, threshold: int, quota: int) -> None:
        self.threshold = threshold
        self.quota = quota

    def take(self, rank: int) -> bool:
        if rank != self.threshold:
            return rank < self.threshold
        self.quota -= 1
        return self.quota >= 0


def cut(run: RunResult, full: bool, keep: int) -> Cut:
    """Which `keep` results of the whole run one document keeps (all, when they fit)."""
    counts = classes(run, full)
    taken = 0
    for threshold in sorted(counts):
        if taken + counts[threshold] >= keep:
            return Cut(threshold, keep - taken)
        taken += counts[threshold]
    return Cut(1 << 30, 0)


def classes(run: RunResult, full: bool) -> Counter[int]:
    """How many results of each class the run has, counted from the statuses."""
    counts: Counter[int] = Counter()
    marks = _marks(full)
    ranks = _Ranks()
    for project in run.projects:
        counts.update(
            rank(f.severity, f.status)
            for f in project.problems
            if full or f.status is not Status.WAIVED
        )
        for evaluation in project.evaluations:
            if evaluation.out_of_scope:
                continue
            statuses, severities = evaluation.statuses, evaluation.severities
            picked = statuses.translate(marks)
            if severities:
                counts.update(
                    rank(evaluation.severity(i), evaluation.status(i))
                    for i in compress(range(len(statuses)), picked)
                )
                continue
            order = statuses.translate(_ORDER)
            counts.update(
                map(add, compress(ranks.of(evaluation.rules), picked), compress(order, picked))
            )
    return counts


def count(project: ProjectResult, full: bool) -> int:
    """The project's results (input problems and rule outcomes), from its statuses."""
    marks = _marks(full)
    found = sum(1 for f in project.problems if full or f.status is not Status.WAIVED)
    for evaluation in project.evaluations:
        if not evaluation.out_of_scope:
            found += evaluation.statuses.translate(marks).count(1)
    return found


def _marks(full: bool) -> bytes:
    return _FULL if full else _ACTIONABLE


_FULL = marking(REPORTABLE)
_ACTIONABLE = marking(REPORTABLE - {_WAIVED})
"""The statuses that are results of `sarif-full`, and of `sarif` (waived left out)."""


class _Ranks:
    """Each rule's severity as a class (-8 * rank), per tuple of rules."""

    def __init__(self) -> None:
        self._of: dict[int, tuple[tuple[RuleInfo, ...], tuple[int, ...]]] = {}

    def of(self, rules: tuple[RuleInfo, ...]) -> tuple[int, ...]:
        found = self._of.get(id(rules))
        if found is None:  # the rules are held too, so that their id is not reused
            found = self._of[id(rules)] = (rules, tuple(-8 * r.severity.rank for r in rules))
        return found[1]


class Guard(Protocol):
    full: bool


class Results:
    """The run's results as JSON texts (one line each, before `json_safe`), in order."""

    def __init__(self, run: RunResult, index: dict[str, int], full: bool) -> None:
        self.run = run
        self.index = index
        self.full = full
        self.marks = _marks(full)
        self._ranks = _Ranks()
        self._patterns: dict[tuple[Any, ...], _Pieces] = {}
        self._messages: dict[tuple[Any, ...], tuple[str, str]] = {}
        """(message, missing facts) encoded, by profile, rule, status, case and cell ids."""
        self._pointers: dict[int, tuple[str, str]] = {}
        self._of: list[Any] | None = None

    def texts(
        self, projects: Sequence[ProjectResult], keep: Cut | None, guard: Guard
    ) -> Iterator[str | None]:
        """Each result's text, or None for one left out (not kept, or the file is full)."""
        for project in projects:
            for finding in project.problems:
                if not self.full and finding.status is Status.WAIVED:
                    continue
                taken = keep is None or keep.take(rank(finding.severity, finding.status))
                if taken and not guard.full:
                    yield _dumps(result_of(self._marked(finding), self.index))
                else:
                    yield None
            for evaluation in project.evaluations:
                if not evaluation.out_of_scope:
                    yield from self._evaluation(evaluation, project, keep, guard)

    def _evaluation(
        self, evaluation: Evaluation, project: ProjectResult, keep: Cut | None, guard: Guard
    ) -> Iterator[str | None]:
        statuses, rules, profile = evaluation.statuses, evaluation.rules, evaluation.profile
        severities, bound, bases = evaluation.severities, evaluation.bound, evaluation.bases
        waivers, located = evaluation.waivers, evaluation.located
        packed = located.__class__ is PackedLocated
        keys, cells, values = located.raw() if packed else _UNPACKED  # type: ignore[attr-defined]
        if packed and values is not self._of:  # what is kept by cell ids is one table's
            self._messages, self._pointers, self._of = {}, {}, values
        ranks = self._ranks.of(rules) if keep is not None else ()
        indices, dropped = self._indices(statuses, severities, ranks, keep)
        yield from repeat(None, dropped)
        info = project.project
        place = (_dumps(uri(info.path)), _dumps(info.id))
        baseline = self.run.baseline
        for index in indices:
            code = statuses[index]
            severity = severities.get(index)
            if keep is not None:
                at_rank = ranks[index] if severity is None else -8 * severity.rank
                if not keep.take(at_rank + _ORDER[code]):
                    yield None
                    continue
            if guard.full:
                yield None
                continue
            at = keys.find(index) if packed else -1
            if at < 0 or index in waivers:
                yield _dumps(result_of(self._finding(evaluation, project, index), self.index))
                continue
            base = at * 6
            rule = rules[index]
            ground = bound.get(index)
            fingerprint = identity_hash(profile, rule.id, info.id, values[cells[base + 5]])
            state = None
            if baseline is not None and code in _PROBLEMS:
                state = "unchanged" if fingerprint in baseline else "new"
            facts = cells[base + 4]
            said = (profile, index, code, ground, cells[base + 3], facts)
            kind = (profile, index, code, severity, ground, bases.get(index), bool(values[facts]))
            message = self._messages.get(said)
            if message is None:
                message = self._message(evaluation, project, index, said)
            template = self._patterns.get((*kind, state), _UNSEEN)
            if template is _UNSEEN:
                template = self._learn(evaluation, project, index, (*kind, state))
            if template is None:
                yield _dumps(result_of(self._finding(evaluation, project, index), self.index))
                continue
            pointer = self._pointers.get(cells[base]) or self._pointer(cells[base])
            one, two, three, four, five, six, seven, eight, nine, ten, last = template
            quoted = f'"{fingerprint}"'
            yield "".join(
                (
                    one,
                    message[0],
                    two,
                    place[0],
                    three,
                    str(cells[base + 1]),
                    four,
                    str(cells[base + 2]),
                    five,
                    pointer[0],
                    six,
                    quoted,
                    seven,
                    quoted,
                    eight,
                    place[1],
                    nine,
                    pointer[1],
                    ten,
                    message[1],
                    last,
                )
            )

    def _indices(
        self, statuses: bytes, severities: object, ranks: tuple[int, ...], keep: Cut | None
    ) -> tuple[Iterable[int], int]:
        """The indices of the results to go through, and how many others are left out."""
        if keep is None or severities:
            return marked(statuses, self.marks), 0
        return _candidates(statuses, self.marks, ranks, keep.threshold)

    def _finding(self, evaluation: Evaluation, project: ProjectResult, index: int) -> Finding:
        """The general path's finding, marked against the baseline."""
        rule = evaluation.rules[index]
        return self._marked(evaluation.finding(index, rule, project.project, project.root))

    def _marked(self, finding: Finding) -> Finding:
        """`finding` marked against the baseline, as `RunResult.project_findings` marks it."""
        baseline = self.run.baseline
        if baseline is None or not finding.status.is_problem:
            return finding
        state = "unchanged" if finding.fingerprint in baseline else "new"
        return replace(finding, baseline_state=state)

    def _pointer(self, cell: int) -> tuple[str, str]:
        """A pointer as the location's text and as the `pointer` property, encoded."""
        text = self._of[cell]  # type: ignore[index]
        pointer = self._pointers[cell] = (_dumps(text or "/"), _dumps(text))
        return pointer

    def _message(
        self, evaluation: Evaluation, project: ProjectResult, index: int, said: tuple[Any, ...]
    ) -> tuple[str, str]:
        """A result's message and missing facts, encoded, from its general result."""
        result = result_of(self._finding(evaluation, project, index), self.index)
        facts = result["properties"].get("facts")
        message = (_dumps(result["message"]["text"]), "" if facts is None else _dumps(facts))
        self._messages[said] = message
        return message

    def _learn(
        self, evaluation: Evaluation, project: ProjectResult, index: int, kind: tuple[Any, ...]
    ) -> _Pieces:
        """The pieces of a result of this kind: its general result cut at holes where the
        message, uri, line, column, location text, fingerprint (twice), project, pointer
        and missing facts go, in that order (else None: the general path)."""
        result = result_of(self._finding(evaluation, project, index), self.index)
        properties = result["properties"]
        result["message"]["text"] = hole(0)
        where = result["locations"][0]
        where["physicalLocation"]["artifactLocation"]["uri"] = hole(1)
        where["physicalLocation"]["region"] = {"startLine": hole(2), "startColumn": hole(3)}
        where["message"]["text"] = hole(4)
        result["partialFingerprints"] = dict.fromkeys(result["partialFingerprints"], hole(5))
        properties["project"] = hole(6)
        properties["pointer"] = hole(7)
        order: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 5, 6, 7)
        if "facts" in properties:
            properties["facts"] = hole(8)
            order += (8,)
        cut = pieces(_dumps(result), len(set(order)), quoted=True)
        found: _Pieces = None
        if cut is not None and cut[1] == order:
            literal = cut[0] if len(order) == 10 else (*cut[0][:-1], "", cut[0][-1])
            found = literal  # type: ignore[assignment]
        self._patterns[kind] = found
        return found


def _candidates(
    statuses: bytes, marks: bytes, ranks: tuple[int, ...], threshold: int
) -> tuple[list[int], int]:
    """The indices of an evaluation's results whose class is at most `threshold` (the
    ones a `Cut` may keep, in order), and how many others it has. A capped log of a large
    portfolio leaves most results out; they are counted here in C, not one by one."""
    picked = statuses.translate(marks)
    classes = compress(map(add, ranks, statuses.translate(_ORDER)), picked)
    indices = compress(range(len(statuses)), picked)
    kept = [i for i, c in zip(indices, classes, strict=True) if c <= threshold]
    return kept, picked.count(1) - len(kept)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
