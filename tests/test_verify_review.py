"""`govcheck verify` and the review record it writes: a project id two files use is
refused naming both, evidence must back the fact verified, comments stay where the user
put them, and a verification of a project no longer checked is reported, never dropped
(docs/evidence.md, docs/review-record.md). Runs the real command."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from tests.test_basis import tree

__all__ = ["tree"]  # the fixture, shared with test_basis

Run = Any
FACT = "/data_processing/dpia/status"


def _verify(govcheck: Run, tree: Path, *args: str, evidence: str = "dpia") -> Any:
    (tree / ".git").mkdir(exist_ok=True)  # the review record is found up to the repository root
    return govcheck(
        "verify", "ev", *args, "--evidence", evidence, "--by", "A. Reviewer",
        "--rulesets", "rules", "--today", "2026-12-05", cwd=tree,
    )  # fmt: skip


# --- one project id, two files --------------------------------------------------------------


def test_a_project_id_two_files_use_is_refused_naming_both(govcheck: Run, tree: Path) -> None:
    # The first file found was verified, silently; the record names projects by id, so
    # the entry then counted for (or went stale in) the other file as well.
    (tree / "projects" / "old").mkdir()
    shutil.copy(tree / "projects" / "ev.yaml", tree / "projects" / "old" / "ev.yaml")
    done = _verify(govcheck, tree, FACT, "--path", "projects")
    assert done.code == 2, done.out
    assert "project id `ev` is used by 2 files: projects/ev.yaml:2:1, projects/old/ev.yaml:2:1" in (
        done.err
    )
    assert "--path projects/ev.yaml" in done.err  # how to go on: the one file meant
    assert not (tree / "projects" / "govcheck-waivers.yaml").exists()
    chosen = _verify(govcheck, tree, FACT, "--path", "projects/ev.yaml")
    assert chosen.code == 0, chosen.err
    assert (
        'pointer: "/data_processing/dpia/status"'
        in (tree / "projects" / "govcheck-waivers.yaml").read_text()
    )
