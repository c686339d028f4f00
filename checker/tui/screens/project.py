"""One project's findings under the primary profile, grouped by area then rule.

Owns the project header (title, profile, the core's score, failing counts and facts
not shown, upcoming obligations; or "out of scope", once), the filter bar, the
findings tree with `n`/`p` between problems, and a preview of the highlighted
finding on wide terminals (with what its facts rest on). Enter opens the detail
screen, `w` waives, `b` verifies its facts, `c` compares; the view keeps its place
when results are re-checked.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Input, Static, Tree

from checker.findings import Finding, ProjectResult
from checker.i18n import N_, _
from checker.tui.exports import file_stem
from checker.tui.model import ProfileScore, Review, review
from checker.tui.outline import (
    FindingFilter,
    applies_from,
    areas,
    flatten,
    identity,
    outline,
    project_findings,
    step,
)
from checker.tui.screens.base import ReviewScreen
from checker.tui.text import (
    NOT_SHOWN_STYLE,
    OUT_OF_SCOPE_STYLE,
    REVIEW_STYLE,
    UPCOMING_STYLE,
    basis,
    counts,
    facts,
    out_of_scope,
    para,
    plain,
    reference,
    score_text,
    section,
    severity,
    status,
)
from checker.tui.widgets.filter_bar import FilterBar
from checker.tui.widgets.findings_tree import FindingsTree
from checker.tui.widgets.keys_footer import KeysFooter


def project_head(result: ProjectResult | None, profile: str) -> Text:
    """The project's id and title, then the profile its findings are shown under."""
    if result is None:
        return Text(_("This project file is no longer there.\n"), style="bold")
    info = result.project
    head = plain(info.id, "bold").append("  ").append_text(plain(info.title))
    if not info.valid:
        head.append(_("  (invalid file)"), style="bold #d9342b")
    head.append(_("\nunder "))
    return head.append_text(plain(profile, "bold")).append("  ")


