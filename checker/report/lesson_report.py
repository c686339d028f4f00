"""`govcheck lesson` output: a printable walkthrough of a lesson, in HTML, Markdown or text.

Owns the trainer's handout: the lesson's title and case, a chart of each profile's
score as written and after every step (html_charts.step_lines), a table of scores by
step, then per step what changed, the trainer's explanation with its legal sources,
and per profile the score before → after and each rule that flipped with its
references (the rules the step is about marked). The HTML is one self-contained
file: no scripts, external styles, fonts or images; it opens offline and prints one
step per page. Every string from a file is escaped; links are http(s) only.
Refuses computing: every verdict and score comes from checker.lessons/whatif.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator

from checker.findings import ProjectResult, Status
from checker.i18n import N_, _, language
from checker.lessons import LessonStep, PlayedLesson, PlayedStep
from checker.report.comparison import percent
from checker.report.html_charts import step_lines
from checker.report.html_report import CSS as REPORT_CSS
from checker.report.html_report import _now
from checker.report.safe import terminal_safe
from checker.report.verdicts import counts_parts, severity_word, status_counts
from checker.report.whatif_report import (
    change_line,
    flip_words,
    markdown_lines,
    references,
    score_move,
)
from checker.whatif import ProfileMove

CSS = (
    REPORT_CSS
    + """
