"""What a SARIF run says beside its results: scope, upcoming duties, notes and GitHub's limits.

Owns the run-level parts of govcheck's SARIF: the run's properties (reference
date, status counts per profile, profiles out of scope with their projects,
obligations that apply only later, how many waived and how many over-limit
results were left out), the invocation's notifications saying the same in
words, and GitHub code scanning's limits as constants (sarif_parts.py keeps
each file within them). Refuses the results themselves, which sarif.py maps,
and any verdict: counts are the core's tallies.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from checker.findings import STATUS_CODE, RunResult, Status, marked, marking
from checker.i18n import _

MAX_RESULTS = 25_000
"""GitHub rejects a run with more results than this (and shows only the top 5,000)."""
MAX_GZIPPED = 10_000_000
"""GitHub rejects a SARIF file larger than this, gzip-compressed (10 MB)."""
MARGIN = 0.9
"""Share of the size limit a file may fill: the notes written after the results add bytes."""
_LISTED = 20  # projects named in one note; the properties list every one
_UPCOMING_MARKS = marking((STATUS_CODE[Status.UPCOMING],))


@functools.lru_cache(maxsize=4096)
def uri(path: str) -> str:
    """A file's artifact URI (a project's results all name one file: made once)."""
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
            for index in marked(evaluation.statuses, _UPCOMING_MARKS):
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
            _(" and {value} more").format(value=len(projects) - _LISTED)
            if len(projects) > _LISTED
            else ""
        )
        covers = ", ".join(entry["covers"]) or _("other projects")
        notes.append(
            _note(
                _(
                    "{profile} is out of scope for {count} project(s) (it covers {covers}): "
                    "{named}. No results are reported for it there."
                ).format(profile=profile, count=len(projects), covers=covers, named=named),
                kind="out_of_scope",
                profile=profile,
            )
        )
    for profile, rules in upcoming(run).items():
        listed = "; ".join(
            _("{rule} from {date} ({projects} project(s))").format(
                rule=r["rule"], date=r["appliesFrom"] or _("a later date"), projects=r["projects"]
            )
            for r in rules
        )
        on = _(" on {as_of}").format(as_of=run.as_of) if run.as_of else ""
        notes.append(
            _note(
                _(
                    "{profile}: {count} obligation(s) do not apply yet{on} and are neither "
                    "results nor counted as failing: {listed}."
                ).format(profile=profile, count=len(rules), on=on, listed=listed),
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
