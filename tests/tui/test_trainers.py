"""The trainer's screens, driven with the pilot: the scenario pane (F5) and the lesson player.

The scenario pane changes a fact as it is typed and both profiles move; undo, redo and
reset; nothing is written until asked, then atomically with comments kept. The lesson
player steps forward and back, and has a large-text mode and a high-contrast theme.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from checker.documents import parse_project
from checker.limits import DEFAULT_LIMITS
from checker.tui.scenario import Scenario
from checker.tui.screens.lesson import HIGH_CONTRAST, LessonScreen
from checker.tui.screens.scenario import ScenarioScreen
from tests.conftest import ROOT
from tests.tui.conftest import MakeApp, open_project, ready, until

BISHKEK = "projects/kg-bishkek-safe-city.yaml"
RBI = "/ai_systems/0/rbi_mode"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def _scenario(pilot: object, app: object) -> ScenarioScreen:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await ready(pilot)
    await open_project(pilot, BISHKEK)
    await pilot.press("f5")
    screen = pilot.app.screen
    assert isinstance(screen, ScenarioScreen)
    assert await until(pilot, lambda: screen.whatif is not None)
    return screen


def _side(screen: ScenarioScreen, index: int) -> str:
    return str(screen.query_one(f"#side-{index}", Static).render())


async def test_typing_a_value_moves_eu_and_not_minimal_and_writes_nothing(
    projects: Path, make_app: MakeApp
) -> None:
    before = _digest(projects / "kg-bishkek-safe-city.yaml")
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await _scenario(pilot, app)
        assert "nothing moved" in _side(screen, 0)
        table = screen.query_one(DataTable)
        table.move_cursor(row=[f.pointer for f in screen.rows].index(RBI))
        await pilot.pause()
        accepts = str(screen.query_one("#scenario-accepts", Static).render())
        assert "real_time, post" in accepts  # the schema's accepted values
        entry = screen.query_one(Input)
        assert entry.value == "real_time"
        entry.focus()
        entry.value = ""
        await pilot.press(*"post")  # as it is typed: no Enter yet
        assert await until(pilot, lambda: "EU-AI-RBI-REALTIME" in _side(screen, 0))
        assert "nothing moved" in _side(screen, 1)  # minimal never asked
        assert screen.scenario is not None
        assert screen.scenario.changes == {}
        await pilot.press("enter")
        assert screen.scenario.changes == {RBI: "post"}
        await pilot.press("ctrl+z")
        assert screen.scenario.changes == {}
        assert await until(pilot, lambda: "nothing moved" in _side(screen, 0))
        await pilot.press("ctrl+y")
        assert screen.scenario.changes == {RBI: "post"}
        await pilot.press("ctrl+n")
        assert screen.scenario.changes == {}
    assert _digest(projects / "kg-bishkek-safe-city.yaml") == before


async def test_space_cycles_the_accepted_values_and_f2_saves_a_variant(
    projects: Path, make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await _scenario(pilot, app)
        table = screen.query_one(DataTable)
        table.move_cursor(row=[f.pointer for f in screen.rows].index(RBI))
        table.focus()
        await pilot.pause()
        await pilot.press("space")
        assert screen.scenario is not None
        assert screen.scenario.changes == {RBI: "post"}
        assert await until(pilot, lambda: "EU-AI-RBI-REALTIME" in _side(screen, 0))
        await pilot.press("f2")
        await pilot.pause()
    saved = tmp_path / "kg-bishkek-safe-city-whatif.yaml"
    document = parse_project(saved.read_bytes(), str(saved), DEFAULT_LIMITS)
    assert document.problems == ()
    assert document.data is not None
    assert document.data["ai_systems"][0]["rbi_mode"] == "post"
    assert document.data["provenance"]["derived_from"]["project"] == "kg-bishkek-safe-city"


@pytest.mark.parametrize(
    ("mark", "newline"), [(b"", b"\n"), (b"\xef\xbb\xbf", b"\r\n")], ids=["unix", "windows"]
)
async def test_f3_writes_the_change_into_the_file_keeping_everything_else(
    projects: Path, make_app: MakeApp, mark: bytes, newline: bytes
) -> None:
    path = projects / "kg-bishkek-safe-city.yaml"
    original = mark + path.read_bytes().replace(b"\n", newline)
    path.write_bytes(original)
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await _scenario(pilot, app)
        table = screen.query_one(DataTable)
        table.move_cursor(row=[f.pointer for f in screen.rows].index(RBI))
        table.focus()
        await pilot.press("space", "f3")
        await pilot.pause()
    # Comments, byte-order mark and line breaks kept (a file with the mark was refused as
    # "changed on disk since it was read" when the digest left the mark out).
    assert path.read_bytes() == original.replace(b"rbi_mode: real_time", b"rbi_mode: post", 1)


def test_re_evaluation_after_a_change_stays_in_the_core(eu: object, minimal: object) -> None:
    from checker.profiles import ResolvedProfile

    assert isinstance(eu, ResolvedProfile)
    assert isinstance(minimal, ResolvedProfile)
    scenario = Scenario.load(ROOT / BISHKEK, [eu, minimal], "2026-12-04")
    scenario.evaluate()
    scenario.set(RBI, "post")
    move = scenario.evaluate().move("eu")
    assert move is not None
    assert "EU-AI-RBI-REALTIME" in {f.rule.id for f in move.flips}


async def test_the_lesson_player_steps_and_has_a_projector_mode(
    projects: Path, make_app: MakeApp
) -> None:
    app = make_app()
    lesson = ROOT / "lessons" / "bishkek-to-eu.yaml"
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        app.play_lesson(lesson)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        assert await until(pilot, lambda: screen.played is not None)
        body = screen.query_one("#lesson-step", Static)
        await pilot.press("n")
        assert screen.step == 1
        assert "Search after the fact, not live" in str(body.render())
        assert "★ EU-AI-RBI-REALTIME" in str(screen.query_one("#lesson-side-0", Static).render())
        assert "nothing moved" in str(screen.query_one("#lesson-side-1", Static).render())
        await pilot.press("right", "p")
        assert screen.step == 1
        await pilot.press("b")
        assert screen.has_class("-large")
        await pilot.press("h")
        assert app.theme == HIGH_CONTRAST.name
        await pilot.press("h")
        assert app.theme != HIGH_CONTRAST.name
        await pilot.press("g")
        assert screen.step == 0


async def test_the_values_are_on_screen_at_80_columns_and_after_a_resize(
    projects: Path, make_app: MakeApp
) -> None:
    """The fact column took its longest label (70 cells): at 80 columns the values, what
    a trainer changes, were pushed off the screen. A change of width redraws it."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _scenario(pilot, app)
        table = screen.query_one(DataTable)
        assert table.virtual_size.width <= table.size.width
        table.move_cursor(row=[f.pointer for f in screen.rows].index(RBI))
        await pilot.press("space")  # a change keeps the columns
        await pilot.pause()
        assert table.virtual_size.width <= table.size.width
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        assert table.virtual_size.width <= table.size.width
        wide = table.virtual_size.width
        await pilot.resize_terminal(220, 40)  # wider still, past no breakpoint
        await pilot.pause()
        assert wide < table.virtual_size.width <= table.size.width
        assert screen.scenario is not None
        assert len(screen.scenario.changes) == 1


