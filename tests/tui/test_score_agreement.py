"""One score: the same project shows the same "% met" in the core, the JSON results,
the Markdown report, `govcheck compare` (text, JSON, Markdown, HTML) and the TUI, on the
samples with a waivers file (waived findings are accepted gaps: not met, everywhere)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.checking import check
from checker.findings import whole_percent
from checker.profiles import Catalogue, resolve_profile
from checker.waivers import apply_waivers, load_record
from tests.conftest import ROOT, Completed
from tests.tui.conftest import AS_OF, TODAY, MakeApp, ready

Run = Callable[..., Completed]
PROFILES = ("eu", "minimal")
Scores = dict[tuple[str, str], int | None]
WAIVERS = """\
waivers:
  - rule: EU-LE-DPIA
    project: kg-bishkek-safe-city
    justification: DPIA commissioned; due before go-live.
    approved_by: Review board
    expires: 2025-09-30
  - rule: MIN-LOCAL-PERMITS
    project: tj-dushanbe-safe-city
    justification: Permits are issued by the city.
    approved_by: Review board
    expires: 2025-09-30
"""


@pytest.fixture
def samples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "projects", tmp_path / "projects")
    (tmp_path / "projects" / "govcheck-waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def core(catalogue: Catalogue) -> Scores:
    profiles = [resolve_profile(catalogue, p) for p in PROFILES]
    run = check(["projects"], profiles, as_of=AS_OF.isoformat())
    run = apply_waivers(run, load_record(["projects"], (), TODAY), TODAY, checked=["projects"])
    out: Scores = {}
    for project in run.projects:
        for evaluation in project.evaluations:
            out[project.project.id, evaluation.profile] = evaluation.score().percent
    return out


def run(govcheck: Run, *args: str) -> str:
    done = govcheck(*args, "--as-of", AS_OF.isoformat(), "--today", TODAY.isoformat())
    assert done.code in (0, 1), done.err
    return done.out


def percent(share: float | None) -> int | None:
    return None if share is None else whole_percent(share)


async def test_every_view_shows_the_cores_score(
    samples: Path, catalogue: Catalogue, govcheck: Run, make_app: MakeApp
) -> None:
    expected = core(catalogue)
    bishkek = expected["kg-bishkek-safe-city", "eu"]
    assert bishkek is not None
    profiles = [a for p in PROFILES for a in ("-p", p)]

    document = json.loads(run(govcheck, "check", "projects", *profiles, "-f", "json"))
    waived = 0
    for project in document["projects"]:
        for result in project["results"]:
            score = result["score"]
            assert percent(score["share"]) == expected[project["id"], result["profile"]]
            waived += score["waived"]
    assert waived == 2  # both waivers applied: the record was read

    markdown = run(govcheck, "check", "projects", *profiles, "-f", "markdown")
    sections = re.findall(r"^### (\S+) —|^\*\*(\S+)\*\*: .*?· (\d+)% met", markdown, re.M)
    current, seen = "", 0
    for project, profile, value in sections:
        if project:
            current = project
        else:
            assert int(value) == expected[current, profile], (current, profile)
            seen += 1
    assert seen >= len(expected) - 2  # every scored (project, profile) pair was read

    # compare reads the same waivers file and renders the same score
    compared = json.loads(run(govcheck, "compare", "projects", *profiles, "-f", "json"))
    waived = 0
    for project in compared["projects"]:
        for profile, cell in project["profiles"].items():
            assert percent(cell["score"]) == expected[project["id"], profile]
            waived += cell["scorecard"]["waived"]
    assert waived == 2  # compare applies the same waivers, counted apart as in `check`
    text = run(govcheck, "compare", "projects", *profiles)
    rows = 0
    for line in text.splitlines()[1:]:
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) == 3 and cells[0] in {p for p, _ in expected}:
            rows += 1
            for profile, cell in zip(PROFILES, cells[1:], strict=True):
                found = re.search(r"(\d+)% met", cell)
                assert (int(found.group(1)) if found else None) == expected[cells[0], profile]
    assert rows == len({p for p, _ in expected})
    table = run(govcheck, "compare", "projects", *profiles, "-f", "markdown")
    row = next(r for r in table.splitlines() if r.startswith("| kg-bishkek-safe-city |"))
    assert f"{bishkek}% met" in row.split("|")[2]
    html = run(govcheck, "compare", "projects", *profiles, "-f", "html")
    titles = re.findall(r"<title>(\S+) under (\S+): (\d+)% met", html)
    assert titles
    for project, profile, value in titles:
        assert int(value) == expected[project, profile]

    app = make_app("projects", profiles=PROFILES)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        assert app.workspace is not None
        waived = 0
        for row_ in app.workspace.rows.values():
            for profile, score in row_.scores.items():
                if not score.out_of_scope:
                    assert percent(score.share) == expected[row_.id, profile]
                    waived += score.score.waived
        assert waived == 2
