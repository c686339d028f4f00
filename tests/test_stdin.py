"""`govcheck check -`: one project from standard input, as editors and hooks pass it.

The real command with the project piped in: it is reported as `<stdin>` or as
`--stdin-filename` says, its evidence files are read from that name's folder, the
structure-only check takes it too, and a stream larger than the limit is refused as a
file would be.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Completed

Run = Callable[..., Completed]
BISHKEK = ROOT / "projects" / "kg-bishkek-safe-city.yaml"
WITH_A_FILE = BISHKEK.read_text(encoding="utf-8").replace(
    "evidence:\n",
    "evidence:\n  - id: signed-contract\n    title: The signed contract\n"
    "    path: docs/contract.pdf\n",
    1,
)


def test_a_piped_project_is_checked_as_the_same_file_would_be(
    govcheck: Run, tmp_path: Path
) -> None:
    (tmp_path / "bishkek.yaml").write_text(BISHKEK.read_text(encoding="utf-8"))
    piped = govcheck("check", "-", "-p", "eu", "-q", "--fail-on", "none", stdin=BISHKEK.read_text())
    named = govcheck("check", "bishkek.yaml", "-p", "eu", "-q", "--fail-on", "none")
    assert piped.code == named.code == 0, piped.err
    assert piped.out.startswith("<stdin>:")
    assert piped.out == named.out.replace("bishkek.yaml:", "<stdin>:")


def test_stdin_filename_names_it_and_says_where_its_evidence_files_are(
    govcheck: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "projects"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "contract.pdf").write_bytes(b"%PDF-1.4 signed")
    named = govcheck(
        "check", "-", "--stdin-filename", "projects/bishkek.yaml", "-p", "eu", "--fail-on",
        "none", stdin=WITH_A_FILE,
    )  # fmt: skip
    assert named.code == 0, named.err
    assert "projects/bishkek.yaml:" in named.out
    assert "evidence.missing-file" not in named.out
    unnamed = govcheck("check", "-", "-p", "eu", "--fail-on", "none", stdin=WITH_A_FILE)
    assert unnamed.code == 1  # read from the current folder, where docs/ is not
    assert "<stdin>:" in unnamed.out
    assert "evidence file `docs/contract.pdf` is not found" in unnamed.out


def test_the_structure_only_check_reads_standard_input(govcheck: Run) -> None:
    good = govcheck("check", "-", "--schema-only", stdin=BISHKEK.read_text())
    assert good.code == 0, good.out
    bad = govcheck("check", "-", "--schema-only", "--stdin-filename", "x.yaml", stdin="id: [x\n")
    assert bad.code == 1
    assert "x.yaml:2:1" in bad.out
    assert "is not closed" in bad.out


def test_a_stream_over_the_limit_is_refused_as_a_file_would_be(govcheck: Run) -> None:
    done = govcheck("check", "-", "-p", "eu", "--max-file-size", "100", stdin="a: b\n" * 100)
    assert done.code == 1
    assert "<stdin>:1:1" in done.out
    assert "larger than the limit of 100 bytes" in done.out


def test_stdin_filename_without_a_dash_is_a_usage_error(govcheck: Run) -> None:
    done = govcheck("check", str(BISHKEK), "--stdin-filename", "x.yaml")
    assert done.code == 2
    assert "--stdin-filename" in done.err


@pytest.mark.parametrize("extra", [(), ("--schema-only",)])
def test_a_closed_standard_input_is_a_usage_error_not_a_bug(
    extra: tuple[str, ...], tmp_path: Path
) -> None:
    """`govcheck check - <&-` (a hook or service started without standard input): Python
    sets sys.stdin to None, which was an internal error (exit 3) with "please report it"."""
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", "-", *extra],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.close(0),  # the child starts with no fd 0, as under `<&-`
    )
    assert done.returncode == 2, done.stderr
    assert "standard input is closed" in done.stderr
    assert "internal error" not in done.stderr
