"""The questions screen: `k` on a project lists the core's questions; `e` writes the letter."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from checker._version import __version__
from checker.questions import questions
from checker.report.questions_report import render_markdown
from checker.tui.screens.help import help_text
from checker.tui.screens.project import ProjectScreen
from checker.tui.screens.questions import QuestionsScreen
from tests.conftest import Completed
from tests.tui.conftest import MakeApp, open_project, ready, until

Run = Callable[..., Completed]

BISHKEK = "projects/kg-bishkek-safe-city.yaml"


async def _asked(pilot: object) -> QuestionsScreen:
    """Open the Bishkek project's questions (`k`) in the running app."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await ready(pilot)
    await open_project(pilot, BISHKEK)
    await pilot.press("k")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QuestionsScreen)
    return screen


async def test_k_lists_the_questions_and_e_writes_the_letter(
    projects: Path, make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _asked(pilot)
        assert app.workspace is not None
        expected = questions(app.workspace.run([BISHKEK]))
        [project] = expected.projects
        assert project.questions, "the Bishkek sample leaves facts unshown"
        assert set(project.profiles) == {"eu", "minimal"}  # both profiles the app checks
        shown = str(screen.query_one("#questions-list", Static).render())
        head = str(screen.query_one("#questions-head", Static).render())
        assert f"{len(project.questions)} questions" in head
        for number, question in enumerate(project.questions, 1):
            assert f"{number:>3}. " in shown
            assert question.field in shown
        vendor = [q for q in project.questions if q.pointer.startswith("/parties/vendors/0/")]
        assert all("CEIEC" in q.text for q in vendor)
        ai = [q for q in project.questions if q.pointer.startswith("/ai_systems/0/")]
        assert ai, "the Bishkek face matching leaves facts unshown"
        # named from the findings' item keys: no file is read again for them
        assert {q.subject for q in ai} == {
            "AI system “Live face matching against the wanted-persons list”"
        }
        assert "Live face matching" in shown

        await pilot.press("e")
        letter = tmp_path / "govcheck-questions-kg-bishkek-safe-city.md"
        assert await until(pilot, letter.exists)
        written = letter.read_text(encoding="utf-8")
        assert written == "".join(render_markdown(expected, __version__))
        assert written.startswith("## Questions for the sponsor: Bishkek Safe City")
        assert not (tmp_path / "govcheck-kg-bishkek-safe-city.md").exists()  # not the check report

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)


async def test_the_questions_key_is_in_the_help(projects: Path, make_app: MakeApp) -> None:
    text = help_text().plain
    assert "Questions for the sponsor" in text
    project_part = text.split("\nProject\n", 1)[1].split("\n\n", 1)[0]
    assert "k" in [line.split()[0] for line in project_part.splitlines() if line.strip()]
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await open_project(pilot, BISHKEK)
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Questions for the sponsor: the facts this proposal does not show" in str(
            app.screen.query_one("#help-text", Static).render()
        )


async def test_the_questions_screen_says_severities_and_counts_in_russian(
    projects: Path, make_app: MakeApp
) -> None:
    """The screen showed each question's severity as its machine key ("critical", and
    "(eu, high)" in its reasons) and "71 question(s)" under `--lang ru`, where
    `govcheck questions` says «критический» and «высокий»."""
    import checker.i18n as i18n
    from checker.findings import Severity
    from checker.report.verdicts import severity_word

    i18n.use_language("ru")
    try:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _asked(pilot)
            shown = str(screen.query_one("#questions-list", Static).render())
            head = str(screen.query_one("#questions-head", Static).render())
            words = {s: severity_word(s) for s in Severity}
    finally:
        i18n.use_language("en")
    assert words[Severity.HIGH] == "высокий"
    assert f" {words[Severity.HIGH]}" in shown
    assert f", {words[Severity.HIGH]})" in shown  # a reason's profile and severity
    for severity in Severity:
        assert f" {severity.value} " not in shown
        assert f", {severity.value})" not in shown
    assert "вопрос" in head
    assert "question" not in head


async def test_an_item_only_the_file_names_reads_as_the_command_says_it(
    projects: Path, make_app: MakeApp, govcheck: Run
) -> None:
    """In a file whose items the results cannot name (an invalid file: its vendors'
    names need not line up), the letter names an item from the file itself. The TUI
    showed "Vendor 2" where `govcheck questions` said "Vendor “Second Vendor”": both ask
    through the core's `questions` now, which reads the names once they are needed."""
    text = (projects / "kg-bishkek-safe-city.yaml").read_text(encoding="utf-8")
    first = (
        "    - name: China National Electronics Import & Export Corporation (CEIEC)\n"
        "      country: CN\n      role: system_integrator\n"
    )
    assert first in text
    (projects / "nameless.yaml").write_text(
        text.replace("id: kg-bishkek-safe-city", "id: nameless", 1).replace(
            first,
            "    - country: CN\n      role: system_integrator\n"
            "    - name: Second Vendor\n      country: CN\n      role: maintainer\n"
            "      remote_access: unknown\n",
        ),
        encoding="utf-8",
    )
    done = govcheck(
        "questions", "projects/nameless.yaml", "-p", "eu", "-p", "minimal", "-f", "json"
    )
    said = {
        q["subject"]
        for q in json.loads(done.out)["projects"][0]["questions"]
        if q["pointer"].startswith("/parties/vendors/1/")
    }
    assert said == {"Vendor “Second Vendor”"}
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        await open_project(pilot, "projects/nameless.yaml")
        await pilot.press("k")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, QuestionsScreen)
        shown = str(screen.query_one("#questions-list", Static).render())
        assert "Vendor “Second Vendor”" in shown
        assert "Vendor 2" not in shown