async def test_the_scenario_starts_from_the_reviewed_result(
    projects: Path, make_app: MakeApp
) -> None:
    # F5 checked the project without the review record: the waived EU-LE-DPIA counted as
    # not shown in "before" (17 failed where the project screen showed 16 and 1 waived).
    (projects / "govcheck-waivers.yaml").write_text(
        "waivers:\n"
        "  - rule: EU-LE-DPIA\n"
        "    project: kg-bishkek-safe-city\n"
        "    justification: DPIA commissioned; due before go-live.\n"
        "    approved_by: Review board\n"
        "    expires: 2025-09-30\n",
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await _scenario(pilot, app)
        assert screen.whatif is not None
        evaluation = screen.whatif.before.evaluation("eu")
        assert evaluation is not None
        index = [r.id for r in evaluation.rules].index("EU-LE-DPIA")
        assert evaluation.status(index).value == "waived"
        reviewed = app.workspace.results[BISHKEK] if app.workspace else None
        assert reviewed is not None
        assert screen.whatif.before.evaluation("eu").score() == reviewed.evaluation("eu").score()


async def _played(pilot: object) -> LessonScreen:
    """Play the Bishkek lesson in the running app and return its screen, once played."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    pilot.app.play_lesson(ROOT / "lessons" / "bishkek-to-eu.yaml")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LessonScreen)
    assert await until(pilot, lambda: screen.played is not None)
    return screen


@pytest.mark.parametrize("language", ["en", "ru"])
async def test_every_key_of_the_lesson_player_is_on_screen_at_80_columns(
    projects: Path, make_app: MakeApp, language: str
) -> None:
    """The footer ran to 108 cells in Russian (86 in English): at 80 columns `h` (high
    contrast), `q` and `?` were cut off a trainer's laptop."""
    from textual.widgets._footer import FooterKey

    import checker.i18n as i18n

    i18n.use_language(language)
    try:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(pilot)
            screen = await _played(pilot)
            # The palette hint is left out at this width (checker/tui/widgets/keys_footer.py)
            keys = [k for k in screen.query(FooterKey) if not k.has_class("-command-palette")]
            shown = {key.key for key in keys}
            assert {"escape", "n", "p", "g", "b", "h", "q", "question_mark"} <= shown
            for key in keys:
                assert key.region.width > 0, key.key
                assert key.region.right <= 80, (key.key, key.region)
                assert key.description, key.key  # the labels are short enough to keep
    finally:
        i18n.use_language("en")


async def test_the_lesson_and_help_headers_say_the_date_the_verdicts_are_as_of(
    projects: Path, make_app: MakeApp
) -> None:
    """The portfolio, project, finding and compare screens said "as of 2026-12-04" in the
    header; the lesson player and help did not (the app's own subtitle was "reviewer")."""
    from tests.tui.test_ru_screens import drawn

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await _played(pilot)
        assert "as of 2026-12-04" in drawn(app).splitlines()[0]
        await pilot.press("question_mark")
        await pilot.pause()
        assert "as of 2026-12-04" in drawn(app).splitlines()[0]


async def test_the_lesson_player_says_severities_in_the_language_in_use(
    projects: Path, make_app: MakeApp
) -> None:
    """A rule that moved showed its severity as the machine key («critical») in a Russian
    lesson; it says «критический» now, as every other screen does."""
    import checker.i18n as i18n

    i18n.use_language("ru")
    try:
        app = make_app()
        async with app.run_test(size=(160, 48)) as pilot:
            await ready(pilot)
            screen = await _played(pilot)
            await pilot.press("n")
            side = str(screen.query_one("#lesson-side-0", Static).render())
    finally:
        i18n.use_language("en")
    assert "EU-AI-RBI-REALTIME  критический" in side, side
    assert "critical" not in side
