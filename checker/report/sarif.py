"""`--format sarif` and `sarif-full`: SARIF 2.1.0 for GitHub code scanning and other consumers.

Owns the mapping: every rule of every profile becomes a reportingDescriptor
(short/full description, help with the legal references, and the `security`
tag with a `security-severity`, which GitHub needs together); every problem
(`fail`, `not_shown`, `error`) becomes a result of `kind: fail` (the SARIF
spec forces `level: none` on any other kind) with a level from its severity,
the govcheck status in `properties.govcheckStatus` and as a `status:…` tag, a
physical location, stable partialFingerprints and a baselineState when a
baseline was given. `not_shown` results read "Not shown: …" and name the
facts the proposal does not show.

Two flavours: `sarif` is what GitHub gets, actionable results only, because
GitHub ignores `suppressions` and would open an alert for every waived
finding; `sarif-full` adds waived findings as results with an accepted
external suppression and its justification. Upcoming obligations and
profiles out of scope are not results: the run's properties and invocation
notes say them. GitHub's limits (results per run, size per file) are
sarif_parts.py's: it splits the results across files, or keeps the most
severe in one document and says so. Refuses deciding anything: statuses,
severities and fingerprints are the core's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.findings import Finding, RuleInfo, RunResult, Severity, Status, fact_path
from checker.i18n import _
from checker.inputs import INPUT_AREA, INPUT_TITLES
from checker.report.options import RenderOptions
from checker.report.sarif_run import uri
from checker.report.verdicts import applies_when_words, not_shown_text

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
    """The SARIF log GitHub code scanning gets: actionable, unwaived results only, as one
    document within GitHub's limits (the most severe kept when they are not all taken)."""
    from checker.report.sarif_parts import single

    yield from single(run, options, full=False)


def rules_table(run: RunResult) -> tuple[list[dict[str, Any]], dict[str, int]]:
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
        # GitHub reads `security-severity` only on rules tagged `security`; with both, its
        # own pull-request check can block on high and above whatever --fail-on says.
        properties["tags"].insert(0, "security")
        properties["security-severity"] = SECURITY_SEVERITY[info.severity]
    if info.benchmark_because:
        # Why the rule is a benchmark is the rule's, not a finding's: said once here, not
        # on each of its results (it was a fifth of a large log).
        properties["binding"] = "benchmark"
        properties["bindingBecause"] = info.benchmark_because
    descriptor: dict[str, Any] = {
        "id": info.id,
        "name": _name(info.id),
        "shortDescription": {"text": _clip(info.title)},
        "fullDescription": {"text": _clip(info.requirement)},
        "help": {
            "text": _(
                "{requirement}\n\nApplies when: {applies_when}\n\nHow to fix: "
                "{remediation}\n\nReferences:\n{references}"
            ).format(
                requirement=info.requirement,
                applies_when=applies_when_words(info.applies_when),
                remediation=info.remediation,
                references=references,
            ),
            "markdown": _(
                "**{requirement}**\n\nApplies when: {applies_when}\n\n**How to fix:** "
                "{remediation}\n\n**References:**\n{markdown_refs}"
            ).format(
                requirement=info.requirement,
                applies_when=applies_when_words(info.applies_when),
                remediation=info.remediation,
                markdown_refs=markdown_refs,
            ),
        },
        "defaultConfiguration": {"level": LEVEL[info.severity]},
        "properties": properties,
    }
    first_url = next((r.url for r in info.references if r.url), None)
    if first_url:
        descriptor["helpUri"] = first_url
    return descriptor


def input_rule(rule_id: str) -> dict[str, Any]:
    title = _(INPUT_TITLES[rule_id]) if rule_id in INPUT_TITLES else rule_id
    return {
        "id": rule_id,
        "name": _name(rule_id),
        "shortDescription": {"text": title},
        "fullDescription": {
            "text": _("{title}: the project file cannot be fully checked.").format(title=title)
        },
        "help": {
            "text": _(
                "Fix the file at the reported position; `govcheck init` writes a "
                "valid template and `govcheck schema project` prints the format."
            )
        },
        "defaultConfiguration": {"level": "error"},
        "properties": {
            "tags": ["security", "input"],
            "area": INPUT_AREA,
            "security-severity": "8.0",
        },
    }


def result_of(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "govcheckStatus": finding.status.value,
        "tags": [f"status:{finding.status.value}"],
        "profile": finding.profile,
        "project": finding.project,
        "severity": finding.severity.value,
        "status": finding.status.value,  # the version-1 name, kept for existing readers
        "pointer": finding.pointer,
    }
    if finding.force:
        properties["binding"] = finding.force
        if finding.force == "law":  # the case that made it law; a benchmark's is the rule's
            properties["bindingBecause"] = finding.force_because
    if finding.basis is not None:
        properties["basis"] = finding.basis  # what its facts rest on (docs/evidence.md)
        if finding.evidence:
            properties["evidence"] = list(finding.evidence)
    if finding.facts:
        properties["facts"] = [
            {"pointer": pointer, "path": fact_path(pointer), "state": state}
            for pointer, state in finding.facts
        ]
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        # `fail` for every result: the spec forces `level: none` on any other kind, and
        # GitHub ignores `kind`; the status a reviewer reads is in the properties and tags.
        "kind": "fail",
        "level": LEVEL[finding.severity],
        "message": {"text": _message(finding)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(finding.path)},
                    "region": {"startLine": finding.line, "startColumn": finding.column},
                },
                "message": {"text": finding.pointer or "/"},
            }
        ],
        "partialFingerprints": {
            "primaryLocationLineHash": finding.fingerprint,
            "govcheck/v1": finding.fingerprint,
        },
        "properties": properties,
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


def _message(finding: Finding) -> str:
    """The first sentence is GitHub's alert title: `Not shown: <title> [profile].` for a
    fact the proposal does not show, `<title> [profile].` otherwise."""
    profile = f" [{finding.profile}]" if finding.profile else ""
    if finding.status is Status.NOT_SHOWN:
        asked = not_shown_text(finding)
        return _("Not shown: {title}{profile}. {value}{value2}.").format(
            title=finding.title, profile=profile, value=asked[:1].upper(), value2=asked[1:]
        )
    text = f"{finding.title}{profile}. {finding.message}"
    return f"{text} ({finding.detail})" if finding.detail else text


def _name(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.replace(".", "-").split("-"))


def _clip(text: str) -> str:
    return text if len(text) <= 1000 else text[:997] + "..."
