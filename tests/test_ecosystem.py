"""The CI ecosystem files: pre-commit hooks, the composite action, and their commands."""

from __future__ import annotations

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
