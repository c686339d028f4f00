"""Applying the review record to results, and judging which decisions are stale.

Owns turning live waivers into status `waived` (never dropping the finding; the note
keeps what it was waived over), expiry (the finding fails again and says so), and
reporting stale waivers the day they stop being needed: the finding is met, not
applicable or out of scope; the rule is not in the waiver's profile, or in any ruleset
(a misspelt rule id waives nothing, whichever profiles are checked); the pointer names
no finding; the project is gone. A verification whose project is gone is reported
beside them (`StaleVerification`). Only what the run checked is judged: a check of one
file or one profile says nothing of other projects' or profiles' waivers. Pure: no I/O
(the rule ids of every ruleset come from the caller, asked for only when a waiver names
a rule none of the run's profiles has).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Sequence
from datetime import date
from functools import cache
from pathlib import Path

from checker.expanded import StaleVerification
from checker.findings import (
    STATUS_CODE,
    Evaluation,
    ProjectResult,
    RunResult,
    StaleWaiver,
    Status,
    WaiverNote,
)
from checker.i18n import N_, _
from checker.values import replace
from checker.waivers.location import covers
from checker.waivers.records import LoadedWaivers, Waiver

Entry = tuple[LoadedWaivers, int, Waiver]

WAIVABLE = frozenset({Status.FAIL, Status.NOT_SHOWN, Status.WAIVED})
"""What a waiver can be over: a stated failure or a fact not shown (an accepted gap, as
the results contract says), and a finding already waived (a waiver renewed). Every entry
point asks this one set: `govcheck waive`, the TUI's form, the check applying waivers."""
_WAIVED = STATUS_CODE[Status.WAIVED]
_WAIVABLE = frozenset(STATUS_CODE[status] for status in WAIVABLE)
_OPEN = _WAIVABLE | {STATUS_CODE[Status.ERROR]}
"""A finding still open: a waiver over it is needed (live, or expired and saying so)."""
_CLOSED_WORDS = {
    Status.PASS: N_("the rule is met under {profile}"),
    Status.NOT_APPLICABLE: N_("the rule does not apply under {profile}"),
    Status.UPCOMING: N_("the rule does not apply yet (upcoming) under {profile}"),
}


KnownRules = Callable[[], Collection[str] | None]
"""The rule ids of every ruleset the run could have used (None: they cannot be told)."""


def apply_waivers(
    run: RunResult,
    files: Sequence[LoadedWaivers],
    today: date,
    checked: Sequence[str | Path] | None = None,
    known_rules: KnownRules | None = None,
) -> RunResult:
    """Live waivers turn failures and facts not shown into `waived`; expired ones leave the
    finding as it was, noted. `checked`: the paths the run checked, so that a waiver
    naming a project not found there is stale when the run took in the waivers file's
    whole tree (None: projects not in the run are not judged). `known_rules`: called at
    most once, when a waiver names a rule no profile of the run has, so that one no
    ruleset has is stale (None: such waivers are not judged)."""
    entries = [
        (loaded, index, w) for loaded in files for index, w in enumerate(loaded.model.waivers)
    ]
    gone = _gone_verifications(run, files, checked)
    if gone:
        run = replace(run, stale_waivers=run.stale_waivers + gone)
    if not entries:
        return run
    projects = tuple(_apply_project(project, entries, today) for project in run.projects)
    applied = replace(run, projects=projects)
    unknown = _unknown_rule(run, cache(known_rules)) if known_rules is not None else None
    stale = tuple(
        s for s in (_stale(applied, e, checked, unknown) for e in entries) if s is not None
    )
    return replace(applied, stale_waivers=run.stale_waivers + stale)


def _unknown_rule(run: RunResult, known_rules: KnownRules) -> Callable[[str], str | None]:
    """Why a waiver's rule is in no ruleset (None: it is in one, or cannot be told)."""
    in_run = {info.id for profile in run.profiles for info in profile.rules}

    def why(rule: str) -> str | None:
        if rule in in_run:
            return None
        known = known_rules()
        if known is None or rule in known:
            return None
        close = difflib.get_close_matches(rule, sorted(known), n=1, cutoff=0.8)
        said = _("no ruleset loaded has a rule {rule}").format(rule=rule)
        return said + (_("; did you mean {rule}?").format(rule=close[0]) if close else "")

    return why


def _apply_project(project: ProjectResult, entries: list[Entry], today: date) -> ProjectResult:
    relevant = [e for e in entries if e[2].project == project.project.id]
    if not relevant:
        return project
    evaluations = tuple(_apply_evaluation(e, relevant, today) for e in project.evaluations)
    return replace(project, evaluations=evaluations)


