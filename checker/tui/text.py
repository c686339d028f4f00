"""Turning untrusted text and result values into Rich `Text` the widgets can show safely.

Owns the one rule of the TUI's output: text from a project, ruleset or
waivers file only ever reaches a widget as a `rich.text.Text` built from a
plain string, after `terminal_safe` has neutralised control characters. It is
never parsed as markup, so `[bold]` or `[@click=app.quit]` is shown as typed.
Also owns the colours of statuses and severities (mid tones that read on
both the light and the dark theme), score bars and severity counts. A fact
not shown is never drawn like a failure: its own icon (?), word ("not shown")
and colour, everywhere a status appears. What a finding's facts rest on is the
reports' one marker (checker/report/verdicts.py), never reworded here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rich.text import Text

from checker.findings import Finding, Score, Severity, basis_word, fact_words, whole_percent
from checker.i18n import N_, _
from checker.report.safe import terminal_safe
from checker.report.verdicts import basis_marker, severity_word
from checker.summaries import SEVERITIES
from checker.tui.model import ProfileScore, Review

SEVERITY_STYLE = {
    Severity.CRITICAL: "bold #b03ab8",
    Severity.HIGH: "bold #d9342b",
    Severity.MEDIUM: "#d97706",
    Severity.LOW: "#0e8f94",
    Severity.INFO: "#808080",
}
NOT_SHOWN_STYLE = "italic #b8860b"
"""Dark gold, italic: a question to ask, not the red of a stated failure."""
UPCOMING_STYLE = "#7c6fd6"
OUT_OF_SCOPE_STYLE = "italic #808080"
REVIEW_STYLE = {
    Review.FAIL: "bold #d9342b",
    Review.NOT_SHOWN: NOT_SHOWN_STYLE,
    Review.ERROR: "bold #b03ab8",
    Review.EXPIRED: "bold #d97706",
    Review.WAIVED: "#3b82c4",
    Review.UPCOMING: UPCOMING_STYLE,
    Review.PASS: "#2e9e4f",
    Review.NOT_APPLICABLE: "#808080",
    Review.OUT_OF_SCOPE: OUT_OF_SCOPE_STYLE,
}
REVIEW_ICON = {
    Review.FAIL: "✗",
    Review.NOT_SHOWN: "?",
    Review.ERROR: "‼",
    Review.EXPIRED: "⌛",
    Review.WAIVED: "⊘",
    Review.UPCOMING: "»",
    Review.PASS: "✓",
    Review.NOT_APPLICABLE: "–",
    Review.OUT_OF_SCOPE: "∅",
}
REVIEW_SHORT = {
    Review.FAIL: N_("fail"),
    Review.NOT_SHOWN: N_("not shown"),
    Review.ERROR: N_("error"),
    Review.EXPIRED: N_("expired"),
    Review.WAIVED: N_("waived"),
    Review.UPCOMING: N_("upcoming"),
    Review.PASS: N_("pass"),
    Review.NOT_APPLICABLE: N_("n/a"),
    Review.OUT_OF_SCOPE: N_("out of scope"),
}
REVIEW_WORDS = {
    Review.FAIL: N_("fail"),
    Review.NOT_SHOWN: N_("not shown"),
    Review.ERROR: N_("error"),
    Review.EXPIRED: N_("expired waiver"),
    Review.WAIVED: N_("waived"),
    Review.UPCOMING: N_("upcoming"),
    Review.PASS: N_("pass"),
    Review.NOT_APPLICABLE: N_("not applicable"),
    Review.OUT_OF_SCOPE: N_("out of scope"),
}
"""A review state in words (its value is the machine key the filters use)."""
REVIEW_MEANING = {
    Review.FAIL: N_("the proposal states something the rule does not accept"),
    Review.NOT_SHOWN: N_(
        "the proposal does not show whether the rule applies or is met: "
        "a question for the sponsor, to act on like a failure"
    ),
    Review.ERROR: N_("the rule could not be evaluated on this file"),
    Review.EXPIRED: N_("a failure whose waiver has lapsed"),
    Review.WAIVED: N_("a failure accepted by a reviewer until a date (not met in the score)"),
    Review.UPCOMING: N_(
        "the obligation applies only after the reference date: "
        "shown apart, never counted as failing"
    ),
    Review.PASS: N_("the requirement is met"),
    Review.NOT_APPLICABLE: N_("the rule's condition does not hold for this project"),
    Review.OUT_OF_SCOPE: N_(
        "the profile does not cover the project's countries: one verdict for the whole profile"
    ),
}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def safe(value: object) -> str:
    """One line of untrusted text, control characters shown as escapes."""
    return terminal_safe(str(value))


def safe_lines(value: str) -> str:
    """Untrusted text keeping its line breaks (each line neutralised)."""
    return "\n".join(terminal_safe(line) for line in _LINE_BREAK.split(value))


def plain(value: object, style: str = "") -> Text:
    """A Text that shows `value` literally."""
    return Text(safe(value), style=style, no_wrap=True, overflow="ellipsis")


def fit(text: Text, width: int, pad: bool = True) -> Text:
    """`text` cut to `width` cells, ending in "…" where it was longer (and padded to
    `width`, unless `pad` is false)."""
    out = text.copy()
    out.no_wrap = True
    out.truncate(width, overflow="ellipsis", pad=pad)
    return out


def para(value: str, style: str = "") -> Text:
    """A wrapping paragraph of untrusted text."""
    return Text(safe_lines(value), style=style)


def status(state: Review, short: bool = False) -> Text:
    label = _(REVIEW_SHORT[state] if short else REVIEW_WORDS[state])
    return Text(f"{REVIEW_ICON[state]} {label}", style=REVIEW_STYLE[state])


def severity(level: Severity) -> Text:
    return Text(severity_word(level), style=SEVERITY_STYLE[level])


def counts(score: ProfileScore | None, width: int = 3, not_shown: bool = False) -> Text:
    """Failing conditions (or, with `not_shown`, facts not shown) by severity, critical
    to info; zeros dimmed. A profile that does not cover the project says so instead."""
    if score is None:
        return Text("—", style="dim", no_wrap=True)
    if score.out_of_scope:
        return out_of_scope()
    numbers = score.not_shown if not_shown else score.failing
    parts = [
        (
            f"{number:>{width}}",
            (NOT_SHOWN_STYLE if not_shown else SEVERITY_STYLE[level]) if number else "dim",
        )
        for level, number in zip(SEVERITIES, numbers, strict=True)
    ]
    spaced: list[tuple[str, str] | str] = []
    for part in parts:
        spaced.extend((part, " "))
    return Text.assemble(*spaced[:-1], no_wrap=True)


def out_of_scope() -> Text:
    return Text(
        _("{value} out of scope").format(value=REVIEW_ICON[Review.OUT_OF_SCOPE]),
        style=OUT_OF_SCOPE_STYLE,
    )


def unshown(score: ProfileScore | None, width: int = 3) -> Text:
    """The number of facts not shown, in their own colour (blank when out of scope)."""
    if score is None or score.out_of_scope:
        return Text("")
    number = score.unshown
    return Text(f"{number:>{width}}", style=NOT_SHOWN_STYLE if number else "dim", no_wrap=True)


def percent(value: float) -> str:
    """How every screen writes a share: the core's number, rounded to a whole percent."""
    return f"{whole_percent(value)}%"


