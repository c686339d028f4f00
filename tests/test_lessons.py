"""Lessons: the bundled walkthroughs play, each step moves the rules it is about, the
HTML renders in a real headless browser, and bad lessons are located errors.

Assertions are the lessons' own claims (the `watch` rules of each step flip under eu,
minimal's score does not move), never whole verdict counts: the rulesets are revised
in parallel.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from checker import jsonschemas
from checker.lessons import load_lesson, play
from checker.limits import DEFAULT_LIMITS
from checker.profiles import ResolvedProfile
from checker.sources import read_source
from tests.conftest import ROOT, Completed, browser, needs_browser

Run = Callable[..., Completed]
LESSONS = sorted((ROOT / "lessons").glob("*.yaml"))


def test_at_least_three_lessons_are_bundled() -> None:
    assert {p.stem for p in LESSONS} >= {
        "bishkek-to-eu",
        "huawei-5g-diversify",
        "dushanbe-transparent-loan",
    }


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_each_step_moves_the_rules_it_is_about(
    path: Path, eu: ResolvedProfile, minimal: ResolvedProfile
) -> None:
    data = read_source(path, str(path), DEFAULT_LIMITS).data
    Draft202012Validator(jsonschemas.committed("lesson")).validate(data)
    played = play(load_lesson(path), [eu, minimal])
    assert len(played.steps) == len(played.lesson.steps) >= 3
    for step, spec in zip(played.steps, played.lesson.steps, strict=True):
        assert spec.sources, spec.title  # every step cites its legal source
        move = step.whatif.move("eu")
        assert move is not None
        flipped = {f.rule.id for f in move.flips if f.better}
        assert set(spec.watch) <= flipped, (spec.title, set(spec.watch) - flipped)
        untouched = step.whatif.move("minimal")
        assert untouched is not None
        assert untouched.before.share == untouched.after.share, spec.title


def test_the_bishkek_lesson_starts_with_the_critical_live_matching_finding(
    eu: ResolvedProfile, minimal: ResolvedProfile
) -> None:
    played = play(load_lesson(ROOT / "lessons" / "bishkek-to-eu.yaml"), [eu, minimal])
    first = played.steps[0].whatif
    rbi = next(f for f in first.moves[0].flips if f.rule.id == "EU-AI-RBI-REALTIME")
    assert rbi.severity.value == "critical"
    assert rbi.after.value == "not_applicable"
    assert first.move("minimal") is not None
    assert not first.move("minimal").flips  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_text_and_markdown_walkthroughs(govcheck: Run, fmt: str) -> None:
    done = govcheck("lesson", "bishkek-to-eu", "-p", "eu", "-p", "minimal", "-f", fmt)
    assert done.code == 0, done.err
    assert "Search after the fact, not live" in done.out
    assert "EU-AI-RBI-REALTIME" in done.out
    assert "Art. 5(1)(h)" in done.out


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_text_walkthroughs_closing_counts_fit_80_columns(govcheck: Run, lang: str) -> None:
    """The counts after the last step are wrapped between items, not cut by a terminal
    or a printed page 80 columns wide (Russian words made them about 95)."""
    done = govcheck("lesson", "bishkek-to-eu", "-p", "eu", "-p", "minimal", "--lang", lang)
    assert done.code == 0, done.err
    footer = done.out.rstrip("\n").split("\n\n")[-1].splitlines()[1:]
    assert footer[0].startswith("  eu: ")
    assert all(len(line) <= 80 for line in footer), footer
    joined = " ".join(line.strip() for line in footer)
    words = ("upcoming", "ещё не действует")[lang == "ru"]
    assert joined.count(words) == 2  # every item kept, once for each profile
    assert [line for line in footer if not line.startswith("    ")] == [
        line for line in footer if line.startswith(("  eu: ", "  minimal: "))
    ]


@needs_browser
@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_html_walkthrough_renders_in_a_real_headless_browser(
    govcheck: Run, path: Path, tmp_path: Path
) -> None:
    done = govcheck("lesson", str(path), "-p", "eu", "-p", "minimal", "-f", "html", "-o", "l.html")
    assert done.code == 0, done.err
    page = tmp_path / "l.html"
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text
    assert "http-equiv" not in text
    chromium = browser()
    assert chromium is not None
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [chromium, *flags, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    lesson = load_lesson(path).lesson
    assert dom.count('<section class="step">') == len(lesson.steps)
    assert dom.count("<polyline") == 2  # one score line per profile
    for step in lesson.steps:
        assert step.title.replace("'", "&#x27;") in dom or step.title in dom
        for rule in step.watch:
            assert rule in dom


LESSON = """\
format_version: 1
id: broken
title: A broken lesson
summary: For tests.
project: {project}
steps:
  - title: Fine
    set: {{/ai_systems/0/rbi_mode: post}}
    explanation: x
    sources: [{{instrument: AI Act, article: Art. 26(10)}}]
  - title: Not a mode
    set:
      /ai_systems/0/rbi_mode: sometimes
    explanation: x
    sources: [{{instrument: AI Act, article: Art. 5(1)(h)}}]
