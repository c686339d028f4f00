"""The real `govcheck` command: exit codes, formats, messages, every subcommand."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from checker import jsonschemas
from tests.conftest import GOOD, ROOT, Completed, findings_of

Run = Callable[..., Completed]


BIOMETRIC = (
    GOOD.replace("id: good", "id: biometric")
    + """\
data_processing:
  personal_data: true
  categories: [images, biometric]
"""
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_version(govcheck: Run) -> None:
    done = govcheck("--version")
    assert done.code == 0
    assert done.out.startswith("govcheck ")


def test_version_builds_no_command_and_imports_no_reader() -> None:
    """`--version` is a start-up target (issue 8): no command's parser is built, so
    neither the screening readers nor dataclasses are imported; help still lists
    every command."""
    command = [sys.executable, "-X", "importtime", "-m", "checker", "--version"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout.startswith("govcheck ")
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
    assert "checker.cli.parser" in imported
    assert not imported & {"checker.screening.formats", "dataclasses", "pathlib", "json"}
    helping = [sys.executable, "-m", "checker", "-h", "--version"]
    helped = subprocess.run(helping, capture_output=True, text=True, check=False)
    assert "screening" in helped.stdout
    assert "lesson" in helped.stdout


def test_check_without_paths_runs_the_bundled_samples_from_any_folder(govcheck: Run) -> None:
    done = govcheck("check", "--format", "json")
    assert done.code == 1, done.err
    document = json.loads(done.out)
    assert len(document["projects"]) >= 1
    assert all(Path(p["path"]).is_absolute() for p in document["projects"])


def test_check_uses_local_projects_folder_when_present(govcheck: Run, tmp_path: Path) -> None:
    (tmp_path / "projects").mkdir()
    write(tmp_path / "projects", "good.yaml", GOOD)
    done = govcheck("check", "--format", "json")
    assert [p["id"] for p in json.loads(done.out)["projects"]] == ["good"]


def test_biometric_without_dpia_is_found_at_the_right_line(govcheck: Run, tmp_path: Path) -> None:
    write(tmp_path, "biometric.yaml", BIOMETRIC)
    done = govcheck("check", "biometric.yaml", "-p", "eu")
    assert done.code == 1
    line = next(line for line in done.out.splitlines() if "EU-DP-DPIA" in line)
    assert line.startswith("biometric.yaml:9:1  high")


def test_unknown_key_duplicate_key_and_syntax_error_each_exit_1(
    govcheck: Run, tmp_path: Path
) -> None:
    cases = {
        "unknown.yaml": (GOOD + "sumary: typo\n", "unknown.yaml:9:1", "schema.unknown-key"),
        "duplicate.yaml": (GOOD + "title: again\n", "duplicate.yaml:9:1", "yaml.duplicate-key"),
        "syntax.yaml": (GOOD + "summary: [unclosed\n", "syntax.yaml:10:1", "yaml.syntax"),
    }
    for name, (text, location, rule) in cases.items():
        write(tmp_path, name, text)
        done = govcheck("check", name, "--fail-on", "critical")
        assert done.code == 1, (name, done.out, done.err)
        assert f"{location}  high      {rule}" in done.out, done.out


def test_one_bad_file_does_not_stop_the_others(govcheck: Run, tmp_path: Path) -> None:
    write(tmp_path, "a-broken.yaml", "id: [\n")
    write(tmp_path, "b-good.yaml", GOOD)
    done = govcheck("check", ".", "--format", "json")
    document = json.loads(done.out)
    assert [p["valid"] for p in document["projects"]] == [False, True]
    assert any(f["project"] == "good" and f["profile"] == "eu" for f in findings_of(document))


def test_unknown_profile_exits_2_with_one_line(govcheck: Run, tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", GOOD)
    done = govcheck("check", "good.yaml", "-p", "nope")
    assert done.code == 2
    assert done.out == ""
    assert done.err.strip().splitlines() == [done.err.strip()]
    assert done.err.startswith("govcheck: error: --profile: unknown profile `nope` (available: ")


def test_missing_path_exits_2_but_checks_the_rest(govcheck: Run, tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", GOOD)
    done = govcheck("check", "good.yaml", "missing.yaml", "--format", "json")
    assert done.code == 2
    assert "missing.yaml: no such file or folder" in done.err
    assert {p["id"] for p in json.loads(done.out)["projects"]} == {"good", "missing"}


def test_a_folder_with_no_project_file_is_said_and_the_rest_checked(
    govcheck: Run, tmp_path: Path
) -> None:
    """`govcheck check proposals/` on a folder whose files are not YAML (or the wrong
    folder) printed "0 project(s) checked" and exited 0: a CI job went green having
    read nothing. Each such folder is named on stderr; a `check` that found no project
    file at all exits 1 (`--allow-empty` accepts it); the reports (compare, questions)
    say it and exit 0."""
    write(tmp_path, "good.yaml", GOOD)
    (tmp_path / "proposals").mkdir()
    write(tmp_path / "proposals", "old.json", "{}")
    warned = (
        "govcheck: warning: proposals holds no project file (*.yaml or *.yml); "
        "nothing in it was checked\n"
    )
    nothing = (
        "govcheck: error: no project file (*.yaml or *.yml) was found, so nothing was "
        "checked; give the folder or files that hold the proposals (--allow-empty accepts "
        "an empty run)\n"
    )
    for command in ("compare", "questions"):
        alone = govcheck(command, "proposals", "-p", "eu")
        assert alone.code == 0, alone.err
        assert alone.err == warned, command
    for options in (["-p", "eu"], ["-p", "eu", "--fail-on", "none"], ["--schema-only"]):
        alone = govcheck("check", "proposals", *options)
        assert (alone.code, alone.err) == (1, warned + nothing), options
        allowed = govcheck("check", "proposals", *options, "--allow-empty")
        assert (allowed.code, allowed.err) == (0, warned), options
    both = govcheck("check", "proposals", "good.yaml", "-p", "eu", "--fail-on", "none", "-q")
    assert (both.code, both.err) == (0, warned)
    assert both.out.startswith("good.yaml:")
    assert govcheck("check", "good.yaml", "-p", "eu", "--fail-on", "none").err == ""


@pytest.mark.parametrize(
    "command",
    [
        ("check", "good.yaml", "-f", "json", "-o", "good.yaml"),
        ("check", "good.yaml", "--report", "sarif:good.yaml"),
        ("check", "projects", "-o", "projects/../projects/other.yaml"),
        ("check", "projects", "--schema-only", "-o", "projects/other.yaml"),
        ("questions", "good.yaml", "-o", "good.yaml"),
        ("compare", "projects", "-f", "markdown", "-o", "projects/other.yaml"),
        ("gap", "good.yaml", "-o", "good.yaml"),
        ("whatif", "good.yaml", "--set", "status=approved", "-o", "good.yaml"),
    ],
)
def test_a_report_is_never_written_over_a_project_file_it_reads(
    govcheck: Run, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """`-o` or `--report` naming a project file being read replaced the proposal with the
    report (the user's file was lost); it is a usage error now, said before any check."""
    write(tmp_path, "good.yaml", GOOD)
    (tmp_path / "projects").mkdir()
    write(tmp_path / "projects", "other.yaml", GOOD.replace("id: good", "id: other"))
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")}
    done = govcheck(*command)
    assert done.code == 2, done.err
    assert "is a project file this command reads" in done.err
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")} == before
    beside = govcheck(
        "check", "projects", "-f", "json", "-o", "projects/r.json", "--fail-on", "none"
    )
    assert beside.code == 0, beside.err


def test_two_reports_of_different_formats_are_never_written_to_one_file(
    govcheck: Run, tmp_path: Path
) -> None:
    """`-f json -o r.json --report sarif:r.json` wrote the JSON, then the SARIF over it,
    and exited as if both were there; it is a usage error now, said before the check."""
    write(tmp_path, "good.yaml", GOOD)
    for command in (
        ("-f", "json", "-o", "r.json", "--report", "sarif:r.json"),
        ("--report", "junit:r.xml", "--report", "sarif:./r.xml"),
    ):
        done = govcheck("check", "good.yaml", *command)
        assert done.code == 2, done.err
        assert "is named for two reports" in done.err
        assert not (tmp_path / "r.json").exists()
        assert not (tmp_path / "r.xml").exists()
    same = govcheck(
        "check",
        "good.yaml",
        "-f",
        "json",
        "-o",
        "r.json",
        "--report",
        "json:r.json",
        "--fail-on",
        "none",
    )
    assert same.code == 0, same.err
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["projects"]


def test_invalid_ruleset_exits_2(govcheck: Run, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    write(rules, "bad.yaml", "kind: ruleset\nid: bad\ntitle: Bad\nrules: []\n")
    write(tmp_path, "good.yaml", GOOD)
    done = govcheck("check", "good.yaml", "--rulesets", "rules")
    assert done.code == 2
    assert "bad.yaml:4:" in done.err


def test_fail_on_threshold(govcheck: Run, tmp_path: Path) -> None:
    write(tmp_path, "biometric.yaml", BIOMETRIC)
    json_out = json.loads(govcheck("check", "biometric.yaml", "-f", "json").out)
    worst = max(
        ("info", "low", "medium", "high", "critical").index(f["severity"])
        for f in findings_of(json_out)
        if f["status"] in ("fail", "not_shown")  # both gate CI by severity
    )
    above = ("info", "low", "medium", "high", "critical")[worst]
    assert govcheck("check", "biometric.yaml", "--fail-on", above).code == 1
    if worst < 4:
        higher = ("info", "low", "medium", "high", "critical")[worst + 1]
        assert govcheck("check", "biometric.yaml", "--fail-on", higher).code == 0


def test_json_output_matches_its_published_schema(govcheck: Run) -> None:
    done = govcheck(
        "check",
        str(ROOT / "projects"),
        "-p",
        "eu",
        "-p",
        "minimal",
        "-f",
        "json",
        "--include",
        "all",
    )
    document = json.loads(done.out)
    Draft202012Validator(jsonschemas.committed("results")).validate(document)
    profiles = {p["id"]: p["rule_count"] for p in document["profiles"]}
    valid = [p for p in document["projects"] if p["valid"]]
    for profile, count in profiles.items():
        evaluated = [f for f in findings_of(document) if f["profile"] == profile]
        assert len(evaluated) == count * len(valid)
    assert {f["status"] for f in findings_of(document)} <= {
        "pass",
        "fail",
        "not_shown",
        "not_applicable",
        "upcoming",
        "error",
        "waived",
    }


def test_output_file_is_written(govcheck: Run, tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", GOOD)
    done = govcheck("check", "good.yaml", "-f", "json", "-o", "out.json")
    assert done.out == ""
    assert json.loads((tmp_path / "out.json").read_text())["projects"][0]["id"] == "good"


def test_colour_only_on_request_and_never_with_no_color(govcheck: Run, tmp_path: Path) -> None:
    write(tmp_path, "biometric.yaml", BIOMETRIC)
    assert "\x1b[" not in govcheck("check", "biometric.yaml").out
    assert "\x1b[" in govcheck("check", "biometric.yaml", "--color", "always").out
    assert "\x1b[" in govcheck("check", "biometric.yaml", env={"FORCE_COLOR": "1"}).out
    assert "\x1b[" not in govcheck("check", "biometric.yaml", env={"NO_COLOR": "1"}).out


def test_quiet_prints_only_finding_lines(govcheck: Run, tmp_path: Path) -> None:
    write(tmp_path, "biometric.yaml", BIOMETRIC)
    lines = govcheck("check", "biometric.yaml", "-q").out.splitlines()
    assert lines
    assert all(line.startswith("biometric.yaml:") for line in lines)


def test_hostile_text_never_reaches_the_terminal_raw(govcheck: Run, tmp_path: Path) -> None:
    hostile = GOOD.replace(
        "title: A small well-described project", 'title: "\\e]0;pwned\\a\\e[31mred [bold]x[/]"'
    )
    write(tmp_path, "hostile.yaml", hostile + "typo_key: 1\n")
    done = govcheck("check", "hostile.yaml")
    assert "\x1b" not in done.out
    assert "\x07" not in done.out
    assert "\\x1b]0;pwned" in done.out


def test_schema_command_prints_valid_2020_12(govcheck: Run) -> None:
    for name in jsonschemas.SCHEMA_NAMES:
        done = govcheck("schema", name)
        assert done.code == 0
        Draft202012Validator.check_schema(json.loads(done.out))
    assert json.loads(govcheck("schema").out)["title"] == "Project"


def test_rules_list_show_and_test(govcheck: Run) -> None:
    listing = json.loads(govcheck("rules", "list", "--format", "json").out)
    assert listing["rules"]
    first = listing["rules"][0]
    assert set(first) >= {"id", "title", "area", "severity", "references"}
    text = govcheck("rules", "list", "-p", "eu").out
    assert "EU-DP-DPIA" in text
    shown = govcheck("rules", "show", "EU-DP-DPIA")
    assert shown.code == 0
    assert "Applies when:" in shown.out
    assert "Art. 35" in shown.out
    assert govcheck("rules", "show", "EU-NOPE").code == 2
    tested = govcheck("rules", "test")
    assert tested.code == 0, tested.out
    assert "behave as expected" in tested.out


def test_rules_coverage_and_docs(govcheck: Run) -> None:
    text = govcheck("rules", "coverage", "-p", "eu")
    assert text.code == 0
    assert "NOT COVERED Art. 137 (EDES)" in text.out
    assert "NOT COVERED Art. 22(4)" in text.out  # Art. 22(1) is checked since the 2026-12 review
    assert "NOT COVERED Art. 22(1)" not in text.out
    assert "needing a reviewer's attestation" in text.out
    data = json.loads(govcheck("rules", "coverage", "-f", "json").out)
    assert data["rules"] == data["automatic"] + data["attestation"]
    # The minimal profile's rules, counted from its ruleset files (MIN-*).
    minimal = sum(
        p.read_text().count("\n  - id: MIN-")
        for p in (ROOT / "rulesets" / "minimal").glob("*.yaml")
    )
    assert minimal >= 19
    assert govcheck("rules", "coverage", "-p", "minimal", "-f", "markdown").out.startswith(
        f"{minimal} rules"
    )
    assert govcheck("rules", "docs").out.startswith("# Rule catalogue")


def test_rules_test_fails_on_a_wrong_example(govcheck: Run, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    source = (ROOT / "tests" / "data" / "wrong-example.yaml").read_text()
    write(rules, "wrong.yaml", source)
    done = govcheck("rules", "test", "--rulesets", "rules")
    assert done.code == 1
    assert "FAIL" in done.out
    assert "WRONG-EXAMPLE-RULE:pass[0]" in done.out


def test_profiles_list_and_show(govcheck: Run) -> None:
    listing = govcheck("profiles", "list")
    assert listing.code == 0
    assert "eu " in listing.out
    assert "minimal " in listing.out
    shown = govcheck("profiles", "show", "eu")
    assert shown.code == 0
    assert "EU Global Gateway" in shown.out
    assert govcheck("profiles", "show", "nope").code == 2


def test_init_writes_a_template_that_checks(govcheck: Run, tmp_path: Path) -> None:
    assert govcheck("init", "new.yaml").code == 0
    assert govcheck("init", "new.yaml").code == 2
    done = govcheck("check", "new.yaml", "-f", "json")
    document = json.loads(done.out)
    assert document["projects"][0]["valid"] is True
    assert govcheck("init").out.startswith("# yaml-language-server")


def test_init_in_russian_writes_the_russian_template_that_checks_alike(
    govcheck: Run, tmp_path: Path
) -> None:
    # `--lang ru init` wrote the English template.
    assert govcheck("--lang", "ru", "init", "ru.yaml").code == 0
    assert govcheck("init", "en.yaml").code == 0
    text = (tmp_path / "ru.yaml").read_text(encoding="utf-8")
    assert "Описание проекта для govcheck" in text
    assert "# ровно 1" in text  # the schema's words in the field comments, in Russian
    assert "A govcheck project description" not in text
    results = [
        json.loads(govcheck("check", name, "-f", "json", "--include", "all").out)
        for name in ("ru.yaml", "en.yaml")
    ]
    assert [r["projects"][0]["valid"] for r in results] == [True, True]
    statuses = [[(f["rule"], f["status"]) for f in findings_of(r)] for r in results]
    assert statuses[0] == statuses[1]  # the same facts, only the words differ


def test_python_dash_m_and_bad_arguments(govcheck: Run) -> None:
    assert govcheck("check", "--format", "nope").code == 2
    assert govcheck().code == 2


def test_output_to_a_device_is_written_through_not_replaced(govcheck: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = tmp_path / "received.json"
    # The reader writes to a file, not a pipe: a report larger than a pipe's buffer would
    # otherwise block `cat`, and with it the command writing into the FIFO.
    with received.open("wb") as sink:
        reader = subprocess.Popen(["cat", str(fifo)], stdout=sink)
        done = govcheck(
            "check",
            str(ROOT / "projects" / "kg-bishkek-safe-city.yaml"),
            "-f",
            "json",
            "-o",
            str(fifo),
        )
        reader.wait(timeout=60)
    assert done.code == 1
    assert json.loads(received.read_text())["projects"][0]["id"] == "kg-bishkek-safe-city"
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert govcheck("check", str(ROOT / "projects"), "-q", "-o", os.devnull).code == 1
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)


def test_a_closed_pipe_keeps_the_real_exit_code(tmp_path: Path) -> None:
    script = (
        f"{sys.executable} -m checker check {ROOT / 'projects'} --fail-on critical "
        "| head -1; exit ${PIPESTATUS[0]}"
    )
    done = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert done.returncode == 1
    assert done.stderr == ""


def test_a_command_parsed_alone_reads_exactly_as_with_every_command_built() -> None:
    """Only the named command's parser is built; it must accept and show the same."""
    from checker.cli.parser import build_parser

    full = build_parser()
    subparsers = next(a for a in full._actions if a.choices and "check" in a.choices)
    assert subparsers.choices is not None
    names = sorted(subparsers.choices)
    assert names == sorted(
        [
            "check",
            "schema",
            "rules",
            "profiles",
            "waive",
            "verify",
            "diff",
            "baseline",
            "compare",
            "gap",
            "init",
            "tui",
            "cache",
            "questions",
            "whatif",
            "lesson",
            "screening",
        ]
    )
    for name in names:
        alone = build_parser(name)
        alone_choices = next(a for a in alone._actions if a.choices).choices
        assert alone_choices is not None
        assert list(alone_choices) == [name]
        assert alone_choices[name].format_help() == subparsers.choices[name].format_help()
    argv = ["check", "projects", "-p", "eu", "-p", "minimal", "-q", "--jobs", "2"]
    parsed_alone, parsed_full = build_parser("check").parse_args(argv), full.parse_args(argv)
    assert vars(parsed_alone).keys() == vars(parsed_full).keys()
    assert {k: v for k, v in vars(parsed_alone).items() if k != "handler"} == {
        k: v for k, v in vars(parsed_full).items() if k != "handler"
    }


def test_unknown_command_and_bare_help_still_list_every_command(govcheck: Run) -> None:
    wrong = govcheck("chek")
    assert wrong.code == 2
    assert "COMMAND: `chek` is not one of check, schema, " in wrong.err
    assert ", compare, " in wrong.err
    assert "waive" in govcheck("--help").out


def test_a_repository_root_with_other_tools_yaml(govcheck: Run, tmp_path: Path) -> None:
    # `govcheck check .` from a repository root meets Compose files and the like: each is
    # one clear problem (and the run fails: it is not silently skipped), never ~120 rules
    # `not_shown` on a file that is no proposal.
    (tmp_path / "proposals").mkdir()
    (tmp_path / "deploy").mkdir()
    write(tmp_path / "proposals", "good.yaml", GOOD)
    write(tmp_path / "deploy", "docker-compose.yaml", "services:\n  web:\n    image: nginx\n")
    done = govcheck("check", ".", "-p", "eu", "-f", "json", "--no-cache")
    assert done.code == 1, done.err
    record = json.loads(done.out)
    by_path = {p["path"]: p for p in record["projects"]}
    compose = by_path["deploy/docker-compose.yaml"]
    assert [p["rule"] for p in compose["problems"]] == ["file.not-a-project"]
    assert compose["results"] == []
    assert by_path["proposals/good.yaml"]["valid"]
    assert by_path["proposals/good.yaml"]["results"]
    russian = govcheck("--lang", "ru", "check", "deploy", "-p", "eu", "-q", "--no-cache")
    assert "не похож на описание проекта" in russian.out, russian.out
    assert "`services`" in russian.out


def test_a_profile_named_twice_is_checked_once(
    govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    # `-p eu -p eu` (a profile in a CI variable and again on the line) checked it twice:
    # every finding twice in text, SARIF and JSON (`profiles: [eu, eu]`), under a summary
    # that counted it once; `compare` showed two eu columns, `questions` "under eu, eu".
    sample = ROOT / "projects" / "kg-bishkek-safe-city.yaml"
    (tmp_path / "b.yaml").write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    once = govcheck("check", "b.yaml", "-p", "eu", "-f", "json", cwd=tmp_path)
    twice = govcheck("check", "b.yaml", "-p", "eu", "-p", "eu", "-f", "json", cwd=tmp_path)
    assert twice.code == once.code == 1, twice.err
    document = json.loads(twice.out)
    assert [p["id"] for p in document["profiles"]] == ["eu"]
    assert len(findings_of(document)) == len(findings_of(json.loads(once.out)))
    asked = govcheck("questions", "b.yaml", "-p", "eu", "-p", "eu", cwd=tmp_path)
    assert "under eu, as of" in asked.out, asked.out
