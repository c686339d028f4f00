"""JUnit suites of rule outcomes written from statuses and packed cells, as UTF-8 pieces.

Owns the fast path of junit.py's suites. A 10,000-project run has 1.4 million
test cases, nearly all alike: a kind of case (profile, rule, status, severity
override, case of the rule's binding, whether it has a detail) is serialised
once by junit.py's own `_case` and ElementTree, with holes where the project,
location, pointer and detail go, and cut there (checker/report/holes.py,
kept in junit_kinds.py); each case is then its pieces joined with values
escaped by ElementTree's own escaping functions, read from the packed cells.
A located case's detail (or what a not-shown case asks) is joined into its
kind's pieces once per detail, and its place and pointer kept per location, so
a case is two lookups: its kind with its detail, and its location. A suite's
head is made the same way per profile, and input problems from patterns of
their kind (junit_kinds.py). Waived findings and unpacked locations take the
general path (a `Finding` through `_case`). Tests hold the two paths to the
same bytes (tests/test_packed_reports.py, tests/test_junit_bytes.py).

Everything is UTF-8 bytes, encoded once per piece and written as it is
(`junit.encoded`): nearly every suite holds a reference's dash, so joined as
`str` it took two bytes a character and was encoded again on its way to the
file (1.6 of the 4.6 s the report took at 10,000 projects; now 0.7).

Refuses deciding what a case says (junit.py) and counting anything the
statuses do not count.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checker.findings import Evaluation, ProjectResult
from checker.packing import PackedLocated, PackedSmall
from checker.report import junit
from checker.report.junit_kinds import (
    ATTRIBUTE,
    END,
    ERROR,
    FAIL,
    LOCATED,
    NOT_APPLICABLE,
    NOT_SHOWN,
    TEXT,
    UPCOMING,
    WAIVED,
    Kinds,
    general,
)
from checker.report.safe import xml_safe

_UNPACKED: tuple[bytes, Any, Any] = (b"", (), ())
_OPEN = b" ("
"""Between a located case's place and its pointer in the text (`path:1:2 (/pointer)`)."""
_MOST = 50_000
"""Located kinds with their detail, or locations, kept past which all are dropped and made
again: a portfolio whose every detail differs keeps memory flat."""


def counts(evaluation: Evaluation) -> dict[str, int]:
    """An in-scope evaluation's cases by kind, as `junit._kind` counts them."""
    statuses = evaluation.statuses[: len(evaluation.rules)]
    waived = 0
    if evaluation.waivers:
        waived = sum(1 for i in evaluation.waivers if i < len(statuses) and statuses[i] == WAIVED)
    return {
        "tests": len(statuses),
        "failures": statuses.count(FAIL) + statuses.count(NOT_SHOWN),
        "errors": statuses.count(ERROR),
        "skipped": statuses.count(UPCOMING) + statuses.count(NOT_APPLICABLE) + waived,
    }


