"""JUnit suites of rule outcomes written from statuses and packed cells, a pattern per kind.

Owns the fast path of junit.py's profile suites. A 10,000-project run has
1.4 million test cases, nearly all alike: a kind of case (profile, rule,
status, severity, case of the rule's binding, whether it has a detail) is
serialised once by junit.py's own `_case` and ElementTree, with holes where
the project, location, pointer and detail go (checker/report/holes.py);
each case is then that pattern filled with values escaped by ElementTree's
own escaping functions, read from the packed cells. A suite's head is made
the same way per profile. Waived findings, unpacked locations and upcoming
cases with a detail take the general path (a `Finding` through `_case`). A
test holds the two paths to the same bytes.

Refuses deciding what a case says (junit.py) and counting anything the
statuses do not count.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from typing import Any, cast

from checker.findings import STATUS_CODE, Evaluation, ProjectResult, Status
from checker.packing import PackedLocated
from checker.report import junit
from checker.report.holes import hole, pattern
from checker.report.safe import xml_safe
from checker.report.verdicts import not_shown_text

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
        self._patterns: dict[tuple[Any, ...], str | None] = {}
        self._texts: dict[tuple[bool, int, int], str] = {}
        """A case's detail (or, not shown, what it asks), escaped, by the ids of its cells."""
        self._pointers: dict[int, str] = {}
        self._of: list[Any] | None = None

    def suite(self, evaluation: Evaluation, project: ProjectResult) -> str:
        """The suite's XML as junit.py's `_suite` and ElementTree write it, indented one
        level, without the indent before it."""
        label, info = evaluation.profile, project.project
        number = counts(evaluation)
        head = self._heads.get(label, "")
        if head == "":
            head = self._heads[label] = _head(label, project)
        if head is None:
            members = list(evaluation.findings(info, project.root))
            suite = junit._suite(label, project, members)
            ET.indent(suite, level=1)
            return ET.tostring(suite, encoding="unicode")
        name = _ATTRIBUTE(xml_safe(info.id))
        path = xml_safe(info.path)
        at_path, in_path = _ATTRIBUTE(path), _TEXT(path)
        text = head.format(name, at_path, *number.values())
        return text + "".join(self._cases(evaluation, project, name, at_path, in_path)) + _END

    def _cases(
        self, evaluation: Evaluation, project: ProjectResult, name: str, at: str, within: str
    ) -> list[str]:
        statuses, rules, profile = evaluation.statuses, evaluation.rules, evaluation.profile
        severities, bound, waivers = evaluation.severities, evaluation.bound, evaluation.waivers
        located = evaluation.located
        packed = located.__class__ is PackedLocated
        keys, cells, values = located.raw() if packed else _UNPACKED  # type: ignore[attr-defined]
        if packed and values is not self._of:  # what is kept by cell ids is one table's
            self._texts, self._pointers, self._of = {}, {}, values
        plain_root = not project.root.detail
        cases = []
        for index in range(len(rules)):
            code = statuses[index]
            if waivers and index in waivers:
                cases.append(self._general(evaluation, project, index))
                continue
            if code not in _LOCATED:
                if code == _UPCOMING and (index in located or not plain_root):
                    cases.append(self._general(evaluation, project, index))
                    continue
                kind: tuple[Any, ...] = (profile, index, code)
                found = self._patterns.get(kind, "")
                if found == "":
                    found = self._learn(evaluation, project, index, kind)
                if found is None:
                    cases.append(self._general(evaluation, project, index))
                else:
                    cases.append("\n    " + found.format(name))
                continue
            at_cell = keys.find(index) if packed else -1
            if at_cell < 0:
                cases.append(self._general(evaluation, project, index))
                continue
            base = at_cell * 6
            detail, facts = cells[base + 3], cells[base + 4]
            shown = code != _NOT_SHOWN  # a failure or error shows its detail
            said = self._texts.get((shown, detail, facts))
            if said is None:
                said = (
                    "" if shown and not values[detail] else self._said(evaluation, project, index)
                )
                self._texts[(shown, detail, facts)] = said
            severity = severities.get(index) or rules[index].severity
            kind = (profile, index, code, severity, bound.get(index), bool(said))
            found = self._patterns.get(kind, "")
            if found == "":
                found = self._learn(evaluation, project, index, kind)
            if found is None:
                cases.append(self._general(evaluation, project, index))
                continue
            pointer = self._pointers.get(cells[base])
            if pointer is None:
                pointer = self._pointers[cells[base]] = _TEXT(xml_safe(values[cells[base]] or "/"))
            place = f":{cells[base + 1]}:{cells[base + 2]}"
            cases.append("\n    " + found.format(name, at + place, within + place, pointer, said))
        return cases

    def _said(self, evaluation: Evaluation, project: ProjectResult, index: int) -> str:
        """A failure's or error's detail, or what a not-shown case asks, escaped."""
        finding = evaluation.finding(index, evaluation.rules[index], project.project, project.root)
        shown = finding.status is not Status.NOT_SHOWN
        return _TEXT(xml_safe(finding.detail if shown else not_shown_text(finding)))

    def _learn(
        self, evaluation: Evaluation, project: ProjectResult, index: int, kind: tuple[Any, ...]
    ) -> str | None:
        """The pattern of this kind of case, from the general path's case with holes."""
        rule = evaluation.rules[index]
        finding = evaluation.finding(index, rule, project.project, project.root)
        fake = replace(finding, project=hole(0))
        places = None
        holes = 1
        if finding.status in junit._FAILURES or finding.status is Status.ERROR:
            said = finding.status is Status.NOT_SHOWN or bool(finding.detail)
            fake = replace(fake, pointer=hole(3), detail=hole(4) if said else "")
            places, holes = (hole(1), hole(2)), 4 + said
        case = junit._case(fake, dict.fromkeys(("failures", "errors", "skipped"), 0), places)
        ET.indent(case, level=2)
        found = self._patterns[kind] = pattern(ET.tostring(case, encoding="unicode"), holes)
        return found

    def _general(self, evaluation: Evaluation, project: ProjectResult, index: int) -> str:
        rule = evaluation.rules[index]
        finding = evaluation.finding(index, rule, project.project, project.root)
        case = junit._case(finding, dict.fromkeys(("failures", "errors", "skipped"), 0))
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
    return pattern(text[: -len(_END)], 6) if text.endswith(_END) else None
