"""`govcheck check --schema-only`: the files' structure alone, as the full check judges it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.drift import validate
from tests.conftest import GOOD, ROOT, Completed

Run = Callable[..., Completed]

BAD = """\
format_version: 1
id: bad
title: A small project
country: KGZ
sector: e_governmnt
status: proposed
in_service_on: 2027-02-30
parties:
  sponsor: {name: Ministry, type: ministry}
  vendors: yes
incident_responce:
  plan: true
"""
"""A wrong enum value, a three-letter country, an impossible date, a wrong type and a
misspelt section: one input problem each."""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    return tmp_path


def test_every_structural_problem_is_located_and_no_rule_is_evaluated(
    govcheck: Run, folder: Path
) -> None:
    done = govcheck("check", "--schema-only", "bad.yaml", "broken.yaml", "good.yaml", cwd=folder)
    assert done.code == 1, done.err
    lines = [line for line in done.out.splitlines() if line.startswith(("bad.", "broken."))]
    located = [line.split()[0] + " " + line.split()[2] for line in lines]
    assert located == [
        "bad.yaml:4:1 schema.invalid-value",  # KGZ: not an ISO 3166-1 alpha-2 code
        "bad.yaml:5:1 schema.invalid-value",  # sector: not one of the enum
        "bad.yaml:7:1 schema.invalid-value",  # 2027-02-30: not a real date
        "bad.yaml:10:3 schema.invalid-value",  # vendors: `yes` is not a list
        "bad.yaml:11:1 schema.unknown-key",  # incident_responce
        "broken.yaml:2:1 yaml.syntax",
    ]
    assert "must be a real date" in done.out
    assert "EU-" not in done.out
    assert "not shown" not in done.out.lower()
    assert "good" not in done.out.split("\n\n")[0]  # a valid file is not listed, only counted
    assert done.out.rstrip().endswith(
        "3 file(s) checked for structure only (no rule evaluated), "
        "2 with invalid input (6 input problem(s))"
    )
    valid = govcheck("check", "--schema-only", "good.yaml", cwd=folder)
    assert (valid.code, valid.err) == (0, "")
    assert valid.out == "1 file(s) checked for structure only (no rule evaluated)\n"


def test_the_problems_are_those_of_the_full_check(govcheck: Run, folder: Path) -> None:
    """One judgement: --schema-only reports exactly the input problems a full check of the
    same files reports (the core's loader decides both), without the rules' findings."""
    (folder / "twin.yaml").write_text(GOOD, encoding="utf-8")  # the same id twice
    full = json.loads(govcheck("check", ".", "-f", "json", "--fail-on", "none", cwd=folder).out)
    done = govcheck("check", "--schema-only", ".", "-f", "json", cwd=folder)
    assert done.code == 1, done.err
    structure = json.loads(done.out)
    validate(structure, Path("structure.json"))  # a results document like any other
    assert structure["profiles"] == []
    assert all(p["results"] == [] for p in structure["projects"])
    assert [(p["path"], p["valid"], p["problems"]) for p in structure["projects"]] == [
        (p["path"], p["valid"], p["problems"]) for p in full["projects"]
    ]
    rules = {f["rule"] for p in structure["projects"] for f in p["problems"]}
    assert "project.duplicate-id" in rules
    assert structure["summary"]["invalid_projects"] == 3


def test_machine_formats(govcheck: Run, folder: Path) -> None:
    github = govcheck("check", "--schema-only", "bad.yaml", "-f", "github", cwd=folder)
    assert github.code == 1
    assert github.out.startswith("::error file=bad.yaml,line=4,col=1,title=schema.invalid-value")
    gitlab = json.loads(
        govcheck("check", "--schema-only", "bad.yaml", "-f", "gitlab", cwd=folder).out
    )
    assert {issue["check_name"] for issue in gitlab} == {
        "schema.invalid-value",
        "schema.unknown-key",
    }
    sarif = json.loads(
        govcheck("check", "--schema-only", "bad.yaml", "-f", "sarif", cwd=folder).out
    )
    assert len(sarif["runs"][0]["results"]) == 5


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["-p", "eu"], "--schema-only evaluates no rule, so --profile cannot apply"),
        (["--baseline", "b.json"], "so --baseline cannot apply"),
        (["--fail-on", "high"], "so --fail-on cannot apply"),
        (["--as-of", "2028-01-01"], "so --as-of cannot apply"),
        (["-f", "html"], "--schema-only writes github, gitlab, json, junit, sarif, sarif-full, "),
        (["-f", "markdown"], "; not markdown"),
    ],
)
def test_options_about_rules_are_usage_errors(
    govcheck: Run, folder: Path, extra: list[str], said: str
) -> None:
    done = govcheck("check", "--schema-only", "good.yaml", *extra, cwd=folder)
    assert done.code == 2
    assert said in done.err
    assert done.out == ""


def test_quiet_lines_match_the_documented_problem_matcher(govcheck: Run, folder: Path) -> None:
    """docs/editors.md gives editors this pattern for `--schema-only -q`."""
    import re

    pattern = re.compile(r"^(.+):(\d+):(\d+)\s+(\w+)\s+(\S+)\s+(.*)$")
    done = govcheck("check", "--schema-only", "-q", ".", cwd=folder)
    assert done.code == 1
    lines = done.out.splitlines()
    assert len(lines) == 6
    for line in lines:
        found = pattern.match(line)
        assert found is not None, line
        assert found.group(4) == "high"
        assert found.group(5).startswith(("schema.", "yaml."))


def test_a_key_at_the_wrong_level_says_where_it_belongs(govcheck: Run, tmp_path: Path) -> None:
    """An unknown key with no close spelling here, that the format knows elsewhere, is
    named with its place (the user-findings of December 2026: `police_use` at the top)."""
    text = GOOD + "police_use:\n  enabled: true\nplan: written\nstatsu: x\n"
    (tmp_path / "wrong.yaml").write_text(text, encoding="utf-8")
    done = govcheck("check", "--schema-only", "-q", "wrong.yaml")
    assert done.out.splitlines() == [
        "wrong.yaml:9:1  high      schema.unknown-key  error: unknown key `police_use` at the "
        "top level (it belongs under `data_processing`)",
        "wrong.yaml:11:1  high      schema.unknown-key  error: unknown key `plan` at the top "
        "level (it belongs under `cybersecurity.business_continuity` or "
        "`cybersecurity.incident_response`)",
        "wrong.yaml:12:1  high      schema.unknown-key  error: unknown key `statsu` at the top "
        "level (did you mean `status`?)",  # a close spelling first
    ]


def test_a_missing_path_is_a_usage_error(govcheck: Run, folder: Path) -> None:
    done = govcheck("check", "--schema-only", "good.yaml", "nope.yaml", cwd=folder)
    assert done.code == 2
    assert "nope.yaml: no such file or folder" in done.err


def test_no_profile_or_rule_is_loaded(folder: Path) -> None:
    """The structure-only run never reads a ruleset nor imports the engine: it is for
    an editor's every save."""
    code = (
        "import sys\n"
        "from checker.structure import check_structure\n"
        f"run = check_structure([{str(folder)!r}])\n"
        "assert len(run.projects) == 3 and run.structure_only and not run.profiles\n"
        "loaded = sorted(m for m in sys.modules if m in {'checker.engine', 'checker.rules',"
        " 'checker.profiles', 'checker.screening.index', 'pydantic'})\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
