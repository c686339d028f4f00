"""What moved under one profile, as the scenario pane and the lesson player show it.

Owns the words and colours of a `ProfileMove` (checker/whatif.py): the core's score
before → after, the counts before → after, each rule that flipped with its two
verdicts (the rules a lesson step is about marked ★), and the questions raised or
settled. Refuses computing: every number is the core's.
"""

from __future__ import annotations

from collections.abc import Collection

from rich.text import Text

from checker.i18n import _
from checker.report.verdicts import counts_line, severity_word, status_counts
from checker.tui.model import Review
from checker.tui.text import SEVERITY_STYLE, out_of_scope, para, percent, plain, safe, status
from checker.whatif import ProfileMove, WhatIf


def move_text(whatif: WhatIf, move: ProfileMove, watch: Collection[str] = ()) -> Text:
    out = Text()
    out.append(f" {safe(move.profile)} ", style="bold reverse")
    if move.out_of_scope:
        return out.append("  ").append_text(out_of_scope())
    before, after = move.before.share, move.after.share
    out.append(f"  {_share(before)} → ", style="bold")
    trend = (
        ""
        if before == after or before is None or after is None
        else ("bold #2e9e4f" if after > before else "bold #d9342b")
    )
    out.append(_("{share} met").format(share=_share(after)) + "\n", style=trend or "bold")
    before_word, after_word = _("before"), _("after")
    width = max(len(before_word), len(after_word))
    for label, result in ((before_word, whatif.before), (after_word, whatif.after)):
        evaluation = result.evaluation(move.profile)
        if evaluation is not None:
            out.append(f"{label.ljust(width)}  ", style="dim").append(
                counts_line(status_counts(evaluation))
            )
            out.append("\n")
    if not move.moved:
        return out.append(_("\nnothing moved\n"), style="dim")
    out.append("\n")
    for flip in move.flips:
        mark = "★ " if flip.rule.id in watch else "  "
        out.append(mark, style="bold #d97706")
        out.append_text(plain(flip.rule.id, "bold")).append("  ")
        word = severity_word(flip.severity)  # the language's word, not the machine key
        out.append(word, style=SEVERITY_STYLE[flip.severity]).append("\n    ")
        out.append_text(status(Review[flip.before.name], short=True)).append(" → ")
        out.append_text(status(Review[flip.after.name], short=True)).append("\n    ")
        out.append_text(para(flip.rule.title, "dim")).append("\n")
        if flip.rule.references:
            refs = "; ".join(r.short() for r in flip.rule.references)
            out.append("    ").append_text(para(refs, "italic")).append("\n")
    said = ((_("  question settled: "), move.settled), (_("  question raised: "), move.raised))
    for label, questions in said:
        for question in questions:
            out.append(label, style="dim").append_text(plain(question.field))
            out.append("\n")
    return out


def _share(value: float | None) -> str:
    return "–" if value is None else percent(value)
