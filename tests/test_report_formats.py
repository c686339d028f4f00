"""Report formats: golden files, official schemas, and what each format must carry."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
import xmlschema
from jsonschema import Draft4Validator, Draft202012Validator

from checker import jsonschemas
from checker.report import RENDERERS
from tests.conftest import DATA, ROOT, Completed

Run = Callable[..., Completed]
GOLDEN = DATA / "golden"
REFERENCE = Path(__file__).parent / "reference"
SARIF_SCHEMA = json.loads((REFERENCE / "sarif" / "sarif-schema-2.1.0.json").read_text())
JUNIT_XSD = xmlschema.XMLSchema(str(REFERENCE / "junit" / "jenkins-xunit-junit-10.xsd"))
EXTENSION = {
    "text": "txt",
    "json": "json",
    "sarif": "sarif",
    "junit": "xml",
    "github": "txt",
    "markdown": "md",
    "gitlab": "json",
    "oscal": "json",
    "html": "html",
}


@pytest.fixture
def golden_tree(tmp_path: Path) -> Path:
    shutil.copytree(GOLDEN / "projects", tmp_path / "projects")
    shutil.copytree(GOLDEN / "rules", tmp_path / "rules")
    return tmp_path


def _golden_run(govcheck: Run, fmt: str) -> Completed:
    return govcheck(
        "check",
        "projects",
        "--rulesets",
        "rules",
        "-p",
        "golden",
        "-p",
        "golden-lite",
        "--today",
        "2026-11-25",
        "-f",
        fmt,
        env={"SOURCE_DATE_EPOCH": "1795000000"},  # fixes the time written by `oscal`
    )


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_golden_output(govcheck: Run, golden_tree: Path, fmt: str) -> None:
    done = _golden_run(govcheck, fmt)
    assert done.code == 1, done.err
    output = done.out.replace(_version(), "VERSION")
    expected_path = GOLDEN / "expected" / f"{fmt}.{EXTENSION[fmt]}"
    if os.environ.get("GOVCHECK_UPDATE_GOLDEN"):
        expected_path.parent.mkdir(exist_ok=True)
        expected_path.write_text(output, encoding="utf-8")
    expected = expected_path.read_text(encoding="utf-8")
    assert output == expected, (
        f"{fmt} output differs from {expected_path}; if the change is intended, run "
        "GOVCHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_report_formats.py and review the diff"
    )


def _version() -> str:
    from checker import __version__

    return __version__


def _bundled(govcheck: Run, fmt: str) -> str:
    done = govcheck(
        "check", str(ROOT / "projects"), "-p", "eu", "-p", "minimal", "-f", fmt, cwd=ROOT
    )
    assert done.code in (0, 1), done.err
    return done.out


def test_sarif_on_bundled_samples_is_valid_and_complete(govcheck: Run) -> None:
    log = json.loads(_bundled(govcheck, "sarif"))
    Draft4Validator(SARIF_SCHEMA).validate(log)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert log["$schema"]
    assert log["version"] == "2.1.0"
    assert run["results"]
    for rule in rules.values():
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"]
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        assert location["region"]["startLine"] >= 1
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert result["partialFingerprints"]["primaryLocationLineHash"]
        assert result["ruleId"] in rules
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")


def test_sarif_levels_and_security_severity_follow_severity(
    govcheck: Run, golden_tree: Path
) -> None:
    log = json.loads(_golden_run(govcheck, "sarif").out)
    run = log["runs"][0]
    levels = {(r["ruleId"], r["properties"]["profile"]): r["level"] for r in run["results"]}
    assert levels[("GOLD-AI-BAN", "golden")] == "error"
    assert levels[("GOLD-AI-BAN", "golden-lite")] == "note"  # severity override to info
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["GOLD-AI-BAN"]["properties"]["security-severity"] == "9.5"
    assert "security-severity" not in rules["GOLD-ENV-EWASTE"]["properties"]


def test_fingerprints_survive_line_moves(govcheck: Run, golden_tree: Path) -> None:
    before = json.loads(_golden_run(govcheck, "sarif").out)["runs"][0]["results"]
    alpha = golden_tree / "projects" / "alpha.yaml"
    alpha.write_text("# a new comment line\n# and another\n" + alpha.read_text())
    after = json.loads(_golden_run(govcheck, "sarif").out)["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    lines = [
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in after
        if r["properties"]["project"] == "alpha"
    ]
    assert lines == [
        line + 2
        for line in (
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
            for r in before
            if r["properties"]["project"] == "alpha"
        )
    ]


def test_junit_on_bundled_samples_is_valid(govcheck: Run) -> None:
    document = _bundled(govcheck, "junit")
    JUNIT_XSD.validate(document)
    root = ET.fromstring(document)
    cases = root.findall(".//testcase")
    assert int(root.get("tests", "0")) == len(cases)
    assert root.findall(".//failure")
    assert root.findall(".//skipped")


def test_junit_has_a_case_per_profile_project_rule(govcheck: Run, golden_tree: Path) -> None:
    root = ET.fromstring(_golden_run(govcheck, "junit").out)
    JUNIT_XSD.validate(ET.tostring(root, encoding="unicode"))
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    # A duplicate key makes `broken` invalid, but its rules are still evaluated.
    assert set(suites) == {
        f"{p}: {x}" for p in ("golden", "golden-lite") for x in ("alpha", "beta", "broken")
    } | {"input: broken"}
    alpha = suites["golden: alpha"]
    assert len(alpha.findall("testcase")) == 4
    skipped = {
        c.get("name").split(":")[0]: c.find("skipped")
        for c in alpha.findall("testcase")
        if c.find("skipped") is not None
    }
    assert skipped["GOLD-TR-TENDER"].get("message").startswith("waived until 2027-06-30")
    failure = next(
        c.find("failure")
        for c in alpha.findall("testcase")
        if c.get("name").startswith("GOLD-AI-BAN")
    )
    assert "projects/alpha.yaml:13:5" in failure.get("message")
    assert suites["input: broken"].find("testcase/error") is not None


def test_github_annotations_are_escaped_workflow_commands(govcheck: Run, golden_tree: Path) -> None:
    lines = _golden_run(govcheck, "github").out.splitlines()
    assert lines
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    first = next(line for line in lines if "GOLD-AI-BAN [golden]" in line)
    assert first.startswith("::error file=projects/alpha.yaml,line=13,col=5,title=GOLD-AI-BAN")
    assert "%0A" in first  # multi-line message escaped
    assert not any("GOLD-TR-TENDER" in line and "alpha" in line for line in lines)  # waived
    assert any("orphaned waiver" in line for line in lines)


def test_format_auto_is_github_under_actions(govcheck: Run, golden_tree: Path) -> None:
    done = govcheck(
        "check",
        "projects",
        "--rulesets",
        "rules",
        "-p",
        "golden",
        "-f",
        "auto",
        env={"GITHUB_ACTIONS": "true"},
    )
    assert done.out.startswith("::")
    plain = govcheck("check", "projects", "--rulesets", "rules", "-p", "golden", "-f", "auto")
    assert not plain.out.startswith("::")


def test_markdown_escapes_project_text(govcheck: Run, golden_tree: Path) -> None:
    out = _golden_run(govcheck, "markdown").out
    assert 'Alpha \\<safe\\> city & "cameras"' in out
    assert "<safe>" not in out
    assert "[Regulation (EU) 2024/1689 (AI Act), Art. 5(1)(h)]" not in out  # escaped parens
    assert "(https://eur-lex.europa.eu/eli/reg/2024/1689/oj)" in out


def test_gitlab_code_quality_shape(govcheck: Run, golden_tree: Path) -> None:
    issues = json.loads(_golden_run(govcheck, "gitlab").out)
    assert issues
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["lines"]["begin"] >= 1


def test_several_reports_in_one_run(govcheck: Run, golden_tree: Path) -> None:
    done = govcheck(
        "check",
        "projects",
        "--rulesets",
        "rules",
        "-p",
        "golden",
        "--report",
        "sarif:out.sarif",
        "--report",
        "junit:out.xml",
        "--report",
        "json:out.json",
        "-q",
    )
    assert done.code == 1
    Draft4Validator(SARIF_SCHEMA).validate(json.loads((golden_tree / "out.sarif").read_text()))
    JUNIT_XSD.validate(str(golden_tree / "out.xml"))
    results = json.loads((golden_tree / "out.json").read_text())
    Draft202012Validator(jsonschemas.committed("results")).validate(results)
    assert done.out.splitlines()[0].startswith("projects/")


def test_bad_report_spec_is_a_usage_error(govcheck: Run) -> None:
    done = govcheck("check", "--report", "pdf:out.pdf")
    assert done.code == 2
    assert "FORMAT:FILE" in done.err