def bar(value: float | None, width: int = 10) -> Text:
    """A score bar: the core's share of applicable conditions met, coloured by how good
    it is (`width` 0: the percentage alone)."""
    if value is None:
        words = _("no conditions") if width >= 8 else "—"
        return Text(words.ljust(width + 5)[: width + 5], style="dim")
    filled = round(value * width)
    color = "#2e9e4f" if value >= 0.8 else "#d97706" if value >= 0.5 else "#d9342b"
    out = Text(no_wrap=True)
    out.append("█" * filled, style=color)
    out.append("░" * (width - filled), style="#808080")
    out.append(f"{' ' if width else ''}{percent(value):>4}", style="" if width else color)
    return out


def score_text(score: Score, width: int = 10) -> Text:
    """`Evaluation.score()` as a bar and "met", with the waived share apart (waived is an
    accepted gap, not met)."""
    out = bar(score.share, width)
    if score.share is None:
        return out
    out.append(_(" met"))
    if score.waived:
        out.append(f" · {percent(score.waived / score.applicable)} waived", style="#3b82c4")
    return out


def facts(pairs: Sequence[tuple[str, str]]) -> Text:
    """The facts a `not_shown` finding lacks, one bullet each, as the core words them."""
    out = Text()
    for index, (pointer, state) in enumerate(pairs):
        if index:
            out.append("\n")
        out.append("• ").append_text(para(fact_words(pointer, state)))
    return out


