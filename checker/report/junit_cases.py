"""JUnit suites of rule outcomes written from statuses and packed cells, pieces per kind.

Owns the fast path of junit.py's profile suites. A 10,000-project run has
1.4 million test cases, nearly all alike: a kind of case (profile, rule,
status, severity override, case of the rule's binding, whether it has a
detail) is serialised once by junit.py's own `_case` and ElementTree, with
holes where the project, location, pointer and detail go, and cut there
(checker/report/holes.py); each case is then its pieces joined with values
escaped by ElementTree's own escaping functions, read from the packed cells
(an upcoming case's detail is kept by its cell id). A suite's head is made
the same way per profile. Waived findings and unpacked locations take the
general path (a `Finding` through `_case`). A test holds the two paths to
the same bytes.

Refuses deciding what a case says (junit.py) and counting anything the
statuses do not count.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any, cast

from checker.findings import STATUS_CODE, Evaluation, ProjectInfo, ProjectResult, Status
from checker.packing import PackedLocated
from checker.report import junit
from checker.report.holes import hole, pattern, pieces
from checker.report.safe import xml_safe
from checker.report.verdicts import not_shown_text
from checker.values import replace

_ATTRIBUTE: Callable[[str], str] = vars(ET)["_escape_attrib"]
_TEXT: Callable[[str], str] = vars(ET)["_escape_cdata"]
"""ElementTree's own escaping of attribute values and text: the bytes are the ones its
serialiser writes for the general path."""

_FAIL, _NOT_SHOWN, _ERROR, _UPCOMING, _NOT_APPLICABLE, _WAIVED = (
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
_LOCATED = frozenset({_FAIL, _NOT_SHOWN, _ERROR})
"""Statuses whose case says where: path, line, column, pointer and detail."""
_UNPACKED: tuple[bytes, Any, Any] = (b"", (), ())
_Located = tuple[str, str, str, str, str, str] | None
_UNSEEN: Any = object()
_NO_ONE = ProjectResult(ProjectInfo("", ""))
_ORDERS = {
    True: ((5, (0, 1, 2, 3, 4)), (4, (0, 1, 2, 3))),
    False: ((5, (0, 1, 4, 2, 3)),),
}
"""Where a located case's holes come, by whether it shows a detail (a failure or error
with one; without, the last piece is empty) or asks what is not shown."""
_END = "\n  </testsuite>"


def counts(evaluation: Evaluation) -> dict[str, int]:
    """An in-scope evaluation's cases by kind, as `junit._kind` counts them."""
    statuses = evaluation.statuses[: len(evaluation.rules)]
    waived = sum(1 for i in evaluation.waivers if i < len(statuses) and statuses[i] == _WAIVED)
    return {
        "tests": len(statuses),
        "failures": statuses.count(_FAIL) + statuses.count(_NOT_SHOWN),
        "errors": statuses.count(_ERROR),
        "skipped": statuses.count(_UPCOMING) + statuses.count(_NOT_APPLICABLE) + waived,
    }


