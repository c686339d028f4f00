"""The findings tree's status column holds the longest status of the language whole
(issue 19): «⊘ допущено отступление» and «» ещё не действует» are drawn in full at 80 and
120 columns, and the severity still starts at the same cell on every line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len

import checker.i18n as i18n
from checker.report.verdicts import severity_word
from checker.tui.model import Review, review
from checker.tui.outline import identity
from checker.tui.widgets.findings_tree import column_widths
from tests.tui.conftest import MakeApp, open_project, ready
from tests.tui.test_ru_screens import drawn

BISHKEK = "projects/kg-bishkek-safe-city.yaml"
WAIVER = """\
waivers:
  - rule: EU-TR-OPEN-PROCEDURE
    project: kg-bishkek-safe-city
    justification: Решение совета до вступления в силу нового закона о закупках.
    approved_by: Совет
    expires: 2025-12-31
    created: 2025-05-01
"""

WORDS = {Review.WAIVED: "⊘ допущено отступление", Review.UPCOMING: "» ещё не действует"}


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.use_language("en")


@pytest.mark.parametrize("size", [(80, 30), (120, 40)])
async def test_the_longest_russian_statuses_are_drawn_whole(
    projects: Path, make_app: MakeApp, size: tuple[int, int]
) -> None:
    (projects / "govcheck-waivers.yaml").write_text(WAIVER, encoding="utf-8")
    i18n.use_language("ru")
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        screen = await open_project(pilot, BISHKEK)
        await ready(pilot)
        tree = screen.findings_tree
        found = {review(n.data): n.data for n in tree.nodes.values() if n.data is not None}
        for state, word in WORDS.items():
            tree.go_to(found[state])  # scrolled into view
            await pilot.pause()
            assert any(word in line for line in drawn(app).splitlines()), (word, drawn(app))
        status_width = column_widths()[0]
        assert status_width == cell_len(WORDS[Review.WAIVED]) + 1
        for finding in found.values():
            label = tree.nodes[identity(finding)].label.plain
            # The severity starts at the same cell on every line, right after the status.
            before = label.split(severity_word(finding.severity))[0]
            assert cell_len(before) == status_width, label
            assert "…" not in before, label


@pytest.mark.parametrize("language", ["en", "ru"])
async def test_the_portfolio_column_labels_are_whole_at_80_columns(
    projects: Path, make_app: MakeApp, language: str
) -> None:
    """«не показано» was cut to «пока…» in the not-shown column (5 cells): a label that
    does not fit is the not-shown icon the findings carry, never a cut word."""
    i18n.use_language(language)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        lines = [line for line in drawn(app).splitlines() if line.strip()]
    starts = ("Project", "Проект")
    first = next(i for i, line in enumerate(lines) if line.lstrip().startswith(starts))
    head = lines[first : first + 2]  # the table's two header lines
    assert "…" not in "".join(head), head
    assert ("shown" if language == "en" else "?") in head[1], head
    # and the line above says the sort order whole («сначала больше всего невыполненных»
    # ran past the 80th column)
    assert any(line.rstrip().endswith(("show: all", "показ: все")) for line in lines), lines[:4]


async def test_the_rules_browser_shows_russian_severities_whole_at_80_columns(
    projects: Path, make_app: MakeApp
) -> None:
    """The severity column was 8 cells, so «критический» read «критичес»."""
    i18n.use_language("ru")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("r")
        await pilot.pause()
        shown = drawn(app)
    assert "критический" in shown
    assert "критичес " not in shown
