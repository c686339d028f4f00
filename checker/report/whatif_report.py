"""`govcheck whatif` output: text, Markdown and JSON of what moved when facts changed.

Owns the words: each change (`/ai_systems/0/rbi_mode: real_time → post`), then per
profile the core's score before → after, the counts before → after, each rule that
flipped with its verdicts and legal references (most severe first), and the
questions for the sponsor the change raised or settled. The lesson walkthrough
(lesson_report.py) says a step the same way. Refuses computing anything: the
numbers come from checker.whatif, which holds the core's `Evaluation.score()`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from checker.findings import fact_path
from checker.i18n import _, ngettext
from checker.report.safe import terminal_safe
from checker.report.verdicts import counts_line, severity_word, status_counts, status_word
from checker.whatif import Flip, ProfileMove, WhatIf
from checker.yamledit import inline


def percent(score: float | None) -> str:
    """The core's share as every report writes it (report/comparison.percent, which this
    module does not import: it would load the profiles' models into a quick what-if)."""
    return "–" if score is None else f"{round(score * 100)}%"


def change_line(pointer: str, before: object, stated: bool, value: object) -> str:
    """`ai_systems[0].rbi_mode: real_time → post` (`not stated → true`)."""
    was = inline(before) if stated else _("not stated")
    return f"{fact_path(pointer)}: {was} → {inline(value)}"


def score_move(move: ProfileMove) -> str:
    """`15% met → 40% met` (the core's score), or `out of scope`."""
    if move.out_of_scope:
        return _("out of scope")
    return _("{before} met → {after} met").format(
        before=percent(move.before.share), after=percent(move.after.share)
    )


def flip_words(flip: Flip) -> str:
    """`not shown → not applicable`"""
    return f"{status_word(flip.before)} → {status_word(flip.after)}"


def references(flip: Flip) -> str:
    return "; ".join(r.short() for r in flip.rule.references)


def render_whatif(whatif: WhatIf, fmt: str, version: str = "") -> str:
    return RENDERERS[fmt](whatif, version)


def _text(whatif: WhatIf, _version: str) -> str:
    return "".join(_text_lines(whatif))


def _text_lines(whatif: WhatIf) -> Iterator[str]:
    project = whatif.project
    yield _("What if: {value}  {value2}\n").format(value=_t(project.id), value2=_t(project.title))
    yield _("  {value} (not changed on disk), checked as of {as_of}\n").format(
        value=_t(project.path), as_of=whatif.as_of
    )
    yield _("Changes\n")
    for a in whatif.changes:
        line = change_line(a.change.pointer, a.before, a.stated, a.change.value)
        yield f"  {_t(line)}  ({_t(project.path)}:{a.line}:{a.column})\n"
    for move in whatif.moves:
        yield "\n"
        yield f"{_t(move.profile)}: {score_move(move)}\n"
        if move.out_of_scope:
            yield _("  the profile does not cover this project: nothing to weigh\n")
            continue
        yield _("  before: {counts}\n").format(counts=_counts(whatif, move.profile, after=False))
        yield _("  after:  {counts}\n").format(counts=_counts(whatif, move.profile, after=True))
        if not move.moved:
            yield _("  nothing moved\n")
        for flip in move.flips:
            mark = "+" if flip.better else "-"
            yield (
                f"  {mark} {flip.rule.id}  {severity_word(flip.severity)}  {flip_words(flip)}  "
                f"{_t(flip.rule.title)}\n"
            )
            if flip.rule.references:
                yield f"      {_t(references(flip))}\n"
        yield from _questions_text(move)


def _questions_text(move: ProfileMove) -> Iterator[str]:
    for label, questions in (
        (_("question settled"), move.settled),
        (_("question raised"), move.raised),
    ):
        for q in questions:
            yield f"  {label}: {_t(q.field)}: {_t(q.text)}\n"


def _counts(whatif: WhatIf, profile: str, *, after: bool) -> str:
    evaluation = (whatif.after if after else whatif.before).evaluation(profile)
    return counts_line(status_counts(evaluation)) if evaluation is not None else _("not checked")


def _markdown(whatif: WhatIf, _version: str) -> str:
    return "".join(markdown_lines(whatif, title=True))


def markdown_lines(whatif: WhatIf, *, title: bool) -> Iterator[str]:
    """The Markdown of a what-if; without the title, a lesson step's body."""
    project = whatif.project
    if title:
        yield _("# What if: {value}\n\n").format(value=_md(project.id))
        yield _("{value} — `{value2}` as of {as_of}\n\n").format(
            value=_md(project.title), value2=_md(project.path), as_of=whatif.as_of
        )
        yield _("## Changes") + "\n\n"
    for a in whatif.changes:
        yield f"- `{_md(change_line(a.change.pointer, a.before, a.stated, a.change.value))}`\n"
    yield "\n| " + " | ".join((_("profile"), _("score"), _("moved"))) + " |\n|---|---|---|\n"
    for move in whatif.moves:
        moved = (
            _("out of scope")
            if move.out_of_scope
            else ngettext("{n} rule", "{n} rules", len(move.flips)).format(n=len(move.flips))
        )
        yield f"| {_md(move.profile)} | {score_move(move)} | {moved} |\n"
    yield "\n"
    for move in whatif.moves:
        if move.out_of_scope or not move.moved:
            continue
        yield f"{'##' if title else '####'} {_md(move.profile)}\n\n"
        for flip in move.flips:
            yield (
                f"- **{flip.rule.id}** ({severity_word(flip.severity)}): {flip_words(flip)} — "
                f"{_md(flip.rule.title)}"
                + (f" *({_md(references(flip))})*" if flip.rule.references else "")
                + "\n"
            )
        for label, questions in (
            (_("question settled"), move.settled),
            (_("question raised"), move.raised),
        ):
            for q in questions:
                yield f"- {label}: `{_md(q.field)}` — {_md(q.text)}\n"
        yield "\n"


def _json(whatif: WhatIf, version: str) -> str:
    from checker.report.whatif_contract import document  # pydantic: only for JSON

    record = document(whatif, version).model_dump(mode="json")
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def _t(text: str) -> str:
    return terminal_safe(text)


def _md(text: str) -> str:
    return terminal_safe(text).replace("|", "\\|").replace("\n", " ")


RENDERERS: dict[str, Callable[[WhatIf, str], str]] = {
    "text": _text,
    "markdown": _markdown,
    "json": _json,
}
