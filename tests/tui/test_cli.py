"""`govcheck tui`: options, defaults, and where the waive form writes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from checker.bundled import projects_dir
from checker.cli import main
from checker.cli.parser import build_parser
from checker.tui.app import GovcheckApp
from checker.tui.workspace import Options
from checker.waivers.location import samples_file
from tests.conftest import Completed


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Options]:
    """The options the TUI would open with (the app itself is not run)."""
    seen: list[Options] = []

    def run(self: GovcheckApp, *args: object, **kwargs: object) -> None:
        seen.append(self.options)

    monkeypatch.setattr(GovcheckApp, "run", run)
    return seen


def test_defaults_open_the_samples_with_eu_compared_with_minimal(
    opened: list[Options], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./projects here: the bundled samples
    assert main(["tui"]) == 0
    (options,) = opened
    assert options.paths == (str(projects_dir()),)
    assert options.profiles == ("eu", "minimal")
    # The bundled samples are never written to: their record is govcheck's own, the file
    # `govcheck check` reads for them from any folder.
    assert options.target_file() == samples_file()


def test_paths_profiles_and_waivers_are_passed_on(
    opened: list[Options], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine").mkdir()
    code = main(["tui", "mine", "-p", "host-kg", "--compare", "eu", "--waivers", "w.yaml"])
    assert code == 0
    (options,) = opened
    assert options.paths == ("mine",)
    assert options.profiles == ("host-kg", "eu")
    assert options.waivers == (Path("w.yaml"),)
    assert options.target_file() == Path("w.yaml")
    other = Options(paths=("mine",))  # no --waivers: in the folder checked
    assert other.target_file() == Path("mine") / "govcheck-waivers.yaml"


def test_the_parser_knows_the_command() -> None:
    args = build_parser().parse_args(["tui", "a", "b"])
    assert (args.paths, args.profile, args.compare, args.waivers) == (
        ["a", "b"],
        "eu",
        "minimal",
        [],
    )


def test_help_names_every_option(govcheck: Callable[..., Completed]) -> None:
    done = govcheck("tui", "--help")
    assert done.code == 0
    for option in ("--profile", "--compare", "--waivers", "--rulesets", "--as-of"):
        assert option in done.out


def test_as_of_is_the_reference_date_and_judges_waivers(
    opened: list[Options], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["tui", "--as-of", "2028-01-01"]) == 0
    (options,) = opened
    assert options.as_of == date(2028, 1, 1)
    assert options.reference() == "2028-01-01"
    assert options.day() == date(2028, 1, 1)  # waivers expire as of the same day, as in check


def test_a_bad_as_of_is_a_usage_error_naming_the_option(
    govcheck: Callable[..., Completed],
) -> None:
    done = govcheck("tui", "--as-of", "2024-13-45")
    assert done.code == 2
    assert "--as-of" in done.err
    assert "2024-13-45" in done.err
    assert "Traceback" not in done.err