class Cases:
    """Writes the suite of one project under one profile, keeping patterns per run."""

    def __init__(self) -> None:
        self._heads: dict[str, str | None] = {}
        self._plain: dict[str, dict[int, tuple[str, str] | None]] = {}
        """Per profile, by rule index and status: a case saying no place, around its
        classname's project."""
        self._located: dict[tuple[Any, ...], _Located] = {}
        self._upcomings: dict[tuple[str, int, int], tuple[str, str] | None] = {}
        self._texts: dict[tuple[bool, int, int], str] = {}
        """A case's detail (or, not shown, what it asks), escaped, by the ids of its cells."""
        self._pointers: dict[int, str] = {}
        self._of: list[Any] | None = None
        self._suite: tuple[ProjectResult, str, str, str] = (_NO_ONE, "", "", "")
        """The project whose suite is being written, its classname and path, escaped."""

    def suite(self, evaluation: Evaluation, project: ProjectResult) -> list[str]:
        """The suite's XML as junit.py's `_suite` and ElementTree write it, indented one
        level, without the indent before it, in pieces to join once (a suite is joined
        with the rest of the document's line: each copy of a gigabyte costs)."""
        label, info = evaluation.profile, project.project
        number = counts(evaluation)
        head = self._heads.get(label, "")
        if head == "":
            head = self._heads[label] = _head(label, project)
        if head is None:
            members = list(evaluation.findings(info, project.root))
            suite = junit._suite(label, project, members)
            ET.indent(suite, level=1)
            return [ET.tostring(suite, encoding="unicode")]
        name = _ATTRIBUTE(xml_safe(info.id))
        path = xml_safe(info.path)
        at_path, in_path = _ATTRIBUTE(path), _TEXT(path)
        pieces = [head.format(name, at_path, *number.values())]
        pieces += self._cases(evaluation, project, name, at_path, in_path)
        pieces.append(_END)
        return pieces

    def _cases(
        self, evaluation: Evaluation, project: ProjectResult, name: str, at: str, within: str
    ) -> list[str]:
        """The suite's cases as pieces to join: a case's pieces kept per kind, between them
        the project's classname and, where it is located, its place, pointer and detail."""
        statuses, rules, profile = evaluation.statuses, evaluation.rules, evaluation.profile
        waivers, located = evaluation.waivers, evaluation.located
        packed = located.__class__ is PackedLocated
        keys, cells, values = located.raw() if packed else _UNPACKED  # type: ignore[attr-defined]
        if packed and values is not self._of:  # what is kept by cell ids is one table's
            self._texts, self._pointers, self._upcomings, self._of = {}, {}, {}, values
        self._suite = (project, name, at, within)
        plain = self._plain.setdefault(profile, {})
        plain_root = not project.root.detail
        cases: list[str] = []
        for index in range(len(rules)):
            code = statuses[index]
            if waivers and index in waivers:
                cases.append(self._general(evaluation, project, index))
                continue
            if code not in _LOCATED:
                # A case that says no place: its pieces are the same for every project.
                if code == _UPCOMING and (index in located or not plain_root):
                    around = self._upcoming(evaluation, project, index, keys.find(index), cells)
                else:
                    around = plain.get(index << 8 | code, _UNSEEN)
                    if around is _UNSEEN:
                        around = plain[index << 8 | code] = self._around(evaluation, project, index)
                if around is None:
                    cases.append(self._general(evaluation, project, index))
                else:
                    cases += (around[0], name, around[1])
                continue
            at_cell = keys.find(index)
            if at_cell < 0 or not self._place(cases, evaluation, index, cells, at_cell * 6):
                cases.append(self._general(evaluation, project, index))
        return cases

    def _place(
        self, cases: list[str], evaluation: Evaluation, index: int, cells: Any, base: int
    ) -> bool:
        """Add a located case's pieces to `cases`; False when its kind has no pattern."""
        project, name, at, within = self._suite
        detail, facts = cells[base + 3], cells[base + 4]
        code = evaluation.statuses[index]
        shown = code != _NOT_SHOWN  # a failure or error shows its detail
        said = self._texts.get((shown, detail, facts))
        if said is None:
            said = self._said(evaluation, project, index, (shown, detail, facts))
        override = evaluation.severities.get(index)  # else the rule's: the same for the kind
        kind = (evaluation.profile, index, code, override, evaluation.bound.get(index), bool(said))
        found = self._located.get(kind, _UNSEEN)
        if found is _UNSEEN:
            found = self._located[kind] = self._pieces(evaluation, project, index)
        if found is None:
            return False
        pointer = self._pointers.get(cells[base]) or self._pointer(cells[base])
        place = f":{cells[base + 1]}:{cells[base + 2]}"
        one, two, three, four, five, six = found
        if shown:
            cases += (one, name, two, at, place, three, within, place, four, pointer, five)
            cases += (said, six)
        else:
            cases += (one, name, two, at, place, three, said, four, within, place, five)
            cases += (pointer, six)
        return True

    def _said(
        self, evaluation: Evaluation, project: ProjectResult, index: int, ids: tuple[bool, int, int]
    ) -> str:
        """A failure's or error's detail, or what a not-shown case asks, escaped; kept by
        the ids of its detail and facts."""
        shown, detail, _facts = ids
        if shown and not self._of[detail]:  # type: ignore[index]
            said = ""
        else:
            rule = evaluation.rules[index]
            finding = evaluation.finding(index, rule, project.project, project.root)
            said = _TEXT(xml_safe(finding.detail if shown else not_shown_text(finding)))
        self._texts[ids] = said
        return said

    def _pointer(self, cell: int) -> str:
        """A pointer as a case's text says it, escaped; kept by its id."""
        pointer = self._pointers[cell] = _TEXT(xml_safe(self._of[cell] or "/"))  # type: ignore[index]
        return pointer

    def _upcoming(
        self, evaluation: Evaluation, project: ProjectResult, index: int, at: int, cells: Any
    ) -> tuple[str, str] | None:
        """An upcoming case that says its location's detail, kept by the detail's id."""
        if at < 0:
            return None
        key = (evaluation.profile, index, cells[at * 6 + 3])
        around = self._upcomings.get(key, _UNSEEN)
        if around is _UNSEEN:
            around = self._upcomings[key] = self._around(evaluation, project, index)
        return around  # type: ignore[no-any-return]

    def _around(
        self, evaluation: Evaluation, project: ProjectResult, index: int
    ) -> tuple[str, str] | None:
        """A case that says no place, before and after its classname's project."""
        cut = _cut(self._case(evaluation, project, index, located=False))
        return None if cut is None or cut[1] != (0,) else (cut[0][0], cut[0][1])

    def _pieces(self, evaluation: Evaluation, project: ProjectResult, index: int) -> _Located:
        """A located case's six pieces, between which the project, the place in the
        message, then (failure, error) the place in the text, pointer and detail, or (not
        shown) what it asks, the place in the text and pointer go."""
        text = self._case(evaluation, project, index, located=True)
        shown = evaluation.statuses[index] != _NOT_SHOWN
        for holes, order in _ORDERS[shown]:
            cut = _cut(text, holes)
            if cut is not None and cut[1] == order:
                one, two, three, four, five, *rest = cut[0]
                return one, two, three, four, five, rest[0] if rest else ""
        return None

    def _case(
        self, evaluation: Evaluation, project: ProjectResult, index: int, *, located: bool
    ) -> str:
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

    def _general(self, evaluation: Evaluation, project: ProjectResult, index: int) -> str:
        rule = evaluation.rules[index]
        finding = evaluation.finding(index, rule, project.project, project.root)
        case = junit._case(finding, dict.fromkeys(("failures", "errors", "skipped"), 0))
        ET.indent(case, level=2)
        return "\n    " + ET.tostring(case, encoding="unicode")


def _cut(text: str, holes: int = 1) -> tuple[tuple[str, ...], tuple[int, ...]] | None:
    return pieces(text, holes)


def _head(label: str, project: ProjectResult) -> str | None:
    """A suite's text up to its first case, with holes for the project id, path and
    counts, as `_suite_element` and `_close` make it."""
    fake = replace(project, project=replace(project.project, id=hole(0), path=hole(1)))
    suite = junit._suite_element(label, fake)
    numbers = {key: hole(n) for n, key in enumerate(("tests", "failures", "errors", "skipped"), 2)}
    junit._close(suite, cast(dict[str, int], numbers), fake)
    ET.indent(suite, level=1)
    text = ET.tostring(suite, encoding="unicode")
    return pattern(text[: -len(_END)], 6) if text.endswith(_END) else None
