"""Repository roots, and the GitLab report's paths from the root whatever folder govcheck
runs from."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.repository import RepositoryPaths, repository_root
from tests.conftest import GOOD, Completed

Run = Callable[..., Completed]


def _repository(folder: Path) -> Path:
    """A git repository in `folder` (a bare `.git` folder where git is not installed)."""
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(folder)], check=True)
    else:
        (folder / ".git").mkdir()
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = _repository(tmp_path / "repo")
    projects = root / "portfolio" / "projects"
    projects.mkdir(parents=True)
    (projects / "good.yaml").write_text(GOOD, encoding="utf-8")
    (projects / "typo.yaml").write_text(
        GOOD.replace("id: good", "id: typo") + "incident_responce: {plan: true}\n",
        encoding="utf-8",
    )
    return root


def _paths(report: str) -> set[str]:
    return {issue["location"]["path"] for issue in json.loads(report)}


def test_gitlab_paths_are_from_the_repository_root_in_a_subfolder(
    govcheck: Run, repo: Path
) -> None:
    sub = repo / "portfolio"
    done = govcheck("check", "projects", "-f", "gitlab", "--fail-on", "none", cwd=sub)
    assert done.code == 1, done.err  # the invalid file
    assert _paths(done.out) == {
        "portfolio/projects/good.yaml",
        "portfolio/projects/typo.yaml",
    }
    assert done.err == ""
    deeper = govcheck(
        "check", "typo.yaml", "--schema-only", "--report", "gitlab:../../gl.json",
        cwd=sub / "projects",
    )  # fmt: skip
    assert deeper.code == 1
    assert _paths((repo / "gl.json").read_text()) == {"portfolio/projects/typo.yaml"}
    assert "projects/typo.yaml:" not in deeper.out  # the text report: from where it ran
    assert deeper.out.startswith("typo  A small well-described project  (invalid file)\n")
    assert "\ntypo.yaml:9:1  high      schema.unknown-key" in deeper.out


def test_a_path_given_from_outside_the_repository_is_named_from_its_root(
    govcheck: Run, repo: Path, tmp_path: Path
) -> None:
    given = str(repo / "portfolio" / "projects" / "typo.yaml")
    done = govcheck("check", "--schema-only", given, "-f", "gitlab", cwd=tmp_path)
    assert _paths(done.out) == {"portfolio/projects/typo.yaml"}


def test_outside_every_repository_the_path_is_kept_and_said(govcheck: Run, tmp_path: Path) -> None:
    # Whatever holds the temporary folder, git's ceiling keeps the search inside it.
    outside = {"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    (tmp_path / "typo.yaml").write_text(GOOD + "incident_responce: {plan: true}\n")
    done = govcheck("check", "--schema-only", "typo.yaml", "-f", "gitlab", env=outside)
    assert _paths(done.out) == {"typo.yaml"}
    assert done.err == (
        "govcheck: note: typo.yaml is in no git repository, so the GitLab report names it "
        "as given, not from a repository root\n"
    )


def test_repository_root_is_the_nearest_marker(tmp_path: Path) -> None:
    outer = _repository(tmp_path / "outer")
    inner = outer / "vendor" / "inner"
    inner.mkdir(parents=True)
    (inner / ".git").write_text("gitdir: ../../.git/modules/inner\n")  # a submodule
    assert repository_root(inner / "projects") == inner
    assert repository_root(outer / "vendor") == outer
    paths = RepositoryPaths()
    assert paths(str(inner / "p.yaml")) == "p.yaml"
    assert paths(str(outer / "vendor" / "p.yaml")) == "vendor/p.yaml"
    assert paths.outside == []


def test_the_search_stops_below_a_git_ceiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outer = _repository(tmp_path / "outer")
    inside = outer / "portfolio" / "projects"
    inside.mkdir(parents=True)
    assert repository_root(inside) == outer
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", f"relative{os.pathsep}{outer / 'portfolio'}")
    assert repository_root(inside) is None
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(outer))
    assert repository_root(outer) == outer  # a start at the ceiling is itself searched