def _apply_evaluation(evaluation: Evaluation, entries: list[Entry], today: date) -> Evaluation:
    statuses = bytearray(evaluation.statuses)
    notes = dict(evaluation.waivers)
    project = entries[0][2].project
    for index, rule in enumerate(evaluation.rules):
        if statuses[index] not in _WAIVABLE:
            continue
        where = evaluation.located.get(index)
        matching = [
            w
            for _file, _index, w in entries
            if w.matches(rule.id, project, evaluation.profile) and w.covers(where)
        ]
        if not matching:
            continue
        earlier = notes.get(index)
        # Already waived (by another waivers file): the note keeps what it was waived over.
        over = earlier.over if statuses[index] == _WAIVED and earlier else evaluation.status(index)
        live = [w for w in matching if w.expires >= today]
        chosen = max(live or matching, key=lambda w: w.expires)
        notes[index] = WaiverNote(
            chosen.justification,
            chosen.approved_by,
            chosen.expires.isoformat(),
            chosen.ticket,
            expired=not live,
            over=str(over),
        )
        statuses[index] = _WAIVED if live else STATUS_CODE[Status(over)]
    return replace(evaluation, statuses=bytes(statuses), waivers=notes)


# --- stale ---------------------------------------------------------------------------------


def _stale(
    run: RunResult,
    entry: Entry,
    checked: Sequence[str | Path] | None,
    unknown: Callable[[str], str | None] | None = None,
) -> StaleWaiver | None:
    loaded, index, waiver = entry
    reason = unknown(waiver.rule) if unknown is not None else None
    if reason is None:
        reason = _stale_reason(run, loaded, waiver, checked)
    if reason is None:
        return None
    line, column = loaded.position(index)
    return StaleWaiver(
        str(loaded.path), line, column, waiver.rule, waiver.project, waiver.profile, reason
    )


def _gone_verifications(
    run: RunResult, files: Sequence[LoadedWaivers], checked: Sequence[str | Path] | None
) -> tuple[StaleVerification, ...]:
    """The record's verifications whose project id no project of the run has, when the
    run took in the whole folder the record is in (as for a waiver's project: a check of
    one file says nothing of the others). A verification of a project checked is judged
    against the project instead (checker/verification.py)."""
    if checked is None:
        return ()
    ids = {p.project.id for p in run.projects}
    gone: list[StaleVerification] = []
    for loaded in files:
        if not covers(checked, loaded.path):
            continue
        for index, entry in enumerate(loaded.model.verifications):
            if entry.project in ids:
                continue
            where = loaded.source.locate(f"/verifications/{index}")
            reason = _(
                "no project `{project}` was found in the folders checked; it counts for "
                "nothing (the record keeps it): verify the project again under its new id, "
                "or remove the entry"
            ).format(project=entry.project)
            gone.append(
                StaleVerification(
                    str(loaded.path),
                    where.line,
                    where.column,
                    entry.project,
                    entry.pointer,
                    entry.by,
                    entry.on.isoformat(),
                    reason,
                )
            )
    return tuple(gone)


def _stale_reason(
    run: RunResult, loaded: LoadedWaivers, waiver: Waiver, checked: Sequence[str | Path] | None
) -> str | None:
    """Why the waiver is not needed, or None when it is (or the run cannot tell)."""
    if not any(p.project.id == waiver.project for p in run.projects):
        if checked is not None and covers(checked, loaded.path):
            return _("no project `{project}` was found in the folders checked").format(
                project=waiver.project
            )
        return None  # not checked this time: nothing to say
    return unneeded(run, waiver)


def unneeded(run: RunResult, waiver: Waiver) -> str | None:
    """Why `waiver` waives nothing in `run` (its project checked there), or None when it
    is needed or the run cannot tell (its profile not checked, the file unreadable)."""
    projects = [p for p in run.projects if p.project.id == waiver.project]
    evaluations = [
        e
        for p in projects
        for e in p.evaluations
        if waiver.profile is None or e.profile == waiver.profile
    ]
    if not evaluations:
        return None  # its profile was not checked, or the file could not be read
    found = [(e, i) for e in evaluations for i, r in enumerate(e.rules) if r.id == waiver.rule]
    if not found:
        # Without a profile the rule may belong to one this run did not check.
        if waiver.profile is None:
            return None
        return _("profile {profile} has no rule {rule}").format(
            profile=waiver.profile, rule=waiver.rule
        )
    scoped = [(e, i) for e, i in found if not e.out_of_scope]
    if not scoped:
        names = ", ".join(sorted({e.profile for e, _index in found}))
        return _("{profiles} does not cover this project (out of scope)").format(profiles=names)
    open_ = [(e, i) for e, i in scoped if e.statuses[i] in _OPEN]
    if any(waiver.covers(e.located.get(i)) for e, i in open_):
        return None
    if open_:
        at = ", ".join(sorted({e.located[i].pointer for e, i in open_ if i in e.located}))
        if not at:
            return _("no finding at {pointer}; the finding is about the whole file").format(
                pointer=waiver.pointer
            )
        return _("no finding at {pointer}; the finding is at {at}").format(
            pointer=waiver.pointer, at=at
        )
    evaluation, position = scoped[0]
    state = _CLOSED_WORDS.get(
        evaluation.status(position), N_("the rule is not failing under {profile}")
    )
    return _(state).format(profile=evaluation.profile)
