"""Small sharp edges a first user meets: the README's first line, an output file in a missing
folder, and what `govcheck waive` leaves in the reviewer's tree."""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Completed

Run = Callable[..., Completed]
SET_UP = "python3 -m venv .venv && . .venv/bin/activate && pip install . && "


def _first_line() -> str:
    """The command under the README's `first-line` marker: the set-up line."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- first-line:[^>]*-->\n```sh\n(.+)\n```", readme)
    assert found, "README.md lost its first-line marker before the set-up command"
    return found.group(1)


def test_the_readmes_first_line_exits_0_on_the_samples_and_shows_findings(
    govcheck: Run, tmp_path: Path
) -> None:
    line = _first_line()
    assert line.startswith(SET_UP)  # installs, then runs govcheck with nothing else
    command = shlex.split(line.removeprefix(SET_UP))
    assert command[:2] == ["govcheck", "check"]
    done = govcheck(*command[1:], cwd=tmp_path)  # no ./projects here: the bundled samples
    assert done.code == 0, done.err
    assert re.search(r"^\S+\.yaml:\d+:\d+ +critical ", done.out, re.MULTILINE)
    assert re.search(r"\beu: [1-9]\d* failed, [1-9]\d* not shown", done.out)
    assert govcheck(*command[1:-2], cwd=tmp_path).code == 1  # without --fail-on none


@pytest.mark.parametrize(
    "command",
    [
        ("check", "-f", "sarif", "-o", "{missing}/x.sarif"),
        ("check", "--report", "junit:{missing}/x.xml"),
        ("check", "-f", "github", "--report", "sarif:{missing}/x.sarif"),
        ("questions", "{projects}/kg-bishkek-safe-city.yaml", "-o", "{missing}/letter.md"),
        ("schema", "project", "-o", "{missing}/project.json"),
    ],
)
def test_an_output_in_a_missing_folder_is_a_usage_error_naming_it(
    govcheck: Run, tmp_path: Path, command: tuple[str, ...]
) -> None:
    missing = tmp_path / "no" / "such"
    args = [a.format(missing=missing, projects=ROOT / "projects") for a in command]
    done = govcheck(*args)
    assert done.code == 2, done.err
    assert f"govcheck: error: cannot write {missing}/" in done.err
    assert f"there is no folder {missing}" in done.err
    assert done.out == ""  # said before anything is checked or written
    assert "internal error" not in done.err


def test_waive_leaves_nothing_but_the_record_in_the_reviewers_tree(
    govcheck: Run, tmp_path: Path
) -> None:
    shutil.copytree(ROOT / "projects", tmp_path / "projects")
    before = {p.relative_to(tmp_path) for p in tmp_path.rglob("*")}
    for rule in ("EU-LE-DPIA", "EU-TR-CONTRACT-DISCLOSURE"):  # a new record, then an append
        done = govcheck(
            "waive", rule, "kg-bishkek-safe-city", "--path", "projects",
            "--justification", "Accepted by the board", "--approved-by", "Board",
            "--expires", "2027-03-31", "--today", "2026-12-01",
        )  # fmt: skip
        assert done.code == 0, done.err
    after = {p.relative_to(tmp_path) for p in tmp_path.rglob("*")}
    assert after - before == {Path("projects/govcheck-waivers.yaml")}  # no lock, no temp file
