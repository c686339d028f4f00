"""`--format json`: the versioned results document, format 2.0 (checker/report/contract.py).

Owns the JSON shape, written as a stream of chunks so that a large run never
builds one giant string: rule metadata once per profile, one line per project
with its counts and score per profile, then one line per listed finding. By
default only what needs attention is listed (fail, not_shown, error, waived
and input problems); passed, not applicable and upcoming outcomes are counted,
and listed only when `options.include` asks (`--include`). Numbers are read
off the core (status bytes, `Evaluation.score()`), never recomputed. Refuses
presentation: no colours, no ordering beyond the run's own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from checker.findings import (
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
    fact_path,
)
from checker.report.options import RenderOptions
from checker.report.safe import json_safe

RESULTS_FORMAT_VERSION = "2.0"
"""The document's `format_version` (the contract's models, which need pydantic, are
not imported to write it)."""
LANG = "en"
ATTENTION = (Status.FAIL, Status.NOT_SHOWN, Status.ERROR, Status.WAIVED)
"""Listed by default: what a reviewer must act on or has decided."""
COUNTED = (Status.PASS, Status.NOT_APPLICABLE, Status.UPCOMING)
"""Counted by default, listed on request."""
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
    head = {
        "format_version": RESULTS_FORMAT_VERSION,
        "upgraded_from": upgraded_from,
        "lang": LANG,
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
    }
    yield _dumps(head, indent=2)[:-2] + ',\n  "profiles": ['
    yield ",".join("\n    " + _dumps(_profile(p)) for p in run.profiles)
    yield "\n  ],\n" if run.profiles else "],\n"
    yield '  "input_codes": ' + _dumps(_input_codes(run)) + ',\n  "projects": ['
    by_status = dict.fromkeys(_COUNTED_STATUSES, 0)
    out_of_scope = 0
    first = True
    for project in run.projects:
        record = _project(project)
        for evaluation, result in zip(project.evaluations, record["results"], strict=True):
            if evaluation.out_of_scope:
                out_of_scope += 1
                continue
            for status in _COUNTED_STATUSES:
                by_status[status] += result["counts"][_key(status)]
        yield ("\n    " if first else ",\n    ") + _dumps(record)
        first = False
    yield ("\n  ],\n" if not first else "],\n") + '  "findings": ['
    severities = dict.fromkeys(Severity, 0)
    input_problems = 0
    first = True
    lines: list[str] = []
    facts: dict[tuple[tuple[str, str], ...], list[dict[str, str]]] = {}
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    for finding in _findings(run, listed):
        if finding.status.is_problem:
            severities[finding.severity] += 1
        if finding.profile is None:
            input_problems += 1
        lines.append(dumps(finding_entry(finding, facts)))
        if len(lines) == _BATCH:
            yield ("\n    " if first else ",\n    ") + json_safe(",\n    ".join(lines))
            first = False
            lines.clear()
    if lines:
        yield ("\n    " if first else ",\n    ") + json_safe(",\n    ".join(lines))
        first = False
    summary = {
        "projects": len(run.projects),
        "invalid_projects": len(run.invalid_projects),
        "input_problems": input_problems,
        "out_of_scope": out_of_scope,
        "by_status": {_key(s): n for s, n in by_status.items()},
        "problems_by_severity": {s.value: n for s, n in severities.items()},
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
    ]
    yield (
        ("\n  ],\n" if not first else "],\n")
        + '  "stale_waivers": '
        + _dumps(stale)
        + ',\n  "summary": '
        + _dumps(summary)
        + (',\n  "interrupted": ' + json.dumps(run.interrupted) + "\n}\n")
    )


_BATCH = 512
"""Findings written per chunk: one escape pass and one write per batch, not per line."""


def _dumps(value: Any, indent: int | None = None) -> str:
    return json_safe(json.dumps(value, ensure_ascii=False, indent=indent))


def _key(status: Status) -> str:
    return status.value


# --- profiles and projects -------------------------------------------------------------------


def _profile(profile: ProfileSummary) -> dict[str, Any]:
    return {
        "id": profile.id,
        "title": profile.title,
        "version": None,
        "digest": profile.digest or None,
        "rule_count": profile.rule_count,
        "not_shown_gates": profile.not_shown_gates,
        "countries": list(profile.countries),
        "rules": {rule.id: rule_entry(rule) for rule in profile.rules},
    }


def rule_entry(rule: RuleInfo) -> dict[str, Any]:
    """A rule's metadata as the document's rule table holds it."""
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


def _project(project: ProjectResult) -> dict[str, Any]:
    info = project.project
    return {
        "id": info.id,
        "path": info.path,
        "title": info.title,
        "country": info.country,
        "sector": info.sector,
        "valid": info.valid,
        "results": [_result(e) for e in project.evaluations],
    }


_CODES = tuple((status.value, STATUS_CODE[status]) for status in _COUNTED_STATUSES)


def _result(evaluation: Evaluation) -> dict[str, Any]:
    if evaluation.out_of_scope:
        return {"profile": evaluation.profile, "out_of_scope": True, "counts": None, "score": None}
    statuses = evaluation.statuses
    score = evaluation.score()
    return {
        "profile": evaluation.profile,
        "out_of_scope": False,
        "counts": {name: statuses.count(code) for name, code in _CODES},
        "score": {
            "passed": score.passed,
            "failed": score.failed,
            "not_shown": score.not_shown,
            "error": score.error,
            "waived": score.waived,
            "applicable": score.applicable,
            "share": score.share,
            "met_by_basis": score.met_by_basis(),
        },
    }


# --- findings -------------------------------------------------------------------------------


def _findings(run: RunResult, listed: tuple[Status, ...]) -> Iterator[Finding]:
    if set(listed) == set(ATTENTION):  # the default: never make the passes at all
        yield from run.findings(problems_only=True)
        return
    wanted = frozenset(listed)
    for finding in run.findings():
        if finding.profile is None or finding.status in wanted:
            yield finding


def finding_entry(
    finding: Finding, known: dict[tuple[tuple[str, str], ...], list[dict[str, str]]] | None = None
) -> dict[str, Any]:
    """One finding as the version-2 document lists it (rule metadata is in the rule table);
    `known` remembers the missing facts already worded (they repeat across a portfolio)."""
    status = finding.status
    facts = known.get(finding.facts) if known is not None else None
    if facts is None:
        facts = [
            {"pointer": pointer, "path": fact_path(pointer), "state": state}
            for pointer, state in finding.facts
        ]
        if known is not None:
            if len(known) >= 100_000:
                known.clear()
            known[finding.facts] = facts
    waiver = finding.waiver
    rule_outcome = finding.profile is not None
    return {
        "profile": finding.profile,
        "project": finding.project,
        "path": finding.path,
        "rule": finding.rule,
        "status": status.value,
        "waived_status": waived_status(finding) if status is Status.WAIVED else None,
        "severity": finding.severity.value,
        "line": finding.line,
        "column": finding.column,
        "pointer": finding.pointer,
        "item": (finding.item or None) if rule_outcome else None,
        "message_id": message_id(finding),
        "message": finding.message,
        "detail": finding.detail,
        "missing_facts": facts,
        "fingerprint": finding.fingerprint,
        "baseline_state": finding.baseline_state,
        "waiver": _waiver(waiver),
        "basis": finding.basis if rule_outcome else None,
        "evidence": list(finding.evidence),
        "binding": finding.force or None,
        "binding_because": finding.force_because or None,
        "screening": [],
    }


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


def waived_status(finding: Finding) -> str:
    """The status a waiver is over, as the waiver's note keeps it."""
    waiver = finding.waiver
    if waiver is not None:
        return waiver.over
    # Not reached (a waived finding carries its note): only `not_shown` names missing facts.
    return Status.NOT_SHOWN.value if finding.facts else Status.FAIL.value


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
        "binding": finding.force or None,
        "binding_because": finding.force_because or None,
        "fingerprint": finding.fingerprint,
        "waiver": _waiver(waiver),
    }
