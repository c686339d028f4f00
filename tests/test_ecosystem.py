"""The CI ecosystem files: pre-commit hooks, the composite action, and their commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from checker.limits import DEFAULT_LIMITS
from checker.sources import parse_source
from tests.conftest import GOOD, ROOT, Completed

Run = Callable[..., Completed]


def _load(name: str) -> object:
    document = parse_source((ROOT / name).read_bytes(), name, DEFAULT_LIMITS)
    assert document.problems == [] or document.problems[0].code == "yaml.root"
    import yaml

    return yaml.safe_load((ROOT / name).read_text())


def test_pre_commit_manifest_is_a_list_of_complete_hooks(govcheck: Run) -> None:
    hooks = _load(".pre-commit-hooks.yaml")
    assert isinstance(hooks, list)
    assert {h["id"] for h in hooks} == {"govcheck", "govcheck-schema", "govcheck-rulesets"}
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python"
        command = hook["entry"].split()[1:]
        assert govcheck(*command, "--help").code == 0


def test_rulesets_hook_command_accepts_the_files_pre_commit_passes(govcheck: Run) -> None:
    done = govcheck(
        "rules",
        "test",
        str(ROOT / "rulesets" / "eu" / "ai.yaml"),
        str(ROOT / "rulesets" / "profiles" / "eu.yaml"),
    )
    assert done.code == 0, done.out + done.err


def test_schema_hook_passes_valid_files_and_stops_an_invalid_one(
    govcheck: Run, tmp_path: Path
) -> None:
    """The hook's entry with the file names pre-commit appends: 0 for valid files, 1 and
    the located problem for an invalid one."""
    hooks = _load(".pre-commit-hooks.yaml")
    assert isinstance(hooks, list)
    entry = next(h["entry"] for h in hooks if h["id"] == "govcheck-schema").split()[1:]
    (tmp_path / "projects").mkdir()
    (tmp_path / "projects" / "good.yaml").write_text(GOOD)
    assert govcheck(*entry, "projects/good.yaml").code == 0
    (tmp_path / "projects" / "typo.yaml").write_text(GOOD.replace("status:", "statsu:"))
    done = govcheck(*entry, "projects/good.yaml", "projects/typo.yaml")
    assert done.code == 1
    assert "projects/typo.yaml:6:1  high      schema.unknown-key" in done.out


def test_action_runs_govcheck_with_sarif_and_summary() -> None:
    action = _load("action.yml")
    assert isinstance(action, dict)
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    script = next(s["run"] for s in steps if s.get("id") == "check")
    assert "govcheck check" in script
    assert '--report "sarif:$GOVCHECK_SARIF"' in script
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    # Inputs reach the shell through the environment, never pasted into the script.
    assert "${{" not in script


def _action_check(folder: Path, split: str, profiles: str = "eu minimal") -> dict[str, str]:
    """Runs the action's check step as the runner does (bash, inputs in the environment,
    `govcheck` on the PATH running the tree under test); its $GITHUB_OUTPUT values."""
    action = _load("action.yml")
    assert isinstance(action, dict)
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "check")
    bin_dir = folder / "bin"
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "govcheck"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m checker "$@"\n')
    shim.chmod(0o755)
    outputs = folder / "github-output"
    outputs.write_text("")
    inputs = {"paths": "projects", "profiles": profiles, "fail-on": "low", "waivers": "",
              "baseline": "", "sarif-file": "govcheck.sarif", "sarif-split": split}  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    for name, value in step["env"].items():
        key = value.removeprefix("${{ inputs.").removesuffix(" }}")
        env[name] = inputs[key]
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env['PATH']}",
        PYTHONPATH=str(ROOT),
        GITHUB_OUTPUT=str(outputs),
        XDG_CACHE_HOME=str(folder / "cache"),
    )
    done = subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return dict(line.split("=", 1) for line in outputs.read_text().splitlines())


def test_action_uploads_every_result_in_parts_unless_told_to_keep_one_file(
    tmp_path: Path,
) -> None:
    """Past GitHub's 25,000 results a run, the action's default (`sarif-split: true`) writes
    every result in parts and counts them for the upload steps; `sarif-split: false` writes
    the one capped log govcheck writes by default."""
    from tests.conftest import generated_portfolio

    generated_portfolio(tmp_path / "projects", 380)
    written = _action_check(tmp_path, "true")
    assert written["exit-code"] == "1"
    parts = int(written["sarif-parts"])
    assert parts >= 2
    results = 0
    for part in range(1, parts + 1):
        name = "govcheck.sarif" if part == 1 else f"govcheck-{part}.sarif"
        (run,) = json.loads((tmp_path / name).read_text(encoding="utf-8"))["runs"]
        assert "resultsLeftOut" not in run["properties"]
        results += len(run["results"])
    assert results == run["properties"]["split"]["resultsInAllParts"] > 25_000

    written = _action_check(tmp_path, "false")
    assert (written["exit-code"], written["sarif-parts"]) == ("1", "1")
    assert sorted(p.name for p in tmp_path.glob("*.sarif")) == ["govcheck.sarif"]
    (run,) = json.loads((tmp_path / "govcheck.sarif").read_text(encoding="utf-8"))["runs"]
    assert len(run["results"]) == 25_000
    assert run["properties"]["resultsLeftOut"] == results - 25_000
