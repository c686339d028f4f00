"""The JSON what-if document as models: the public contract of `govcheck whatif -f json`.

Owns the schema of that document (exported as `whatif.schema.json`) and building it
from a `WhatIf` (checker/whatif.py): every number in it is the core's (the score is
`Evaluation.score()`, the counts are read off the status bytes). Refuses text
rendering (checker/report/whatif_report.py).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from checker.findings import ProjectResult, Score, Severity, Status
from checker.report.verdicts import status_counts
from checker.whatif import Flip, ProfileMove, WhatIf

WHATIF_FORMAT_VERSION = "1.0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class ChangeRecord(_Model):
    """One fact changed."""

    pointer: str
    """JSON pointer of the fact in the project file."""
    value: Any
    """The value it was given."""
    before: Any = None
    """The value it had (null when it was not stated)."""
    stated: bool
    """Whether the original stated the fact at all."""
    line: int
    """1-based line of the fact (or of its nearest stated parent) in the original file."""
    column: int
    """1-based column."""


class ScoreRecord(_Model):
    """The core's one score (`Evaluation.score()`): passed ÷ (passed + failed + not shown
    + error + waived), info-level rules and upcoming obligations left out."""

    passed: int
    failed: int
    not_shown: int
    error: int
    waived: int
    share: float | None
    """Null when no scored rule applies (or the profile does not cover the project)."""


class SourceRecord(_Model):
    """A legal or policy source of a rule."""

    instrument: str
    article: str
    url: str | None = None


class FlipRecord(_Model):
    """A rule whose verdict the change moved."""

    rule: str
    title: str
    area: str
    severity: Severity
    """The rule's effective severity under the profile."""
    before: Status
    after: Status
    better: bool
    """True when the change settled a problem (or made it milder)."""
    pointer: str
    """Where the finding lies (after the change, else before it)."""
    line: int
    column: int
    references: list[SourceRecord]


class QuestionRecord(_Model):
    """A question for the sponsor the change raised or settled."""

    pointer: str
    field: str
    question: str
    severity: Severity


class MoveRecord(_Model):
    """What moved under one profile."""

    profile: str
    out_of_scope: bool
    """The profile covers the project neither before nor after (nothing is scored)."""
    score_before: ScoreRecord
    score_after: ScoreRecord
    counts_before: dict[str, int]
    """Rules per status before the change."""
    counts_after: dict[str, int]
    """Rules per status after the change."""
    flips: list[FlipRecord]
    """Most severe first."""
    questions_raised: list[QuestionRecord]
    questions_settled: list[QuestionRecord]


class WhatIfDocument(_Model):
    """The output of `govcheck whatif --format json`."""

    format: Literal["govcheck-whatif"] = "govcheck-whatif"
    version: str = WHATIF_FORMAT_VERSION
    tool_version: str
    as_of: str
    """The reference date both checks were made as of."""
    project: str
    """Project id."""
    path: str
    """The project file (never written by `whatif`, except through --save-as to another)."""
    title: str
    changes: list[ChangeRecord]
    moves: list[MoveRecord]
    """One per profile, in the order asked."""


def score_record(score: Score) -> ScoreRecord:
    return ScoreRecord(
        passed=score.passed,
        failed=score.failed,
        not_shown=score.not_shown,
        error=score.error,
        waived=score.waived,
        share=score.share,
    )


def counts(result: ProjectResult, profile: str) -> dict[str, int]:
    evaluation = result.evaluation(profile)
    found = status_counts(evaluation) if evaluation is not None else {}
    return {status.value: count for status, count in found.items()}


def _flip(flip: Flip) -> FlipRecord:
    where = flip.where
    return FlipRecord(
        rule=flip.rule.id,
        title=flip.rule.title,
        area=flip.rule.area,
        severity=flip.severity,
        before=flip.before,
        after=flip.after,
        better=flip.better,
        pointer=where.pointer if where else "",
        line=where.line if where else 1,
        column=where.column if where else 1,
        references=[
            SourceRecord(instrument=r.instrument, article=r.article, url=r.url)
            for r in flip.rule.references
        ],
    )


def _move(whatif: WhatIf, move: ProfileMove) -> MoveRecord:
    def asked(questions: Any) -> list[QuestionRecord]:
        return [
            QuestionRecord(pointer=q.pointer, field=q.field, question=q.text, severity=q.severity)
            for q in questions
        ]

    return MoveRecord(
        profile=move.profile,
        out_of_scope=move.out_of_scope,
        score_before=score_record(move.before),
        score_after=score_record(move.after),
        counts_before=counts(whatif.before, move.profile),
        counts_after=counts(whatif.after, move.profile),
        flips=[_flip(f) for f in move.flips],
        questions_raised=asked(move.raised),
        questions_settled=asked(move.settled),
    )


def document(whatif: WhatIf, tool_version: str) -> WhatIfDocument:
    return WhatIfDocument(
        tool_version=tool_version,
        as_of=whatif.as_of,
        project=whatif.project.id,
        path=whatif.project.path,
        title=whatif.project.title,
        changes=[
            ChangeRecord(
                pointer=a.change.pointer,
                value=a.change.value,
                before=a.before,
                stated=a.stated,
                line=a.line,
                column=a.column,
            )
            for a in whatif.changes
        ],
        moves=[_move(whatif, m) for m in whatif.moves],
    )
