"""What moves when facts change: a project checked as written and as changed.

Owns the comparison of two checks of one project (the file as written, and a variant
from checker/scenarios.py) under the same profiles: per profile, the rules whose
verdict flips (with their legal references), the core's one score before and after
(`Evaluation.score()`, never recomputed here), and the questions for the sponsor the
change raises or settles (checker/questions.py, per profile). Both checks are the
normal core check (`check_document`), so what-if verdicts are `govcheck check`'s.
Pure: no I/O beyond what the caller loaded, no printing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checker.checking import check_document, today
from checker.documents import ProjectDocument
from checker.findings import (
    Evaluation,
    Located,
    ProfileSummary,
    ProjectInfo,
    ProjectResult,
    RuleInfo,
    RunResult,
    Score,
    Severity,
    Status,
)
from checker.limits import DEFAULT_LIMITS, Limits
from checker.questions import Question, project_questions
from checker.scenarios import AppliedChange, Change, Variant, apply_changes
from checker.values import replace

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from datetime import date

    from checker.checking import Review
    from checker.resolved import ResolvedProfile
    from checker.waivers import LoadedWaivers


@dataclass(frozen=True, slots=True)
class Flip:
    """One rule whose verdict the change moved."""

    rule: RuleInfo
    before: Status
    after: Status
    severity: Severity
    """The rule's effective severity under the profile (after the change)."""
    where: Located | None = None
    """Where the finding lies after the change (before it, when it is no longer a problem)."""

    @property
    def better(self) -> bool:
        """The change settled a problem (or made a worse one milder)."""
        if self.after is Status.PASS and self.before is not Status.PASS:
            return True
        return _RANK[self.after] < _RANK[self.before]


# How much a status weighs on a reviewer, to say whether a flip is for the better.
_RANK = {
    Status.PASS: 0,
    Status.NOT_APPLICABLE: 0,
    Status.UPCOMING: 1,
    Status.OUT_OF_SCOPE: 1,
    Status.WAIVED: 2,
    Status.NOT_SHOWN: 3,
    Status.ERROR: 4,
    Status.FAIL: 4,
}


@dataclass(frozen=True, slots=True)
class ProfileMove:
    """What moved under one profile."""

    profile: str
    before: Score
    after: Score
    flips: tuple[Flip, ...] = ()
    raised: tuple[Question, ...] = ()
    """Questions for the sponsor the changed project raises that the original did not."""
    settled: tuple[Question, ...] = ()
    """Questions of the original that the change answers."""
    out_of_scope: bool = False

    @property
    def moved(self) -> bool:
        return bool(self.flips or self.raised or self.settled)


@dataclass(frozen=True, slots=True)
class WhatIf:
    """A project as written and as changed, checked under the same profiles."""

    project: ProjectInfo
    changes: tuple[AppliedChange, ...]
    before: ProjectResult
    after: ProjectResult
    moves: tuple[ProfileMove, ...]
    profiles: tuple[ProfileSummary, ...]
    as_of: str

    def move(self, profile: str) -> ProfileMove | None:
        return next((m for m in self.moves if m.profile == profile), None)


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """The review record as `govcheck check` reads it for a project: the verifications (by
    project id) and the waivers files, judged as of `day`."""

    review: Review | None
    waivers: Sequence[LoadedWaivers]
    day: date


def _checked(
    document: ProjectDocument,
    profiles: Sequence[ResolvedProfile],
    when: str,
    record: ReviewRecord | None,
) -> ProjectResult:
    if record is None:
        return check_document(document, profiles, when)
    result = check_document(document, profiles, when, record.review)
    if not record.waivers:
        return result
    from checker.waivers.applying import apply_waivers

    run = RunResult(tuple(p.summary() for p in profiles), (result,), as_of=when)
    return apply_waivers(run, record.waivers, record.day).projects[0]


def what_if(
    base: ProjectDocument,
    changes: Sequence[Change],
    profiles: Sequence[ResolvedProfile],
    as_of: str = "",
    limits: Limits = DEFAULT_LIMITS,
) -> WhatIf:
    """Check `base` as written and with `changes`; raises ConfigError for a bad change."""
    variant = apply_changes(base, changes, limits)
    return compare_variant(variant, profiles, as_of)


def compare_variant(
    variant: Variant,
    profiles: Sequence[ResolvedProfile],
    as_of: str = "",
    before: ProjectResult | None = None,
    record: ReviewRecord | None = None,
) -> WhatIf:
    """What moved between a variant's base and the variant (`before`: the base's result,
    when the caller already has it), with the review `record` applied to both as `check`
    applies it: a verified fact's basis, a waiver (a verification of a fact the variant
    changes goes stale, as it would in the file)."""
    when = as_of or today()
    first = before or _checked(variant.base, profiles, when, record)
    second = _checked(variant.document, profiles, when, record)
    return WhatIf(
        project=first.project,
        changes=variant.changes,
        before=first,
        after=second,
        moves=moves(first, second),
        profiles=tuple(p.summary() for p in profiles),
        as_of=when,
    )


def moves(before: ProjectResult, after: ProjectResult) -> tuple[ProfileMove, ...]:
    """Per profile of `after`, what moved since `before` (the same project, checked
    under the same profiles)."""
    found: list[ProfileMove] = []
    for evaluation in after.evaluations:
        old = before.evaluation(evaluation.profile)
        if old is None:
            continue
        raised, settled = _questions(before, after, evaluation.profile)
        found.append(
            ProfileMove(
                profile=evaluation.profile,
                before=old.score(),
                after=evaluation.score(),
                flips=flips(old, evaluation),
                raised=raised,
                settled=settled,
                out_of_scope=old.out_of_scope and evaluation.out_of_scope,
            )
        )
    return tuple(found)


def flips(old: Evaluation, new: Evaluation) -> tuple[Flip, ...]:
    """Rules whose verdict differs, most severe first. Both evaluations are of one
    profile, so their rules are the same, in the same order."""
    found: list[Flip] = []
    for index, rule in enumerate(new.rules):
        was, now = old.status(index), new.status(index)
        if was is now:
            continue
        where = new.located.get(index) or old.located.get(index)
        found.append(Flip(rule, was, now, new.severity(index), where))
    found.sort(key=lambda f: (-f.severity.rank, not f.better, f.rule.id))
    return tuple(found)


def _questions(
    before: ProjectResult, after: ProjectResult, profile: str
) -> tuple[tuple[Question, ...], tuple[Question, ...]]:
    old = project_questions(_only(before, profile)).questions
    new = project_questions(_only(after, profile)).questions
    old_facts = {q.pointer for q in old}
    new_facts = {q.pointer for q in new}
    raised = tuple(q for q in new if q.pointer not in old_facts)
    settled = tuple(q for q in old if q.pointer not in new_facts)
    return raised, settled


def _only(result: ProjectResult, profile: str) -> ProjectResult:
    """The result under one profile, without input problems (a changed value's problem
    is refused before any check, and the file's own are not the change's)."""
    kept = tuple(e for e in result.evaluations if e.profile == profile)
    return replace(result, evaluations=kept, problems=())


__all__ = ["Flip", "ProfileMove", "WhatIf", "compare_variant", "flips", "moves", "what_if"]
