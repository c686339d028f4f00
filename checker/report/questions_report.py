"""`govcheck questions` output: text for a terminal, Markdown for a letter, JSON for tools.

Owns the layout of the questions for the sponsor that checker.questions works
out: the text form a reviewer reads, the Markdown a reviewer pastes into a
letter (an introduction naming the project, the profiles and the reference
date, numbered questions, a closing line), and the JSON document whose schema
is checker/report/questions_contract.py. Refuses deciding anything: what is
asked, in which order and why is the core's. Text from a project file is
neutralised for the terminal and escaped for Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date

from checker.i18n import N_, _, ngettext
from checker.question_wording import lowered
from checker.questions import ProjectQuestions, Question, QuestionSet, Reason
from checker.report.jsontext import compact, members
from checker.report.safe import json_safe, terminal_safe
from checker.report.verdicts import severity_word

QUESTIONS_FORMAT_VERSION = "1.0"
"""The questions document's `format_version` (its models, checker/report/questions_contract.py,
need pydantic, which the text report does not import)."""

Render = Callable[[QuestionSet, str], Iterator[str]]

_MAX_REFERENCES = 3
"""References shown per rule in text and Markdown (JSON carries them all)."""


def render_text(questions: QuestionSet, version: str = "") -> Iterator[str]:
    """Questions per project, for a terminal."""
    del version
    count = 0
    for index, project in enumerate(questions.projects):
        if index:
            yield "\n"
        yield from _text_project(project, questions.as_of)
        count += len(project.questions)
    yield (
        _("\n{count} question(s) for {count2} project(s){value}\n").format(
            count=count,
            count2=len(questions.projects),
            value=_as_of_tail(questions.as_of),
        )
    )


def _text_project(project: ProjectQuestions, as_of: str) -> Iterator[str]:
    info = project.project
    t = terminal_safe
    invalid = _("  (invalid file)") if not info.valid else ""
    yield f"{t(info.id)}  {t(info.title)}{invalid}\n"
    if project.profiles:
        under = _("questions for the sponsor under {items}").format(
            items=", ".join(project.profiles)
        )
        yield f"{t(info.path)}: {t(under)}{_as_of_tail(as_of)}\n"
    else:
        yield f"{t(info.path)}\n"
    for name in project.out_of_scope:
        yield _("{value}: out of scope\n").format(value=t(name))
    for problem in project.file_problems:
        yield _("problem: {where}  {rule}  {message}\n").format(
            where=t(problem.location()), rule=t(problem.rule), message=t(problem.message)
        )
    if not project.checked:
        yield _("nothing could be asked: the file could not be read; fix it first\n")
    elif project.nothing_to_ask:
        yield _("nothing to ask\n")
    for number, question in enumerate(project.questions, 1):
        yield f"{number:>3}. [{severity_word(question.severity)}] {t(question.text)}\n"
        yield _("     field: {field} ({state})\n").format(
            field=t(question.field), state=question.state_words
        )
        if question.correction:
            yield _("     found: {correction}\n").format(correction=t(question.correction))
        yield _("     answers: {answers}\n").format(answers=t(question.answers))
        for reason in question.reasons:
            yield _("     why: {reason}\n").format(reason=t(_reason_words(reason)))


def render_markdown(questions: QuestionSet, version: str = "") -> Iterator[str]:
    """One letter-ready section per project (separated by rules when there are several)."""
    del version
    for index, project in enumerate(questions.projects):
        if index:
            yield "\n---\n\n"
        yield from _markdown_project(project, questions.as_of)


def _markdown_project(project: ProjectQuestions, as_of: str) -> Iterator[str]:
    info = project.project
    yield _("## Questions for the sponsor: {value}\n\n").format(value=md(info.title or info.id))
    under = _names(project.profiles) or _("the requested profiles")
    when = _(", as of {value}").format(value=_long_date(as_of)) if as_of else ""
    count = max(len(project.profiles), 1)
    yield ngettext(
        "We have reviewed the proposal {title} (`{id}`) against the {under} governance "
        "profile{when}.\n",
        "We have reviewed the proposal {title} (`{id}`) against the {under} governance "
        "profiles{when}.\n",
        count,
    ).format(title=md(info.title or info.id), id=_code(info.id), under=under, when=when)
    if project.out_of_scope:
        yield ngettext(
            "The {names} profile does not cover this project (out of scope): nothing is asked "
            "under it.\n",
            "The {names} profiles do not cover this project (out of scope): nothing is asked "
            "under them.\n",
            len(project.out_of_scope),
        ).format(names=_names(project.out_of_scope))
    yield "\n"
    for problem in project.file_problems:
        yield _("- Line {line}: {message}\n").format(line=problem.line, message=md(problem.message))
    if project.file_problems:
        yield "\n"
    if not project.checked:
        yield _("The description could not be read, so nothing could be asked yet.\n")
        return
    if project.nothing_to_ask:
        yield _("The proposal shows every fact these profiles ask about: nothing to ask.\n")
        return
    yield (
        _(
            "The proposal does not show the facts below. We would be grateful for an answer to "
            "each question; where a fact is not known, please say so rather than guess.\n\n"
        )
    )
    for number, question in enumerate(project.questions, 1):
        yield from _markdown_question(number, question)
    yield _("Thank you. Once we have your answers we will complete the review.\n")


def _markdown_question(number: int, question: Question) -> Iterator[str]:
    subject = f"{md(question.subject)}: " if question.subject else ""
    ask = _inline(lowered(question.ask) if subject else question.ask)
    yield f"{number}. **{subject}{ask}**  \n"
    yield _("   Field: `{field}` ({state}).  \n").format(
        field=_code(question.field), state=question.state_words
    )
    if question.correction:
        yield _("   As written: {value}.  \n").format(value=md(question.correction))
    yield _("   Accepted answers: {value}.  \n").format(value=_inline(question.answers))
    if question.reasons:
        why = "; ".join(_markdown_reason(r) for r in question.reasons)
        yield _("   Why it matters: {why}.\n").format(why=why)
    yield "\n"


def _markdown_reason(reason: Reason) -> str:
    sources = ", ".join(md(r.short()) for r in reason.references[:_MAX_REFERENCES])
    tail = f" ({sources})" if sources else ""
    severity = severity_word(reason.severity)
    return f"{md(reason.title)} — {md(reason.rule)}, {md(reason.profile)}, {severity}{tail}"


def render_json(questions: QuestionSet, version: str = "") -> Iterator[str]:
    """The questions document (schema: `govcheck schema questions`), written one project
    (a line of compact JSON) at a time, its summary counted on the way."""
    head = {
        "format_version": QUESTIONS_FORMAT_VERSION,
        "tool": {"name": "govcheck", "version": version},
        "as_of": questions.as_of,
        "profiles": [{"id": p.id, "title": p.title} for p in questions.profiles],
    }
    yield "{\n" + json_safe(members(head, 2)) + ',\n  "projects": ['
    asked = invalid = 0
    for index, project in enumerate(questions.projects):
        line = compact(_json_project(project))
        yield ("," if index else "") + "\n    " + json_safe(line)
        asked += len(project.questions)
        invalid += not project.project.valid
    summary = {
        "projects": len(questions.projects),
        "questions": asked,
        "invalid_projects": invalid,
    }
    yield (
        ("\n  ],\n" if questions.projects else "],\n") + members({"summary": summary}, 2) + "\n}\n"
    )


def _json_project(project: ProjectQuestions) -> dict[str, object]:
    info = project.project
    return {
        "id": info.id,
        "path": info.path,
        "title": info.title,
        "valid": info.valid,
        "checked": project.checked,
        "profiles": list(project.profiles),
        "out_of_scope": list(project.out_of_scope),
        "problems": [
            {
                "rule": p.rule,
                "message": p.message,
                "line": p.line,
                "column": p.column,
                "pointer": p.pointer,
            }
            for p in project.file_problems
        ],
        "questions": [_json_question(n, q) for n, q in enumerate(project.questions, 1)],
    }


def _json_question(number: int, question: Question) -> dict[str, object]:
    return {
        "number": number,
        "pointer": question.pointer,
        "field": question.field,
        "subject": question.subject,
        "state": question.state,
        "question": question.text,
        "answers": question.answers,
        "severity": question.severity.value,
        "line": question.line,
        "column": question.column,
        "correction": question.correction or None,
        "needed_by": [
            {
                "profile": r.profile,
                "rule": r.rule,
                "title": r.title,
                "severity": r.severity.value,
                "references": [
                    {"instrument": s.instrument, "article": s.article, "url": s.url}
                    for s in r.references
                ],
            }
            for r in question.reasons
        ],
    }


RENDERERS: dict[str, Render] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}
"""Format name -> renderer; the CLI's `--format` choices come from it."""


