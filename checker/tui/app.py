"""The reviewer TUI application: global keys, workers, live reload, export, themes.

Owns the app-wide state (the workspace of results, which two profiles are
shown and in which order), the workers that load rulesets, check, re-check on
change and write exports (all `@work(thread=True)`, posting messages back),
and the keys and command-palette entries that work on every screen. Refuses
parsing and rule logic (the core's) and screen layout (the screens').
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen
from textual.worker import get_current_worker

from checker.checking import Target
from checker.config import ConfigProblem
from checker.findings import StaleWaiver
from checker.i18n import N_, _, ngettext, use_language
from checker.tui.background import Background, out_of_the_collectors_way
from checker.tui.commands import ProjectCommands
from checker.tui.exports import Export, write
from checker.tui.language import next_language, word, word_classes
from checker.tui.messages import CheckProgress, Exported, Results, SetupFailed
from checker.tui.screens.base import ReviewScreen
from checker.tui.screens.portfolio import PortfolioScreen
from checker.tui.text import reference, safe, safe_lines
from checker.tui.workspace import Checked, Item, Options, Setup, Workspace

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.profiles import Catalogue

LIGHT, DARK = "textual-light", "textual-dark"


TEXTUAL_COMMANDS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
"""Textual's own palette commands, in the catalog so that they are said in the session's
language (a Russian session listed them in English)."""


class GovcheckApp(App[int]):
    """Review a portfolio of project descriptions against two profiles."""

    CSS_PATH = "app.tcss"
    TITLE = "govcheck"
    SUB_TITLE = "reviewer"
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (120, "-wide"),
    ]
    COMMANDS = App.COMMANDS | {ProjectCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", N_("Quit"), tooltip=N_("Quit govcheck")),
        Binding(
            "question_mark,f1",
            "help",
            N_("Help"),
            key_display="?",
            tooltip=N_("Every key of every screen"),
        ),
        Binding(
            "x",
            "swap_profiles",
            N_("Swap"),
            tooltip=N_("Swap the two profiles: show the other one first"),
            show=False,
        ),
        Binding(
            "r",
            "rules",
            N_("Rules"),
            tooltip=N_("Browse and search the rules of a profile"),
            show=False,
        ),
        Binding(
            "e",
            "export",
            N_("Export"),
            tooltip=N_("Write this view as a Markdown and an HTML report"),
            show=False,
        ),
        Binding(
            "ctrl+s",
            "save_svg",
            N_("SVG"),
            show=False,
            tooltip=N_("Save this screen as an SVG screenshot"),
        ),
        Binding(
            "t",
            "toggle_theme",
            N_("Theme"),
            show=False,
            tooltip=N_("Toggle the light and dark theme"),
        ),
        Binding(
            "ctrl+r",
            "recheck",
            N_("Re-check"),
            show=False,
            tooltip=N_("Check every project again now"),
        ),
        Binding(
            "ctrl+l",
            "switch_language",
            N_("Language"),
            show=False,
            tooltip=N_("Switch the language (English, Russian); the screens start afresh"),
        ),
        Binding(
            "f5",
            "scenario",
            N_("What if"),
            show=False,
            tooltip=N_("Change this project's facts and watch"),
        ),
    ]

    def __init__(
        self,
        options: Options,
        *,
        catalogue: Catalogue | None = None,
        poll_seconds: float = 1.0,
        lesson: Path | None = None,
    ) -> None:
        super().__init__()
        self.lesson = lesson
        self.options = options
        self.workspace: Workspace | None = None
        self.problems: list[ConfigProblem] = []
        names = list(dict.fromkeys(options.profiles))
        self.primary: str = names[0] if names else "eu"
        self.other: str | None = names[1] if len(names) > 1 else None
        self.background = Background(options, self.post_message, catalogue)
        self._poll_seconds = poll_seconds
        self._watching = False
        self._stale_seen: set[StaleWaiver] = set()
        self._stale_verifications: set[tuple[str, str, str]] = set()
        self._painted = 0.0
        self.loading = True
        """A full check is under way: the screens show its progress beside the rows."""
        self.theme = DARK

    # --- checking and live reload (the work itself is in `background`) ----------------------

    def on_mount(self) -> None:
        self._word()
        self.push_screen(PortfolioScreen())
        self.check_everything()
        if self.lesson is not None:
            self.play_lesson(self.lesson)

    @work(thread=True, exclusive=True, group="check")
    def check_everything(self, profiles: tuple[str, ...] | None = None) -> None:
        """Load rulesets and waivers (or switch profiles), then check every file."""
        worker = get_current_worker()
        self.background.check_everything(profiles, lambda: worker.is_cancelled)

    @work(thread=True, group="catalogue")
    def preload_catalogue(self) -> None:
        self.background.preload_catalogue()

    @work(thread=True, exclusive=True, group="watch")
    def watch_files(self) -> None:
        """Live reload: look for changed files every `poll_seconds` until the app closes."""
        worker = get_current_worker()
        self.background.watch(self._poll_seconds, lambda: worker.is_cancelled)

    @work(thread=True, group="waivers")
    def reload_waivers(self) -> None:
        self.background.reload_waivers()

    def waivers_written(self) -> None:
        """The waive form wrote the file: re-read it now rather than at the next look."""
        self.reload_waivers()

    @work(thread=True, group="waivers")
    def reverify(self, targets: list[Target]) -> None:
        self.background.reverify(targets)

    def verifications_written(self, key: str) -> None:
        """The verify form wrote the record: re-read it and check that project again now."""
        workspace = self.workspace
        targets = [t for t in workspace.targets if t.display == key] if workspace else []
        if targets:
            self.reverify(targets)
        else:
            self.reload_waivers()

    def _report_stale_verifications(self, items: Sequence[Item]) -> None:
        """Say so the moment a verification goes stale (the fact or its evidence changed)."""
        for item in items:
            if not isinstance(item, Checked):
                continue  # listed from its summary: not re-checked
            for problem in item.raw.problems:
                if problem.rule != "review.stale":
                    continue
                seen = (problem.path, problem.pointer, problem.message)
                if seen in self._stale_verifications:
                    continue
                self._stale_verifications.add(seen)
                self.notify(
                    safe(f"{problem.location()}: {problem.message}"),
                    title=_("Verification stale"),
                    severity="warning",
                    timeout=10,
                    markup=False,
                )

    def on_check_progress(self, message: CheckProgress) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.show_progress(message.done, message.total, message.label)

    def on_results(self, message: Results) -> None:
        if (message.complete and message.first) or self.workspace is None:
            self.workspace = Workspace(self.options, message.setup)
            self._names(message.setup)
        workspace = self.workspace
        workspace.setup = message.setup
        self._subtitle()
        workspace.forget(message.removed)
        workspace.store(message.items)
        if not message.complete:  # a re-check: what went stale since is news
            self._report_stale_verifications(message.items)
        if message.waivers_changed and not message.complete:
            workspace.reapply_waivers()
        self.loading = message.partial
        if message.partial:  # rows as they are checked; the screens at most 4 times a second
            now = time.monotonic()
            # Each repaint sorts every row listed so far: a large portfolio repaints less
            # often (once a second at 10,000 rows), so that loading is not spent sorting.
            interval = max(0.25, len(workspace.rows) / 10_000)
            if message.first or now - self._painted >= interval:
                self._painted = now
                workspace.mark_duplicates()
                self.refresh_views()
            return
        workspace.reorder(message.targets)
        workspace.mark_duplicates()
        self.refresh_views()
        if message.complete:
            self.call_after_refresh(self.preload_catalogue)
        out_of_the_collectors_way()
        if message.reason:
            self.notify(message.reason, title=_("Live reload"), markup=False)
        self._report_stale(workspace.stale_waivers(whole=message.complete))
        if not self._watching and self._poll_seconds > 0:
            self._watching = True
            self.watch_files()

    def _report_stale(self, stale: tuple[StaleWaiver, ...]) -> None:
        """Say so the moment a waiver stops being needed, or a verification names a
        project no longer there (each one once)."""
        new = [s for s in stale if s not in self._stale_seen]
        self._stale_seen.update(new)
        if new:
            lines = [f"{s.path}:{s.line}: {s.what}" for s in new[:5]]
            more = _("\n… and {value} more").format(value=len(new) - 5) if len(new) > 5 else ""
            title = (
                _("{count} stale waiver(s)")
                if all(s.kind == "waiver" for s in new)
                else ngettext(
                    "{count} stale entry of the review record",
                    "{count} stale entries of the review record",
                    len(new),
                )
            ).format(count=len(new))
            text = "\n".join(safe(line) for line in lines) + more
            self.notify(text, title=title, severity="warning", timeout=10, markup=False)

    def _names(self, setup: Setup) -> None:
        """Profiles given as files are known by their ids once resolved."""
        ids = [p.id for p in setup.profiles]
        if self.primary not in ids and ids:
            self.primary = ids[0]
        if self.other is not None and self.other not in ids:
            self.other = next((i for i in ids if i != self.primary), None)

    def on_setup_failed(self, message: SetupFailed) -> None:
        if message.fatal:
            self.problems = message.problems
            self.exit(return_code=2)
            return
        text = "\n".join(safe(p) for p in message.problems[:5])
        self.notify(text, title=_("Not reloaded"), severity="error", timeout=10, markup=False)

    def refresh_views(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.refresh_view()

    def on_unmount(self) -> None:
        gc.unfreeze()  # what `out_of_the_collectors_way` froze goes back to the collector

    # --- actions -------------------------------------------------------------------------------

    @property
    def review_screen(self) -> ReviewScreen | None:
        screen = self.screen
        return screen if isinstance(screen, ReviewScreen) else None

    def action_command_palette(self) -> None:
        """Textual's palette, its prompt in the session's language."""
        if self.use_command_palette and not any(
            isinstance(s, CommandPalette) for s in self.screen_stack
        ):
            prompt = _("Search for commands…")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=prompt))

    def action_help_quit(self) -> None:
        """ctrl+c outside a text field: say how to quit, in the reviewer's language
        (Textual's own notice is English: "Do you want to quit? Press ctrl+q…")."""
        keys = [
            key
            for key, active in self.active_bindings.items()
            if active.binding.action in ("quit", "app.quit")
        ]
        if keys:
            self.notify(
                _("Press {key} to quit govcheck").format(key=min(keys, key=len)),
                title=_("Do you want to quit?"),
                markup=False,
            )

    def action_swap_profiles(self) -> None:
        if self.other is None:
            self.notify(_("Only one profile: start with --compare PROFILE"), severity="warning")
            return
        self.primary, self.other = self.other, self.primary
        self.refresh_views()
        self.notify(
            safe(
                _("Showing {primary} (compared with {other})").format(
                    primary=self.primary, other=self.other
                )
            ),
            markup=False,
        )

    def use_other_profile(self, name: str) -> None:
        """Compare with another profile: every project is checked again, with progress."""
        if self.workspace is None or name == self.other:
            return
        self.other = name
        self.check_everything((self.primary, name))

    @property
    def checking(self) -> bool:
        """A full check is running (the first one, ctrl+r, or another profile's)."""
        return any(w.group == "check" and not w.is_finished for w in self.workers)

    def action_recheck(self) -> None:
        if self.checking:  # never restart a running check behind the reviewer's back
            self.notify(_("Already checking: wait for it to finish"), markup=False, timeout=3)
            return
        self.notify(_("Checking every project again…"), markup=False, timeout=2)
        self.check_everything(self.workspace.profile_ids() if self.workspace else None)

    def action_rules(self) -> None:
        from checker.tui.screens.rules import RulesScreen

        if self.workspace is not None and not isinstance(self.screen, RulesScreen):
            self.push_screen(RulesScreen())

    def action_scenario(self) -> None:
        """The scenario pane (checker/tui/screens/scenario.py) for the project in view."""
        from checker.tui.screens.scenario import ScenarioScreen

        screen = self.review_screen
        key = screen.project_key() if screen is not None else None
        if self.workspace is not None and key is not None:
            self.push_screen(ScenarioScreen(Path(key)))

    def play_lesson(self, path: Path) -> None:
        """The lesson player (checker/tui/screens/lesson.py)."""
        from checker.tui.screens.lesson import LessonScreen

        self.push_screen(LessonScreen(path))

    def action_help(self) -> None:
        from checker.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def _word(self) -> None:
        """Keys and titles in the language in use (checker/tui/language.py)."""
        word_classes()
        word(self._bindings)
        self._subtitle()

    def _subtitle(self) -> None:
        """The date the verdicts are as of, in the header of every screen (those that do
        not say it themselves: the lesson, the scenario pane, help, rules)."""
        workspace = self.workspace
        self.sub_title = reference(workspace.setup.as_of) if workspace else _("reviewer")

    def action_switch_language(self) -> None:
        """Speak the next language: keys, screens (rebuilt at the portfolio) and results
        (checked again, worded anew; the result cache keys on the language)."""
        use_language(next_language())
        self._word()
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(PortfolioScreen())
        self.refresh_bindings()
        self.check_everything(self.workspace.profile_ids() if self.workspace else None)
        self.notify(_("Language: English"), markup=False, timeout=3)

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK

    def action_export(self) -> None:
        screen = self.review_screen
        export = screen.export() if screen is not None else None
        if export is None:  # say so: a key that does nothing reads as a broken key
            self.notify(_("Nothing to export here"), severity="warning", markup=False, timeout=3)
            return
        self.notify(_("Writing the export…"), markup=False, timeout=2)
        self.write_export(export, self.options.export_dir)

    @work(thread=True, group="export")
    def write_export(self, export: Export, folder: Path) -> None:
        try:
            paths = write(export, folder)
        except OSError as error:
            self.post_message(Exported([], str(error)))
            return
        self.post_message(Exported(paths))

    def on_exported(self, message: Exported) -> None:
        if message.error:
            self.notify(
                safe(message.error), title=_("Export failed"), severity="error", markup=False
            )
        else:
            text = "\n".join(map(str, message.paths))
            self.notify(safe_lines(text), title=_("Exported"), markup=False, timeout=8)

    def action_save_svg(self) -> None:
        screen = self.review_screen
        stem = screen.export_name() if screen is not None else "govcheck"
        stamp = time.strftime("%Y%m%d-%H%M%S")
        path = self.save_screenshot(f"{stem}-{stamp}.svg", str(self.options.export_dir))
        # The absolute path, as the exports say theirs ("./govcheck-….svg" told nothing)
        self.notify(safe(str(Path(path).resolve())), title=_("Screenshot saved"), markup=False)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):  # Textual's, in our language
            yield command._replace(title=_(command.title), help=_(command.help))
        yield SystemCommand(
            _("Export report"), _("Markdown and HTML of this view"), self.action_export
        )
        yield SystemCommand(_("SVG screenshot"), _("Save this screen as SVG"), self.action_save_svg)
        yield SystemCommand(_("Rules"), _("Browse and search the rules"), self.action_rules)
        yield SystemCommand(
            _("Swap profiles"), _("Show the other profile first"), self.action_swap_profiles
        )
        yield SystemCommand(_("Re-check all"), _("Check every project again"), self.action_recheck)
        yield SystemCommand(_("Light/dark theme"), _("Toggle the theme"), self.action_toggle_theme)
        yield SystemCommand(_("Help: keys"), _("Every key of every screen"), self.action_help)
        yield SystemCommand(
            _("Language"), _("Switch to the next language (ctrl+l)"), self.action_switch_language
        )
        yield SystemCommand(
            _("What if"), _("Change this project's facts (F5)"), self.action_scenario
        )
        from checker.bundled import lessons_dir

        for lesson in sorted(lessons_dir().glob("*.yaml")):
            yield SystemCommand(
                _("Play lesson {stem}").format(stem=lesson.stem),
                _("A trainer's walkthrough, step by step"),
                lambda p=lesson: self.play_lesson(p),
            )
        if self.workspace is not None:
            for name in sorted(self.workspace.setup.catalogue.profiles):
                if name != self.primary:
                    yield SystemCommand(
                        _("Compare with {name}").format(name=name),
                        _("Check every project under {primary} and {name}").format(
                            primary=self.primary, name=name
                        ),
                        lambda n=name: self.use_other_profile(n),
                        discover=False,
                    )
