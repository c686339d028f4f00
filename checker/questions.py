"""Questions for the sponsor: one per fact a checked proposal does not show.

Owns turning a run's results into the clarification request a reviewer sends:
every `not_shown` finding's facts, deduplicated across rules and profiles (five
rules needing `data_processing.dpia.status` make one question; a whole absent
section is one question, and a question about a field inside it is folded into
it), each with the rules that need it, the accepted answers and the state of
the fact; a file's input problems come first, an invalid value being itself a
question ("correct ..."). Ordered by the highest severity of the rules that
need a fact, then by position in the file.

No printing. It reads results (the check is the caller's: waived findings
are already `waived` and are not asked) and the committed project schema for
wording (checker/question_wording.py); a project file is read again, with the
core's loader, only for the names of list items the results do not carry
(`names_in_file`). Refuses rendering:
checker/report/questions_report.py writes text, Markdown and JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import overload

from checker.findings import (
    BASES,
    STATUS_CODE,
    Finding,
    ProfileSummary,
    ProjectInfo,
    ProjectResult,
    Reference,
    RunResult,
    Severity,
    Status,
    basis_word,
    fact_path,
)
from checker.i18n import N_, _
from checker.pointers import split_pointer
from checker.question_wording import ITEM_NOUNS, accepted_answers, lowered, question_text

STATE_WORDS = {
    "absent": N_("not stated"),
    "unknown": N_("unknown"),
    "empty": N_("empty"),
    "invalid": N_("invalid"),
    "missing": N_("required, not stated"),
}
"""How each state of a fact reads next to its field."""

BASIS_STATES = frozenset(BASES[:-1])  # every basis a demand can find too weak: not `verified`
"""A fact stated, in a pass the profile refuses on its basis (`require_basis`,
docs/evidence.md): what is asked for is the document behind it, not the fact."""

_DOCUMENT_ASKS = {
    "assumed": N_(
        "`{field}` is an analyst's assumption: please confirm it and send the document "
        "that shows it."
    ),
    "claimed": N_("Please send the document that shows `{field}` as stated."),
    "evidenced": N_("Please send the document behind `{field}`, so that a reviewer can verify it."),
}

UNCOVERED = "scope.uncovered"
_CORRECTABLE = frozenset({"schema.invalid-value", "schema.missing-key"})
_NOT_SHOWN = frozenset({STATUS_CODE[Status.NOT_SHOWN]})
_REVIEW = "review."
"""Codes of problems with the review record's entries (checker/verification.py)."""


@dataclass(frozen=True, slots=True)
class Reason:
    """One rule, under one profile, that needs the fact: why the question matters."""

    profile: str
    rule: str
    title: str
    severity: Severity
    references: tuple[Reference, ...] = ()


@dataclass(frozen=True, slots=True)
class Question:
    """One fact to ask the sponsor for (or one value to correct)."""

    pointer: str
    """JSON pointer of the fact; "" for a problem with the file as a whole."""
    field: str
    """The field as a reviewer reads it: `parties.vendors[0].remote_access`."""
    subject: str
    """The list item the field belongs to ("Vendor “CEIEC”"), or ""."""
    state: str
    """absent, unknown, empty, invalid, or missing (a required key not stated); or the
    basis of a stated fact a profile wants a document behind (BASIS_STATES)."""
    ask: str
    """The plain-language question, without its subject (govcheck's own words)."""
    answers: str
    """What the field accepts, in words."""
    severity: Severity
    """The highest severity of the rules that need it (of the problem, for corrections)."""
    line: int
    column: int
    reasons: tuple[Reason, ...] = ()
    correction: str = ""
    """For an input problem: what is wrong with the value as written."""
    numbered: bool = False
    """The subject is a list item known only by its number ("AI system 1")."""

    @property
    def state_words(self) -> str:
        if self.state in BASIS_STATES:
            return basis_word(self.state)
        said = STATE_WORDS.get(self.state)
        return _(said) if said else self.state

    @property
    def text(self) -> str:
        """The question as sent: "Vendor “CEIEC”: does it have remote access ...?"."""
        return f"{self.subject}: {lowered(self.ask)}" if self.subject else self.ask


