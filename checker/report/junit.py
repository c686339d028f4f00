"""`--format junit`: JUnit XML (Jenkins xUnit junit-10 schema) for CI test views.

Owns the mapping: one test suite per (profile, project) and one test case per
rule, so passes show too; failures carry the message and location; errors are
errors; not-applicable and waived cases are skipped with the reason. Input
problems form a suite of their own per file. All text is made XML-safe.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from checker.findings import Finding, ProjectResult, RunResult, Status
from checker.report.options import RenderOptions
from checker.report.safe import xml_safe


def render(run: RunResult, options: RenderOptions) -> Iterator[str]:
    """The XML document."""
    root = ET.Element("testsuites", name="govcheck")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for project in run.projects:
        for suite in _suites(run, project):
            root.append(suite)
            for key in totals:
                totals[key] += int(suite.get(key) or 0)
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0.000")
    ET.indent(root)
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield ET.tostring(root, encoding="unicode") + "\n"
    del options


def _suites(run: RunResult, project: ProjectResult) -> Iterator[ET.Element]:
    findings = list(run.project_findings(project))
    groups: dict[str | None, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.profile, []).append(finding)
    for profile, members in groups.items():
        label = profile if profile is not None else "input"
        suite = ET.Element("testsuite", name=xml_safe(f"{label}: {project.project.id}"))
        counts = {"tests": len(members), "failures": 0, "errors": 0, "skipped": 0}
        properties = ET.SubElement(suite, "properties")
        for name, value in (
            ("profile", label),
            ("project", project.project.id),
            ("file", project.project.path),
        ):
            ET.SubElement(properties, "property", name=name, value=xml_safe(value))
        for finding in members:
            suite.append(_case(finding, counts))
        for key, count in counts.items():
            suite.set(key, str(count))
        suite.set("time", "0.000")
        suite.set("file", xml_safe(project.project.path))
        yield suite


def _case(finding: Finding, counts: dict[str, int]) -> ET.Element:
    case = ET.Element(
        "testcase",
        name=xml_safe(f"{finding.rule}: {finding.title}"),
        classname=xml_safe(f"{finding.profile or 'input'}.{finding.project}"),
        time="0",
    )
    location = f"{finding.path}:{finding.line}:{finding.column}"
    body = "\n".join(
        part
        for part in (
            f"{location} ({finding.pointer or '/'})",
            finding.detail,
            f"How to fix: {finding.remediation}" if finding.remediation else "",
            "References: " + "; ".join(f"{r.instrument} {r.article}" for r in finding.references)
            if finding.references
            else "",
        )
        if part
    )
    if finding.status is Status.FAIL:
        counts["failures"] += 1
        element = ET.SubElement(
            case,
            "failure",
            type=finding.severity.value,
            message=xml_safe(f"{location}: {finding.message}"),
        )
        element.text = xml_safe(body)
    elif finding.status is Status.ERROR:
        counts["errors"] += 1
        element = ET.SubElement(
            case,
            "error",
            type=finding.severity.value,
            message=xml_safe(f"{location}: {finding.message}"),
        )
        element.text = xml_safe(body)
    elif finding.status is Status.WAIVED and finding.waiver is not None:
        counts["skipped"] += 1
        waiver = finding.waiver
        ET.SubElement(
            case,
            "skipped",
            type="waived",
            message=xml_safe(
                f"waived until {waiver.expires} by {waiver.approved_by}: {waiver.justification}"
            ),
        )
    elif finding.status is Status.NOT_APPLICABLE:
        counts["skipped"] += 1
        ET.SubElement(case, "skipped", type="not_applicable", message=xml_safe(finding.message))
    return case