class ProjectScreen(ReviewScreen):
    """Findings of one project."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), tooltip=N_("Back to the portfolio")),
        Binding(
            "n",
            "step(True)",
            N_("Next"),
            tooltip=N_("Next problem (fail, not shown, error or expired waiver)"),
        ),
        Binding("p", "step(False)", N_("Prev"), tooltip=N_("Previous problem")),
        Binding("w", "waive", N_("Waive"), tooltip=N_("Waive the highlighted failure (a form)")),
        Binding("c", "compare", N_("Compare"), tooltip=N_("This project under both profiles")),
        Binding(
            "b",
            "verify",
            N_("Verify"),
            show=False,
            tooltip=N_("Verify the highlighted finding's facts against their evidence (a form)"),
        ),
        Binding(
            "k",
            "questions",
            N_("Ask"),
            tooltip=N_("Questions for the sponsor: the facts this proposal does not show"),
        ),
        Binding(
            "e", "app.export", N_("Export"), tooltip=N_("Write this project as Markdown and HTML")
        ),
        Binding(
            "slash",
            "search",
            N_("Search"),
            key_display="/",
            tooltip=N_("Search rule, title, message, pointer, references"),
        ),
        Binding(
            "f", "cycle('#status')", N_("Status"), show=False, tooltip=N_("Cycle the status filter")
        ),
        Binding(
            "v",
            "cycle('#severity')",
            N_("Severity"),
            show=False,
            tooltip=N_("Cycle the minimum severity"),
        ),
        Binding("a", "cycle('#area')", N_("Area"), show=False, tooltip=N_("Cycle the area filter")),
        Binding(
            "0", "reset", N_("Reset"), show=False, tooltip=N_("Reset every filter and the search")
        ),
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
        yield KeysFooter()

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
        if app.workspace is not None:
            self.sub_title = reference(app.workspace.setup.as_of)
        everything = project_findings(result, app.primary) if result is not None else []
        self.query_one(FilterBar).set_areas(areas(everything))
        current = self.findings_tree.current
        groups = outline(everything, self.selected)
        self.findings = flatten(groups)
        # After the outline: the header counts the findings the filter shows.
        self.query_one("#project-head", Static).update(self._head(result))
        self.findings_tree.show(
            groups,
            identity(current) if current is not None else None,
            rule_width=30 if self.wide else 20,
            applies_from=applies_from(result, app.primary),
        )
        self._preview()

    def _head(self, result: ProjectResult | None) -> Text:
        head = project_head(result, self.review.primary)
        workspace = self.review.workspace
        row = workspace.rows.get(self.key) if workspace is not None else None
        score = row.scores.get(self.review.primary) if row is not None else None
        if row is not None and not row.checked:
            head.append(_("not checked: fix the file's problems first"), style="bold #b03ab8")
        elif score is not None and score.out_of_scope:
            head.append_text(out_of_scope())
            where = ", ".join(self._covers()) or _("other projects")
            head.append(
                _(": the profile covers {where}, not this project").format(where=where),
                OUT_OF_SCOPE_STYLE,
            )
        elif score is not None:
            head.append_text(self._tally(score, unshown=False)).append("  ")
            head.append_text(self._tally(score, unshown=True))
            if score.upcoming:
                said = _("{upcoming} upcoming").format(upcoming=score.upcoming)
                head.append(f"  {said}", style=UPCOMING_STYLE)
            head.append("  ").append_text(score_text(score.score, width=self._bar(head, score)))
        # What the filter shows before the key hint: the line is cut at the right edge
        # (at 120 columns, with a waived share, "81 shown (filtered)" read "81…").
        if self.selected.active:
            head.append(self._filtered_words(), style="dim")
        if self.review.other:
            head.append(_("   x: show "), style="dim").append_text(plain(self.review.other, "dim"))
        return head

    def _filtered_words(self) -> str:
        return _("   {count} shown (filtered)").format(count=len(self.findings))

    def _bar(self, head: Text, score: ProfileScore) -> int:
        """The score bar's width: it gives way to the counts and to what the filter shows."""
        line = head.plain.rsplit("\n", 1)[-1]
        after = score_text(score.score, width=0).cell_len + 1
        if self.selected.active:
            after += cell_len(self._filtered_words())
        room = self.size.width - 2 - cell_len(line) - 2 - after
        width = min(10 if self.wide else 6, room)
        return width if width >= 3 else 0

    def _tally(self, score: ProfileScore, unshown: bool) -> Text:
        """`4 failing` or `36 not shown` (wide: then the counts by severity, critical first)."""
        total = score.unshown if unshown else score.total
        style = (NOT_SHOWN_STYLE if unshown else REVIEW_STYLE[Review.FAIL]) if total else "dim"
        words = _("{count} not shown") if unshown else _("{count} failing")
        out = Text(words.format(count=total), style=style)
        if self.wide and total:
            out.append(" (").append_text(counts(score, width=1, not_shown=unshown)).append(")")
        return out

    def _covers(self) -> tuple[str, ...]:
        workspace = self.review.workspace
        summaries = workspace.setup.summaries if workspace is not None else ()
        return next((s.countries for s in summaries if s.id == self.review.primary), ())

    def _preview(self) -> None:
        finding = self.findings_tree.current
        out = Text()
        if finding is not None:
            out.append_text(status(review(finding))).append("  ")
            out.append_text(severity(finding.severity)).append("  ")
            out.append_text(plain(finding.rule, "bold"))
            out.append("\n").append_text(para(finding.title, "bold"))
            out.append("\n").append_text(plain(finding.location(), "dim"))
            section(_("Requires"), finding.message, out)
            if finding.facts:
                section(_("Not shown in the proposal"), facts(finding.facts), out)
            elif finding.detail:
                section(_("Found"), finding.detail, out)
            marker = basis(finding)
            if marker is not None:
                section(_("Basis"), marker, out)
            if finding.waiver is not None:
                note = finding.waiver
                section(
                    _("Waiver"),
                    _("{justification} — {approved_by}, until {expires}").format(
                        justification=note.justification,
                        approved_by=note.approved_by,
                        expires=note.expires,
                    ),
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
            self.notify(_("No failures in view"), markup=False)
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

    def action_verify(self) -> None:
        from checker.tui.screens.verify import open_verify_form

        open_verify_form(self, self.key, self.findings_tree.current)

    def action_compare(self) -> None:
        from checker.tui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(self.key))

    def action_questions(self) -> None:
        from checker.tui.screens.questions import QuestionsScreen

        self.app.push_screen(QuestionsScreen(self.key))