@dataclass(frozen=True, slots=True)
class ProjectQuestions:
    """The clarification request of one project."""

    project: ProjectInfo
    questions: tuple[Question, ...] = ()
    """Corrections of the file first, then the facts, most severe first."""
    profiles: tuple[str, ...] = ()
    """Profiles that cover the project and were checked."""
    out_of_scope: tuple[str, ...] = ()
    """Profiles that do not cover the project: said once, asking nothing."""
    problems: tuple[Finding, ...] = ()
    """Every input problem of the file (corrections are also questions)."""
    checked: bool = True
    """False when the file could not be read as data, so nothing could be asked."""

    @property
    def nothing_to_ask(self) -> bool:
        return not self.questions

    @property
    def file_problems(self) -> tuple[Finding, ...]:
        """Input problems that are not a value to correct (syntax, unknown keys, scope...):
        the sponsor's to fix. The review record's own (`review_problems`) are not."""
        return tuple(
            p
            for p in self.problems
            if p.rule not in _CORRECTABLE and not p.rule.startswith(_REVIEW)
        )

    @property
    def review_problems(self) -> tuple[Finding, ...]:
        """Problems of the reviewers' record with this project: said apart, as stale
        waivers are (`review_problems`)."""
        return review_problems(self.problems)


@dataclass(frozen=True, slots=True)
class QuestionSet:
    """Every project's questions, with what they were checked against.

    `projects` is a sequence made one project at a time as it is read (a
    portfolio's questions, with every rule that needs each fact, would not fit
    in memory): a renderer reads each project once and counts as it goes.
    """

    profiles: tuple[ProfileSummary, ...]
    projects: Sequence[ProjectQuestions]
    as_of: str = ""


NameReader = Callable[[str], Mapping[str, str]]
"""Reads the names of a file's list items (`names_in` of the file at that path)."""


def names_in_file(path: str) -> Mapping[str, str]:
    """The names of the list items of the file at `path`, read again with the core's
    loader. The results name vendors, financiers and the items findings lie in; a fact
    about another item is named from the file itself. A file that cannot be read now
    keeps numbered items ("AI system 1")."""
    from pathlib import Path

    from checker.documents import load_project
    from checker.limits import DEFAULT_LIMITS

    try:
        document = load_project(Path(path), path, DEFAULT_LIMITS)
    except Exception:  # the names are a courtesy: a file that changed keeps numbered items
        return {}
    return names_in(document.data) if document.data is not None else {}


def questions(run: RunResult, read_names: NameReader | None = names_in_file) -> QuestionSet:
    """The questions of every project of `run`, each made when it is read. Vendors and
    financiers are named from the results themselves; `read_names` is asked for a file's
    names only when one of its questions would otherwise name an item by its number
    ("AI system 1"). Every entry point (the CLI, the TUI) asks through here, so an item
    reads the same in each."""
    return QuestionSet(run.profiles, _Asked(run.projects, read_names), run.as_of)


class _Asked(Sequence[ProjectQuestions]):
    """The projects' questions, made on demand; the last one made is kept (a screen
    reads its one project again and again)."""

    def __init__(self, results: Sequence[ProjectResult], read_names: NameReader | None) -> None:
        self._results = results
        self._read_names = read_names
        self._last: tuple[int, ProjectQuestions] | None = None

    def __len__(self) -> int:
        return len(self._results)

    @overload
    def __getitem__(self, index: int) -> ProjectQuestions: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ProjectQuestions]: ...
    def __getitem__(self, index: int | slice) -> ProjectQuestions | Sequence[ProjectQuestions]:
        if isinstance(index, slice):
            return [self._ask(r) for r in self._results[index]]
        position = range(len(self._results))[index]  # IndexError as a list's
        if self._last is None or self._last[0] != position:
            self._last = (position, self._ask(self._results[position]))
        return self._last[1]

    def __iter__(self) -> Iterator[ProjectQuestions]:
        for result in self._results:
            yield self._ask(result)

    def _ask(self, result: ProjectResult) -> ProjectQuestions:
        asked = project_questions(result)
        if self._read_names is not None and any(q.numbered for q in asked.questions):
            # Items no result names: their names from the file, read again.
            asked = project_questions(result, self._read_names(result.project.path))
        return asked


def review_problems(problems: Iterable[Finding]) -> tuple[Finding, ...]:
    """Problems of the reviewers' record (a stale verification, one naming a fact the
    project does not state): the board's to act on, never a question for the sponsor."""
    return tuple(p for p in problems if p.rule.startswith(_REVIEW))