BASIS_STYLE = "italic #8a6d1f"
"""What a finding's facts rest on: quiet, beside the verdict, never a status colour."""


def basis(finding: Finding) -> Text | None:
    """The reports' one basis marker (`rests on assumed facts (evidence: …)`, from
    checker/report/verdicts.py), or None for a finding on claimed facts (unmarked)."""
    marker = basis_marker(finding)
    return Text(safe(marker), style=BASIS_STYLE) if marker else None


def basis_tag(finding: Finding) -> str:
    """The basis word alone (`assumed`, `evidenced`, `verified`) where a line has no room
    for the marker; "" for claimed."""
    return "" if finding.basis in (None, "claimed") else basis_word(str(finding.basis))


def reference(as_of: str) -> str:
    """The header's subtitle: the date every verdict on screen was reached as of."""
    return _("reviewer · as of {as_of}").format(as_of=as_of) if as_of else _("reviewer")


def verdict(profile: str, score: ProfileScore, covers: Sequence[str] = ()) -> Text:
    """One profile's verdict on a project in a line: failing, not shown, upcoming (apart,
    not counted) and the core's score; or that the profile does not cover the project."""
    out = plain(profile, "bold").append(": ")
    if score.out_of_scope:
        out.append_text(out_of_scope())
        where = ", ".join(covers) or _("other projects")
        return out.append_text(
            plain(_(" (it covers {where})").format(where=where), OUT_OF_SCOPE_STYLE)
        )
    failing = score.total
    out.append(
        _("{failing} failing").format(failing=failing),
        style=REVIEW_STYLE[Review.FAIL] if failing else "dim",
    )
    out.append(" · ")
    unshown = score.unshown
    out.append(
        _("{unshown} not shown").format(unshown=unshown),
        style=NOT_SHOWN_STYLE if unshown else "dim",
    )
    if score.upcoming:
        out.append(" · ").append(
            _("{upcoming} upcoming").format(upcoming=score.upcoming), style=UPCOMING_STYLE
        )
    if score.share is not None:
        out.append(" · " + _("{share} met").format(share=percent(score.share)))
    return out


def joined(values: Iterable[str], separator: str = "; ") -> Text:
    return plain(separator.join(values))


def section(title: str, body: Text | str, out: Text) -> None:
    """Append a titled block (our own title, untrusted body) to `out`."""
    if out:
        out.append("\n\n")
    out.append(title, style="bold underline")
    out.append("\n")
    out.append_text(body if isinstance(body, Text) else para(body))


def legend(meanings: bool = False) -> Text:
    """Every status with its icon; with `meanings`, one a line with what it means."""
    out = Text()
    for index, state in enumerate(Review):
        if index:
            out.append("\n  " if meanings else "  ")
        if meanings:
            label = status(state)
            label.pad_right(18 - label.cell_len)  # ⌛ takes two cells
            out.append_text(label).append(_(REVIEW_MEANING[state]))
        else:
            out.append_text(status(state))
    return out


def columns(cells: Sequence[tuple[str, int]]) -> Text:
    """Fixed-width header cells (our own labels)."""
    return Text(" ".join(label.ljust(width)[:width] for label, width in cells), style="bold")
