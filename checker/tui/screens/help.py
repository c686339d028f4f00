"""The help screen: every key of every screen, generated from their bindings, and a legend.

Owns listing the bindings (so the help can never drift from the keys), the
meaning of the status icons and how to read the numbers (failing, not shown,
upcoming, out of scope, the score, the basis, the reference date); nothing else.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from checker.i18n import N_, _
from checker.tui.text import legend
from checker.tui.widgets.keys_footer import KeysFooter

MOVING = [
    (N_("↑ ↓ PgUp PgDn Home End"), N_("move in a list or table; the mouse works too")),
    ("Enter", N_("open the highlighted project, finding or topic")),
    ("Tab / Shift+Tab", N_("move between the controls of a screen")),
    ("ctrl+p", N_("command palette: open or compare a project, export, rules, theme…")),
]


NUMBERS = [
    (
        "C H M L I",
        N_("failing conditions (stated failures and errors) by severity, critical to info"),
    ),
    (
        N_("not shown"),
        N_("facts the proposal does not show: questions for the sponsor, not failures"),
    ),
    (
        N_("% met"),
        N_(
            "the score of govcheck's reports: passed ÷ (passed, failed, not shown, error, "
            "waived); info-level rules, upcoming obligations and n/a left out; waived is not met"
        ),
    ),
    (
        N_("out of scope"),
        N_(
            "the profile does not cover the project's countries: said once, "
            'never "0 failing"; sorted after the scored projects'
        ),
    ),
    (
        N_("upcoming"),
        N_(
            "obligations that apply after the reference date, listed apart at the end "
            "of a project; never counted as failing"
        ),
    ),
    (
        N_("basis"),
        N_(
            "what a finding's facts rest on (docs/evidence.md), weakest first: assumed (an "
            "analyst's assumption), claimed (unmarked), evidenced (a document), verified (a "
            "reviewer checked it: b); a verification goes stale when the fact changes"
        ),
    ),
    (
        N_("as of DATE"),
        N_("the reference date in the header (govcheck tui --as-of DATE; default today)"),
    ),
    (
        "≠  ~",
        N_(
            "compare: ≠ the verdicts differ (a problem under one profile only: these decide the "
            "difference); ~ only the conditions differ"
        ),
    ),
    (
        "↓  ↑",
        N_(
            "portfolio sort: ↓ largest first (most failing, Z→A, highest score), ↑ smallest "
            "or A first; the order is also said in words"
        ),
    ),
]


def screens() -> list[tuple[str, type[object]]]:
    from checker.tui.app import GovcheckApp
    from checker.tui.screens.compare import CompareScreen
    from checker.tui.screens.detail import DetailScreen
    from checker.tui.screens.lesson import LessonScreen
    from checker.tui.screens.portfolio import PortfolioScreen
    from checker.tui.screens.project import ProjectScreen
    from checker.tui.screens.questions import QuestionsScreen
    from checker.tui.screens.rules import RulesScreen
    from checker.tui.screens.scenario import ScenarioScreen
    from checker.tui.screens.verify import VerifyScreen
    from checker.tui.screens.waive import WaiveScreen

    return [
        (_("Everywhere"), GovcheckApp),
        (_("Portfolio"), PortfolioScreen),
        (_("Project"), ProjectScreen),
        (_("Finding detail"), DetailScreen),
        (_("Questions for the sponsor"), QuestionsScreen),
        (_("Compare"), CompareScreen),
        (_("Rules"), RulesScreen),
        (_("Waive form"), WaiveScreen),
        (_("Verify form"), VerifyScreen),
        (_("What if: the scenario pane (F5 on a project)"), ScenarioScreen),
        (_("Lesson player (govcheck lesson FILE --play)"), LessonScreen),
    ]


def key_name(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    names = {"slash": "/", "question_mark": "?", "escape": "Esc", "enter": "Enter"}
    return " ".join(names.get(k.strip(), k.strip()) for k in binding.key.split(","))


def help_text() -> Text:
    out = Text()
    out.append(_("govcheck reviewer: keys\n"), style="bold underline")
    for title, owner in screens():
        out.append(f"\n{title}\n", style="bold")
        # A screen's own bindings of app-wide actions are listed too: they say what the
        # key does there ("x: swap the two sides", "e: write the listed projects").
        for item in getattr(owner, "BINDINGS", []):
            binding = item if isinstance(item, Binding) else Binding(*item)
            out.append(f"  {key_name(binding):<14}", style="bold #3b82c4")
            said = binding.tooltip or binding.description
            out.append(f"{_(said) if said else binding.action}\n")
        for keys, what in getattr(owner, "HELP_KEYS", ()):
            out.append(f"  {keys:<14}", style="bold #3b82c4").append(f"{_(what)}\n")
    out.append(_("\nMoving around\n"), style="bold")
    for keys, what in MOVING:
        out.append(f"  {_(keys):<24}", style="bold #3b82c4").append(f"{_(what)}\n")
    out.append(_("\nStatuses\n"), style="bold").append("  ").append_text(legend(meanings=True))
    out.append(_("\n\nReading the numbers\n"), style="bold")
    for label, what in NUMBERS:
        out.append(f"  {_(label):<14}", style="bold").append(f"{_(what)}\n")
    return out


class HelpScreen(Screen[None]):
    """Every key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", N_("Close"), tooltip=N_("Close the help"))
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help-pane"):
            yield Static(help_text(), id="help-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#help-pane").focus()
