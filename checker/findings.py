"""Result values: severities, statuses, positions, findings and run results.

Owns the immutable values that the engine produces and every report consumes.
Refuses any knowledge of printing or file formats: a finding does not know how
it looks in SARIF or on a terminal. These are plain slots classes on
checker.values (not pydantic, so that the hot path of a 10,000-project check
never imports pydantic; not dataclasses, so that a cached check does not spend
its start-up defining them); the JSON results document that reports write has
its own schema models in checker/report/contract.py.
"""

from __future__ import annotations

import enum
import functools
import math
import operator
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from itertools import compress

from checker.i18n import N_, _, on_change
from checker.values import Frozen, Value, replace, set_field

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from types import ModuleType
    from typing import Any

    from checker.expanded import Counts, Finding, Position, StaleWaiver, Tally, WaiverNote

    ProblemRef = tuple[
        "Severity",
        "Status",
        str | None,
        str,
        "ProjectResult",
        "Evaluation | None",
        "int | Finding",
    ]
    """One problem of a run, found without making its finding (`RunResult.problems`)."""

__all__ = [
    "APPLIES_ALWAYS",
    "ATTENTION",
    "COUNTED",
    "REPORTABLE",
    "STATUS_CODE",
    "BaselineCounts",
    "Counts",
    "Evaluation",
    "Finding",
    "Located",
    "Position",
    "ProfileSummary",
    "ProjectInfo",
    "ProjectResult",
    "Reference",
    "RuleInfo",
    "RunResult",
    "Severity",
    "StaleWaiver",
    "Status",
    "Tally",
    "WaiverNote",
    "detail_with_waiver",
    "listed_when_only_new",
    "message_for",
    "whole_percent",
]

BASES = ("assumed", "claimed", "evidenced", "verified")
"""The basis of a decided fact, weakest first (checker/basis.py holds the definition): the
code of a basis is its position here."""
_CLAIMED = 1

# Defined in checker.expanded and importable from here; created on first use.
_EXPANDED = frozenset({"Counts", "Finding", "StaleWaiver", "Position", "Tally", "WaiverNote"})


