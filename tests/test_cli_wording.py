"""Usage errors from the real `govcheck` command: each names the option it is about."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import GOOD, Completed

Run = Callable[..., Completed]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["check", "--fail-on", "hgh"],
            "govcheck check: error: --fail-on: `hgh` is not one of critical, high, medium, "
            "low, info",
        ),
        (["check", "-f", "jsn"], "govcheck check: error: --format: `jsn` is not one of auto, "),
        (
            ["check", "--max-file-size", "big"],
            "govcheck check: error: --max-file-size: `big` is not a whole number",
        ),
        (
            ["check", "--max-file-size", "-5"],
            "govcheck check: error: --max-file-size: `-5` is too small; at least 1",
        ),
        (["check", "-j", "0"], "govcheck check: error: --jobs: `0` is too small; at least 1"),
        (
            ["check", "--today", "2024-13-45"],
            "govcheck check: error: --today: `2024-13-45` is not a date; write a real calendar "
            "date such as 2027-12-11",
        ),
        (
            ["check", "--as-of", "2027-02-30"],
            "govcheck check: error: --as-of: `2027-02-30` is not a date; write a real calendar "
            "date such as 2027-12-11",
        ),
        (
            ["check", "--color", "blue"],
            "govcheck check: error: --color: `blue` is not one of auto, always, never",
        ),
        (
            [
                "waive", "RULE", "project", "--justification", "j", "--approved-by", "a",
                "--expires", "2026-02-29",
            ],
            "govcheck waive: error: --expires: `2026-02-29` is not a date; write a real "
            "calendar date such as 2027-12-11",
        ),
    ],
)  # fmt: skip
def test_a_bad_option_value_names_its_option(govcheck: Run, argv: list[str], said: str) -> None:
    done = govcheck(*argv)
    assert done.code == 2
    assert done.out == ""
    assert done.err.splitlines()[-1].startswith(said), done.err


def test_an_unknown_profile_names_the_option(govcheck: Run, tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    done = govcheck("check", "good.yaml", "-p", "nope")
    assert done.code == 2
    assert done.err == (
        "govcheck: error: --profile: unknown profile `nope` (available: eu, eu-evidence, "
        "eu-host, host-kg, host-kz, host-tj, host-uz, minimal, minimal-host)\n"
    )
    missing = govcheck("check", "good.yaml", "-p", "mine.yaml")
    assert missing.err == "govcheck: error: --profile: no profile file mine.yaml\n"


def test_a_missing_profile_a_profile_extends_is_said_at_its_line_not_blamed_on_the_option(
    govcheck: Run, tmp_path: Path
) -> None:
    """A profile's `extends` naming a file that is not there was said as `--profile: no
    profile file ...`, blaming the option (which was right), with no line; it is said
    at its entry in the profile now."""
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "mine.yaml").write_text(
        "kind: profile\nid: mine\ntitle: Mine\nextends: [eu, ./base.yaml]\n", encoding="utf-8"
    )
    done = govcheck("check", "good.yaml", "-p", "mine.yaml")
    assert done.code == 2
    assert done.err == "govcheck: error: mine.yaml:4:15: no profile file base.yaml\n"
    russian = govcheck("check", "good.yaml", "-p", "mine.yaml", "--lang", "ru")
    assert russian.err == "govcheck: ошибка: mine.yaml:4:15: нет файла профиля base.yaml\n"


def test_an_output_in_a_missing_folder_is_a_usage_error_not_a_bug(govcheck: Run) -> None:
    done = govcheck("init", "no-such-folder/new.yaml")
    assert done.code == 2
    assert done.err == (
        "govcheck: error: cannot write no-such-folder/new.yaml: there is no folder no-such-folder\n"
    )


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["compare", "-p", "nope"], "--profile"),
        (["gap", "kg-bishkek-safe-city", "--compare-with", "nope"], "--compare-with"),
        (["rules", "list", "-p", "nope"], "--profile"),
        (["rules", "test", "-p", "nope"], "--profile"),
        (["rules", "coverage", "-p", "nope"], "--profile"),
    ],
)
def test_every_command_names_the_option_of_an_unknown_profile(
    govcheck: Run, argv: list[str], option: str
) -> None:
    root = Path(__file__).resolve().parent.parent
    done = govcheck(*argv, cwd=root)
    assert done.code == 2
    assert f"govcheck: error: {option}: unknown profile `nope`" in done.err


@pytest.mark.parametrize(
    "command",
    [["check", "projects"], ["tui"], ["rules", "list"], ["profiles", "show", "eu"], ["compare"]],
)
def test_a_missing_rulesets_folder_is_refused_naming_the_option(
    govcheck: Run, command: list[str]
) -> None:
    # It was `nope:1:1: rulesets folder not found`, a position inside a folder.
    done = govcheck(*command, "--rulesets", "nope")
    assert done.code == 2
    assert "--rulesets: no folder or file nope" in done.err
    assert "nope:1:1" not in done.err
    russian = govcheck("--lang", "ru", *command, "--rulesets", "nope")
    assert "--rulesets: нет папки или файла nope" in russian.err
