"""Baselines and `govcheck diff`: fingerprints that survive line moves."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DATA, Completed

Run = Callable[..., Completed]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "golden" / "projects", tmp_path / "projects")
    shutil.copytree(DATA / "golden" / "rules", tmp_path / "rules")
    (tmp_path / "projects" / "broken.yaml").unlink()
    return tmp_path


def run(govcheck: Run, *extra: str) -> Completed:
    return govcheck(
        "check", "projects", "--rulesets", "rules", "-p", "golden", "--today", "2026-11-25", *extra
    )


def test_baseline_fails_only_on_new_problems(govcheck: Run, tree: Path) -> None:
    assert run(govcheck, "-f", "json", "-o", "before.json").code == 1
    assert run(govcheck, "--baseline", "before.json").code == 0
    beta = tree / "projects" / "beta.yaml"
    beta.write_text("# moved down\n" + beta.read_text().replace("open_tender", "direct_award"))
    done = run(govcheck, "--baseline", "before.json")
    assert done.code == 1
    assert "1 new problem(s)" in done.out
    assert run(govcheck, "--baseline", "before.json", "--fail-on", "high").code == 0
    sarif = json.loads(run(govcheck, "--baseline", "before.json", "-f", "sarif").out)
    states = {
        (r["ruleId"], r["properties"]["project"]): r.get("baselineState")
        for r in sarif["runs"][0]["results"]
    }
    assert states[("GOLD-TR-TENDER", "alpha")] is None  # waived: not a problem
    assert states[("GOLD-TR-TENDER", "beta")] == "new"
    assert states[("GOLD-AI-BAN", "alpha")] == "unchanged"


def test_line_moves_are_not_new_problems(govcheck: Run, tree: Path) -> None:
    run(govcheck, "-f", "json", "-o", "before.json")
    alpha = tree / "projects" / "alpha.yaml"
    alpha.write_text("# one\n# two\n# three\n" + alpha.read_text())
    assert run(govcheck, "--baseline", "before.json").code == 0


def test_diff_lists_new_fixed_and_changed(govcheck: Run, tree: Path) -> None:
    run(govcheck, "-f", "json", "-o", "old.json")
    alpha = tree / "projects" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text().replace("rbi_mode: real_time", "rbi_mode: post")
        + "sustainability: {e_waste_plan: true}\n"
    )
    beta = tree / "projects" / "beta.yaml"
    beta.write_text(beta.read_text().replace("open_tender", "direct_award"))
    run(govcheck, "-f", "json", "-o", "new.json")
    text = govcheck("diff", "old.json", "new.json")
    assert text.code == 0
    assert "New (1):" in text.out
    assert "GOLD-TR-TENDER" in text.out.split("Fixed")[0]
    fixed = text.out.split("Fixed")[1].split("Changed")[0]
    assert "GOLD-AI-BAN" in fixed
    assert "GOLD-ENV-EWASTE" in fixed
    data = json.loads(govcheck("diff", "old.json", "new.json", "-f", "json").out)
    assert [r["rule"] for r in data["new"]] == ["GOLD-TR-TENDER"]
    assert {r["rule"] for r in data["fixed"]} == {"GOLD-AI-BAN", "GOLD-ENV-EWASTE"}
    markdown = govcheck("diff", "old.json", "new.json", "-f", "markdown").out
    assert markdown.startswith("## govcheck drift: 1 new, 2 fixed")
    assert govcheck("diff", "old.json", "new.json", "--fail-on-new").code == 1


def test_diff_reports_changed_severity(govcheck: Run, tree: Path) -> None:
    run(govcheck, "-f", "json", "-o", "old.json")
    (tree / "rules" / "golden-profile.yaml").write_text(
        "kind: profile\nid: golden\ntitle: t\ninclude: ['GOLD-*']\n"
        "severity: {GOLD-DP-DPIA: critical}\n"
    )
    run(govcheck, "-f", "json", "-o", "new.json")
    data = json.loads(govcheck("diff", "old.json", "new.json", "-f", "json").out)
    assert [(c["new"]["rule"], c["fields"]) for c in data["changed"]] == [
        ("GOLD-DP-DPIA", ["severity"])
    ]


def test_bad_baseline_is_a_usage_error(govcheck: Run, tree: Path) -> None:
    (tree / "bad.json").write_text('{"findings": 1}')
    done = run(govcheck, "--baseline", "bad.json")
    assert done.code == 2
    assert "not a govcheck results document" in done.err
    assert run(govcheck, "--baseline", "missing.json").code == 2