def __getattr__(name: str) -> Any:
    if name in _EXPANDED:
        return getattr(_expanded(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _expanded() -> ModuleType:
    import checker.expanded

    return checker.expanded


class Severity(enum.StrEnum):
    """How much a failed condition matters, highest first."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """4 for critical down to 0 for info, so that comparisons read naturally."""
        return _SEVERITY_RANK[self]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


_SEVERITY_RANK = {
    Severity.CRITICAL: 4,
    Severity.HIGH: 3,
    Severity.MEDIUM: 2,
    Severity.LOW: 1,
    Severity.INFO: 0,
}


class Status(enum.StrEnum):
    """The outcome of one (profile, project, rule) evaluation."""

    PASS = "pass"
    FAIL = "fail"
    """Stated non-compliance: the proposal says something the rule does not accept."""
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"
    WAIVED = "waived"
    NOT_SHOWN = "not_shown"
    """The proposal does not show whether the rule applies or is met: a question to ask."""
    UPCOMING = "upcoming"
    """The obligation applies only after the reference date."""
    OUT_OF_SCOPE = "out_of_scope"
    """The profile does not cover this project (e.g. another country's law)."""

    @property
    def is_problem(self) -> bool:
        """Fail, not shown and error are what a reviewer must act on."""
        return self in _PROBLEMS


_PROBLEMS = frozenset({Status.FAIL, Status.NOT_SHOWN, Status.ERROR})


class Reference(Frozen):
    """A legal or policy source a rule rests on."""

    __slots__ = ("article", "instrument", "note", "url")

    instrument: str
    article: str
    url: str | None
    note: str | None

    def __init__(
        self,
        instrument: str,
        article: str,
        url: str | None = None,
        note: str | None = None,
    ) -> None:
        set_field(self, "instrument", instrument)
        set_field(self, "article", article)
        set_field(self, "url", url)
        set_field(self, "note", note)

    def short(self) -> str:
        return f"{self.instrument} {self.article}".strip()


class EvidenceDoc(Frozen):
    """One `evidence` entry of a project: the document a finding's facts rest on, as the
    reports cite it (docs/evidence.md). `path` is relative to the project file."""

    __slots__ = ("id", "issued_on", "issuer", "path", "sha256", "title", "url")

    id: str
    title: str
    issuer: str
    issued_on: str
    url: str
    path: str
    sha256: str

    def __init__(  # noqa: PLR0917
        self,
        id: str,
        title: str,
        issuer: str = "",
        issued_on: str = "",
        url: str = "",
        path: str = "",
        sha256: str = "",
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "title", title)
        set_field(self, "issuer", issuer)
        set_field(self, "issued_on", issued_on)
        set_field(self, "url", url)
        set_field(self, "path", path)
        set_field(self, "sha256", sha256)


class ProjectInfo(Frozen):
    """What the reports need to know about a checked project, without its document."""

    __slots__ = (
        "country",
        "evidence",
        "financiers",
        "id",
        "path",
        "sector",
        "title",
        "valid",
        "vendors",
    )

    id: str
    path: str
    title: str
    country: str
    sector: str
    valid: bool
    financiers: tuple[str, ...]
    vendors: tuple[str, ...]
    evidence: tuple[EvidenceDoc, ...]
    """The project's evidence entries, so that a report can cite the documents behind a
    finding's `evidence` ids (OSCAL's relevant evidence)."""

    def __init__(  # noqa: PLR0917
        self,
        id: str,
        path: str,
        title: str = "",
        country: str = "",
        sector: str = "",
        valid: bool = True,
        financiers: tuple[str, ...] = (),
        vendors: tuple[str, ...] = (),
        evidence: tuple[EvidenceDoc, ...] = (),
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "path", path)
        set_field(self, "title", title)
        set_field(self, "country", country)
        set_field(self, "sector", sector)
        set_field(self, "valid", valid)
        set_field(self, "financiers", financiers)
        set_field(self, "vendors", vendors)
        set_field(self, "evidence", evidence)


APPLIES_ALWAYS = "always"
"""`RuleInfo.applies_when` of a rule with no condition: a key in the data (JSON keeps it);
the reports word it (checker/report/verdicts.py: `applies_when_words`)."""


class RuleInfo(Frozen):
    """What a finding repeats from its rule; shared by every finding of that rule."""

    __slots__ = (
        "applies_from",
        "applies_when",
        "area",
        "benchmark_because",
        "id",
        "in_service_from",
        "label",
        "law_because",
        "law_label",
        "references",
        "remediation",
        "requirement",
        "severity",
        "target",
        "title",
        "topic",
    )

    id: str
    title: str
    area: str
    severity: Severity
    requirement: str
    references: tuple[Reference, ...]
    remediation: str
    applies_when: str
    target: str
    label: str
    topic: str
    """What the rule is about, shared across profiles; the rule id when not given."""
    applies_from: str
    """ISO date the obligation applies from, when it is not yet in force everywhere."""
    in_service_from: str
    """ISO date: the rule reaches only systems put into service (or substantially
    modified) on or after it."""
    law_label: str
    """Message prefix where the law binds a party (e.g. "EU law")."""
    law_because: tuple[str, ...]
    """Why the law binds, one text per case of the rule's `binding.law`."""
    benchmark_because: str
    """Why the rule is otherwise a benchmark; "" when the rule declares no binding."""

    def __init__(  # noqa: PLR0917
        self,
        id: str,
        title: str,
        area: str,
        severity: Severity,
        requirement: str,
        references: tuple[Reference, ...] = (),
        remediation: str = "",
        applies_when: str = "",
        target: str = "",
        label: str = "",
        topic: str = "",
        applies_from: str = "",
        in_service_from: str = "",
        law_label: str = "",
        law_because: tuple[str, ...] = (),
        benchmark_because: str = "",
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "title", title)
        set_field(self, "area", area)
        set_field(self, "severity", severity)
        set_field(self, "requirement", requirement)
        set_field(self, "references", references)
        set_field(self, "remediation", remediation)
        set_field(self, "applies_when", applies_when)
        set_field(self, "target", target)
        set_field(self, "label", label)
        set_field(self, "topic", topic)
        set_field(self, "applies_from", applies_from)
        set_field(self, "in_service_from", in_service_from)
        set_field(self, "law_label", law_label)
        set_field(self, "law_because", law_because)
        set_field(self, "benchmark_because", benchmark_because)

    def force(self, ground: int | None) -> tuple[str, str]:
        """("law", why) when case `ground` of the rule's binding held for the project,
        ("benchmark", why) when the rule declares a binding and none held, else ("", "")."""
        if ground is not None and ground < len(self.law_because):
            return "law", self.law_because[ground]
        if self.benchmark_because:
            return "benchmark", self.benchmark_because
        return "", ""


class Located(Frozen):
    """Where and why a rule failed (or errored) in one project."""

    __slots__ = ("column", "detail", "facts", "item", "line", "pointer")

    pointer: str
    line: int
    column: int
    detail: str
    facts: tuple[tuple[str, str], ...]
    """For `not_shown`: (pointer, state) of each fact the proposal does not show, state
    being `absent`, `unknown`, `empty` or `invalid`."""
    item: str
    """The list item the finding lies in, by its natural key (`parties.vendors["Huawei"]`),
    or "": part of the finding's identity (checker/identity.py)."""

    def __init__(  # noqa: PLR0917
        self,
        pointer: str,
        line: int,
        column: int,
        detail: str = "",
        facts: tuple[tuple[str, str], ...] = (),
        item: str = "",
    ) -> None:
        set_field(self, "pointer", pointer)
        set_field(self, "line", line)
        set_field(self, "column", column)
        set_field(self, "detail", detail)
        set_field(self, "facts", facts)
        set_field(self, "item", item)

    # Written out, not Frozen's: comparing slots inline is twice as fast as through a getter.
    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.pointer, self.line, self.column, self.detail, self.facts, self.item) == (
            other.pointer,
            other.line,
            other.column,
            other.detail,
            other.facts,
            other.item,
        )

    def __hash__(self) -> int:  # type: ignore[override]  # Value's is None
        return hash((self.pointer, self.line, self.column, self.detail, self.facts, self.item))


_STATE_WORDS = {
    "absent": N_("is not stated"),
    "unknown": N_("is unknown"),
    "empty": N_("is empty"),
    "invalid": N_("is not a valid value (see the input problems)"),
    # A pass the profile does not accept on this basis (checker/basis.py): a document to ask for.
    "assumed": N_("rests on an analyst's assumption"),
    "claimed": N_("is claimed, with no document attached"),
    "evidenced": N_("has a document no reviewer has verified"),
}


_BASIS_WORDS = {
    "assumed": N_("assumed"),
    "claimed": N_("claimed"),
    "evidenced": N_("evidenced"),
    "verified": N_("verified"),
}


def basis_word(basis: str) -> str:
    """A basis as a reader reads it (`assumed`, `допущение`)."""
    said = _BASIS_WORDS.get(basis)
    return _(said) if said else basis


def fact_path(pointer: str) -> str:
    """A JSON pointer as a reviewer reads it: /parties/vendors/0/name -> parties.vendors[0].name"""
    text = ""
    for raw in pointer.lstrip("/").split("/") if pointer else ():
        part = raw.replace("~1", "/").replace("~0", "~")
        text += f"[{part}]" if part.isdigit() else (f".{part}" if text else part)
    return text or _("the project")


def fact_words(pointer: str, state: str) -> str:
    """`data_processing.dpia.status` is unknown"""
    said = _STATE_WORDS.get(state)
    words = _(said) if said else _("is not shown")
    return f"`{fact_path(pointer)}` {words}"


_STATUS_CODES = tuple(Status)
STATUS_CODE = {status: index for index, status in enumerate(_STATUS_CODES)}
_OUT_OF_SCOPE_CODE = STATUS_CODE[Status.OUT_OF_SCOPE]
_PROBLEM_CODES = {STATUS_CODE[s]: s for s in _PROBLEMS}
_PASS_CODE = STATUS_CODE[Status.PASS]
_SCORED = {
    STATUS_CODE[Status.PASS]: "passed",
    STATUS_CODE[Status.FAIL]: "failed",
    STATUS_CODE[Status.NOT_SHOWN]: "not_shown",
    STATUS_CODE[Status.ERROR]: "error",
    STATUS_CODE[Status.WAIVED]: "waived",
}
_SCORED_RULES: dict[int, tuple[tuple[RuleInfo, ...], Any, frozenset[int]]] = {}


def _scored_rules(rules: tuple[RuleInfo, ...]) -> tuple[Any, frozenset[int]]:
    """For one profile's rules (a tuple shared by all its evaluations): a getter picking
    the statuses of the rules that count in "% met" (not info-level), and their indices."""
    found = _SCORED_RULES.get(id(rules))
    if found is None or found[0] is not rules:
        if len(_SCORED_RULES) >= 64:  # profiles are few; tests make many
            _SCORED_RULES.clear()
        kept = [i for i, rule in enumerate(rules) if rule.severity is not Severity.INFO]
        getter = operator.itemgetter(*kept) if len(kept) > 1 else None
        found = _SCORED_RULES[id(rules)] = (rules, getter, frozenset(kept))
    return found[1], found[2]


ATTENTION = (Status.FAIL, Status.NOT_SHOWN, Status.ERROR, Status.WAIVED)
"""What a reviewer must act on or has decided: what the JSON and OSCAL results list by
default, and what problem-only reports show."""
COUNTED = (Status.PASS, Status.NOT_APPLICABLE, Status.UPCOMING)
"""What needs no action: counted by default, listed on request (`--include`)."""
REPORTABLE = frozenset(STATUS_CODE[s] for s in ATTENTION)
"""Status codes of what problem-only reports show: failures, facts not shown, errors and
waived findings."""


def marking(codes: Iterable[int]) -> bytes:
    """A `bytes.translate` table that marks these status codes 1 and every other 0."""
    chosen = frozenset(codes)
    return bytes(1 if code in chosen else 0 for code in range(256))


_PROBLEM_MARKS = marking(STATUS_CODE[s] for s in _PROBLEMS)


def marked(statuses: bytes, marks: bytes) -> Iterator[int]:
    """The rule indices whose status `marks` (from `marking`) marks, in order: a report of a
    portfolio passes over ~140 statuses an evaluation to find the ~35 it lists, and this
    does the passing in C."""
    return compress(range(len(statuses)), statuses.translate(marks))


def input_problems(project: ProjectResult) -> Iterator[ProblemRef]:
    """The problems of a project's file itself (input problems that are problems), as
    `RunResult.problems` gives them: (severity, status, None, rule, project, None, finding)."""
    for problem in project.problems:
        if problem.status.is_problem:
            yield (problem.severity, problem.status, None, problem.rule, project, None, problem)


def evaluation_problems(project: ProjectResult, evaluation: Evaluation) -> Iterator[ProblemRef]:
    """The problems of one evaluation (none out of scope), in rule order, as
    `RunResult.problems` gives them."""
    statuses = evaluation.statuses
    codes = _PROBLEM_CODES
    if evaluation.out_of_scope or not any(c in statuses for c in codes):
        return
    rules = evaluation.rules
    for index, code in enumerate(statuses):
        status = codes.get(code)
        if status is not None:
            yield (
                evaluation.severity(index),
                status,
                evaluation.profile,
                rules[index].id,
                project,
                evaluation,
                index,
            )


class Evaluation(Frozen):
    """One project under one profile, stored compactly.

    Statuses are one byte per rule, aligned with `rules`; only problems carry a
    location. A 10,000-project portfolio under two profiles stays a few tens of
    megabytes instead of millions of objects; `Finding`s are made on demand.
    """

    __slots__ = (
        "bases",
        "bound",
        "located",
        "profile",
        "rules",
        "severities",
        "statuses",
        "waivers",
    )

    profile: str
    rules: tuple[RuleInfo, ...]
    statuses: bytes
    located: Mapping[int, Located]
    waivers: Mapping[int, WaiverNote]
    severities: Mapping[int, Severity]
    bound: Mapping[int, int]
    """Rule index -> the case of its `binding.law` that holds for this project: there the
    finding states law binding a party, elsewhere a benchmark."""
    bases: Mapping[int, tuple[int, tuple[str, ...]]]
    """Per rule whose facts are not simply claimed: its basis code (an index of `BASES`)
    and the ids of the evidence entries behind its facts. Absent: claimed, no evidence."""

    def __init__(  # noqa: PLR0917
        self,
        profile: str,
        rules: tuple[RuleInfo, ...],
        statuses: bytes,
        located: Mapping[int, Located] | None = None,
        waivers: Mapping[int, WaiverNote] | None = None,
        severities: Mapping[int, Severity] | None = None,
        bound: Mapping[int, int] | None = None,
        bases: Mapping[int, tuple[int, tuple[str, ...]]] | None = None,
    ) -> None:
        set_field(self, "profile", profile)
        set_field(self, "rules", rules)
        set_field(self, "statuses", statuses)
        set_field(self, "located", {} if located is None else located)
        set_field(self, "waivers", {} if waivers is None else waivers)
        set_field(self, "severities", {} if severities is None else severities)
        set_field(self, "bound", {} if bound is None else bound)
        set_field(self, "bases", {} if bases is None else bases)

    def status(self, index: int) -> Status:
        return _STATUS_CODES[self.statuses[index]]

    def basis(self, index: int) -> str:
        """`assumed`, `claimed`, `evidenced` or `verified`: the weakest basis among the
        stated facts the rule was decided on (docs/evidence.md)."""
        found = self.bases.get(index)
        return BASES[found[0] if found is not None else _CLAIMED]

    def evidence(self, index: int) -> tuple[str, ...]:
        """The ids of the evidence entries behind the rule's facts."""
        found = self.bases.get(index)
        return found[1] if found is not None else ()

    @property
    def out_of_scope(self) -> bool:
        """The profile does not cover this project: one verdict for the whole profile."""
        return bool(self.statuses) and self.statuses[0] == _OUT_OF_SCOPE_CODE

    def severity(self, index: int) -> Severity:
        return self.severities.get(index, self.rules[index].severity)

    def findings(
        self, project: ProjectInfo, root: Located, only: frozenset[int] | None = None
    ) -> Iterator[Finding]:
        """Findings of every rule, or only of those whose status code is in `only`. A profile
        that does not cover the project yields none: out of scope is one verdict for the
        whole profile (`out_of_scope`), never a finding per rule."""
        if self.out_of_scope:
            return
        statuses = self.statuses
        for index, rule in enumerate(self.rules):
            if only is None or statuses[index] in only:
                yield self.finding(index, rule, project, root)

    def finding(self, index: int, rule: RuleInfo, project: ProjectInfo, root: Located) -> Finding:
        # Made for every problem a report lists (724,000 at 10,000 projects): the packed
        # location's cells are read without a `Located`, the waiver once, and the finding
        # is made from positional arguments (in `Finding.__init__`'s order).
        status = _STATUS_CODES[self.statuses[index]]
        located = self.located
        parts = getattr(located, "parts", None)  # a PackedLocated (checker/packing.py)
        cells = parts(index) if parts is not None else None
        if cells is not None:
            pointer, line, column, detail, facts, item = cells
        else:
            where = located.get(index, root)
            pointer, line, column = where.pointer, where.line, where.column
            detail, facts, item = where.detail, where.facts, where.item
        waiver = self.waivers.get(index)
        force, because = rule.force(self.bound.get(index))
        made: type[Finding] = _expanded().Finding
        return made(
            self.profile,
            project.id,
            project.path,
            line,
            column,
            pointer,
            rule.id,
            rule.title,
            rule.area,
            self.severity(index),
            status,
            message_for(rule, status, law=force == "law"),
            rule.references,
            rule.remediation,
            rule.applies_when,
            detail_with_waiver(detail, waiver),
            waiver,
            None,  # baseline_state: marked by the run (`RunResult.marked`)
            facts,
            item,
            force,
            because,
            self.basis(index),
            self.evidence(index),
        )

    def score(self, area: str | None = None) -> Score:
        """The one "% met" of this project under this profile (see `Score`), or of the
        rules of one policy area only (the comparison's per-area bars)."""
        score = Score()
        if self.out_of_scope:
            return score
        if area is None and not self.severities:
            return self._whole_score(score)
        return self.score_by_rule(score, area)

    def _whole_score(self, score: Score) -> Score:
        """`score` over every rule, counted at C speed: the statuses of the rules that are
        not info-level picked in one call, each status counted in one call. A portfolio
        scores every project under every profile, so this is on the path of every view."""
        pick, kept = _scored_rules(self.rules)
        statuses = self.statuses
        picked = pick(statuses) if len(kept) > 1 else tuple(statuses[i] for i in kept)
        for code, field_name in _SCORED.items():
            setattr(score, field_name, picked.count(code))
        weighed = 0
        for index, (basis, _ids) in self.bases.items():
            if statuses[index] == _PASS_CODE and index in kept:
                name = BASES[basis]
                setattr(score, name, getattr(score, name) + 1)
                weighed += 1
        score.claimed += score.passed - weighed
        return score

    def score_by_rule(self, score: Score, area: str | None = None) -> Score:
        """`score` counted rule by rule (severity overrides, one area): the definition
        `_whole_score` must agree with (a test holds them together)."""
        statuses = self.statuses
        rules = self.rules
        bases = self.bases
        for index in range(len(rules)):
            if self.severity(index) is Severity.INFO or (
                area is not None and rules[index].area != area
            ):
                continue
            code = statuses[index]
            field_name = _SCORED.get(code)
            if field_name is not None:
                setattr(score, field_name, getattr(score, field_name) + 1)
                if code == _PASS_CODE:
                    basis = bases.get(index)
                    name = BASES[basis[0] if basis is not None else _CLAIMED]
                    setattr(score, name, getattr(score, name) + 1)
        return score


class Score(Value):
    """ "% met": passed ÷ (passed + failed + not shown + error + waived), over the rules
    that apply, leaving out info-level risk flags, upcoming obligations and profiles
    that do not cover the project. A waived finding is an accepted gap: not met, and
    counted apart so that reports can show its share. Computed here once; every
    report, the comparison and the TUI render this number and never recompute it."""

    __slots__ = (
        "assumed",
        "claimed",
        "error",
        "evidenced",
        "failed",
        "not_shown",
        "passed",
        "verified",
        "waived",
    )

    passed: int
    failed: int
    not_shown: int
    error: int
    waived: int
    assumed: int
    """Of `passed`: met on facts at least one of which is an analyst's assumption."""
    claimed: int
    """Of `passed`: met on the proposal's word (weakest fact claimed, none assumed)."""
    evidenced: int
    """Of `passed`: met on facts each backed by an evidence entry (or verified)."""
    verified: int
    """Of `passed`: met on facts each verified by a reviewer against its evidence."""

    def __init__(  # noqa: PLR0917
        self,
        passed: int = 0,
        failed: int = 0,
        not_shown: int = 0,
        error: int = 0,
        waived: int = 0,
        assumed: int = 0,
        claimed: int = 0,
        evidenced: int = 0,
        verified: int = 0,
    ) -> None:
        self.passed = passed
        self.failed = failed
        self.not_shown = not_shown
        self.error = error
        self.waived = waived
        self.assumed = assumed
        self.claimed = claimed
        self.evidenced = evidenced
        self.verified = verified

    @property
    def applicable(self) -> int:
        return self.passed + self.failed + self.not_shown + self.error + self.waived

    @property
    def share(self) -> float | None:
        """Passed over applicable, or None when no scored rule applies."""
        return self.passed / self.applicable if self.applicable else None

    @property
    def percent(self) -> int | None:
        """The share as the whole percent every view writes (`whole_percent`)."""
        share = self.share
        return None if share is None else whole_percent(share)

    def met_by_basis(self) -> dict[str, int]:
        """How many of the met rules rest on each basis, weakest first (they add up to
        `passed`)."""
        return {name: getattr(self, name) for name in BASES}

    def add(self, other: Score) -> None:
        self.passed += other.passed
        self.failed += other.failed
        self.not_shown += other.not_shown
        self.error += other.error
        self.waived += other.waived
        self.assumed += other.assumed
        self.claimed += other.claimed
        self.evidenced += other.evidenced
        self.verified += other.verified


def whole_percent(share: float) -> int:
    """A share as a whole percent, halves rounded up (12.5 % is 13 %, never Python's
    round-half-even): the one rounding every report and screen uses for "% met"."""
    return math.floor(round(share * 100, 9) + 0.5)


def message_for(rule: RuleInfo, status: Status, *, law: bool = False) -> str:
    """A finding's message: the requirement framed by its ruleset's label (its law label
    where the law binds a party to this project)."""
    label = rule.law_label if law and rule.law_label else rule.label
    return _message(label, rule.requirement, rule.applies_when, rule.applies_from, status)


@functools.lru_cache(maxsize=8192)
def _message(
    label: str, requirement: str, applies_when: str, applies_from: str, status: Status
) -> str:
    """`message_for`, remembered: every finding made asks it (724,000 at 10,000 projects),
    of a few hundred rules; the words are the language's, forgotten when it changes."""
    prefix = f"{label}: " if label else ""
    if status is Status.NOT_APPLICABLE:
        return _("not applicable: the rule applies only when {applies_when}").format(
            applies_when=applies_when
        )
    if status is Status.PASS:
        return _("{prefix}{requirement} (met)").format(prefix=prefix, requirement=requirement)
    if status is Status.NOT_SHOWN:
        return _("Not shown: {requirement}").format(requirement=requirement)
    if status is Status.UPCOMING:
        return _("applies from {applies_from}: {requirement}").format(
            applies_from=applies_from, requirement=requirement
        )
    if status is Status.OUT_OF_SCOPE:
        return _("out of scope: the profile does not cover this project's countries")
    return f"{prefix}{requirement}"


on_change(_message.cache_clear)


def detail_with_waiver(detail: str, waiver: WaiverNote | None) -> str:
    """A finding's detail, prefixed with the lapse of its waiver when it expired."""
    if waiver is not None and waiver.expired:
        return (
            _("waiver expired on {expires}; {detail}").format(expires=waiver.expires, detail=detail)
            if detail
            else (_("waiver expired on {expires}").format(expires=waiver.expires))
        )
    return detail


_TOP = Located("", 1, 1)
"""Where a project's findings that point at no part of it are: its first line."""


class ProjectResult(Frozen):
    """Everything one project yielded: its input problems and its rule outcomes."""

    __slots__ = ("evaluations", "evidence_files", "problems", "project", "root")

    project: ProjectInfo
    problems: tuple[Finding, ...]
    evaluations: tuple[Evaluation, ...]
    root: Located
    evidence_files: tuple[tuple[str, str], ...]
    """(absolute path, SHA-256) of each evidence file the check read: what a cached result
    depends on besides the project's own bytes (checker/evidencefiles.py)."""

    def __init__(
        self,
        project: ProjectInfo,
        problems: tuple[Finding, ...] = (),
        evaluations: tuple[Evaluation, ...] = (),
        root: Located = _TOP,
        evidence_files: tuple[tuple[str, str], ...] = (),
    ) -> None:
        set_field(self, "project", project)
        set_field(self, "problems", problems)
        set_field(self, "evaluations", evaluations)
        set_field(self, "root", root)
        set_field(self, "evidence_files", evidence_files)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Input problems first, then every rule outcome of every profile."""
        return tuple(self.select(None))

    def select(self, only: frozenset[int] | None) -> Iterator[Finding]:
        """Input problems, then the rule outcomes whose status code is in `only` (or all)."""
        yield from self.problems
        for evaluation in self.evaluations:
            yield from evaluation.findings(self.project, self.root, only)

    def by_profile(self, profile: str) -> Iterator[Finding]:
        for evaluation in self.evaluations:
            if evaluation.profile == profile:
                yield from evaluation.findings(self.project, self.root)

    def data_less(self) -> bool:
        """True when the file could not be read as a mapping, so no rule was evaluated."""
        return not self.evaluations and bool(self.problems)

    def evaluation(self, profile: str) -> Evaluation | None:
        return next((e for e in self.evaluations if e.profile == profile), None)


class ProfileSummary(Frozen):
    """Identity of a profile as reports show it, with its rules' metadata."""

    __slots__ = (
        "countries",
        "digest",
        "id",
        "not_shown_gates",
        "require_basis",
        "rule_count",
        "rules",
        "title",
    )

    id: str
    title: str
    rule_count: int
    rules: tuple[RuleInfo, ...]
    not_shown_gates: bool
    """Whether `not_shown` findings fail CI like failures of their severity."""
    countries: tuple[str, ...]
    """Host countries the profile covers; empty when it covers every project."""
    digest: str
    """Digest of the resolved profile (checker/signature.py), when a report asks for it."""
    require_basis: tuple[tuple[str, str], ...]
    """(severity, basis) pairs: the basis a pass of that severity needs; empty for none."""

    def __init__(  # noqa: PLR0917
        self,
        id: str,
        title: str,
        rule_count: int,
        rules: tuple[RuleInfo, ...] = (),
        not_shown_gates: bool = True,
        countries: tuple[str, ...] = (),
        digest: str = "",
        require_basis: tuple[tuple[str, str], ...] = (),
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "title", title)
        set_field(self, "rule_count", rule_count)
        set_field(self, "rules", rules)
        set_field(self, "not_shown_gates", not_shown_gates)
        set_field(self, "countries", countries)
        set_field(self, "digest", digest)
        set_field(self, "require_basis", require_basis)


class BaselineCounts(Frozen):
    """A run's problems against its baseline (`RunResult.against_baseline`)."""

    __slots__ = ("known", "known_inputs", "new")

    new: int
    """Problems the baseline does not have: rule outcomes and input problems."""
    known: int
    """Rule outcomes the baseline has: what `--only-new` leaves out."""
    known_inputs: int
    """Input problems the baseline has: listed even by `--only-new`, because an invalid
    file fails the run whatever the baseline holds."""

    def __init__(self, new: int, known: int, known_inputs: int) -> None:
        set_field(self, "new", new)
        set_field(self, "known", known)
        set_field(self, "known_inputs", known_inputs)


def listed_when_only_new(finding: Finding) -> bool:
    """Whether the `--only-new` view lists a finding (marked by `RunResult.project_findings`):
    a problem new against the baseline, or any input problem."""
    return finding.baseline_state == "new" or (
        finding.profile is None and finding.status.is_problem
    )


class RunResult(Frozen):
    """A whole check: the profiles used and every project's result."""

    __slots__ = (
        "as_of",
        "baseline",
        "interrupted",
        "profiles",
        "projects",
        "stale_waivers",
        "structure_only",
    )

    profiles: tuple[ProfileSummary, ...]
    projects: tuple[ProjectResult, ...]
    interrupted: bool
    stale_waivers: tuple[StaleWaiver, ...]
    """Waivers no longer (or never) needed, judged over what this run checked."""
    baseline: frozenset[str] | None
    """Fingerprints of the problems in a baseline run; problems not in it are `new`."""
    as_of: str
    """The reference date (ISO) that decided which obligations apply yet."""
    structure_only: bool
    """Only the files' structure was checked (`check --schema-only`): no profile, no rule."""

    def __init__(  # noqa: PLR0917
        self,
        profiles: tuple[ProfileSummary, ...],
        projects: tuple[ProjectResult, ...],
        interrupted: bool = False,
        stale_waivers: tuple[StaleWaiver, ...] = (),
        baseline: frozenset[str] | None = None,
        as_of: str = "",
        structure_only: bool = False,
    ) -> None:
        set_field(self, "profiles", profiles)
        set_field(self, "projects", projects)
        set_field(self, "interrupted", interrupted)
        set_field(self, "stale_waivers", stale_waivers)
        set_field(self, "baseline", baseline)
        set_field(self, "as_of", as_of)
        set_field(self, "structure_only", structure_only)

    def findings(self, *, problems_only: bool = False) -> Iterator[Finding]:
        for project in self.projects:
            yield from self.project_findings(project, problems_only=problems_only)

    def project_findings(
        self,
        project: ProjectResult,
        *,
        problems_only: bool = False,
        statuses: Iterable[Status] | None = None,
    ) -> Iterator[Finding]:
        """A project's findings (or only failures, errors and waivers, or only `statuses`),
        marked against the baseline when there is one. Reports that show only problems skip
        making the thousands of pass findings a large run has."""
        only = REPORTABLE if problems_only else None
        if statuses is not None:
            only = frozenset(STATUS_CODE[s] for s in statuses)
        for finding in project.select(only):
            yield self.marked(finding)

    def marked(self, finding: Finding) -> Finding:
        """A finding marked against the baseline, when there is one and it is a problem."""
        if self.baseline is None or not finding.status.is_problem:
            return finding
        return replace(finding, baseline_state=self.baseline_state(finding.fingerprint))

    def problems(self) -> Iterator[ProblemRef]:
        """Every problem (fail, not shown, error) of the run, in the order
        `findings(problems_only=True)` gives them, without making a finding of each: a
        report that keeps only the most severe few makes findings of those alone
        (`made`). Each is (severity, status, profile, rule, project, evaluation, rule
        index), or for an input problem (…, None, the finding)."""
        for project in self.projects:
            yield from input_problems(project)
            for evaluation in project.evaluations:
                yield from evaluation_problems(project, evaluation)

    def made(self, problem: ProblemRef) -> Finding:
        """The finding of one of `problems()`, marked against the baseline."""
        project, evaluation, where = problem[4], problem[5], problem[6]
        if evaluation is None:
            assert not isinstance(where, int)
            return self.marked(where)
        assert isinstance(where, int)
        rule = evaluation.rules[where]
        return self.marked(evaluation.finding(where, rule, project.project, project.root))

    def baseline_state(self, fingerprint: str) -> str | None:
        """A problem against the baseline: `new` when the baseline's problems do not hold
        its fingerprint, else `unchanged` (None: no baseline). The one definition the gate
        (`blocking`), the `--only-new` view and every report use; `govcheck diff` compares
        two saved runs by the same fingerprints (checker/drift.py)."""
        if self.baseline is None:
            return None
        return "unchanged" if fingerprint in self.baseline else "new"

    def against_baseline(self) -> BaselineCounts:
        """How many problems are new against the baseline, and how many it already had."""
        new = known = known_inputs = 0
        for finding in self.findings(problems_only=True):
            if finding.baseline_state == "new":
                new += 1
            elif finding.baseline_state == "unchanged" and finding.profile is None:
                known_inputs += 1
            elif finding.baseline_state == "unchanged":
                known += 1
        return BaselineCounts(new, known, known_inputs)

    def counts(self) -> Counts:
        made: type[Counts] = _expanded().Counts
        counts = made()
        for finding in self.findings():
            counts.add(finding)
        return counts

    def tally(self, profile: str) -> Tally:
        """Status and problem-severity counts of one profile, without making findings.
        Each evaluation's statuses are counted in C (`bytes.count`, `Counter`) and added
        in the order they first occur, the order a pass over every rule adds them in."""
        made: type[Tally] = _expanded().Tally
        tally = made()
        by_status, by_severity = tally.by_status, tally.problems_by_severity
        held: dict[int, tuple[tuple[RuleInfo, ...], tuple[Severity, ...]]] = {}
        for project in self.projects:
            evaluation = project.evaluation(profile)
            if evaluation is None:
                continue
            if evaluation.out_of_scope:
                tally.out_of_scope += 1
                continue
            rules = evaluation.rules
            statuses = evaluation.statuses[: len(rules)]
            for code in dict.fromkeys(statuses):
                status = _STATUS_CODES[code]
                by_status[status] = by_status.get(status, 0) + statuses.count(code)
            problems = statuses.translate(_PROBLEM_MARKS)
            if evaluation.severities:
                indices = compress(range(len(statuses)), problems)
                found = Counter(evaluation.severity(index) for index in indices)
            else:
                severities = held.get(id(rules))
                if severities is None:  # the rules are held too: their id is not reused
                    severities = held[id(rules)] = (rules, tuple(r.severity for r in rules))
                found = Counter(compress(severities[1], problems))
            for severity, count in found.items():
                by_severity[severity] = by_severity.get(severity, 0) + count
        return tally

    def score(self, profile: str) -> Score:
        """The core's score of one profile over every checked project (`Score.add`)."""
        total = Score()
        for project in self.projects:
            evaluation = project.evaluation(profile)
            if evaluation is not None:
                total.add(evaluation.score())
        return total

    def blocking(self, fail_on: Severity) -> bool:
        """Problems at or above `fail_on` (new ones only, against a baseline). `not_shown`
        gates like a failure of its severity unless its profile says otherwise."""
        quiet = {p.id for p in self.profiles if not p.not_shown_gates}
        for project in self.projects:
            for evaluation in project.evaluations:
                skip = Status.NOT_SHOWN if evaluation.profile in quiet else None
                for index in range(len(evaluation.rules)):
                    status = evaluation.status(index)
                    if (
                        status.is_problem
                        and status is not skip
                        and evaluation.severity(index).at_least(fail_on)
                    ):
                        if self.baseline is None:
                            return True
                        finding = evaluation.finding(
                            index, evaluation.rules[index], project.project, project.root
                        )
                        if self.baseline_state(finding.fingerprint) == "new":
                            return True
        return False

    @property
    def invalid_projects(self) -> tuple[ProjectInfo, ...]:
        return tuple(p.project for p in self.projects if not p.project.valid)
