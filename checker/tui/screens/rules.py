"""Browse and search every rule of a profile, each in full with its pass/fail examples.

Owns the profile choice, the search over rule id, title, area, topic,
requirement and references, the rules table and the description beside it
(the same plain text as `govcheck rules show`, from `describe_rule`).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, VerticalScroll
from textual.widgets import DataTable, Header, Input, Select, Static

from checker.cli.rules_cmd import describe_rule
from checker.config import ConfigError
from checker.i18n import N_, _, ngettext
from checker.profiles import ResolvedProfile, ResolvedRule, resolve_profile
from checker.tui.exports import Export
from checker.tui.screens.base import ReviewScreen
from checker.tui.text import para, plain, safe, severity
from checker.tui.widgets.findings_tree import column_widths
from checker.tui.widgets.keys_footer import KeysFooter
from checker.tui.widgets.row_table import RowTable


def rules_markdown(profile: str, rules: list[ResolvedRule], search: str) -> str:
    """The rules listed, each in full as `govcheck rules show` prints it, as Markdown."""
    out = [_("# Rules of profile `{profile}`").format(profile=profile), ""]
    if search:
        out += [
            _("Rules matching “{search}”: {count}.").format(search=search, count=len(rules)),
            "",
        ]
    for rule in rules:
        out += [f"## {rule.info.id}", "", "~~~~text", describe_rule(rule).rstrip("\n"), "~~~~", ""]
    return "\n".join(out)


def rule_matches(rule: ResolvedRule, needle: str) -> bool:
    info = rule.info
    fields = (info.id, info.title, info.area, info.topic, info.requirement, info.applies_when)
    refs = (r.short() for r in info.references)
    return any(needle in value.casefold() for value in (*fields, *refs))


class RulesScreen(ReviewScreen):
    """Every rule of one profile."""

    SIZED_BY_WIDTH = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), tooltip=N_("Back to the previous screen")),
        Binding(
            "slash",
            "search",
            N_("Search"),
            key_display="/",
            tooltip=N_("Search id, title, area, topic, requirement, references"),
        ),
        Binding("e", "app.export", N_("Export"), tooltip=N_("Write the rules listed as Markdown")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.profile: ResolvedProfile | None = None
        self.shown: list[ResolvedRule] = []
        self._resolved: dict[str, ResolvedProfile] = {}

    def compose(self) -> ComposeResult:
        workspace = self.review.workspace
        names = sorted(workspace.setup.catalogue.profiles) if workspace else []
        yield Header()
        with Horizontal(classes="bar", id="rules-bar"):
            yield Select(
                [(Text(safe(n)), n) for n in names],
                value=self.review.primary if self.review.primary in names else Select.NULL,
                allow_blank=False,
                id="rules-profile",
                compact=True,
            )
            yield Input(placeholder=_("/ search rules"), id="rules-search", compact=True)
        with Container(id="rules-body"):
            yield RowTable(id="rules", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="rule-desc-pane"):
                yield Static(id="rule-desc")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#rules", DataTable).focus()
        self._load(self.review.primary)

    def refresh_view(self) -> None:
        """Rulesets may have changed on disk: resolve the profile again."""
        if self.profile is not None:
            self._resolved.clear()
            self._load(self.profile.id)

    def export_name(self) -> str:
        return f"govcheck-rules-{self.profile.id if self.profile is not None else 'none'}"

    def export(self) -> Export | None:
        """The rules listed (after the search), not the portfolio."""
        if self.profile is None:
            return None
        name, rules = self.profile.id, list(self.shown)
        search = self.query_one("#rules-search", Input).value.strip()
        return Export(self.export_name(), lambda: {".md": rules_markdown(name, rules, search)})

    def _load(self, name: str) -> None:
        workspace = self.review.workspace
        if workspace is None:
            return
        if name not in self._resolved:
            found = workspace.setup.profile(name)
            try:
                found = found or resolve_profile(workspace.setup.catalogue, name)
            except ConfigError as error:
                self.notify(safe(error), severity="error", markup=False)
                return
            self._resolved[name] = found
        self.profile = self._resolved[name]
        self._table()

    def _table(self) -> None:
        table: DataTable[Text] = self.query_one("#rules", DataTable)
        needle = self.query_one("#rules-search", Input).value.strip().casefold()
        rules = self.profile.rules if self.profile is not None else ()
        self.shown = [r for r in rules if not needle or rule_matches(r, needle)]
        table.clear(columns=True)
        table.add_column(Text(_("Rule")), width=26, key="id")
        # As wide as the language's longest severity («критический» was cut to «критичес»)
        sev = column_widths()[1] - 1  # the findings tree's, without its spacing cell
        table.add_column(Text(_("Severity")), width=sev, key="severity")
        span = self.size.width // 2 if self.wide else self.size.width
        # The area gives way to the title where both do not fit (at 120 columns, beside
        # the rule's text, the title was cut to four letters); the text beside says it.
        with_area = span - 26 - sev - 15 - 10 >= 20
        if with_area:
            table.add_column(Text(_("Area")), width=15, key="area")
        title = span - 26 - sev - (15 + 10 if with_area else 8)
        table.add_column(Text(_("Title")), width=max(20, title), key="title")
        for rule in self.shown:
            info = rule.info
            cells = [plain(info.id, "bold"), severity(info.severity)]
            if with_area:
                cells.append(plain(info.area))
            table.add_row(*cells, plain(info.title))
        self._describe()

    def _describe(self) -> None:
        table: DataTable[Text] = self.query_one("#rules", DataTable)
        text = Text()
        if 0 <= table.cursor_row < len(self.shown):
            text = para(describe_rule(self.shown[table.cursor_row]))
        else:
            count = len(self.shown)
            text = Text(ngettext("{n} rule", "{n} rules", count).format(n=count), style="dim")
        self.query_one("#rule-desc", Static).update(text)
        self.query_one("#rule-desc-pane", VerticalScroll).scroll_home(animate=False)

    @on(DataTable.RowHighlighted, "#rules")
    def _highlighted(self) -> None:
        self._describe()

    @on(DataTable.RowSelected, "#rules")
    def _selected(self) -> None:
        self.query_one("#rule-desc-pane", VerticalScroll).focus()

    @on(Select.Changed, "#rules-profile")
    def _profile(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._load(event.value)

    @on(Input.Changed, "#rules-search")
    def _search(self) -> None:
        self._table()

    @on(Input.Submitted, "#rules-search")
    def _search_done(self) -> None:
        self.query_one("#rules", DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#rules-search", Input).focus()

    def action_back(self) -> None:
        if self.focused is self.query_one("#rules-search", Input):
            self.query_one("#rules", DataTable).focus()
            return
        self.app.pop_screen()