# --- words --------------------------------------------------------------------------------------


def _reason_words(reason: Reason) -> str:
    sources = "; ".join(r.short() for r in reason.references[:_MAX_REFERENCES])
    tail = f" — {sources}" if sources else ""
    return (
        f"{reason.rule} ({reason.profile}, {severity_word(reason.severity)}) {reason.title}{tail}"
    )


def _as_of_tail(as_of: str) -> str:
    return _(", as of {as_of}").format(as_of=as_of) if as_of else ""


def _long_date(iso: str) -> str:
    """2026-12-04 -> 4 December 2026 (the ISO text when it is not a date)."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return md(iso)
    return _(_MONTHS[day.month - 1]).format(day=day.day, year=day.year)


_MONTHS = (
    N_("{day} January {year}"),
    N_("{day} February {year}"),
    N_("{day} March {year}"),
    N_("{day} April {year}"),
    N_("{day} May {year}"),
    N_("{day} June {year}"),
    N_("{day} July {year}"),
    N_("{day} August {year}"),
    N_("{day} September {year}"),
    N_("{day} October {year}"),
    N_("{day} November {year}"),
    N_("{day} December {year}"),
)


def _names(names: tuple[str, ...]) -> str:
    shown = [f"**{md(n)}**" for n in names]
    if len(shown) <= 1:
        return "".join(shown)
    return _("{items} and {last}").format(items=", ".join(shown[:-1]), last=shown[-1])


def _code(text: str) -> str:
    """Text for a code span: no backticks to break out of it, no control characters."""
    return terminal_safe(text).replace("`", "'")


# A letter is read as Markdown source too, so text is escaped only where Markdown would
# act on it inside a paragraph: emphasis, code, HTML and entities, tables, link brackets. With
# `[` and `]` escaped, `(`, `!` and `#` (never at the start of a line here: newlines are
# neutralised first) are inert, so "Regulation (EU) 2016/679" stays as written.
_MARKUP = re.compile(r"([\\`*_{}\[\]<>|~&])")


def md(text: str) -> str:
    """Untrusted text for a Markdown paragraph: no markup, HTML or line break survives."""
    return _MARKUP.sub(r"\\\1", terminal_safe(text))


def _inline(text: str) -> str:
    """Our own wording with `code` spans kept and everything else escaped."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no spans at all
        return md(text)
    return "".join(f"`{_code(p)}`" if i % 2 else md(p) for i, p in enumerate(parts))