def project_questions(
    result: ProjectResult, names: Mapping[str, str] | None = None
) -> ProjectQuestions:
    """One project's questions: its input problems as corrections, then each missing fact."""
    unshown = list(result.select(_NOT_SHOWN))
    items = {**item_names(result.project), **_named_items(unshown), **(names or {})}
    corrections = [_correction(p, items) for p in result.problems if p.rule in _CORRECTABLE]
    facts = _facts(unshown)
    asked = _fold(facts, {c.pointer for c in corrections if c.state == "invalid"})
    by_pointer = {c.pointer: c for c in corrections}
    questions: list[Question] = []
    for pointer, (state, reasons, where) in asked.items():
        if pointer in by_pointer:  # the value is invalid: one question, to correct it
            known = by_pointer[pointer]
            by_pointer[pointer] = _with_reasons(known, reasons)
            continue
        questions.append(_question(pointer, state, reasons, where, items))
    first = sorted(by_pointer.values(), key=lambda q: (q.line, q.column, q.pointer))
    questions.sort(key=lambda q: (-q.severity.rank, q.line, q.column, q.pointer))
    evaluations = result.evaluations
    return ProjectQuestions(
        result.project,
        (*first, *questions),
        profiles=tuple(e.profile for e in evaluations if not e.out_of_scope),
        out_of_scope=tuple(e.profile for e in evaluations if e.out_of_scope),
        problems=result.problems,
        checked=not result.data_less(),
    )


def item_names(info: ProjectInfo) -> dict[str, str]:
    """Names of the list items the results know: vendors and financiers. The results
    keep only the names that are text, so only a valid file's (where every item has
    one) line up with the items' positions; an invalid file's items are numbered."""
    if not info.valid:
        return {}
    named = {f"/parties/vendors/{i}": n for i, n in enumerate(info.vendors)}
    named.update({f"/parties/financiers/{i}": n for i, n in enumerate(info.financiers)})
    return named


def names_in(data: Mapping[str, object]) -> dict[str, str]:
    """The `name` of every list item under the lists questions name items of (pure:
    from already loaded data)."""
    named: dict[str, str] = {}
    for pointer in ITEM_NOUNS:
        node: object = data
        for part in split_pointer(pointer):
            node = node.get(part) if isinstance(node, Mapping) else None
        if isinstance(node, list):
            for index, item in enumerate(node):
                if isinstance(item, Mapping) and isinstance(item.get("name"), str):
                    named[f"{pointer}/{index}"] = str(item["name"])
    return named


def _named_items(findings: Iterable[Finding]) -> dict[str, str]:
    """Names of the list items findings lie in, from their item key (`ai_systems["Live
    face matching"]`, checker/identity.py): what names an AI system or a transfer without
    reading the file again."""
    named: dict[str, str] = {}
    for finding in findings:
        item = finding.item
        key = item_key(finding.pointer) if item else None
        if key is None or key in named:
            continue
        opening = fact_path(key.rpartition("/")[0]) + "["
        if not (item.startswith(opening + '"') and item.endswith('"]')):
            continue  # an item without a name is known by its position: numbered here too
        try:
            name = json.loads(item[len(opening) : -1])
        except ValueError:
            continue
        if isinstance(name, str):
            named[key] = name
    return named


# --- collecting -------------------------------------------------------------------------------

_Fact = tuple[str, list[Reason], tuple[int, int]]


@dataclass(slots=True)
class _Seen:
    state: str
    reasons: list[Reason] = field(default_factory=list)
    where: tuple[int, int] = (1 << 30, 0)


def _facts(findings: Iterable[Finding]) -> dict[str, _Seen]:
    """Each fact once, with every (profile, rule) that needs it and the earliest place."""
    seen: dict[str, _Seen] = {}
    for finding in findings:
        if finding.status is not Status.NOT_SHOWN:
            continue
        reason = Reason(
            finding.profile or "",
            finding.rule,
            finding.title,
            finding.severity,
            finding.references,
        )
        for pointer, state in finding.facts:
            entry = seen.setdefault(pointer, _Seen(state))
            if reason not in entry.reasons:
                entry.reasons.append(reason)
            entry.where = min(entry.where, (finding.line, finding.column))
    return seen


