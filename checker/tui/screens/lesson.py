"""The lesson player: a lesson's steps one at a time, for a room and a projector.

Owns showing a played lesson (checker/lessons.py plays it through the core, in a
worker thread): the step's title, what changed, the trainer's explanation and its
legal source, and the two profiles' verdicts side by side with the rules the step is
about marked ★; the scores as big digits. `n`/→ next, `p`/← previous, `g` back to
the project as written, `b` the large-text mode (big digits, explanation only, no
rule titles), `h` the high-contrast theme. A terminal cannot enlarge its font: large
text is a layout that fits a projector at the terminal's own size (zoom the
terminal too).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.theme import Theme
from textual.widgets import Digits, Header, Static

from checker.config import ConfigError
from checker.i18n import N_, _
from checker.lessons import PlayedLesson, load_lesson, play
from checker.profiles import ResolvedProfile, resolve_profile
from checker.report.whatif_report import change_line
from checker.tui.screens.base import ReviewScreen
from checker.tui.text import para, percent, plain
from checker.tui.widgets.keys_footer import KeysFooter
from checker.tui.widgets.moves import move_text
from checker.tui.workspace import Setup

HIGH_CONTRAST = Theme(
    name="govcheck-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffffff",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    success="#00ff00",
    warning="#ffff00",
    error="#ff5555",
    dark=True,
)


class LessonScreen(ReviewScreen):
    """Play a lesson step by step."""

    # Short labels: a trainer's laptop at 80 columns shows every key, in Russian too.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), tooltip=N_("Leave the lesson")),
        Binding(
            "n,right", "next", N_("Next"), tooltip=N_("The next step: its change and verdicts")
        ),
        Binding("p,left", "previous", N_("Previous"), tooltip=N_("The step before")),
        Binding(
            "g", "start", N_("As written"), tooltip=N_("Back to the project as written (step 0)")
        ),
        Binding("b", "large", N_("Large text"), tooltip=N_("Large text, for a projector")),
        Binding(
            "h", "contrast", N_("Contrast"), tooltip=N_("High-contrast theme, for a projector")
        ),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.played: PlayedLesson | None = None
        self.step = 0
        """0: the project as written; 1..n: after that step."""
        self.large = False
        self._theme = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="lesson-title", classes="head")
        with Horizontal(id="lesson-scores"):
            with Vertical(classes="lesson-score"):
                yield Static(id="score-name-0")
                yield Digits("", id="score-0")
            with Vertical(classes="lesson-score"):
                yield Static(id="score-name-1")
                yield Digits("", id="score-1")
        yield VerticalScroll(Static(id="lesson-step"), id="lesson-text")
        with Horizontal(id="lesson-sides"):
            yield VerticalScroll(Static(id="lesson-side-0"), classes="scenario-side")
            yield VerticalScroll(Static(id="lesson-side-1"), classes="scenario-side")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#lesson-title", Static).update(_("loading the rulesets…"))
        if self.review.workspace is not None:
            self._start()

    def refresh_view(self) -> None:
        """The app's results arrived (or changed): play once the rulesets are loaded."""
        if self.played is None and self.review.workspace is not None:
            self._start()

    def _start(self) -> None:
        self.query_one("#lesson-title", Static).update(_("playing the lesson…"))
        self.play_lesson()

    @work(thread=True, exclusive=True, group="lesson")
    def play_lesson(self) -> None:
        workspace = self.review.workspace
        try:
            loaded = load_lesson(self.path)
            assert workspace is not None  # started only once the results are in
            setup = workspace.setup
            names = [n for n in (self.review.primary, self.review.other) if n]
            profiles = [_profile(setup, n) for n in names]
            played = play(loaded, profiles, setup.as_of)
        except ConfigError as error:
            message = "\n".join(str(p) for p in error.problems)
            self.app.call_from_thread(self._failed, message)
            return
        self.app.call_from_thread(self._played, played)

    def _failed(self, message: str) -> None:
        self.query_one("#lesson-title", Static).update(
            Text(_("The lesson cannot be played:\n"), style="bold #d9342b").append_text(
                para(message)
            )
        )

    def _played(self, played: PlayedLesson) -> None:
        self.played = played
        self.show()

    def show(self) -> None:
        played = self.played
        if played is None:
            return
        lesson = played.lesson
        total = len(played.steps)
        title = Text()
        title.append_text(plain(lesson.title, "bold"))
        where = (
            _("as written")
            if self.step == 0
            else _("step {step} of {total}").format(step=self.step, total=total)
        )
        title.append(f"\n{where} · ", style="dim").append_text(plain(played.base.project.id, "dim"))
        self.query_one("#lesson-title", Static).update(title)
        results = played.results()
        for index, profile in enumerate(played.profiles[:2]):
            evaluation = results[self.step].evaluation(profile)
            share = evaluation.score().share if evaluation and not evaluation.out_of_scope else None
            self.query_one(f"#score-name-{index}", Static).update(
                plain(_("{profile}  % met").format(profile=profile), "bold")
            )
            self.query_one(f"#score-{index}", Digits).update(
                "-" if share is None else percent(share).rstrip("%")
            )
        self.query_one("#lesson-step", Static).update(self._step_text(played))
        whatif = played.steps[self.step - 1].whatif if self.step else None
        watch = lesson.steps[self.step - 1].watch if self.step else []
        for index in range(2):
            side = self.query_one(f"#lesson-side-{index}", Static)
            if whatif is None or index >= len(whatif.moves) or self.large:
                side.update("")
            else:
                side.update(move_text(whatif, whatif.moves[index], watch))
        self.set_class(self.large, "-large")

    def _step_text(self, played: PlayedLesson) -> Text:
        if self.step == 0:
            out = para(played.lesson.summary)
            return out.append(_("\n\nn or → for the first step"), style="dim")
        spec = played.lesson.steps[self.step - 1]
        whatif = played.steps[self.step - 1].whatif
        out = Text()
        out.append(_("Step {step}: ").format(step=self.step), style="bold").append_text(
            plain(spec.title, "bold")
        )
        out.append("\n")
        for applied in whatif.changes:
            line = change_line(
                applied.change.pointer, applied.before, applied.stated, applied.change.value
            )
            out.append(_("  changed "), style="dim").append_text(plain(line, "#d97706")).append(
                "\n"
            )
        out.append("\n").append_text(para(spec.explanation)).append("\n\n")
        for source in spec.sources:
            out.append(_("Source: "), style="bold").append_text(
                para(f"{source.instrument}, {source.article}", "italic")
            )
            out.append("\n")
        return out

    def action_next(self) -> None:
        if self.played is not None and self.step < len(self.played.steps):
            self.step += 1
            self.show()

    def action_previous(self) -> None:
        if self.step > 0:
            self.step -= 1
            self.show()

    def action_start(self) -> None:
        self.step = 0
        self.show()

    def action_large(self) -> None:
        self.large = not self.large
        self.show()

    def action_contrast(self) -> None:
        if HIGH_CONTRAST.name not in self.app.available_themes:
            self.app.register_theme(HIGH_CONTRAST)
        if self.app.theme == HIGH_CONTRAST.name:
            self.app.theme = self._theme or "textual-dark"
        else:
            self._theme = self.app.theme
            self.app.theme = HIGH_CONTRAST.name

    def action_back(self) -> None:
        self.app.pop_screen()

    def export_name(self) -> str:
        return f"govcheck-lesson-{self.path.stem}"


def _profile(setup: Setup, name: str) -> ResolvedProfile:
    """A profile the app already resolved, else one of its catalogue (ConfigError)."""
    return setup.profile(name) or resolve_profile(setup.catalogue, name)


__all__ = ["HIGH_CONTRAST", "LessonScreen"]