.step{break-before:page;page-break-before:always}.step:first-of-type{break-before:auto}
.explain{font-size:1.05rem;border-left:4px solid #1f5fa8;padding:.2rem .8rem;background:#f5f8fc}
.better{color:#2e7d32;font-weight:600}.worse{color:#b71c1c;font-weight:600}
tr.watch td{background:#fff7d6}.changes code{font-size:.95rem}
"""
)


def render_lesson(played: PlayedLesson, fmt: str, version: str = "") -> str:
    return RENDERERS[fmt](played, version)


def _shares(result: ProjectResult, profile: str) -> float | None:
    evaluation = result.evaluation(profile)
    if evaluation is None or evaluation.out_of_scope:
        return None
    return evaluation.score().share


def _cell(result: ProjectResult, profile: str) -> str:
    evaluation = result.evaluation(profile)
    if evaluation is None:
        return _("not checked")
    if evaluation.out_of_scope:
        return _("out of scope")
    counts = status_counts(evaluation)
    return _("{value} met · {value2} failed · {value3} not shown").format(
        value=percent(evaluation.score().share),
        value2=counts.get(Status.FAIL, 0),
        value3=counts.get(Status.NOT_SHOWN, 0),
    )


# --- HTML -------------------------------------------------------------------------------------


def _html(played: PlayedLesson, version: str) -> str:
    lesson = played.lesson
    results = played.results()
    labels = [_("as written"), *(_("step {number}").format(number=s.number) for s in played.steps)]
    scores = {p: [_shares(r, p) for r in results] for p in played.profiles}
    muted = _(
        "A govcheck lesson on <code>{id}</code> ({title}) under {profiles}, obligations as of "
        "{as_of} — generated {when} by govcheck {version}"
    ).format(
        id=_e(played.base.project.id),
        title=_e(played.base.project.title),
        profiles=_e(", ".join(played.profiles)),
        as_of=_e(played.as_of),
        when=_now().strftime("%Y-%m-%d %H:%M UTC"),
        version=_e(version),
    )
    explained = _(
        "Each profile's share of applicable conditions met (the same score as "
        "<code>govcheck check</code>): as written, then after each step."
    )
    parts = [
        f'<!DOCTYPE html>\n<html lang="{language()}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(lesson.title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(lesson.title)}</h1>",
        f'<p class="muted">{muted}</p>',
        f"<p>{_e(lesson.summary)}</p>",
        "<h2>" + _e(_("Scores across the steps")) + "</h2>",
        f"<p>{explained}</p>",
        step_lines(labels, scores),
        _score_table(played, labels, results),
    ]
    parts.extend(_step_html(played, step) for step in played.steps)
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _score_table(played: PlayedLesson, labels: list[str], results: list[ProjectResult]) -> str:
    head = "".join(f"<th>{_e(p)}</th>" for p in played.profiles)
    rows = []
    titles = [_("the project as written"), *(s.title for s in played.lesson.steps)]
    for label, title, result in zip(labels, titles, results, strict=False):
        cells = "".join(f"<td>{_e(_cell(result, p))}</td>" for p in played.profiles)
        rows.append(f"<tr><td>{_e(label)}</td><td>{_e(title)}</td>{cells}</tr>")
    step = _e(_("step"))
    return f"<table><tr><th></th><th>{step}</th>{head}</tr>{''.join(rows)}</table>"


def _step_html(played: PlayedLesson, step: PlayedStep) -> str:
    spec = played.lesson.steps[step.number - 1]
    whatif = step.whatif
    changes = "".join(
        f"<li><code>{_e(change_line(a.change.pointer, a.before, a.stated, a.change.value))}"
        "</code></li>"
        for a in whatif.changes
    )
    heading = _("Step {number}: {title}").format(number=step.number, title=spec.title)
    words = {
        w: _e(_(w)) for w in (N_("What changed"), N_("Legal source"), N_("profile"), N_("score"))
    }
    moved_head = _e(_("what moved"))
    out = [
        '<section class="step">',
        f"<h2>{_e(heading)}</h2>",
        f'<p><strong>{words["What changed"]}</strong></p><ul class="changes">{changes}</ul>',
        f'<p class="explain">{_e(spec.explanation)}</p>',
        f"<p><strong>{words['Legal source']}</strong>: {_sources(spec)}</p>",
        f"<table><tr><th>{words['profile']}</th><th>{words['score']}</th>"
        f"<th>{moved_head}</th></tr>",
    ]
    for move in whatif.moves:
        if move.out_of_scope:
            moved = _("the profile does not cover this project")
        elif not move.moved:
            moved = _("nothing moved")
        else:
            moved = _("{count} rule(s)").format(count=len(move.flips))
        out.append(
            f"<tr><td>{_e(move.profile)}</td><td>{_e(score_move(move))}</td>"
            f"<td>{_e(moved)}</td></tr>"
        )
    out.append("</table>")
    for move in whatif.moves:
        if move.flips or move.settled or move.raised:
            out.append(f"<h3>{_e(move.profile)}</h3>")
            out.append(_flips_table(move, spec))
    out.append("</section>")
    return "\n".join(out)


def _flips_table(move: ProfileMove, spec: LessonStep) -> str:
    heads = (_("rule"), _("severity"), _("verdict"), _("condition"), _("legal reference"))
    rows = ["<table><tr>", *(f"<th>{_e(head)}</th>" for head in heads), "</tr>"]
    for flip in move.flips:
        kind = "better" if flip.better else "worse"
        watch = ' class="watch"' if flip.rule.id in spec.watch else ""
        refs = "; ".join(_link(r.short(), r.url) for r in flip.rule.references)
        rows.append(
            f'<tr{watch}><td>{_e(flip.rule.id)}</td><td class="sev {flip.severity.value}">'
            f'{_e(severity_word(flip.severity))}</td><td class="{kind}">{_e(flip_words(flip))}</td>'
            f"<td>{_e(flip.rule.title)}</td><td>{refs}</td></tr>"
        )
    rows.append("</table>")
    said = (
        (_("Questions for the sponsor settled:"), move.settled),
        (_("Questions for the sponsor raised:"), move.raised),
    )
    for label, questions in said:
        if questions:
            items = "".join(f"<li><code>{_e(q.field)}</code>: {_e(q.text)}</li>" for q in questions)
            rows.append(f"<p>{_e(label)}</p><ul>{items}</ul>")
    return "".join(rows)


def _sources(step: LessonStep) -> str:
    return "; ".join(
        _link(f"{s.instrument}, {s.article}", s.url) + (f" — {_e(s.note)}" if s.note else "")
        for s in step.sources
    )


def _link(text: str, url: str | None) -> str:
    if url and url.startswith(("http://", "https://")):
        return f'<a href="{_e(url)}">{_e(text)}</a>'
    return _e(text)


def _e(text: object) -> str:
    return html.escape(terminal_safe(str(text)), quote=True)


# --- text and Markdown -----------------------------------------------------------------------


def _text(played: PlayedLesson, _version: str) -> str:
    return "".join(_text_lines(played))


def _text_lines(played: PlayedLesson) -> Iterator[str]:
    lesson = played.lesson
    yield f"{_t(lesson.title)}\n"
    yield _("  on {value}, as of {as_of}\n\n").format(
        value=_t(played.base.project.path), as_of=played.as_of
    )
    yield f"{_t(lesson.summary)}\n\n"
    yield _("As written\n")
    for profile in played.profiles:
        yield f"  {_t(profile)}: {_cell(played.base, profile)}\n"
    for step in played.steps:
        spec = lesson.steps[step.number - 1]
        yield "\n" + _("Step {number}: {title}").format(number=step.number, title=_t(spec.title))
        yield "\n"
        for a in step.whatif.changes:
            line = change_line(a.change.pointer, a.before, a.stated, a.change.value)
            yield _("  changed {line}\n").format(line=_t(line))
        yield f"  {_t(spec.explanation)}\n"
        for source in spec.sources:
            yield _("  source: {instrument}, {article}\n").format(
                instrument=_t(source.instrument), article=_t(source.article)
            )
        for move in step.whatif.moves:
            yield f"  {_t(move.profile)}: {score_move(move)}"
            yield "" if move.moved or move.out_of_scope else _(" (nothing moved)")
            yield "\n"
            for flip in move.flips:
                mark = "+" if flip.better else "-"
                watch = " *" if flip.rule.id in spec.watch else ""
                yield (
                    f"    {mark} {flip.rule.id}{watch}  {severity_word(flip.severity)}  "
                    f"{flip_words(flip)}  [{_t(references(flip))}]\n"
                )
    yield _("\nAfter the last step\n")
    last = played.results()[-1]
    for profile in played.profiles:
        evaluation = last.evaluation(profile)
        if evaluation is not None:
            yield from _fitted(f"  {_t(profile)}: ", counts_parts(status_counts(evaluation)))


WIDTH = 80
"""The terminal width the text handout's closing counts are wrapped to: a trainer's
terminal or a printed page, where a longer line (Russian words, several waived or error
counts) was cut off."""


def _fitted(lead: str, parts: list[str]) -> Iterator[str]:
    """`lead` and the comma-separated `parts`, wrapped between parts to WIDTH columns, the
    lines after the first indented under the lead's own indent."""
    indent = " " * (len(lead) - len(lead.lstrip()) + 2)
    line, fresh = lead, True
    for index, part in enumerate(parts):
        item = part + ("," if index < len(parts) - 1 else "")
        if not fresh and len(line) + 1 + len(item) > WIDTH:
            yield line + "\n"
            line, fresh = indent, True
        line += item if fresh else " " + item
        fresh = False
    yield line + "\n"


def _markdown(played: PlayedLesson, _version: str) -> str:
    lesson = played.lesson
    out = [
        f"# {_md(lesson.title)}\n\n",
        _("On `{value}` under {value2}, as of {as_of}.\n\n{value3}\n\n").format(
            value=_md(played.base.project.path),
            value2=_md(", ".join(played.profiles)),
            as_of=played.as_of,
            value3=_md(lesson.summary),
        ),
        "| " + _("step") + " | " + " | ".join(_md(p) for p in played.profiles) + " |\n",
        "|---|" + "---|" * len(played.profiles) + "\n",
    ]
    titles = [
        _("as written"),
        *(f"{s.number}. {_md(lesson.steps[s.number - 1].title)}" for s in played.steps),
    ]
    for title, result in zip(titles, played.results(), strict=False):
        out.append(f"| {title} | " + " | ".join(_cell(result, p) for p in played.profiles) + " |\n")
    for step in played.steps:
        spec = lesson.steps[step.number - 1]
        heading = _("Step {number}: {title}").format(number=step.number, title=_md(spec.title))
        out.append(f"\n## {heading}\n\n{_md(spec.explanation)}\n\n")
        sources = "; ".join(f"{_md(s.instrument)}, {_md(s.article)}" for s in spec.sources)
        out.append(_("*Legal source: {sources}*\n\n").format(sources=sources))
        out.extend(markdown_lines(step.whatif, title=False))
    return "".join(out)


def _t(text: str) -> str:
    return terminal_safe(text)


def _md(text: str) -> str:
    return terminal_safe(text).replace("|", "\\|").replace("\n", " ")


RENDERERS: dict[str, Callable[[PlayedLesson, str], str]] = {
    "text": _text,
    "markdown": _markdown,
    "html": _html,
}