"""


def test_a_step_whose_change_does_not_fit_is_a_located_error_naming_it(
    govcheck: Run, tmp_path: Path
) -> None:
    project = ROOT / "projects" / "kg-bishkek-safe-city.yaml"
    (tmp_path / "broken.yaml").write_text(LESSON.format(project=project), encoding="utf-8")
    done = govcheck("lesson", "broken.yaml")
    assert done.code == 2
    assert "Traceback" not in done.err
    assert "broken.yaml:13:7: step 2 (Not a mode):" in done.err
    assert "`sometimes`; must be one of" in done.err


def test_a_lesson_on_a_missing_project_says_which(govcheck: Run, tmp_path: Path) -> None:
    text = LESSON.format(project="../nowhere/gone.yaml")
    (tmp_path / "broken.yaml").write_text(text, encoding="utf-8")
    done = govcheck("lesson", "broken.yaml")
    assert done.code == 2
    assert "broken.yaml:5:1: the lesson's base project ../nowhere/gone.yaml does not exist" in (
        done.err
    )


def test_an_unknown_lesson_is_a_usage_error(govcheck: Run) -> None:
    done = govcheck("lesson", "no-such-lesson")
    assert done.code == 2
    assert "no lesson file or bundled lesson `no-such-lesson`" in done.err


def test_a_lesson_is_played_without_the_review_record(govcheck: Run, tmp_path: Path) -> None:
    """A lesson's counts are teaching material, the same on every machine: a waivers file
    beside its project changes what `check` says of that project, not the lesson."""
    (tmp_path / "projects").mkdir()
    sample = (ROOT / "projects" / "kg-bishkek-safe-city.yaml").read_text(encoding="utf-8")
    (tmp_path / "projects" / "kg-bishkek-safe-city.yaml").write_text(sample, encoding="utf-8")
    lesson = (ROOT / "lessons" / "bishkek-to-eu.yaml").read_text(encoding="utf-8")
    (tmp_path / "lesson.yaml").write_text(
        lesson.replace("../projects/", "projects/"), encoding="utf-8"
    )
    played = [govcheck("lesson", "lesson.yaml", "-f", "markdown", "--as-of", "2026-12-04")]
    (tmp_path / "projects" / "govcheck-waivers.yaml").write_text(
        "waivers:\n"
        "  - rule: EU-AI-RBI-REALTIME\n"
        "    project: kg-bishkek-safe-city\n"
        "    justification: A board decision that a lesson must not see.\n"
        "    approved_by: Board\n"
        "    expires: 2027-03-31\n",
        encoding="utf-8",
    )
    played.append(govcheck("lesson", "lesson.yaml", "-f", "markdown", "--as-of", "2026-12-04"))
    assert [p.code for p in played] == [0, 0], played[0].err
    assert played[0].out == played[1].out
    checked = govcheck("check", "projects", "-p", "eu", "--as-of", "2026-12-04", "-q")
    assert "EU-AI-RBI-REALTIME  waived" in checked.out  # the record is there and read


def test_the_lessons_project_is_named_without_dot_dot(govcheck: Run, tmp_path: Path) -> None:
    """`on lessons/../projects/x.yaml` read as a path nobody wrote; it is said as the
    file it is, relative as the lesson was given."""
    for folder in ("lessons", "projects"):
        (tmp_path / folder).mkdir()
    sample = (ROOT / "projects" / "kg-bishkek-safe-city.yaml").read_text(encoding="utf-8")
    (tmp_path / "projects" / "kg-bishkek-safe-city.yaml").write_text(sample, "utf-8")
    lesson = (ROOT / "lessons" / "bishkek-to-eu.yaml").read_text(encoding="utf-8")
    (tmp_path / "lessons" / "l.yaml").write_text(lesson, encoding="utf-8")
    done = govcheck("lesson", "lessons/l.yaml", "--as-of", "2026-12-04")
    assert done.code == 0, done.err
    assert done.out.splitlines()[1] == "  on projects/kg-bishkek-safe-city.yaml, as of 2026-12-04"
