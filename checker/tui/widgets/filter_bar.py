"""The project screen's filter bar: status, minimum severity, area, and a text search.

Owns the four controls and turning them into one `FindingFilter`, posted up
as `FilterBar.Changed` whenever any of them changes (mouse, keyboard, or the
screen's `f`/`v`/`a` keys, which cycle a control through its choices). The
statuses offered are every one a finding can have, "not shown" right after
"fail"; "out of scope" is not among them, since it is no finding's status.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Select

from checker.findings import Severity
from checker.i18n import _
from checker.report.html_charts import area_word
from checker.report.verdicts import severity_word
from checker.tui.model import Review
from checker.tui.outline import FindingFilter
from checker.tui.text import REVIEW_WORDS, safe

PROBLEMS = "problems"


def status_choices() -> list[tuple[Text, str]]:
    """The status filter's choices, worded in the language in use (values are keys)."""
    return [
        (Text(_("any status")), ""),
        (Text(_("to act on")), PROBLEMS),
        *(
            (Text(_(REVIEW_WORDS[state])), state.value)
            for state in Review
            if state is not Review.OUT_OF_SCOPE
        ),
    ]


def severity_choices() -> list[tuple[Text, str]]:
    """The severity filter's choices: at least a severity, worded in the language in use."""
    return [
        (Text(_("any severity")), ""),
        *((Text(f"≥ {severity_word(level)}"), level.value) for level in tuple(Severity)[:4]),
    ]


class FilterBar(Horizontal):
    """Selects for status, severity and area, and a search box."""

    class Changed(Message):
        def __init__(self, selected: FindingFilter) -> None:
            super().__init__()
            self.selected = selected

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="bar")
        self._areas: list[str] = []
        self._posted = FindingFilter()
        self._values = {
            "#status": [value for _word, value in status_choices()],
            "#severity": [value for _word, value in severity_choices()],
            "#area": [""],
        }

    def compose(self) -> ComposeResult:
        yield Select(status_choices(), value="", allow_blank=False, id="status", compact=True)
        yield Select(severity_choices(), value="", allow_blank=False, id="severity", compact=True)
        yield Select(
            [(Text(_("any area")), "")], value="", allow_blank=False, id="area", compact=True
        )
        yield Input(placeholder=_("/ search"), id="search", compact=True)

    def set_areas(self, areas: Sequence[str]) -> None:
        """The areas the project has; keeps the chosen one when it is still there."""
        if list(areas) == self._areas:
            return
        self._areas = list(areas)
        select: Select[str] = self.query_one("#area", Select)
        chosen = select.value
        options = [(Text(_("any area")), ""), *((Text(safe(area_word(a))), a) for a in areas)]
        select.set_options(options)
        self._values["#area"] = ["", *areas]
        select.value = chosen if chosen in areas else ""

    @property
    def selected(self) -> FindingFilter:
        status = self._value("#status")
        severity = self._value("#severity")
        area = self._value("#area")
        return FindingFilter(
            status=Review(status) if status and status != PROBLEMS else None,
            problems_only=status == PROBLEMS,
            severity=Severity(severity) if severity else None,
            area=area or None,
            text=self.query_one("#search", Input).value,
        )

    def _value(self, selector: str) -> str:
        value = self.query_one(selector, Select).value
        return value if isinstance(value, str) else ""

    def cycle(self, selector: str) -> None:
        """Move a select to its next choice (wrapping)."""
        select: Select[str] = self.query_one(selector, Select)
        values = self._values[selector]
        current = select.value if select.value in values else ""
        select.value = values[(values.index(current) + 1) % len(values)]

    def reset(self) -> None:
        for selector in ("#status", "#severity", "#area"):
            self.query_one(selector, Select).value = ""
        self.query_one("#search", Input).value = ""

    @on(Select.Changed)
    @on(Input.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        selected = self.selected
        if selected != self._posted:  # setting options or values programmatically echoes
            self._posted = selected
            self.post_message(self.Changed(selected))
