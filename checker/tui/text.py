"""Turning untrusted text and result values into Rich `Text` the widgets can show safely.

Owns the one rule of the TUI's output: text from a project, ruleset or
waivers file only ever reaches a widget as a `rich.text.Text` built from a
plain string, after `terminal_safe` has neutralised control characters. It is
never parsed as markup, so `[bold]` or `[@click=app.quit]` is shown as typed.
Also owns the colours of statuses and severities (mid tones that read on
both the light and the dark theme), score bars and severity counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rich.text import Text

from checker.findings import Severity
from checker.report.safe import terminal_safe
from checker.tui.model import SEVERITIES, ProfileScore, Review

SEVERITY_STYLE = {
    Severity.CRITICAL: "bold #b03ab8",
    Severity.HIGH: "bold #d9342b",
    Severity.MEDIUM: "#d97706",
    Severity.LOW: "#0e8f94",
    Severity.INFO: "#808080",
}
REVIEW_STYLE = {
    Review.FAIL: "bold #d9342b",
    Review.ERROR: "bold #b03ab8",
    Review.EXPIRED: "bold #d97706",
    Review.WAIVED: "#3b82c4",
    Review.PASS: "#2e9e4f",
    Review.NOT_APPLICABLE: "#808080",
}
REVIEW_ICON = {
    Review.FAIL: "✗",
    Review.ERROR: "‼",
    Review.EXPIRED: "⌛",
    Review.WAIVED: "⊘",
    Review.PASS: "✓",
    Review.NOT_APPLICABLE: "–",
}
REVIEW_SHORT = {
    Review.FAIL: "fail",
    Review.ERROR: "error",
    Review.EXPIRED: "expired",
    Review.WAIVED: "waived",
    Review.PASS: "pass",
    Review.NOT_APPLICABLE: "n/a",
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


def para(value: str, style: str = "") -> Text:
    """A wrapping paragraph of untrusted text."""
    return Text(safe_lines(value), style=style)


def status(state: Review, short: bool = False) -> Text:
    label = REVIEW_SHORT[state] if short else state.value
    return Text(f"{REVIEW_ICON[state]} {label}", style=REVIEW_STYLE[state])


def severity(level: Severity) -> Text:
    return Text(level.value, style=SEVERITY_STYLE[level])


def counts(score: ProfileScore | None, width: int = 3) -> Text:
    """Failing conditions by severity, critical to info; zeros dimmed."""
    if score is None:
        return Text("—", style="dim", no_wrap=True)
    parts = [
        (f"{number:>{width}}", SEVERITY_STYLE[level] if number else "dim")
        for level, number in zip(SEVERITIES, score.failing, strict=True)
    ]
    spaced: list[tuple[str, str] | str] = []
    for part in parts:
        spaced.extend((part, " "))
    return Text.assemble(*spaced[:-1], no_wrap=True)


def bar(value: float | None, width: int = 10) -> Text:
    """A score bar: the share of applicable conditions met, coloured by how good it is."""
    if value is None:
        return Text("no conditions".ljust(width + 5)[: width + 5], style="dim")
    filled = round(value * width)
    color = "#2e9e4f" if value >= 0.8 else "#d97706" if value >= 0.5 else "#d9342b"
    out = Text(no_wrap=True)
    out.append("█" * filled, style=color)
    out.append("░" * (width - filled), style="#808080")
    out.append(f" {round(value * 100):>3}%")
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


def legend() -> Text:
    out = Text()
    for index, state in enumerate(Review):
        if index:
            out.append("  ")
        out.append_text(status(state))
    return out


def columns(cells: Sequence[tuple[str, int]]) -> Text:
    """Fixed-width header cells (our own labels)."""
    return Text(" ".join(label.ljust(width)[:width] for label, width in cells), style="bold")
