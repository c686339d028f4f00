"""One project's findings under the primary profile, grouped by area then rule.

Owns the project header (title, profile, score, failing counts), the filter
bar, the findings tree with `n`/`p` between failures, and a preview of the
highlighted finding on wide terminals. Enter opens the detail screen, `w`
waives, `c` compares; the view keeps its place when results are re-checked.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Input, Static, Tree

from checker.findings import Finding, ProjectResult
from checker.tui.exports import file_stem
from checker.tui.model import review
from checker.tui.outline import (
    FindingFilter,
    areas,
    flatten,
    identity,
    outline,
    project_findings,
    step,
)
from checker.tui.screens.base import ReviewScreen
from checker.tui.text import bar, counts, para, plain, section, severity, status
from checker.tui.widgets.filter_bar import FilterBar
from checker.tui.widgets.findings_tree import FindingsTree


def project_head(result: ProjectResult | None, profile: str) -> Text:
    """The project's id and title, then the profile its findings are shown under."""
    if result is None:
        return Text("This project file is no longer there.\n", style="bold")
    info = result.project
    head = plain(info.id, "bold").append("  ").append_text(plain(info.title))
    if not info.valid:
        head.append("  (invalid file)", style="bold #d9342b")
    head.append("\nunder ")
    return head.append_text(plain(profile, "bold")).append("  ")


class ProjectScreen(ReviewScreen):
    """Findings of one project."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the portfolio"),
        Binding("n", "step(True)", "Next", tooltip="Next failure (fail, error or expired waiver)"),
        Binding("p", "step(False)", "Prev", tooltip="Previous failure"),
        Binding("w", "waive", "Waive", tooltip="Waive the highlighted failure (a form)"),
        Binding("c", "compare", "Compare", tooltip="This project under both profiles"),
        Binding(
            "k",
            "questions",
            "Ask",
            tooltip="Questions for the sponsor: the facts this proposal does not show",
        ),
        Binding("e", "app.export", "Export", tooltip="Write this project as Markdown and HTML"),
        Binding(
            "slash",
            "search",
            "Search",
            key_display="/",
            tooltip="Search rule, title, message, pointer, references",
        ),
        Binding("f", "cycle('#status')", "Status", show=False, tooltip="Cycle the status filter"),
        Binding(
            "v", "cycle('#severity')", "Severity", show=False, tooltip="Cycle the minimum severity"
        ),
        Binding("a", "cycle('#area')", "Area", show=False, tooltip="Cycle the area filter"),
        Binding("0", "reset", "Reset", show=False, tooltip="Reset every filter and the search"),
    ]

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.selected = FindingFilter()
        self.findings: list[Finding] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="project-head", classes="head")
        yield FilterBar(id="filters")
        with Horizontal(id="project-body"):
            yield FindingsTree(id="findings")
            with VerticalScroll(id="preview-pane"):
                yield Static(id="preview")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(FindingsTree).focus()
        self.refresh_view()

    @property
    def result(self) -> ProjectResult | None:
        workspace = self.review.workspace
        return workspace.results.get(self.key) if workspace is not None else None

    @property
    def findings_tree(self) -> FindingsTree:
        return self.query_one(FindingsTree)

    def export_keys(self) -> list[str] | None:
        return [self.key]

    def export_name(self) -> str:
        result = self.result
        return f"govcheck-{file_stem(result.project.id if result else 'project')}"

    def refresh_view(self) -> None:
        result = self.result
        app = self.review
        self.query_one("#project-head", Static).update(self._head(result))
        everything = project_findings(result, app.primary) if result is not None else []
        self.query_one(FilterBar).set_areas(areas(everything))
        current = self.findings_tree.current
        groups = outline(everything, self.selected)
        self.findings = flatten(groups)
        self.findings_tree.show(
            groups,
            identity(current) if current is not None else None,
            rule_width=30 if self.wide else 20,
        )
        self._preview()

    def _head(self, result: ProjectResult | None) -> Text:
        head = project_head(result, self.review.primary)
        workspace = self.review.workspace
        row = workspace.rows.get(self.key) if workspace is not None else None
        score = row.scores.get(self.review.primary) if row is not None else None
        if row is not None and not row.checked:
            head.append("not checked: fix the file's problems first", style="bold #b03ab8")
        else:
            head.append("failing ").append_text(counts(score, width=1)).append("  ")
            head.append_text(bar(score.score if score else None, width=10))
        if self.review.other:
            head.append("   x: show ", style="dim").append_text(plain(self.review.other, "dim"))
        if self.selected.active:
            head.append(f"   {len(self.findings)} shown (filtered)", style="dim")
        return head

    def _preview(self) -> None:
        finding = self.findings_tree.current
        out = Text()
        if finding is not None:
            out.append_text(status(review(finding))).append("  ")
            out.append_text(severity(finding.severity)).append("  ")
            out.append_text(plain(finding.rule, "bold"))
            out.append("\n").append_text(para(finding.title, "bold"))
            out.append("\n").append_text(plain(finding.location(), "dim"))
            section("Requires", finding.message, out)
            if finding.detail:
                section("Found", finding.detail, out)
            if finding.waiver is not None:
                note = finding.waiver
                section(
                    "Waiver",
                    f"{note.justification} — {note.approved_by}, until {note.expires}",
                    out,
                )
        self.query_one("#preview", Static).update(out)

    # --- events and actions ---------------------------------------------------------------------

    @on(FilterBar.Changed)
    def _filtered(self, event: FilterBar.Changed) -> None:
        self.selected = event.selected
        self.refresh_view()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.findings_tree.focus()

    @on(Tree.NodeHighlighted, "#findings")
    def _highlighted(self) -> None:
        self._preview()

    @on(Tree.NodeSelected, "#findings")
    def _selected(self, event: Tree.NodeSelected[Finding]) -> None:
        if event.node.data is not None:
            self.open_detail(event.node.data)

    def open_detail(self, finding: Finding) -> None:
        from checker.tui.screens.detail import DetailScreen

        self.app.push_screen(DetailScreen(self.key, finding, self.selected))

    def action_back(self) -> None:
        if self.focused is self.query_one("#search", Input):
            self.findings_tree.focus()
            return
        self.app.pop_screen()

    def action_step(self, forward: bool) -> None:
        target = step(self.findings, self.findings_tree.current, forward)
        if target is None:
            self.notify("No failures in view", markup=False)
            return
        self.findings_tree.go_to(target)
        self.findings_tree.focus()

    def action_cycle(self, selector: str) -> None:
        self.query_one(FilterBar).cycle(selector)

    def action_reset(self) -> None:
        self.query_one(FilterBar).reset()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_waive(self) -> None:
        from checker.tui.screens.waive import open_waive_form

        open_waive_form(self, self.findings_tree.current)

    def action_compare(self) -> None:
        from checker.tui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(self.key))

    def action_questions(self) -> None:
        from checker.tui.screens.questions import QuestionsScreen

        self.app.push_screen(QuestionsScreen(self.key))