class Cases:
    """Writes the suites of one project, keeping patterns per run."""

    def __init__(self) -> None:
        self._kinds = Kinds()
        self._filled: dict[tuple[Any, ...], tuple[bytes, ...]] = {}
        """A located case's four pieces around its project, places and pointer (`_fill`),
        by profile, rule index, status, ids of detail and facts, and its extras (binding
        case, override); () when its kind has no pattern."""
        self._spots: dict[tuple[int, int, int], tuple[bytes, bytes]] = {}
        """By a location's pointer id, line and column: its place (`:line:column`) and its
        place, the text's ` (` and its pointer, as a case's message and text say them."""
        self._of: list[Any] | None = None
        self._named: tuple[Any, ...] = (None,)
        """The last project and its escaped names (`_names`)."""

    def suite(self, evaluation: Evaluation, project: ProjectResult) -> list[bytes]:
        """The suite's XML as junit.py's `_suite` and ElementTree write it, indented one
        level and ended by a newline, in pieces to join once."""
        label, info = evaluation.profile, project.project
        head = self._kinds.head(label, project)
        if head is None:
            members = list(evaluation.findings(info, project.root))
            return [b"  ", junit._text(junit._suite(label, project, members)).encode(), b"\n"]
        name, at, *encoded = self._names(project)
        cases = [head.format(name, at, *counts(evaluation).values()).encode()]
        self._cases(cases, evaluation, project, *encoded)
        cases.append(END)
        return cases

    def problems(self, project: ProjectResult) -> list[bytes]:
        """The suite of the project's input problems below a head made as a profile's is,
        each case from its kind's pattern (junit_kinds.py)."""
        members = list(project.problems)
        head = self._kinds.head("input", project)
        if head is None:
            return [b"  ", junit._text(junit._suite("input", project, members)).encode(), b"\n"]
        number = {"tests": len(members), "failures": 0, "errors": 0, "skipped": 0}
        for finding in members:
            kind = junit._kind(finding.status, finding.waiver is not None)
            if kind:
                number[kind] += 1
        name, at, *_ = self._names(project)
        written = [head.format(name, at, *number.values()).encode()]
        written += (self._kinds.problem(finding) for finding in members)
        written.append(END)
        return written

    def _names(self, project: ProjectResult) -> tuple[str, str, bytes, bytes, bytes]:
        """The project's id and path escaped as its suites' heads say them (attributes),
        then as their cases do (the id, the path in an attribute, the path in text): made
        once for the project's two or three suites."""
        if self._named[0] is not project:
            info = project.project
            name, path = ATTRIBUTE(xml_safe(info.id)), xml_safe(info.path)
            at = ATTRIBUTE(path)
            self._named = (project, name, at, name.encode(), at.encode(), TEXT(path).encode())
        return self._named[1:]

    def _cases(  # noqa: PLR0917
        self,
        cases: list[bytes],
        evaluation: Evaluation,
        project: ProjectResult,
        name: bytes,
        at: bytes,
        within: bytes,
    ) -> None:
        """Add the suite's cases to `cases`: a case's pieces kept per kind, between them
        the project's classname and, where it is located, its place and pointer. The loop
        is the report's hot path (1.4 million cases at 10,000 projects): what a case
        needs is looked up in dicts held in locals, and made only when first missed."""
        statuses, profile = evaluation.statuses, evaluation.profile
        waivers, located = evaluation.waivers, evaluation.located
        # Packed keys are rule indices as bytes: an evaluation of more than 256 rules (an
        # upcoming case past them is looked up) is read through the mapping instead.
        packed = located.__class__ is PackedLocated and len(statuses) <= 256
        keys, cells, values = located.raw() if packed else _UNPACKED  # type: ignore[attr-defined]
        if packed and values is not self._of:  # what is kept by cell ids is one table's
            self._renew(values)
        if len(self._filled) > _MOST or len(self._spots) > _MOST:
            self._renew(self._of)
        plain = self._kinds.plain(profile)
        filled, spots = self._filled, self._spots
        extras = _extras(evaluation)
        plain_root = not project.root.detail
        waived = bool(waivers)
        find = keys.find
        around: tuple[bytes, ...] | None
        for index, code in enumerate(statuses[: len(evaluation.rules)]):
            if waived and index in waivers:
                cases.append(self._general(evaluation, project, index))
            elif code not in LOCATED:
                # A case that says no place: its pieces are the same for every project.
                if code == UPCOMING and (index in located or not plain_root):
                    around = self._kinds.upcoming(evaluation, project, index, find(index), cells)
                else:
                    around = plain.get(index << 8 | code)
                    if around is None:
                        around = plain[index << 8 | code] = self._kinds.around(
                            evaluation, project, index
                        )
                if around:
                    cases += (around[0], name, around[1])
                else:
                    cases.append(self._general(evaluation, project, index))
            else:
                base = find(index) * 6
                found = None
                if base >= 0:
                    key = (
                        profile,
                        index,
                        code,
                        cells[base + 3],
                        cells[base + 4],
                        extras.get(index),
                    )
                    found = filled.get(key)
                    if found is None:
                        found = filled[key] = self._fill(evaluation, project, index, key)
                if not found:
                    cases.append(self._general(evaluation, project, index))
                    continue
                spot = spots.get((cells[base], cells[base + 1], cells[base + 2]))
                if spot is None:
                    spot = self._spot(cells[base], cells[base + 1], cells[base + 2])
                one, two, three, four = found
                cases += (one, name, two, at, spot[0], three, within, spot[1], four)

    def _renew(self, values: list[Any] | None) -> None:
        self._filled, self._spots, self._of = {}, {}, values
        self._kinds.renew()

    def _fill(
        self, evaluation: Evaluation, project: ProjectResult, index: int, key: tuple[Any, ...]
    ) -> tuple[bytes, ...]:
        """A located case's four pieces around its project, places and pointer, with its
        detail (or what it asks) joined in: failures and errors say the detail after the
        pointer, a not-shown case what it asks before the place in the text."""
        said = self._kinds.said(evaluation, project, index, key[3], key[4], self._of)
        found = self._kinds.located(evaluation, project, index, bool(said))
        if found is None:
            return ()
        one, two, three, four, five, six = found
        if evaluation.statuses[index] != NOT_SHOWN:
            middle, opening, after = three, four, five + said + six
        else:
            middle, opening, after = three + said + four, five, six
        if opening != _OPEN:  # `place (pointer` is kept whole per location (`_spot`)
            return ()
        return one, two, middle, after

    def _spot(self, pointer: int, line: int, column: int) -> tuple[bytes, bytes]:
        """A location's place, and its place with the pointer the text says (escaped)."""
        place = f":{line}:{column}".encode()
        text = TEXT(xml_safe(self._of[pointer] or "/")).encode()  # type: ignore[index]
        spot = self._spots[pointer, line, column] = (place, place + _OPEN + text)
        return spot

    def _general(self, evaluation: Evaluation, project: ProjectResult, index: int) -> bytes:
        rule = evaluation.rules[index]
        return general(evaluation.finding(index, rule, project.project, project.root))


def _extras(evaluation: Evaluation) -> Mapping[int, Any]:
    """Per rule with a binding's case or a severity override: what makes its kind besides
    its status (the case alone when nothing is overridden, as almost always), as a dict:
    a packed mapping's `get` is a Python call a located case."""
    severities, bound = evaluation.severities, evaluation.bound
    if not severities:
        return bound.as_dict() if bound.__class__ is PackedSmall else bound
    return {i: (severities.get(i), bound.get(i)) for i in {*severities, *bound}}
