"""The findings of one project as a tree: areas, then rules, each with status and severity.

Owns drawing an outline (from `checker.tui.outline`) as tree nodes whose data
is the `Finding`, keeping the cursor on the same finding when the outline is
rebuilt, and moving to a given finding. Every label is a literal `Text`; a
status is always its icon and word ("? not shown" never looks like "✗ fail"),
an upcoming obligation says from when it applies, and a finding not resting on
claimed facts says what it rests on (`assumed · `).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from checker.findings import Finding, Severity
from checker.i18n import _, language
from checker.report.html_charts import area_word
from checker.report.verdicts import severity_word
from checker.tui.model import Review, review
from checker.tui.outline import AreaGroup, Identity, identity
from checker.tui.text import (
    BASIS_STYLE,
    REVIEW_ICON,
    REVIEW_SHORT,
    REVIEW_STYLE,
    SEVERITY_STYLE,
    UPCOMING_STYLE,
    basis_tag,
    safe,
)


def column_widths() -> tuple[int, int]:
    """The status and severity columns' widths in cells in the language in use (12 and 9
    in English)."""
    return _widths(language())


@lru_cache(maxsize=4)
def _widths(language: str) -> tuple[int, int]:
    """The status and severity columns' widths in cells, from the longest word of each in
    `language` (Russian's «не выполнено» and «критический» are longer than English's)."""
    del language  # the cache's key: the words below are in the language in use
    # Out of scope is a whole profile's verdict, never a line of the tree.
    states = [s for s in Review if s is not Review.OUT_OF_SCOPE]
    # As wide as the longest status: a status is never cut («⊘ допущено отступление»,
    # 23 cells in Russian, 12 in English); the rule's title gives up the room.
    status = max(cell_len(f"{REVIEW_ICON[s]} {_(REVIEW_SHORT[s])}") for s in states) + 1
    severity = max(cell_len(severity_word(level)) for level in Severity) + 1
    return status, severity


def leaf_label(finding: Finding, rule_width: int, applies_from: str = "") -> Text:
    """`✗ fail      high     EU-DP-DPIA   title` (a file problem shows its message; an
    upcoming obligation the date it applies from)."""
    state = review(finding)
    out = Text(no_wrap=True, overflow="ellipsis")
    label = f"{REVIEW_ICON[state]} {_(REVIEW_SHORT[state])}"
    # Padded by cells, not characters: ⌛ takes two cells, and the severity column must
    # start at the same place on every line.
    status_width, severity_width = column_widths()
    out.append(label + " " * (status_width - cell_len(label)), REVIEW_STYLE[state])
    said = severity_word(finding.severity)
    out.append(said + " " * (severity_width - cell_len(said)), SEVERITY_STYLE[finding.severity])
    rule = safe(finding.rule)
    rule = rule if len(rule) <= rule_width else rule[: rule_width - 1] + "…"
    out.append(rule.ljust(rule_width + 1), "bold")
    if state is Review.UPCOMING and applies_from:
        out.append(_("from {date} · ").format(date=applies_from), UPCOMING_STYLE)
    tag = basis_tag(finding)
    if tag:  # the reports' marker, shortened: the preview and the detail say it whole
        out.append(f"{tag} · ", BASIS_STYLE)
    title = finding.title if finding.profile is not None else f"{finding.title}: {finding.message}"
    out.append(safe(title))
    return out


def area_label(group: AreaGroup) -> Text:
    total = sum(len(r.findings) for r in group.rules)
    if group.upcoming:
        out = Text(_("upcoming obligations"), style=f"bold {UPCOMING_STYLE}")
        out.append(f"  {total}", style="dim")
        return out.append(_("  apply after the reference date; not counted"), style="dim")
    out = Text(safe(area_word(group.area)), style="bold")
    out.append(f"  {total}", style="dim")
    unshown = group.unshown()
    failing = group.problems() - unshown
    if failing:
        out.append(
            "  " + _("{failing} failing").format(failing=failing), style=REVIEW_STYLE[Review.FAIL]
        )
    if unshown:
        out.append(
            _("  {unshown} not shown").format(unshown=unshown), style=REVIEW_STYLE[Review.NOT_SHOWN]
        )
    return out


class FindingsTree(Tree[Finding]):
    """Areas and their rules; Enter on a rule opens its detail."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("findings", id=id)
        self.show_root = False
        self.guide_depth = 2
        self.nodes: dict[Identity, TreeNode[Finding]] = {}

    @property
    def current(self) -> Finding | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def show(
        self,
        groups: Sequence[AreaGroup],
        keep: Identity | None = None,
        rule_width: int = 30,
        applies_from: Mapping[str, str] | None = None,
    ) -> None:
        """Draw `groups`; the cursor stays on `keep` (or the first problem, or the top).
        `applies_from` gives, by rule id, the date an upcoming obligation applies from."""
        dates = applies_from or {}
        line = self.cursor_line
        self.clear()
        self.nodes = {}
        width = max((len(safe(r.rule)) for g in groups for r in g.rules), default=8)
        width = min(width, rule_width)
        for group in groups:
            branch = self.root.add(area_label(group), expand=True)
            for rule in group.rules:
                parent = branch
                if len(rule.findings) > 1:
                    label = Text(safe(rule.rule), style="bold")
                    parent = branch.add(label.append(f"  {len(rule.findings)}"), expand=True)
                for finding in rule.findings:
                    label = leaf_label(finding, width, dates.get(finding.rule, ""))
                    node = parent.add_leaf(label, data=finding)
                    self.nodes.setdefault(identity(finding), node)
        target = self.nodes.get(keep) if keep is not None else None
        if target is not None:
            self.go_to(target.data)
        elif keep is not None and self.last_line >= 0:
            self.move_cursor_to_line(max(0, min(line, self.last_line)))
        else:
            first = next((n for n in self.nodes.values() if n.data and _problem(n.data)), None)
            self.go_to(first.data if first is not None else None)

    def go_to(self, finding: Finding | None) -> bool:
        """Put the cursor on `finding`; False when it is not shown."""
        node = self.nodes.get(identity(finding)) if finding is not None else None
        if self.last_line < 0:
            return False
        if node is None:
            if finding is None:
                self.move_cursor_to_line(0)
            return False
        self.move_cursor(node)
        self.call_after_refresh(self._reveal, node)
        return True

    def _reveal(self, node: TreeNode[Finding]) -> None:
        """Near the top, keep the area heading in view rather than scrolling it away."""
        if node.line < self.scrollable_content_region.height - 1:
            self.scroll_home(animate=False)


def _problem(finding: Finding) -> bool:
    return review(finding).is_problem