def _fold(facts: dict[str, _Seen], invalid: set[str]) -> dict[str, _Fact]:
    """Facts inside a section that is itself asked for (absent, empty or invalid) are
    folded into the section's question: one question per section."""
    sections = {p for p, s in facts.items() if s.state in ("absent", "empty", "invalid")} | invalid
    out: dict[str, _Fact] = {}
    for pointer in sorted(facts, key=lambda p: (p.count("/"), p)):
        seen = facts[pointer]
        owner = next((s for s in _ancestors(pointer) if s in sections), None)
        if owner is not None and owner in out:
            state, reasons, where = out[owner]
            merged = reasons + [r for r in seen.reasons if r not in reasons]
            out[owner] = (state, merged, min(where, seen.where))
        elif owner is not None:  # an invalid section: folded into its correction
            out[owner] = ("invalid", list(seen.reasons), seen.where)
        else:
            out[pointer] = (seen.state, list(seen.reasons), seen.where)
    return out


def _ancestors(pointer: str) -> Iterator[str]:
    parts = pointer.split("/")
    for end in range(1, len(parts) - 1):
        yield "/".join(parts[: end + 1])


def _question(
    pointer: str,
    state: str,
    reasons: Sequence[Reason],
    where: tuple[int, int],
    items: Mapping[str, str],
) -> Question:
    parts = split_pointer(pointer)
    subject = _subject(pointer, items)
    if state in BASIS_STATES:  # stated: the document behind it is what is missing
        text = _(_DOCUMENT_ASKS[state]).format(field=fact_path(pointer))
        answers = _(
            "a document (title, issuer, date, and a file or an address), listed under "
            "`evidence` with this field in its `supports`"
        )
    else:
        text = question_text(parts)
        answers = accepted_answers(parts)
    return Question(
        pointer=pointer,
        field=fact_path(pointer),
        subject=subject,
        state=state,
        ask=text,
        answers=answers,
        severity=max((r.severity for r in reasons), key=lambda s: s.rank),
        line=where[0],
        column=where[1],
        reasons=_ordered(reasons),
        numbered=_numbered(pointer, items),
    )


def _correction(problem: Finding, items: Mapping[str, str]) -> Question:
    """An input problem at a value as a question: correct it (or state a required key)."""
    parts = split_pointer(problem.pointer) if problem.pointer else []
    missing = problem.rule == "schema.missing-key"
    subject = _subject(problem.pointer, items)
    where = f"`{fact_path(problem.pointer)}`"
    # A missing key is reported at its parent; the problem's message names the key.
    ask = _("Please complete {field}") if missing else _("Please correct {field}")
    return Question(
        pointer=problem.pointer,
        field=fact_path(problem.pointer),
        subject=subject,
        state="missing" if missing else "invalid",
        ask=ask.format(field=where),
        answers=accepted_answers(parts) if parts else _("see `govcheck schema project`"),
        severity=problem.severity,
        line=problem.line,
        column=problem.column,
        correction=problem.message,
        numbered=_numbered(problem.pointer, items),
    )


def _with_reasons(question: Question, reasons: Sequence[Reason]) -> Question:
    merged = _ordered([*question.reasons, *(r for r in reasons if r not in question.reasons)])
    severity = max((question.severity, *(r.severity for r in merged)), key=lambda s: s.rank)
    return replace(question, reasons=merged, severity=severity)


def _ordered(reasons: Sequence[Reason]) -> tuple[Reason, ...]:
    return tuple(sorted(reasons, key=lambda r: (-r.severity.rank, r.profile, r.rule)))


def item_key(pointer: str) -> str | None:
    """The pointer of the named list item a fact belongs to (`/parties/vendors/0` for
    `/parties/vendors/0/remote_access`), or None."""
    for prefix in ITEM_NOUNS:
        if pointer.startswith(prefix + "/"):
            index = pointer[len(prefix) + 1 :].split("/", 1)[0]
            if index.isdigit():
                return f"{prefix}/{index}"
    return None


def _numbered(pointer: str, items: Mapping[str, str]) -> bool:
    key = item_key(pointer)
    return key is not None and key not in items


def _subject(pointer: str, items: Mapping[str, str]) -> str:
    """ "Vendor “CEIEC”" for a field of the first vendor; "" outside list items."""
    key = item_key(pointer)
    if key is None:
        return ""
    prefix, _slash, index = key.rpartition("/")
    name = items.get(key)
    noun = _(ITEM_NOUNS[prefix])
    return f"{noun} “{name}”" if name else f"{noun} {int(index) + 1}"
