"""The questions for the sponsor of the open project: the facts its proposal does not show.

Owns showing, for one project, the list checker.questions works out from the
results the app already holds (every profile the app checks, waivers applied:
what `govcheck questions` asks for the same file), and writing it as the
Markdown letter (`e`) with the report module's own renderer, in a worker
thread, the way the app writes its other exports. Refuses working anything
out: which facts are asked, in which order and words is the core's, and the
TUI never reads the project file (an item that no result names is numbered
here, "AI system 1", where the command line reads its name from the file).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from checker._version import __version__
from checker.i18n import N_, _, ngettext
from checker.questions import ProjectQuestions, QuestionSet, questions
from checker.report.questions_report import render_markdown
from checker.report.verdicts import severity_word
from checker.tui.exports import Export, file_stem
from checker.tui.screens.base import ReviewScreen
from checker.tui.text import SEVERITY_STYLE, para, plain, safe
from checker.tui.widgets.findings_tree import column_widths
from checker.tui.widgets.keys_footer import KeysFooter


def questions_view(project: ProjectQuestions) -> Text:
    """The numbered questions, as the screen shows them."""
    out = Text()
    for problem in project.file_problems:
        out.append(_("problem  "), style="bold #d9342b").append_text(para(problem.message))
        out.append(f"  (line {problem.line})\n", style="dim")
    if not project.checked:
        return out.append(_("Nothing could be asked: the file could not be read."), style="bold")
    if project.nothing_to_ask:
        return out.append(_("Nothing to ask: the proposal shows every fact these profiles need."))
    # The severity as the language says it, in a column as wide as its longest word
    # («критический»): the machine key ("critical") was shown in every language.
    width = column_widths()[1]  # the findings tree's severity column, one definition
    for number, question in enumerate(project.questions, 1):
        style = SEVERITY_STYLE[question.severity]
        said = severity_word(question.severity)
        out.append(f"{number:>3}. ", style="bold").append(said.ljust(width), style)
        out.append_text(para(question.text, "bold")).append("\n")
        out.append(_("     field    "), style="dim").append_text(plain(question.field))
        out.append(f"  ({question.state_words})\n", style="dim")
        if question.correction:
            out.append(_("     found    "), style="dim").append_text(para(question.correction))
            out.append("\n")
        out.append(_("     answers  "), style="dim").append_text(para(question.answers)).append(
            "\n"
        )
        for reason in question.reasons:
            out.append(_("     why      "), style="dim").append_text(plain(reason.rule, "bold"))
            said = severity_word(reason.severity)
            out.append(f" ({safe(reason.profile)}, {said}) ", style="dim")
            out.append_text(para(reason.title)).append("\n")
        out.append("\n")
    return out


def questions_head(asked: QuestionSet | None, project: ProjectQuestions | None) -> Text:
    if asked is None or project is None:
        return Text(_("This project file is no longer there."), style="bold")
    info = project.project
    head = plain(info.id, "bold").append("  ").append_text(plain(info.title))
    head.append(_("\nquestions for the sponsor under "))
    head.append_text(plain(", ".join(project.profiles) or _("no profile that covers it"), "bold"))
    if asked.as_of:
        head.append(_(", as of {as_of}").format(as_of=asked.as_of))
    count = len(project.questions)
    said = ngettext("{count} question", "{count} questions", count).format(count=count)
    head.append(f"  ·  {said}", style="dim")
    for name in project.out_of_scope:
        head.append("\n").append_text(plain(name, "bold")).append(_(": out of scope"), style="dim")
    return head


class QuestionsScreen(ReviewScreen):
    """The questions for the sponsor of one project."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), tooltip=N_("Back to the project")),
        Binding(
            "e",
            "app.export",
            N_("Export"),
            tooltip=N_(
                "Write the questions as a Markdown letter (as govcheck questions -f markdown)"
            ),
        ),
    ]
    DEFAULT_CSS = """
    QuestionsScreen #questions-pane {
        height: 1fr;
        padding: 0 1;
    }
    """

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="questions-head", classes="head")
        with VerticalScroll(id="questions-pane"):
            yield Static(id="questions-list")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#questions-pane").focus()
        self.refresh_view()

    def asked(self) -> QuestionSet | None:
        """The questions of this project, from the reviewed results the app holds."""
        workspace = self.review.workspace
        if workspace is None or self.key not in workspace.results:
            return None
        return questions(workspace.run([self.key]))

    def refresh_view(self) -> None:
        asked = self.asked()
        project = asked.projects[0] if asked is not None and asked.projects else None
        self.query_one("#questions-head", Static).update(questions_head(asked, project))
        body = questions_view(project) if project is not None else Text()
        self.query_one("#questions-list", Static).update(body)

    def export_keys(self) -> list[str] | None:
        return [self.key]

    def export_name(self) -> str:
        workspace = self.review.workspace
        result = workspace.results.get(self.key) if workspace is not None else None
        return f"govcheck-questions-{file_stem(result.project.id if result else 'project')}"

    def action_back(self) -> None:
        self.app.pop_screen()

    def export(self) -> Export | None:
        """The letter (`govcheck questions -f markdown`), not the project's report."""
        asked = self.asked()
        if asked is None:
            return None
        return Export(
            self.export_name(), lambda: {".md": "".join(render_markdown(asked, __version__))}
        )
