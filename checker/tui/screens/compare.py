"""The same project under two profiles, side by side, the differences marked.

Owns the two profile summaries (the core's score, failing counts and facts not
shown, the problems only that profile imposes; or "out of scope", once), the
topic-by-topic table (≠ where the verdicts differ, ~ where only the conditions
do) and the note under it.
`x` swaps the sides, `o` compares with the next profile of the catalogue (every
project is checked again), `d` shows all topics or only the differences. The
comparison is the core's (`checker.compare`), via `checker.tui.topics`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Header, Static

from checker.compare import ProfileDiff, diff_profiles
from checker.findings import Finding, ProfileSummary, ProjectResult, RunResult, Status
from checker.i18n import N_, _
from checker.report.html_charts import area_word
from checker.report.verdicts import severity_word
from checker.tui.exports import Export, comparison
from checker.tui.model import ProfileScore, review
from checker.tui.screens.base import ReviewScreen
from checker.tui.text import (
    NOT_SHOWN_STYLE,
    OUT_OF_SCOPE_STYLE,
    counts,
    fit,
    out_of_scope,
    para,
    plain,
    reference,
    safe,
    score_text,
    section,
    status,
)
from checker.tui.topics import Mark, ProjectComparison, Side, TopicRow, compare_project
from checker.tui.widgets.keys_footer import KeysFooter
from checker.tui.widgets.row_table import RowTable

MARK_WORDS = {Mark.DECIDES: N_("decides"), Mark.DIFFERS: N_("differs"), Mark.SAME: N_("same")}
"""How a topic differs, in words (the value is the key)."""
MARKS = {Mark.DECIDES: ("≠", "bold #d9342b"), Mark.DIFFERS: ("~", "#d97706"), Mark.SAME: ("", "")}


def side_summary(
    summary: ProfileSummary,
    score: ProfileScore | None,
    only: Sequence[Finding],
    other: tuple[str, bool],
    wide: bool,
    *,
    room: int = 0,
) -> Text:
    """Three lines: the profile, its score and counts (or "out of scope"), and the failing
    conditions and facts not shown on topics the `other` profile (name, out of scope)
    does not ask about."""
    out = Text(no_wrap=True, overflow="ellipsis")
    out.append_text(plain(summary.id, "bold reverse")).append(" ")
    out.append_text(plain(summary.title, "bold"))
    if score is not None and score.out_of_scope:
        out.append("\n").append_text(out_of_scope())
        where = ", ".join(summary.countries) or _("other projects")
        return out.append_text(
            plain(
                _(": it covers {where}, not this project").format(where=where), OUT_OF_SCOPE_STYLE
            )
        )
    if score is None:
        out.append("\n").append(_("checking…"), style="dim")
    else:
        tail = Text(_("  failing ")).append_text(counts(score, width=1))
        if wide:
            tail.append(_("  not shown "), style=NOT_SHOWN_STYLE)
            tail.append_text(counts(score, width=1, not_shown=True))
        # The bar gives way to the counts in `room` cells (at 120 columns the not-shown
        # counts were cut off behind a full bar).
        width = 12 if wide else 6
        if room:
            width = room - 1 - score_text(score.score, width=0).cell_len - tail.cell_len
            width = min(12 if wide else 6, width) if width >= 3 else 0
        out.append("\n").append_text(score_text(score.score, width=width)).append_text(tail)
    name, outside = other
    if outside:
        return out.append("\n").append_text(
            plain(_("{name} is out of scope: nothing to weigh").format(name=name), "dim")
        )
    failing = sum(1 for f in only if f.status is not Status.NOT_SHOWN)
    unshown = len(only) - failing
    out.append("\n").append_text(plain(_("not asked by {name}: ").format(name=name), "dim"))
    out.append(
        _("{failing} failing").format(failing=failing),
        style="bold #d9342b" if failing else "dim",
    )
    return out.append(
        _(", {unshown} not shown").format(unshown=unshown),
        style=NOT_SHOWN_STYLE if unshown else "dim",
    )


def outcome(side: Side, wide: bool, outside: bool = False) -> Text:
    state = side.outcome
    if outside:
        return Text(_("∅ out of scope"), style=OUT_OF_SCOPE_STYLE)
    if state is None:
        return Text(_("— not imposed"), style="dim")
    out = status(state, short=True)
    worst = max(side.findings, key=lambda f: f.severity.rank)
    out.append(f" {severity_word(worst.severity)}", style="dim")
    if wide:
        out.append("  ").append_text(plain(", ".join(f.rule for f in side.findings)))
    return out


class CompareScreen(ReviewScreen):
    """One project, two profiles."""

    SIZED_BY_WIDTH = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), tooltip=N_("Back to the previous screen")),
        Binding("x", "app.swap_profiles", N_("Swap"), tooltip=N_("Swap the two sides")),
        Binding(
            "d",
            "differences",
            N_("All/diff"),
            tooltip=N_("Show every topic, or only the differences"),
        ),
        Binding(
            "o",
            "other",
            N_("Other"),
            tooltip=N_("Compare with the next profile of the catalogue (re-checks)"),
        ),
    ]

    HELP_KEYS: ClassVar[list[tuple[str, str]]] = [
        ("Enter", N_("Detail of the highlighted condition's finding")),
        ("↑ ↓", N_("Move between conditions; the note under the table follows")),
    ]

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.only_differences = True
        self.comparison: ProjectComparison | None = None
        self.rows: list[TopicRow] = []
        self._diffs: dict[tuple[str, str], ProfileDiff] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="compare-head", classes="head1")
        with Horizontal(id="sides"):
            yield Static(id="side-a", classes="side")
            yield Static(id="side-b", classes="side")
        yield RowTable(id="topics", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="topic-note-pane"):
            yield Static(id="topic-note")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#topics", DataTable).focus()
        self.refresh_view()

    def export_keys(self) -> list[str] | None:
        return [self.key]

    def export_name(self) -> str:
        workspace = self.review.workspace
        result = workspace.results.get(self.key) if workspace is not None else None
        name = result.project.id if result is not None else "project"
        return f"govcheck-compare-{name}-{self.review.primary}-{self.review.other}"

    def export(self) -> Export | None:
        """The comparison itself (`govcheck compare`'s Markdown and HTML of this project under
        the two profiles, waivers applied), not the project's report."""
        workspace = self.review.workspace
        result = workspace.results.get(self.key) if workspace is not None else None
        if workspace is None or result is None or self.review.other is None:
            return None
        summaries = {s.id: s for s in workspace.setup.summaries}
        shown = tuple(
            summaries[n] for n in (self.review.primary, self.review.other) if n in summaries
        )
        run = RunResult(shown, (result,), as_of=workspace.setup.as_of)
        return Export(self.export_name(), comparison(run))

    def _listing(self) -> Text:
        """Which rows the table lists, and how `d` changes it."""
        if self.only_differences:
            return Text(_("only the differences (d: all) · "), style="dim")
        return Text(_("every condition (d: only the differences) · "), style="dim")

    def _diff(self, a: str, b: str) -> ProfileDiff | None:
        workspace = self.review.workspace
        if workspace is None:
            return None
        if (a, b) not in self._diffs:
            left, right = workspace.setup.profile(a), workspace.setup.profile(b)
            if left is None or right is None:
                return None
            self._diffs[(a, b)] = diff_profiles(left, right)
        return self._diffs[(a, b)]

    def refresh_view(self) -> None:
        app = self.review
        workspace = app.workspace
        result = workspace.results.get(self.key) if workspace is not None else None
        head = self.query_one("#compare-head", Static)
        if workspace is not None and result is None:  # removed (or renamed) while open
            self.comparison, self.rows = None, []
            head.update(Text(_("This project file is no longer there."), style="bold"))
            for side in ("#side-a", "#side-b", "#topic-note"):
                self.query_one(side, Static).update(Text(""))
            self.query_one("#topics", DataTable).clear(columns=True)
            return
        if workspace is None or result is None or app.other is None:
            head.update(Text(_("Nothing to compare: start with --compare PROFILE."), style="bold"))
            return
        summaries = {s.id: s for s in workspace.setup.summaries}
        a, b = summaries.get(app.primary), summaries.get(app.other)
        diff = self._diff(app.primary, app.other)
        if a is None or b is None or diff is None:
            head.update(Text(_("Re-checking with the new profile…"), style="bold"))
            return
        self.sub_title = reference(workspace.setup.as_of)
        row = workspace.rows.get(self.key)
        if row is not None and not row.checked:
            self._unchecked(result)
            return
        self.comparison = compare_project(result, a, b, diff)
        info = result.project
        # What the table lists comes first: a long title is cut at the end of the line.
        listing = self._listing().append_text(plain(info.id, "bold")).append("  ")
        head.update(listing.append_text(plain(info.title)))
        scores = row.scores if row is not None else {}
        wide = self.wide
        room = self.size.width // 2 - 3  # a side's padding and border
        self.sub_title = reference(workspace.setup.as_of)
        comparison = self.comparison
        self.query_one("#side-b", Static).display = True
        only_b = (b.id, comparison.out_of_scope_b)
        self.query_one("#side-a", Static).update(
            side_summary(a, scores.get(a.id), comparison.only_a, only_b, wide, room=room)
        )
        only_a = (a.id, comparison.out_of_scope_a)
        self.query_one("#side-b", Static).update(
            side_summary(b, scores.get(b.id), comparison.only_b, only_a, wide, room=room)
        )
        self._table()

    def _unchecked(self, result: ProjectResult) -> None:
        """A file that could not be read as data has no verdict under any profile: say so,
        never "no conditions, failing 0", and list its problems."""
        self.comparison = None
        self.rows = []
        info = result.project
        head = plain(info.id, "bold").append(_("  (invalid file)"), style="bold #d9342b")
        self.query_one("#compare-head", Static).update(head)
        words = Text(
            _("not checked: the file could not be read; fix its problems first"), "bold #b03ab8"
        )
        self.query_one("#side-a", Static).update(words)
        # One sentence for both sides: the whole width (in half of it, it was cut).
        self.query_one("#side-b", Static).display = False
        table: DataTable[Text] = self.query_one("#topics", DataTable)
        table.clear(columns=True)
        body = Text()
        for problem in result.problems:
            body.append_text(plain(problem.location(), "dim")).append("  ")
            body.append_text(para(problem.message)).append("\n")
        self.query_one("#topic-note", Static).update(body)

    def _table(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        table: DataTable[Text] = self.query_one("#topics", DataTable)
        wide = self.wide
        current = table.cursor_row
        topic = self.rows[current].topic if 0 <= current < len(self.rows) else None
        rows = [r for r in comparison.rows if r.interesting or not self.only_differences]
        self.rows = rows
        table.clear(columns=True)
        # Outcome columns fit "? not shown critical" (and the rule ids when wide); the
        # condition's title takes the rest.
        # The parameter values that differ (EU 72 h against 24 h) are the teaching point:
        # a column of their own when any listed condition has them, not only the note.
        values = 14 if any(r.values for r in rows) else 0
        columns = 5 + (values > 0) if wide else 4 + (values > 0)
        padding = 2 * columns + 2
        width = 20
        if wide:  # as wide as fits beside a 20-cell title: at 120 columns the second
            # profile's column went past the right edge
            room = self.size.width - padding - 1 - 20 - 16 - values
            width = max(20, min(44, room // 2))
        title = max(20, self.size.width - padding - 1 - 2 * width - (16 if wide else 0) - values)
        widths = [1, title, *([values] if values else []), *([16] if wide else []), width, width]
        table.add_column(Text(""), width=1, key="mark")
        table.add_column(Text(_("Condition")), width=title, key="topic")
        if values:
            table.add_column(Text(_("Values")), width=values, key="values")
        if wide:
            table.add_column(Text(_("Area")), width=16, key="area")
        table.add_column(plain(comparison.a, "bold"), width=width, key="a")
        table.add_column(plain(comparison.b, "bold"), width=width, key="b")
        for row in rows:
            mark, style = MARKS[row.mark]
            cells = [Text(mark, style=style), plain(row.title, "bold" if mark == "≠" else "")]
            if values:
                cells.append(plain(row.values, "#d97706"))
            if wide:
                cells.append(plain(area_word(row.area), "dim"))
            cells.append(outcome(row.a, wide, comparison.out_of_scope_a))
            cells.append(outcome(row.b, wide, comparison.out_of_scope_b))
            # Cut with "…" here: the table would cut a long cell without saying so.
            table.add_row(*(fit(c, w, pad=False) for c, w in zip(cells, widths, strict=True)))
        index = next((i for i, r in enumerate(rows) if r.topic == topic), 0)
        if rows:
            table.move_cursor(row=index, animate=False)
        self._note()

    def _note(self) -> None:
        table: DataTable[Text] = self.query_one("#topics", DataTable)
        out = Text()
        comparison = self.comparison
        if comparison is not None and 0 <= table.cursor_row < len(self.rows):
            row = self.rows[table.cursor_row]
            out.append_text(plain(row.title, "bold")).append("  ")
            out.append_text(plain(_("topic {topic}").format(topic=row.topic), "dim"))
            out.append(f"  ({MARKS[row.mark][0] or '='} {_(MARK_WORDS[row.mark])})", style="dim")
            if row.notes:  # first: what the profiles ask differently is what is taught here
                section(_("How the conditions differ"), "\n".join(row.notes), out)
            sides = (
                (comparison.a, row.a, comparison.out_of_scope_a),
                (comparison.b, row.b, comparison.out_of_scope_b),
            )
            for name, side, outside in sides:
                body = Text()
                for finding in side.findings:
                    if body:
                        body.append("\n")
                    body.append_text(status(review(finding), short=True)).append(" ")
                    body.append_text(para(f"{finding.rule}: {finding.message}"))
                if not side.findings:
                    body = out_of_scope() if outside else Text(_("not imposed"))
                section(_("Under {name}").format(name=name), body, out)
        elif comparison is not None and not self.rows:
            out.append(
                _("No condition differs between {a} and {b} here").format(
                    a=comparison.a, b=comparison.b
                )
            )
            out.append(_(" (d lists every condition)."), style="dim")
        self.query_one("#topic-note", Static).update(out)

    @on(DataTable.RowHighlighted, "#topics")
    def _highlighted(self) -> None:
        self._note()

    @on(DataTable.RowSelected, "#topics")
    def _selected(self, event: DataTable.RowSelected) -> None:
        from checker.tui.outline import FindingFilter
        from checker.tui.screens.detail import DetailScreen

        if 0 <= event.cursor_row < len(self.rows):
            row = self.rows[event.cursor_row]
            findings = row.a.findings or row.b.findings
            if findings:
                self.app.push_screen(DetailScreen(self.key, findings[0], FindingFilter()))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_differences(self) -> None:
        self.only_differences = not self.only_differences
        self.refresh_view()

    def action_other(self) -> None:
        app = self.review
        if app.workspace is None:
            return
        names = [n for n in sorted(app.workspace.setup.catalogue.profiles) if n != app.primary]
        current = names.index(app.other) if app.other in names else -1
        chosen = names[(current + 1) % len(names)]
        self.notify(
            safe(_("Comparing with {chosen}: checking every project…").format(chosen=chosen)),
            markup=False,
        )
        app.use_other_profile(chosen)
