"""One finding in full: the rule beside the project's file, the offending line highlighted.

Owns the rule pane (title, severity, status, why it applies to this project, what it
requires and what was found, what its facts rest on — for a fact not shown, which
facts the proposal does not show and what would settle it; for an upcoming
obligation, from when it applies — legal references, rationale, remediation, waiver)
and the source pane (the project file's text with the finding's line selected and
scrolled into view). `n`/`p` move between the project's problems without going back;
`w` waives; `b` verifies its facts against evidence; `c` compares. When the file
breaks or goes, or the rule's outcome is no longer reported, the screen says so
instead of keeping the old verdict, and `w` and `b` are off until the finding is
current again.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.widgets import Header, Label, Static

from checker.findings import Finding, ProjectResult, Status
from checker.i18n import N_, _
from checker.tui.exports import file_stem
from checker.tui.model import review
from checker.tui.outline import (
    FindingFilter,
    find,
    flatten,
    identity,
    outline,
    project_findings,
    step,
)
from checker.tui.screens.base import ReviewScreen
from checker.tui.text import (
    basis,
    facts,
    para,
    plain,
    reference,
    section,
    severity,
    status,
)
from checker.tui.widgets.keys_footer import KeysFooter
from checker.tui.widgets.source_view import SourceView


def rule_text(finding: Finding, rationale: str, uncertain: str, requirement: str = "") -> Text:
    """Everything a reviewer needs to judge the finding, as one literal Text. `requirement`
    is the rule's own (what settles a fact not shown)."""
    out = Text()
    out.append_text(para(finding.title, "bold"))
    if finding.profile is not None:
        why = finding.applies_because or _("always (the rule has no condition)")
        # A rule whose facts are not shown may not be known to apply: say when it does.
        heading = _("Why it applies to this project")
        if finding.status in (Status.NOT_SHOWN, Status.UPCOMING):
            heading = _("When it applies")
        section(heading, why, out)
    if finding.status is Status.NOT_SHOWN:
        _not_shown(finding, requirement, out)
    else:
        section(_("What it requires") if finding.profile else _("Problem"), finding.message, out)
    if finding.status is Status.UPCOMING:
        body = _("{detail}.\nShown for planning: not counted as failing, never gating.").format(
            detail=finding.detail
        )
        section(_("Not yet applicable"), body, out)
    elif finding.detail and finding.status is not Status.NOT_SHOWN:
        section(_("What was found"), finding.detail, out)
    marker = basis(finding)
    if marker is not None:
        section(_("Basis"), marker, out)
    if finding.force:
        heading = _("Law binding a party") if finding.force == "law" else _("Benchmark, not law")
        section(heading, finding.force_because, out)
    if finding.references:
        refs = Text()
        for index, ref in enumerate(finding.references):
            if index:
                refs.append("\n")
            refs.append("• ").append_text(para(f"{ref.instrument}, {ref.article}"))
            if ref.url:
                refs.append("\n  ").append_text(plain(ref.url, "underline"))
            if ref.note:
                refs.append("\n  ").append_text(para(ref.note, "italic"))
        section(_("Legal references"), refs, out)
    if rationale:
        section(_("Rationale"), rationale, out)
    if uncertain:
        section(_("Uncertain"), uncertain, out)
    if finding.remediation:
        section(_("Remediation"), finding.remediation, out)
    if finding.waiver is not None:
        note = finding.waiver
        said = (
            _("{justification}\napproved by {approved_by}, expired {expires}")
            if note.expired
            else _("{justification}\napproved by {approved_by}, until {expires}")
        )
        body = said.format(
            justification=note.justification, approved_by=note.approved_by, expires=note.expires
        )
        if note.ticket:
            body += _("\nticket: {ticket}").format(ticket=note.ticket)
        section(_("Waiver"), body, out)
    return out


def _not_shown(finding: Finding, requirement: str, out: Text) -> None:
    """The facts the proposal does not show (as the core words them), then what settles it."""
    shown = facts(finding.facts) if finding.facts else para(finding.detail)
    section(_("What the proposal does not show"), shown, out)
    settle = _("The sponsor states those facts in the proposal")
    settle += (
        _("; the rule is then met when:\n{requirement}").format(requirement=requirement)
        if requirement
        else "."
    )
    section(_("What would settle it"), settle, out)


