"""What a SARIF run says beside its results: scope, upcoming duties, notes and GitHub's limits.

Owns the run-level parts of govcheck's SARIF: the run's properties (reference
date, status counts per profile, profiles out of scope with their projects,
obligations that apply only later, how many waived and how many over-limit
results were left out), the invocation's notifications saying the same in
words, and the guard that keeps a log within what GitHub code scanning
accepts (25,000 results per run, 10 MB gzipped per file): past a limit the
most severe results are kept and the run says how many were left out.
Refuses the results themselves, which sarif.py maps, and any verdict: counts
are the core's tallies.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path
from typing import Any

from checker.findings import STATUS_CODE, RunResult, Severity, Status

MAX_RESULTS = 25_000
"""GitHub rejects a run with more results than this (and shows only the top 5,000)."""
MAX_GZIPPED = 10_000_000
"""GitHub rejects a SARIF file larger than this, gzip-compressed (10 MB)."""
_MARGIN = 0.9  # cut a little below the limit: the note that says so adds bytes too
_LISTED = 20  # projects named in one note; the properties list every one
_STATUS_ORDER = {"fail": 0, "error": 1, "not_shown": 2, "waived": 3}
_UPCOMING = STATUS_CODE[Status.UPCOMING]


def uri(path: str) -> str:
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate.as_uri()
    return candidate.as_posix()


# --- properties and notes ---------------------------------------------------------------------


def run_properties(run: RunResult, *, waived_left_out: int) -> dict[str, Any]:
    """The run's property bag: what a SARIF viewer does not show as results."""
    properties: dict[str, Any] = {"profiles": [p.id for p in run.profiles]}
    if run.as_of:
        properties["asOf"] = run.as_of
    counts: dict[str, Any] = {}
    for profile in run.profiles:
        tally = run.tally(profile.id)
        counts[profile.id] = {
            **{s.value: tally.count(s) for s in Status if s is not Status.OUT_OF_SCOPE},
            "out_of_scope_projects": tally.out_of_scope,
        }
    properties["statusCounts"] = counts
    outside = out_of_scope(run)
    if outside:
        properties["outOfScope"] = outside
    later = upcoming(run)
    if later:
        properties["upcoming"] = later
    if waived_left_out:
        properties["waivedLeftOut"] = waived_left_out
    return properties


def out_of_scope(run: RunResult) -> dict[str, Any]:
    """Per profile: the countries it covers and the projects it does not."""
    outside: dict[str, Any] = {}
    for profile in run.profiles:
        projects = [
            r.project.id
            for r in run.projects
            if (e := r.evaluation(profile.id)) is not None and e.out_of_scope
        ]
        if projects:
            outside[profile.id] = {"covers": list(profile.countries), "projects": projects}
    return outside


def upcoming(run: RunResult) -> dict[str, list[dict[str, Any]]]:
    """Per profile: each obligation not yet applicable, from when, for how many projects."""
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for result in run.projects:
        for evaluation in result.evaluations:
            for index, code in enumerate(evaluation.statuses):
                if code != _UPCOMING:
                    continue
                rule = evaluation.rules[index]
                entry = found.setdefault(evaluation.profile, {}).setdefault(
                    rule.id, {"rule": rule.id, "appliesFrom": rule.applies_from, "projects": 0}
                )
                entry["projects"] += 1
    return {profile: list(rules.values()) for profile, rules in found.items()}


def invocation(run: RunResult) -> dict[str, Any]:
    """The invocation: whether it ran to the end, and notes a reader should see."""
    notes = [_stale_note(o.path, o.line, o.column, o.message) for o in run.stale_waivers]
    for profile, entry in out_of_scope(run).items():
        projects = entry["projects"]
        named = ", ".join(projects[:_LISTED]) + (
            f" and {len(projects) - _LISTED} more" if len(projects) > _LISTED else ""
        )
        covers = ", ".join(entry["covers"]) or "other projects"
        notes.append(
            _note(
                f"{profile} is out of scope for {len(projects)} project(s) (it covers {covers}): "
                f"{named}. No results are reported for it there.",
                kind="out_of_scope",
                profile=profile,
            )
        )
    for profile, rules in upcoming(run).items():
        listed = "; ".join(
            f"{r['rule']} from {r['appliesFrom'] or 'a later date'} ({r['projects']} project(s))"
            for r in rules
        )
        on = f" on {run.as_of}" if run.as_of else ""
        notes.append(
            _note(
                f"{profile}: {len(rules)} obligation(s) do not apply yet{on} and are neither "
                f"results nor counted as failing: {listed}.",
                kind="upcoming",
                profile=profile,
            )
        )
    done: dict[str, Any] = {"executionSuccessful": not run.interrupted}
    if notes:
        done["toolExecutionNotifications"] = notes
    return done


def _note(text: str, **properties: str) -> dict[str, Any]:
    return {"level": "note", "message": {"text": text}, "properties": properties}


def _stale_note(path: str, line: int, column: int, message: str) -> dict[str, Any]:
    return {
        "level": "warning",
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(path)},
                    "region": {"startLine": line, "startColumn": column},
                }
            }
        ],
    }


# --- GitHub's limits ----------------------------------------------------------------------------


def within_limits(document: dict[str, Any], dumps: Callable[[dict[str, Any]], str]) -> str:
    """The log as text, cut to the most severe results when GitHub would reject it."""
    run = document["runs"][0]
    left_out = 0
    if len(run["results"]) > MAX_RESULTS:
        left_out += _keep_most_severe(run, MAX_RESULTS)
    text = dumps(document)
    size = _gzipped_size(text)
    while size > MAX_GZIPPED * _MARGIN and run["results"]:
        keep = int(len(run["results"]) * MAX_GZIPPED * _MARGIN / size * _MARGIN)
        left_out += _keep_most_severe(run, keep)
        text = dumps(document)
        size = _gzipped_size(text)
    if not left_out:
        return text
    run["properties"]["resultsLeftOut"] = left_out
    run["invocations"][0].setdefault("toolExecutionNotifications", []).append(
        {
            "level": "warning",
            "message": {
                "text": f"{left_out} result(s) left out: GitHub code scanning accepts at most "
                f"{MAX_RESULTS:,} results per run and 10 MB gzipped per file, so the most "
                "severe are kept. The JSON report (`-f json`) has every finding."
            },
            "properties": {"kind": "results_left_out"},
        }
    )
    return dumps(document)


def _keep_most_severe(run: dict[str, Any], keep: int) -> int:
    """Keep the `keep` most severe results (stated failures first), in their order."""
    results: list[dict[str, Any]] = run["results"]
    ranked = sorted(range(len(results)), key=lambda i: _rank(results[i], i))
    kept = set(ranked[: max(keep, 0)])
    run["results"] = [r for i, r in enumerate(results) if i in kept]
    return len(results) - len(run["results"])


def _rank(result: dict[str, Any], position: int) -> tuple[int, int, int]:
    properties = result["properties"]
    severity = Severity(properties["severity"]).rank
    return (-severity, _STATUS_ORDER.get(properties["govcheckStatus"], 4), position)


def _gzipped_size(text: str) -> int:
    data = text.encode("utf-8")
    if len(data) <= MAX_GZIPPED * _MARGIN:  # gzip never grows JSON: no need to compress
        return len(data)
    return len(gzip.compress(data, compresslevel=6))
