"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

Owns the mapping: every rule of every profile becomes a reportingDescriptor
(short/full description, help with the legal references, security-severity);
every failing, erroring or waived finding becomes a result with a physical
location, a level from its severity, stable partialFingerprints, a
baselineState when a baseline was given, and waivers as accepted external
suppressions with their justification.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from checker.findings import Finding, RuleInfo, RunResult, Severity, Status
from checker.inputs import INPUT_AREA, INPUT_TITLES
from checker.report.options import RenderOptions
from checker.report.safe import json_safe

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/govcheck/govcheck"
LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
}


def render(run: RunResult, options: RenderOptions) -> Iterator[str]:
    """The SARIF log as one JSON document."""
    rules, index = _rules(run)
    results = [
        _result(f, index)
        for f in run.findings(problems_only=True)
        if f.status.is_problem or f.status is Status.WAIVED
    ]
    for finding in results:
        rule_id = finding["ruleId"]
        if rule_id not in index:
            index[rule_id] = len(rules)
            rules.append(_input_rule(rule_id))
            finding["ruleIndex"] = index[rule_id]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "govcheck",
                        "version": options.tool_version or "0",
                        "semanticVersion": options.tool_version or "0.0.0",
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "automationDetails": {
                    "id": "govcheck/" + "+".join(p.id for p in run.profiles) + "/"
                },
                "invocations": [_invocation(run)],
                "results": results,
                "properties": {"profiles": [p.id for p in run.profiles]},
            }
        ],
    }
    yield json_safe(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"


def _rules(run: RunResult) -> tuple[list[dict[str, Any]], dict[str, int]]:
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for profile in run.profiles:
        for info in profile.rules:
            if info.id not in index:
                index[info.id] = len(rules)
                rules.append(_rule(info))
    return rules, index


def _rule(info: RuleInfo) -> dict[str, Any]:
    references = "\n".join(
        f"- {r.instrument}, {r.article}" + (f" ({r.url})" if r.url else "") for r in info.references
    )
    markdown_refs = "\n".join(
        f"- [{r.instrument}, {r.article}]({r.url})" if r.url else f"- {r.instrument}, {r.article}"
        for r in info.references
    )
    properties: dict[str, Any] = {
        "tags": ["compliance", "governance", info.area],
        "area": info.area,
        "severity": info.severity.value,
    }
    if info.severity in SECURITY_SEVERITY:
        properties["security-severity"] = SECURITY_SEVERITY[info.severity]
    descriptor: dict[str, Any] = {
        "id": info.id,
        "name": _name(info.id),
        "shortDescription": {"text": _clip(info.title)},
        "fullDescription": {"text": _clip(info.requirement)},
        "help": {
            "text": f"{info.requirement}\n\nApplies when: {info.applies_when}\n\n"
            f"How to fix: {info.remediation}\n\nReferences:\n{references}",
            "markdown": f"**{info.requirement}**\n\nApplies when: {info.applies_when}\n\n"
            f"**How to fix:** {info.remediation}\n\n**References:**\n{markdown_refs}",
        },
        "defaultConfiguration": {"level": LEVEL[info.severity]},
        "properties": properties,
    }
    first_url = next((r.url for r in info.references if r.url), None)
    if first_url:
        descriptor["helpUri"] = first_url
    return descriptor


def _input_rule(rule_id: str) -> dict[str, Any]:
    title = INPUT_TITLES.get(rule_id, rule_id)
    return {
        "id": rule_id,
        "name": _name(rule_id),
        "shortDescription": {"text": title},
        "fullDescription": {"text": f"{title}: the project file cannot be fully checked."},
        "help": {
            "text": "Fix the file at the reported position; `govcheck init` writes a "
            "valid template and `govcheck schema project` prints the format."
        },
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["input"], "area": INPUT_AREA, "security-severity": "8.0"},
    }


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    profile = f" [{finding.profile}]" if finding.profile else ""
    text = f"{finding.title}{profile}. {finding.message}"
    if finding.detail:
        text += f" ({finding.detail})"
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVEL[finding.severity],
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(finding.path)},
                    "region": {"startLine": finding.line, "startColumn": finding.column},
                },
                "message": {"text": finding.pointer or "/"},
            }
        ],
        "partialFingerprints": {
            "primaryLocationLineHash": finding.fingerprint,
            "govcheck/v1": finding.fingerprint,
        },
        "properties": {
            "profile": finding.profile,
            "project": finding.project,
            "severity": finding.severity.value,
            "status": finding.status.value,
            "pointer": finding.pointer,
        },
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    if finding.baseline_state is not None:
        result["baselineState"] = finding.baseline_state
    waiver = finding.waiver
    if waiver is not None and finding.status is Status.WAIVED:
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": waiver.justification,
                "properties": {
                    "approvedBy": waiver.approved_by,
                    "expires": waiver.expires,
                    "ticket": waiver.ticket,
                },
            }
        ]
    return result


def _invocation(run: RunResult) -> dict[str, Any]:
    notes = [
        {
            "level": "warning",
            "message": {"text": f"orphaned waiver: {o.rule} for {o.project} matches no finding"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(o.path)},
                        "region": {"startLine": o.line, "startColumn": o.column},
                    }
                }
            ],
        }
        for o in run.orphaned_waivers
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not run.interrupted}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation


def _uri(path: str) -> str:
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate.as_uri()
    return candidate.as_posix()


def _name(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.replace(".", "-").split("-"))


def _clip(text: str) -> str:
    return text if len(text) <= 1000 else text[:997] + "..."
