"""`--format junit`: JUnit XML (Jenkins xUnit junit-10 schema) for CI test views.

Owns the mapping: one test suite per (profile, project) and one test case per
rule, so passes show too. `fail` and `not_shown` are failures whose `type`
says which (a stated non-compliance, or a fact the proposal does not show,
named in the text); `error` is an error; not-applicable, upcoming ("applies
from 2027-12-11") and waived cases are skipped with the reason. A profile that
does not cover the project is one skipped case "out of scope" for that
(profile, project), never a case per rule. Input problems form a suite of
their own per file. All text is made XML-safe.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from checker.findings import Finding, ProfileSummary, ProjectResult, RunResult, Status
from checker.i18n import _
from checker.report.options import RenderOptions
from checker.report.safe import xml_safe
from checker.report.verdicts import not_shown_text, out_of_scope_text, severity_word

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.report.junit_cases import Cases


def render(run: RunResult, options: RenderOptions) -> Iterator[str]:
    """The XML document, streamed a suite at a time (see `encoded`)."""
    for chunk in encoded(run, options):
        yield chunk.decode()


def encoded(run: RunResult, options: RenderOptions) -> Iterator[bytes]:
    """The XML document in UTF-8, streamed a suite at a time: the totals the root element
    carries come first, from the statuses (no case is made twice), so memory stays flat.
    The CLI writes these bytes as they are (`render` decodes them for callers that want
    text): a gigabyte at 10,000 projects, encoded once, piece by piece."""
    from checker.report.junit_cases import Cases

    root = ET.Element("testsuites", name="govcheck")
    totals = _totals(run)
    del totals["skipped"]  # the XSD has no `skipped` here
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0.000")
    yield b'<?xml version="1.0" encoding="UTF-8"?>\n'
    opened = False
    cases = Cases()
    for project in run.projects:
        for suite in _suites(run, project, cases):
            if not opened:
                yield (ET.tostring(root, encoding="unicode")[: -len(" />")] + ">\n").encode()
                opened = True
            yield b"".join(suite)
    yield b"</testsuites>\n" if opened else (ET.tostring(root, encoding="unicode") + "\n").encode()
    del options


def _totals(run: RunResult) -> dict[str, int]:
    """The cases of every suite by kind, counted from the statuses as `_case` counts them,
    without making a finding."""
    from checker.report.junit_cases import counts as case_counts

    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    listed = {p.id for p in run.profiles}
    for project in run.projects:
        for problem in project.problems:
            totals["tests"] += 1
            kind = _kind(problem.status, problem.waiver is not None)
            if kind:
                totals[kind] += 1
        for evaluation in project.evaluations:
            if evaluation.profile not in listed:
                continue
            if evaluation.out_of_scope:
                totals["tests"] += 1
                totals["skipped"] += 1
                continue
            for key, count in case_counts(evaluation).items():
                totals[key] += count
    return totals


def _kind(status: Status, waived: bool) -> str:
    """Which count a case of this status adds to: `failures`, `errors`, `skipped` or none."""
    if status in _FAILURES:
        return "failures"
    if status is Status.ERROR:
        return "errors"
    if status in _SKIPPED or (status is Status.WAIVED and waived):
        return "skipped"
    return ""


def _suites(run: RunResult, project: ProjectResult, cases: Cases) -> Iterator[list[bytes]]:
    """The project's suites in UTF-8 pieces, each indented and ended by a newline: input
    problems, then one per profile of the run."""
    outside = {e.profile for e in project.evaluations if e.out_of_scope}
    if project.problems:
        yield cases.problems(project)
    for profile in run.profiles:
        if profile.id in outside:
            yield [b"  ", _text(_out_of_scope(profile, project)).encode(), b"\n"]
            continue
        evaluation = project.evaluation(profile.id)
        if evaluation is not None and evaluation.rules:
            yield cases.suite(evaluation, project)


def _text(suite: ET.Element) -> str:
    ET.indent(suite, level=1)
    return ET.tostring(suite, encoding="unicode")


def _suite(label: str, project: ProjectResult, members: list[Finding]) -> ET.Element:
    suite = _suite_element(label, project)
    counts = {"tests": len(members), "failures": 0, "errors": 0, "skipped": 0}
    for finding in members:
        suite.append(_case(finding, counts))
    return _close(suite, counts, project)


def _out_of_scope(profile: ProfileSummary, project: ProjectResult) -> ET.Element:
    """One skipped case for the whole (profile, project): the profile does not cover it."""
    suite = _suite_element(profile.id, project)
    case = ET.SubElement(
        suite,
        "testcase",
        name=_("out of scope"),
        classname=xml_safe(f"{profile.id}.{project.project.id}"),
        time="0",
    )
    message = _("out of scope: {value}").format(value=out_of_scope_text(profile, project.project))
    ET.SubElement(case, "skipped", type="out_of_scope", message=xml_safe(message))
    return _close(suite, {"tests": 1, "failures": 0, "errors": 0, "skipped": 1}, project)


def _suite_element(label: str, project: ProjectResult) -> ET.Element:
    suite = ET.Element("testsuite", name=xml_safe(f"{label}: {project.project.id}"))
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("profile", label),
        ("project", project.project.id),
        ("file", project.project.path),
    ):
        ET.SubElement(properties, "property", name=name, value=xml_safe(value))
    return suite


def _close(suite: ET.Element, counts: dict[str, int], project: ProjectResult) -> ET.Element:
    for key, count in counts.items():
        suite.set(key, str(count))
    suite.set("time", "0.000")
    suite.set("file", xml_safe(project.project.path))
    return suite


def _case(
    finding: Finding, counts: dict[str, int], places: tuple[str, str] | None = None
) -> ET.Element:
    """A finding's test case. `places`: its location as the failure's message and as its
    text say it (the same `path:line:column` unless junit_cases.py makes a pattern)."""
    case = ET.Element(
        "testcase",
        name=xml_safe(f"{finding.rule}: {finding.title}"),
        classname=xml_safe(f"{finding.profile or 'input'}.{finding.project}"),
        time="0",
    )
    location = f"{finding.path}:{finding.line}:{finding.column}"
    location, located = places or (location, location)
    body = "\n".join(
        part
        for part in (
            f"{located} ({finding.pointer or '/'})",
            "" if finding.status is Status.NOT_SHOWN else finding.detail,
            _("How to fix: {remediation}").format(remediation=finding.remediation)
            if finding.remediation
            else "",
            _("References: {references}").format(
                references="; ".join(f"{r.instrument} {r.article}" for r in finding.references)
            )
            if finding.references
            else "",
        )
        if part
    )
    status = finding.status
    kind = _kind(status, finding.waiver is not None)  # the one mapping the totals count too
    if kind:
        counts[kind] += 1
    if status in _FAILURES:
        # `type` says which kind of failure: a stated non-compliance, or a fact not shown.
        text = body if status is Status.FAIL else f"{not_shown_text(finding)}\n{body}"
        severity = severity_word(finding.severity)
        _child(case, "failure", status.value, f"{location}: {severity}: {finding.message}")
        case[-1].text = xml_safe(text)
    elif status is Status.ERROR:
        severity = severity_word(finding.severity)
        _child(case, "error", status.value, f"{location}: {severity}: {finding.message}")
        case[-1].text = xml_safe(body)
    elif status is Status.WAIVED and finding.waiver is not None:
        waiver = finding.waiver
        reason = _("waived until {expires} by {approved_by}: {justification}").format(
            expires=waiver.expires,
            approved_by=waiver.approved_by,
            justification=waiver.justification,
        )
        _child(case, "skipped", "waived", reason)
    elif status is Status.UPCOMING:
        _child(
            case,
            "skipped",
            status.value,
            _("upcoming: {text}").format(text=finding.detail or finding.message),
        )
    elif status is Status.NOT_APPLICABLE:
        _child(case, "skipped", status.value, finding.message)
    return case


_FAILURES = frozenset({Status.FAIL, Status.NOT_SHOWN})
_SKIPPED = frozenset({Status.UPCOMING, Status.NOT_APPLICABLE})


def _child(case: ET.Element, tag: str, kind: str, message: str) -> None:
    ET.SubElement(case, tag, type=kind, message=xml_safe(message))
