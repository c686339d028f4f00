"""The kinds of JUnit case junit_cases.py writes, each made once by junit.py and cut.

Owns the patterns: a suite's head, a case that says no place, a located case
and an input problem, each serialised by junit.py's `_suite_element`/`_close`
or `_case` and ElementTree from a finding of its kind whose varying fields are
holes (checker/report/holes.py), then cut at the holes into UTF-8 pieces; and the
escaped texts that fill them (details, what a not-shown case asks). A kind
whose holes do not survive serialising has no pattern (None or ()): its cases
take the general path (`general`).

Refuses writing suites (junit_cases.py) and deciding what a case says
(junit.py).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any, cast

from checker.findings import STATUS_CODE, Evaluation, Finding, ProjectResult, Status
from checker.report import junit
from checker.report.holes import hole, pattern, pieces
from checker.report.safe import xml_safe
from checker.report.verdicts import not_shown_text
from checker.values import replace

ATTRIBUTE: Callable[[str], str] = vars(ET)["_escape_attrib"]
TEXT: Callable[[str], str] = vars(ET)["_escape_cdata"]
"""ElementTree's own escaping of attribute values and text: the bytes are the ones its
serialiser writes for the general path."""

FAIL, NOT_SHOWN, ERROR, UPCOMING, NOT_APPLICABLE, WAIVED = (
    STATUS_CODE[s]
    for s in (
        Status.FAIL,
        Status.NOT_SHOWN,
        Status.ERROR,
        Status.UPCOMING,
        Status.NOT_APPLICABLE,
        Status.WAIVED,
    )
)
LOCATED = frozenset({FAIL, NOT_SHOWN, ERROR})
"""Statuses whose case says where: path, line, column, pointer and detail."""
END = b"\n  </testsuite>\n"
_CLOSE = "\n  </testsuite>"
_ORDERS = {
    True: ((5, (0, 1, 2, 3, 4)), (4, (0, 1, 2, 3))),
    False: ((5, (0, 1, 4, 2, 3)),),
}
"""Where a located case's holes come, by whether it shows a detail (a failure or error
with one; without, the last piece is empty) or asks what is not shown."""
_MOST_PROBLEMS = 10_000
"""Kinds of input problem kept, past which they are forgotten (memory stays flat)."""
_Around = tuple[bytes, bytes] | tuple[()]
_Located = tuple[bytes, bytes, bytes, bytes, bytes, bytes] | None


def general(finding: Finding) -> bytes:
    """A finding's case as the general path writes it inside a suite, newline first."""
    case = junit._case(finding, dict.fromkeys(("failures", "errors", "skipped"), 0))
    ET.indent(case, level=2)
    return ("\n    " + ET.tostring(case, encoding="unicode")).encode()


