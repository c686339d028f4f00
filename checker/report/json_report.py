"""`--format json`: the versioned results document (schema: checker/schemas/results.schema.json).

Owns the JSON shape, written as a stream of chunks so that a large run never
builds one giant string. Refuses presentation: no colours, no ordering beyond
the run's own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from checker.findings import Finding, RunResult
from checker.report.contract import RESULTS_FORMAT_VERSION
from checker.report.options import RenderOptions
from checker.report.safe import json_safe


def finding_record(finding: Finding) -> dict[str, Any]:
    """The JSON form of one finding (shared with other JSON-based formats)."""
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
        "fingerprint": finding.fingerprint,
        "waiver": None
        if waiver is None
        else {
            "justification": waiver.justification,
            "approved_by": waiver.approved_by,
            "expires": waiver.expires,
            "ticket": waiver.ticket,
            "expired": waiver.expired,
        },
    }


def render(run: RunResult, options: RenderOptions) -> Iterator[str]:
    """The results document, streamed."""
    head = {
        "format_version": RESULTS_FORMAT_VERSION,
        "tool": {"name": "govcheck", "version": options.tool_version},
        "profiles": [{"id": p.id, "title": p.title, "rules": p.rule_count} for p in run.profiles],
        "projects": [
            {
                "id": p.project.id,
                "path": p.project.path,
                "title": p.project.title,
                "country": p.project.country,
                "sector": p.project.sector,
                "valid": p.project.valid,
            }
            for p in run.projects
        ],
    }
    yield json_safe(json.dumps(head, ensure_ascii=False, indent=2))[:-2] + ',\n  "findings": ['
    first = True
    for finding in run.findings():
        yield ("\n    " if first else ",\n    ") + json_safe(
            json.dumps(finding_record(finding), ensure_ascii=False)
        )
        first = False
    counts = run.counts().as_dict()
    summary = {
        "projects": len(run.projects),
        "invalid_projects": len(run.invalid_projects),
        **counts,
    }
    yield (
        ("\n  ],\n" if not first else "],\n")
        + '  "summary": '
        + json.dumps(summary)
        + (',\n  "interrupted": ' + json.dumps(run.interrupted) + "\n}\n")
    )