class DetailScreen(ReviewScreen):
    """A finding's rule and the offending line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), tooltip=N_("Back to the findings")),
        Binding("n", "step(True)", N_("Next"), tooltip=N_("Next failure of this project")),
        Binding("p", "step(False)", N_("Prev"), tooltip=N_("Previous failure of this project")),
        Binding("w", "waive", N_("Waive"), tooltip=N_("Waive this finding (a form)")),
        Binding(
            "b",
            "verify",
            N_("Verify"),
            tooltip=N_("Verify this finding's facts against evidence (a form)"),
        ),
        Binding("c", "compare", N_("Compare"), tooltip=N_("This project under both profiles")),
    ]

    def __init__(self, key: str, finding: Finding, selected: FindingFilter) -> None:
        super().__init__()
        self.key = key
        self.finding = finding
        self.selected = selected
        self.gone: str | None = None
        """Why the finding shown is no longer current (None: it is)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="detail-head", classes="head1")
        with Container(id="detail-body"):
            with VerticalScroll(id="rule-pane"):
                yield Static(id="rule-text")
            with Vertical(id="source-pane"):
                yield Label(id="source-label")
                yield SourceView(id="source")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.show(self.finding)
        self.query_one(SourceView).focus()

    @property
    def source(self) -> SourceView:
        return self.query_one(SourceView)

    @property
    def highlighted_line(self) -> int:
        """The line the source pane shows selected (1-based)."""
        return self.source.highlighted_line

    def export_keys(self) -> list[str] | None:
        return [self.key]

    def export_name(self) -> str:
        return f"govcheck-{file_stem(self.finding.project)}-{file_stem(self.finding.rule)}"

    def show(self, finding: Finding) -> None:
        self.finding = finding
        rule = None
        workspace = self.review.workspace
        if workspace is not None and finding.profile is not None:
            profile = workspace.setup.profile(finding.profile)
            rule = profile.rule(finding.rule) if profile is not None else None
        rationale = rule.rule.rationale if rule is not None else ""
        uncertain = (rule.rule.uncertain or "") if rule is not None else ""
        requirement = rule.info.requirement if rule is not None else ""
        text = rule_text(finding, rationale, uncertain, requirement)
        self.query_one("#rule-text", Static).update(text)
        if workspace is not None:
            self.sub_title = reference(workspace.setup.as_of)
        self.query_one("#rule-pane", VerticalScroll).scroll_home(animate=False)
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append_text(status(review(finding), short=True)).append("  ")
        head.append_text(severity(finding.severity)).append("  ")
        head.append_text(plain(finding.rule, "bold")).append("  ")
        where = (
            _("{project} under {profile}").format(project=finding.project, profile=finding.profile)
            if finding.profile
            else _("{project} (the file itself)").format(project=finding.project)
        )
        head.append_text(plain(where))
        self.query_one("#detail-head", Static).update(head)
        self.source.show_file(Path(finding.path))
        label = plain(
            _("{path} — line {line}, column {column}").format(
                path=finding.path, line=finding.line, column=finding.column
            )
        )
        self.query_one("#source-label", Label).update(label)
        self.source.highlight(finding.line, finding.column)
        self.call_after_refresh(self.source.highlight, finding.line, finding.column)

    def refresh_view(self) -> None:
        workspace = self.review.workspace
        if workspace is None:
            return
        result = workspace.results.get(self.key)
        profile = self.finding.profile or self.review.primary
        fresh = find(project_findings(result, profile), identity(self.finding)) if result else None
        if fresh is None:
            self.lost(_why_gone(result))
            return
        self.gone = None
        self.source.reload()
        self.show(fresh)
        self.refresh_bindings()

    def lost(self, why: str) -> None:
        """The finding is no longer current: say why, drop its verdict, refuse to waive it."""
        self.gone = why
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append(_("⚠ no longer current  "), style="bold #d9342b")
        head.append_text(plain(f"{self.finding.rule}  {self.finding.project}", "bold"))
        self.query_one("#detail-head", Static).update(head)
        body = Text()
        body.append_text(para(self.finding.title, "bold"))
        section(_("No longer current"), why, body)
        self.query_one("#rule-text", Static).update(body)
        if Path(self.finding.path).is_file():
            self.source.reload()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:  # noqa: ARG002
        if action in ("waive", "verify") and self.gone is not None:
            return None  # shown disabled: there is no current finding to waive
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_step(self, forward: bool) -> None:
        workspace = self.review.workspace
        result = workspace.results.get(self.key) if workspace is not None else None
        if result is None:
            return
        findings = flatten(outline(project_findings(result, self.review.primary), self.selected))
        target = step(findings, self.finding, forward)
        if target is None:
            self.notify(_("No failures in view"), markup=False)
            return
        self.show(target)
        from checker.tui.screens.project import ProjectScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, ProjectScreen) and screen.key == self.key:
                screen.findings_tree.go_to(target)

    def action_waive(self) -> None:
        if self.gone is not None:
            return
        from checker.tui.screens.waive import open_waive_form

        open_waive_form(self, self.finding)

    def action_verify(self) -> None:
        if self.gone is not None:
            return
        from checker.tui.screens.verify import open_verify_form

        open_verify_form(self, self.key, self.finding)

    def action_compare(self) -> None:
        from checker.tui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(self.key))


def _why_gone(result: ProjectResult | None) -> str:
    if result is None:
        return _("The project file was removed (or is no longer among the paths reviewed).")
    if result.data_less():
        problems = "\n".join(f"{p.location()}: {p.message}" for p in result.problems[:3])
        return _(
            "The project file can no longer be read, so no rule was evaluated:\n{problems}"
        ).format(problems=problems)
    return _("This rule's outcome is no longer reported for the project (its profile changed).")