class Kinds:
    """The patterns of one run, made on first use."""

    def __init__(self) -> None:
        self._heads: dict[str, str | None] = {}
        self._plain: dict[str, dict[int, _Around]] = {}
        """Per profile, by rule index and status: a case saying no place, around its
        classname's project."""
        self._located: dict[tuple[Any, ...], _Located] = {}
        self._upcomings: dict[tuple[str, int, int], _Around] = {}
        self._texts: dict[tuple[bool, int, int], bytes] = {}
        """A case's detail (or, not shown, what it asks), escaped, by the ids of its cells."""
        self._problems: dict[Finding, tuple[bytes, ...]] = {}
        """An input problem's pieces by its finding without its project, path and pointer
        (a portfolio's thousands of problems are a few dozen kinds); () without a pattern."""

    def renew(self) -> None:
        """Forget what is kept by the ids of a table's cells (a new table, or too many)."""
        self._texts, self._upcomings = {}, {}

    def problem(self, finding: Finding) -> bytes:
        """An input problem's case: its kind's pieces with its project, places and pointer
        (escaped as the general path escapes them), else the general path's case."""
        key = replace(finding, project="", path="", pointer="")
        try:
            found = self._problems.get(key)
        except TypeError:  # a field that cannot be hashed: no kind to keep it by
            return general(finding)
        if found is None:
            if len(self._problems) > _MOST_PROBLEMS:
                self._problems = {}
            found = self._problems[key] = _problem(finding)
        if not found:
            return general(finding)
        path, place = xml_safe(finding.path), f":{finding.line}:{finding.column}".encode()
        one, two, three, four, five = found
        return b"".join(
            (
                one,
                ATTRIBUTE(xml_safe(finding.project)).encode(),
                two,
                ATTRIBUTE(path).encode(),
                place,
                three,
                TEXT(path).encode(),
                place,
                four,
                TEXT(xml_safe(finding.pointer or "/")).encode(),
                five,
            )
        )

    def head(self, label: str, project: ProjectResult) -> str | None:
        """A suite's text up to its first case, indented, with fields for the project id
        and path (escaped as attributes) and the four counts."""
        if label not in self._heads:
            self._heads[label] = _head(label, project)
        return self._heads[label]

    def plain(self, profile: str) -> dict[int, _Around]:
        return self._plain.setdefault(profile, {})

    def around(self, evaluation: Evaluation, project: ProjectResult, index: int) -> _Around:
        """A case that says no place, before and after its classname's project."""
        cut = pieces(_case(evaluation, project, index, located=False), 1)
        if cut is None or cut[1] != (0,):
            return ()
        return cut[0][0].encode(), cut[0][1].encode()

    def upcoming(
        self, evaluation: Evaluation, project: ProjectResult, index: int, at: int, cells: Any
    ) -> _Around:
        """An upcoming case that says its location's detail, kept by the detail's id."""
        if at < 0:
            return ()
        key = (evaluation.profile, index, cells[at * 6 + 3])
        around = self._upcomings.get(key)
        if around is None:
            around = self._upcomings[key] = self.around(evaluation, project, index)
        return around

    def said(  # noqa: PLR0917
        self,
        evaluation: Evaluation,
        project: ProjectResult,
        index: int,
        detail: int,
        facts: int,
        values: list[Any] | None,
    ) -> bytes:
        """A failure's or error's detail, or what a not-shown case asks, escaped; kept by
        the ids of its detail and facts."""
        shown = evaluation.statuses[index] != NOT_SHOWN
        ids = (shown, detail, facts)
        said = self._texts.get(ids)
        if said is not None:
            return said
        if shown and not values[detail]:  # type: ignore[index]
            said = b""
        else:
            rule = evaluation.rules[index]
            finding = evaluation.finding(index, rule, project.project, project.root)
            text = finding.detail if shown else not_shown_text(finding)
            said = TEXT(xml_safe(text)).encode()
        self._texts[ids] = said
        return said

    def located(
        self, evaluation: Evaluation, project: ProjectResult, index: int, said: bool
    ) -> _Located:
        """A located case's six pieces, between which the project, the place in the
        message, then (failure, error) the place in the text, pointer and detail, or (not
        shown) what it asks, the place in the text and pointer go."""
        override, bound = evaluation.severities.get(index), evaluation.bound.get(index)
        code = evaluation.statuses[index]
        kind = (evaluation.profile, index, code, override, bound, said)
        if kind not in self._located:
            self._located[kind] = _located(evaluation, project, index, code != NOT_SHOWN)
        return self._located[kind]


def _problem(finding: Finding) -> tuple[bytes, ...]:
    """The five pieces of an input problem's kind, between which its project, the place
    in the message, the place in the text and its pointer go; () when they do not come
    in that order, or its path shows elsewhere (hole 4: then it is no hole of the kind)."""
    fake = replace(finding, project=hole(0), path=hole(4), pointer=hole(3))
    counts = dict.fromkeys(("failures", "errors", "skipped"), 0)
    case = junit._case(fake, counts, (hole(1), hole(2)))
    ET.indent(case, level=2)
    cut = pieces("\n    " + ET.tostring(case, encoding="unicode"), 4)
    if cut is None or cut[1] != (0, 1, 2, 3):
        return ()
    return tuple(piece.encode() for piece in cut[0])


def _located(evaluation: Evaluation, project: ProjectResult, index: int, shown: bool) -> _Located:
    text = _case(evaluation, project, index, located=True)
    for holes, order in _ORDERS[shown]:
        cut = pieces(text, holes)
        if cut is not None and cut[1] == order:
            one, two, three, four, five, *rest = (piece.encode() for piece in cut[0])
            return one, two, three, four, five, rest[0] if rest else b""
    return None


def _case(evaluation: Evaluation, project: ProjectResult, index: int, *, located: bool) -> str:
    """The general path's case of this kind, with holes where what varies goes."""
    rule = evaluation.rules[index]
    finding = evaluation.finding(index, rule, project.project, project.root)
    fake = replace(finding, project=hole(0))
    places = None
    if located:
        said = finding.status is Status.NOT_SHOWN or bool(finding.detail)
        fake = replace(fake, pointer=hole(3), detail=hole(4) if said else "")
        places = (hole(1), hole(2))
    case = junit._case(fake, dict.fromkeys(("failures", "errors", "skipped"), 0), places)
    ET.indent(case, level=2)
    return "\n    " + ET.tostring(case, encoding="unicode")


def _head(label: str, project: ProjectResult) -> str | None:
    """A suite's text up to its first case, with holes for the project id, path and
    counts, as `_suite_element` and `_close` make it."""
    fake = replace(project, project=replace(project.project, id=hole(0), path=hole(1)))
    suite = junit._suite_element(label, fake)
    numbers = {key: hole(n) for n, key in enumerate(("tests", "failures", "errors", "skipped"), 2)}
    junit._close(suite, cast(dict[str, int], numbers), fake)
    ET.indent(suite, level=1)
    text = ET.tostring(suite, encoding="unicode")
    if not text.endswith(_CLOSE):
        return None
    cut = pattern(text[: -len(_CLOSE)], 6)
    return None if cut is None else "  " + cut
