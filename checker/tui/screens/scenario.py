"""The scenario pane: change a project's facts in place and watch two profiles move.

Owns the screen: the project's editable facts (checker/tui/scenario.py: each stated
value and each fact the profiles ask for, with the values the project schema
accepts), an input under them where a value is typed (space cycles an enum's or a
yes/no fact's choices), and the two profiles' verdicts side by side, re-evaluated off
the UI thread through the core as the value is typed (Enter keeps it; ctrl+z and
ctrl+y undo and redo, ctrl+n resets). Nothing is written until asked: F2 saves the
changed project as a variant file with provenance (beside the exports), F3 writes the
changes into the project file itself, atomically, by patching each value where it
stands (comments, blank lines, quoting and key order elsewhere kept; a file changed
on disk since it was loaded is never overwritten).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Header, Input, Static
from textual.widgets.data_table import ColumnKey

from checker.config import ConfigError
from checker.i18n import N_, _
from checker.questions import project_questions
from checker.tui.scenario import Fact, Scenario, facts
from checker.tui.screens.base import ReviewScreen
from checker.tui.text import plain, safe
from checker.tui.widgets.keys_footer import KeysFooter
from checker.tui.widgets.moves import move_text
from checker.tui.widgets.row_table import RowTable
from checker.whatif import ReviewRecord, WhatIf
from checker.yamledit import EditError, inline


class Evaluated(Message):
    """A worker checked the scenario: what moved (or why the change is refused)."""

    def __init__(self, whatif: WhatIf | None, error: str, seconds: float, token: int) -> None:
        super().__init__()
        self.whatif, self.error, self.seconds, self.token = whatif, error, seconds, token


class ScenarioScreen(ReviewScreen):
    """What if: one project, its facts editable, two profiles side by side."""

    SIZED_BY_WIDTH = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), tooltip=N_("Back (nothing is written)")),
        Binding(
            "space", "cycle", N_("Next value"), tooltip=N_("Offer the fact's next accepted value")
        ),
        Binding("ctrl+z", "undo", N_("Undo"), tooltip=N_("Undo the last change")),
        Binding("ctrl+y", "redo", N_("Redo"), tooltip=N_("Redo the change undone")),
        Binding("ctrl+n", "reset", N_("Reset"), tooltip=N_("Back to the project as written")),
        Binding(
            "f2",
            "save_variant",
            N_("Save variant"),
            tooltip=N_("Write the changed project to a new file"),
        ),
        Binding(
            "f3",
            "save_project",
            N_("Save file"),
            tooltip=N_("Write the changes into the project file"),
        ),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.scenario: Scenario | None = None
        self.rows: list[Fact] = []
        self.whatif: WhatIf | None = None
        self.seconds = 0.0
        self._token = 0
        self._columns: list[ColumnKey] = []
        self._marked: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="scenario-head", classes="head1")
        with Horizontal(id="scenario-body"):
            with Vertical(id="scenario-facts"):
                yield RowTable(id="scenario-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="scenario-accepts", classes="head1")
                yield Input(id="scenario-input", placeholder=_("type a value; Enter keeps it"))
            with Horizontal(id="scenario-sides"):
                yield VerticalScroll(Static(id="side-0"), classes="scenario-side")
                yield VerticalScroll(Static(id="side-1"), classes="scenario-side")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self._columns = table.add_columns(_("fact"), _("value"))
        self.query_one("#scenario-head", Static).update("loading…")
        self.load()

    @work(thread=True, exclusive=True, group="scenario")
    def load(self) -> None:
        setup = self.review.workspace.setup if self.review.workspace else None
        names = [self.review.primary, self.review.other]
        profiles = [p for n in names if setup and (p := setup.profile(n or "")) is not None]
        as_of = setup.as_of if setup else ""
        started = time.perf_counter()
        scenario = Scenario.load(self.path, profiles, as_of, self._record())
        whatif = scenario.evaluate()
        self.app.call_from_thread(self._loaded, scenario, whatif, time.perf_counter() - started)

    def _record(self) -> ReviewRecord | None:
        """The portfolio's review record (waivers and verifications, as the rows show)."""
        workspace = self.review.workspace
        if workspace is None or not workspace.setup.waivers:
            return None
        review, _digest = workspace.setup.review()
        return ReviewRecord(review, workspace.setup.waivers, workspace.options.day())

    def _loaded(self, scenario: Scenario, whatif: WhatIf, seconds: float) -> None:
        self.scenario = scenario
        asked = [q.pointer for q in project_questions(whatif.before).questions]
        self.rows = facts(scenario.base, asked)
        self._fill()
        self._show(whatif, "", seconds)
        self.query_one(DataTable).focus()

    def refresh_view(self) -> None:
        """The width changed: the columns follow it."""
        if self.scenario is not None:
            self._fill()

    def _widths(self, width: int) -> tuple[int, int]:
        """The fact column as wide as its longest label up to about half the table, the
        value column the rest: left to themselves, the labels' 70 cells pushed the values
        off an 80-column screen."""
        room = max(30, width - 2 - 4)  # the scroll bar; two cells of padding a column
        longest = max((cell_len(f.label) for f in self.rows), default=10)
        fact = min(longest, max(16, room * 11 // 20))
        return fact, room - fact

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        # From the screen's width, not the table's: on a resize the table is laid out
        # after this runs (wide, the facts take the left half).
        label, value = self._widths(self.size.width // 2 if self.wide else self.size.width)
        self._columns = [
            table.add_column(_("fact"), width=label),
            table.add_column(_("value"), width=value),
        ]
        for fact in self.rows:
            table.add_row(plain(fact.label), self._value(fact), key=fact.pointer)
        self._marked = set(self.scenario.changes) if self.scenario else set()
        if self.rows:
            table.move_cursor(row=min(row, len(self.rows) - 1))

    def _value(self, fact: Fact) -> Text:
        changes = self.scenario.changes if self.scenario else {}
        value = Text()
        if fact.pointer in changes:
            value.append_text(plain(inline(changes[fact.pointer]), "bold #d97706"))
            return value.append(_("  was "), style="dim").append_text(plain(fact.shown, "dim"))
        return value.append_text(plain(fact.shown, "" if fact.stated else "italic #b8860b"))

    def _refill(self) -> None:
        """Only the rows whose change was made or undone: a change must show at once."""
        changed = set(self.scenario.changes) if self.scenario else set()
        table = self.query_one(DataTable)
        for fact in self.rows:
            if fact.pointer in changed | self._marked:
                table.update_cell(fact.pointer, self._columns[1], self._value(fact))
        self._marked = changed

    # --- evaluation -------------------------------------------------------------------------

    def _evaluate(self, preview: tuple[str, object] | None = None) -> None:
        if self.scenario is None:
            return
        self._token += 1
        changes = dict(self.scenario.changes)
        if preview is not None:
            changes[preview[0]] = preview[1]
        self._run(self.scenario, changes, self._token)

    # A description of its own: Textual otherwise describes a worker by the repr() of its
    # arguments, and the scenario's repr (documents, profiles) took 150 ms of each change.
    @work(thread=True, exclusive=True, group="scenario", description="what-if")
    def _run(self, scenario: Scenario, changes: dict[str, object], token: int) -> None:
        started = time.perf_counter()
        try:
            whatif, error = scenario.evaluate(changes), ""
        except ConfigError as problem:
            whatif, error = None, "; ".join(p.message for p in problem.problems)
        self.post_message(Evaluated(whatif, error, time.perf_counter() - started, token))

    def on_evaluated(self, message: Evaluated) -> None:
        if message.token == self._token:
            self._show(message.whatif, message.error, message.seconds)

    def _show(self, whatif: WhatIf | None, error: str, seconds: float) -> None:
        if whatif is not None:
            self.whatif, self.seconds = whatif, seconds
        shown = self.whatif
        count = len(self.scenario.changes) if self.scenario else 0
        head = Text()
        head.append(_("What if: "), style="bold").append_text(plain(self.path.name, "bold"))
        head.append(
            _("  {count} change(s) · file not written until F3 · ").format(count=count), style="dim"
        )
        head.append(_("checked in {value:.0f} ms").format(value=seconds * 1000), style="dim")
        if error:
            head = Text(_("refused: "), style="bold #d9342b").append_text(plain(error))
        self.query_one("#scenario-head", Static).update(head)
        if shown is None:
            return
        for index, move in enumerate(shown.moves[:2]):
            self.query_one(f"#side-{index}", Static).update(move_text(shown, move))

    # --- editing ----------------------------------------------------------------------------

    @property
    def fact(self) -> Fact | None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        fact = self.fact
        if fact is None or self.scenario is None:
            return
        current = self.scenario.changes.get(fact.pointer, fact.value)
        choices = ", ".join(fact.choices[:12]) + (" …" if len(fact.choices) > 12 else "")
        accepts = _("accepts: {values}").format(values=choices or fact.accepts)
        self.query_one("#scenario-accepts", Static).update(plain(f"{fact.label} — {accepts}"))
        entry = self.query_one(Input)
        with entry.prevent(Input.Changed):
            entry.value = (
                inline(current) if fact.stated or fact.pointer in self.scenario.changes else ""
            )

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        """As the value is typed, the profiles move (nothing is kept until Enter)."""
        fact = self.fact
        if fact is None or not event.value.strip():
            return
        try:
            from checker.yamledit import read_value

            value = read_value(event.value)
        except EditError as error:
            self._show(
                None,
                _("`{value}` is not a value yet: {error}").format(value=event.value, error=error),
                self.seconds,
            )
            return
        self._evaluate((fact.pointer, value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.keep(event.value)
        self.query_one(DataTable).focus()

    def keep(self, text: str) -> None:
        """Make the highlighted fact `text` (a YAML value) and re-evaluate."""
        fact = self.fact
        if fact is None or self.scenario is None or not text.strip():
            return
        try:
            self.scenario.set(fact.pointer, text)
        except EditError as error:
            self.notify(safe(f"{text}: {error}"), severity="error", markup=False)
            return
        self._changed()

    def _changed(self) -> None:
        self._refill()
        self._highlighted()  # the input shows the value now kept
        self._evaluate()

    def action_cycle(self) -> None:
        fact = self.fact
        if fact is None or not fact.choices or self.scenario is None:
            return
        current = inline(self.scenario.changes.get(fact.pointer, fact.value))
        index = fact.choices.index(current) + 1 if current in fact.choices else 0
        self.keep(fact.choices[index % len(fact.choices)])

    def action_undo(self) -> None:
        if self.scenario and self.scenario.undo():
            self._changed()

    def action_redo(self) -> None:
        if self.scenario and self.scenario.redo():
            self._changed()

    def action_reset(self) -> None:
        if self.scenario:
            self.scenario.reset()
            self._changed()

    def action_save_variant(self) -> None:
        if self.scenario is None or not self.scenario.changes:
            self.notify(_("Nothing changed yet"), severity="warning")
            return
        stem = self.path.stem
        target = self.review.options.export_dir / f"{stem}-whatif.yaml"
        try:
            saved = self.scenario.save_as(target)
        except ConfigError as error:
            self.notify(safe(str(error)), title=_("Not saved"), severity="error", markup=False)
            return
        self.notify(safe(str(saved)), title=_("Variant saved"), markup=False)

    def action_save_project(self) -> None:
        if self.scenario is None or not self.scenario.changes:
            self.notify(_("Nothing changed yet"), severity="warning")
            return
        try:
            self.scenario.save()
        except ConfigError as error:
            self.notify(safe(str(error)), title=_("Not saved"), severity="error", markup=False)
            return
        self.notify(safe(str(self.path)), title=_("Project file saved"), markup=False)
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

    def export_name(self) -> str:
        return f"govcheck-whatif-{self.path.stem}"
