"""Report formats: golden files, official schemas, and what each format must carry.

Besides the golden files, every format is run on `tests/data/statuses`, one
project that ends in each status under profile `st` (ST-TENDER failed,
ST-DPIA not shown, ST-EWASTE passed, ST-BIOMETRIC not applicable, ST-LATER
upcoming) and out of scope under `st-kz`, and the tests assert what each
format makes of each status.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from jsonschema import Draft4Validator, Draft202012Validator

from checker import jsonschemas, load_catalogue
from checker.checking import check
from checker.findings import RunResult
from checker.profiles import resolve_profile
from checker.report import RENDERERS, markdown, render_to_string
from checker.report.options import RenderOptions
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
    "sarif-full": "sarif",
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
        "--as-of",  # the reference date is written by several formats: fix it
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


def test_junit_streams_a_suite_at_a_time_with_totals_that_add_up(golden_tree: Path) -> None:
    """The root's totals are counted from the statuses before any suite is written, so
    each suite is written (and freed) as it is made: a 10,000-project report stays flat
    in memory. The totals must still be the sum of what the suites hold."""
    from checker import check, load_catalogue
    from checker.profiles import resolve_profile
    from checker.report.junit import render
    from checker.report.options import RenderOptions
    from checker.waivers import apply_waivers
    from checker.waivers.records import load_record

    catalogue = load_catalogue(golden_tree / "rules")
    profiles = [resolve_profile(catalogue, p) for p in ("golden", "golden-lite")]
    paths = [str(golden_tree / "projects")]
    run = check(paths, profiles, as_of="2026-11-25")
    day = datetime.date(2026, 11, 25)
    run = apply_waivers(run, load_record(paths, [], day), day, checked=paths)
    chunks = list(render(run, RenderOptions()))
    suites = [c for c in chunks if c.startswith("  <testsuite ")]
    assert len(suites) == len(ET.fromstring("".join(chunks)).findall("testsuite")) == 7
    root = ET.fromstring("".join(chunks))
    for key in ("tests", "failures", "errors"):
        assert int(root.get(key, "-1")) == sum(int(s.get(key, "0")) for s in root), key
    assert int(root.get("tests", "0")) == len(root.findall(".//testcase"))
    assert root.findall(".//skipped[@type='waived']")


def test_github_annotations_are_escaped_workflow_commands(govcheck: Run, golden_tree: Path) -> None:
    lines = _golden_run(govcheck, "github").out.splitlines()
    assert lines
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    first = next(line for line in lines if "GOLD-AI-BAN [golden]" in line)
    assert first.startswith("::error file=projects/alpha.yaml,line=13,col=5,title=GOLD-AI-BAN")
    assert "%0A" in first  # multi-line message escaped
    assert not any("GOLD-TR-TENDER" in line and "alpha" in line for line in lines)  # waived
    assert any("stale waiver" in line for line in lines)


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


# --- every status, format by format ------------------------------------------------------------

STATUSES = DATA / "statuses"
AS_OF = "2026-12-04"


@pytest.fixture
def status_tree(tmp_path: Path) -> Path:
    shutil.copytree(STATUSES / "projects", tmp_path / "projects")
    shutil.copytree(STATUSES / "rules", tmp_path / "rules")
    return tmp_path


def _status_run(govcheck: Run, fmt: str, *extra: str) -> Completed:
    done = govcheck(
        "check", "projects", "--rulesets", "rules", "-p", "st", "-p", "st-kz",
        "--as-of", AS_OF, "-f", fmt, *extra,
        env={"SOURCE_DATE_EPOCH": "1795000000"},
    )  # fmt: skip
    assert done.code == 1, done.err  # ST-TENDER fails, ST-DPIA is not shown
    return done


def _status_result(copies: int = 1, *profiles: str) -> RunResult:
    """The status project (or `copies` of it under other ids), checked in this process."""
    catalogue = load_catalogue(STATUSES / "rules")
    return _checked(catalogue, copies, profiles or ("st", "st-kz"))


def _checked(catalogue: Any, copies: int, profiles: tuple[str, ...]) -> RunResult:
    import tempfile

    text = (STATUSES / "projects" / "kg-city.yaml").read_text()
    with tempfile.TemporaryDirectory() as folder:
        for n in range(copies):
            Path(folder, f"p{n:03}.yaml").write_text(text.replace("id: kg-city", f"id: p{n:03}"))
        resolved = [resolve_profile(catalogue, p) for p in profiles]
        return check([folder], resolved, as_of=AS_OF)


def test_sarif_says_each_status_and_keeps_scope_and_upcoming_out_of_results(
    govcheck: Run, status_tree: Path
) -> None:
    log = json.loads(_status_run(govcheck, "sarif").out)
    Draft4Validator(SARIF_SCHEMA).validate(log)
    (run,) = log["runs"]
    results = {r["ruleId"]: r for r in run["results"]}
    assert set(results) == {"ST-TENDER", "ST-DPIA"}  # no pass, n/a, upcoming, out of scope
    for result in results.values():
        assert result["kind"] == "fail"
        status = result["properties"]["govcheckStatus"]
        assert result["properties"]["tags"] == [f"status:{status}"]
    shown = results["ST-DPIA"]
    assert shown["properties"]["govcheckStatus"] == "not_shown"
    assert shown["level"] == "error"  # high
    assert shown["message"]["text"].startswith("Not shown: DPIA for biometric processing [st].")
    assert "`data_processing.dpia.status` is unknown" in shown["message"]["text"]
    assert shown["properties"]["facts"] == [
        {
            "pointer": "/data_processing/dpia/status",
            "path": "data_processing.dpia.status",
            "state": "unknown",
        }
    ]
    failed = results["ST-TENDER"]
    assert failed["properties"]["govcheckStatus"] == "fail"
    assert failed["level"] == "warning"  # medium
    assert not failed["message"]["text"].startswith("Not shown")
    properties = run["properties"]
    assert properties["asOf"] == AS_OF
    assert properties["outOfScope"] == {"st-kz": {"covers": ["KZ"], "projects": ["kg-city"]}}
    assert properties["upcoming"] == {
        "st": [{"rule": "ST-LATER", "appliesFrom": "2099-01-01", "projects": 1}]
    }
    counts = properties["statusCounts"]["st"]
    assert (counts["fail"], counts["not_shown"], counts["pass"], counts["upcoming"]) == (1, 1, 1, 1)
    assert properties["statusCounts"]["st-kz"]["out_of_scope_projects"] == 1
    notes = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert any(n.startswith("st-kz is out of scope for 1 project(s) (it covers KZ)") for n in notes)
    assert any("ST-LATER from 2099-01-01" in n and "nor counted as failing" in n for n in notes)


def test_sarif_rules_carry_the_security_tag_with_security_severity(
    govcheck: Run, status_tree: Path
) -> None:
    rules = json.loads(_status_run(govcheck, "sarif").out)["runs"][0]["tool"]["driver"]["rules"]
    for rule in rules:
        properties = rule["properties"]
        assert ("security" in properties["tags"]) == ("security-severity" in properties)
    assert {r["id"] for r in rules if "security" in r["properties"]["tags"]} >= {"ST-DPIA"}


def test_github_sarif_leaves_waived_results_to_the_full_sarif(
    govcheck: Run, golden_tree: Path
) -> None:
    github = json.loads(_golden_run(govcheck, "sarif").out)["runs"][0]
    full = json.loads(_golden_run(govcheck, "sarif-full").out)["runs"][0]
    for run in (github, full):
        Draft4Validator(SARIF_SCHEMA).validate({"version": "2.1.0", "runs": [run]})

    def waived(run: dict[str, Any]) -> list[dict[str, Any]]:
        return [r for r in run["results"] if r["properties"]["govcheckStatus"] == "waived"]

    assert waived(github) == []
    assert github["properties"]["waivedLeftOut"] == 1
    (accepted,) = waived(full)
    assert accepted["ruleId"] == "GOLD-TR-TENDER"
    assert accepted["kind"] == "fail"
    assert accepted["suppressions"][0]["status"] == "accepted"
    assert accepted["suppressions"][0]["justification"].startswith("Emergency procurement")
    assert len(full["results"]) == len(github["results"]) + 1


def test_github_annotations_say_not_shown_and_skip_scope_and_upcoming(
    govcheck: Run, status_tree: Path
) -> None:
    lines = _status_run(govcheck, "github").out.splitlines()
    assert len(lines) == 2
    shown = next(line for line in lines if "ST-DPIA" in line)
    assert shown.startswith("::error file=projects/kg-city.yaml,")  # high, as a failure would be
    message = shown.split("::", 2)[2]
    assert message.startswith("Not shown: A DPIA is completed before personal data is processed.")
    assert "`data_processing.dpia.status` is unknown" in message
    assert next(line for line in lines if "ST-TENDER" in line).startswith("::warning ")
    assert not any("ST-LATER" in line or "STKZ" in line for line in lines)


def test_github_annotations_stay_within_the_per_step_limits(govcheck: Run, tmp_path: Path) -> None:
    shutil.copytree(STATUSES / "rules", tmp_path / "rules")
    text = (STATUSES / "projects" / "kg-city.yaml").read_text()
    (tmp_path / "projects").mkdir()
    for n in range(15):
        (tmp_path / "projects" / f"p{n:02}.yaml").write_text(
            text.replace("id: kg-city", f"id: p{n:02}")
        )
    done = govcheck(
        "check", "projects", "--rulesets", "rules", "-p", "st", "--as-of", AS_OF, "-f", "github"
    )
    lines = done.out.splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines]
    assert kinds.count("::error") == 10  # 15 ST-DPIA not shown (high)
    assert kinds.count("::warning") == 10  # 15 ST-TENDER failed (medium)
    assert lines[-1].startswith("::notice title=govcheck%3A 10 more not annotated::")
    assert "::5 error and 5 warning annotation(s) left out: GitHub shows at most 10" in lines[-1]


def test_github_annotations_of_a_profile_whose_unshown_facts_do_not_gate(
    govcheck: Run, status_tree: Path
) -> None:
    (status_tree / "rules" / "lenient.yaml").write_text(
        "kind: profile\nid: st-lenient\ntitle: Lenient\ninclude: ['ST-*']\nnot_shown_gates: false\n"
    )
    done = govcheck(
        "check", "projects", "--rulesets", "rules", "-p", "st-lenient", "--as-of", AS_OF,
        "-f", "github",
    )  # fmt: skip
    shown = next(line for line in done.out.splitlines() if "ST-DPIA" in line)
    assert shown.startswith("::warning ")  # high, but it cannot fail the job


def test_gitlab_lists_not_shown_with_its_severity(govcheck: Run, status_tree: Path) -> None:
    issues = {i["check_name"]: i for i in json.loads(_status_run(govcheck, "gitlab").out)}
    assert set(issues) == {"ST-DPIA", "ST-TENDER"}
    assert issues["ST-DPIA"]["severity"] == "critical"  # high
    assert issues["ST-DPIA"]["description"].startswith("ST-DPIA [st] Not shown: ")
    assert "`data_processing.dpia.status` is unknown" in issues["ST-DPIA"]["description"]
    assert issues["ST-TENDER"]["severity"] == "major"  # medium
    assert "Not shown" not in issues["ST-TENDER"]["description"]


def test_junit_maps_each_status_and_out_of_scope_once(govcheck: Run, status_tree: Path) -> None:
    document = _status_run(govcheck, "junit").out
    JUNIT_XSD.validate(document)
    root = ET.fromstring(document)
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"st: kg-city", "st-kz: kg-city"}
    cases = {c.get("name", "").split(":")[0]: c for c in suites["st: kg-city"]}
    cases.pop("", None)  # <properties>
    outcome = {rule: [(e.tag, e.get("type")) for e in case] for rule, case in cases.items()}
    assert outcome == {
        "ST-DPIA": [("failure", "not_shown")],
        "ST-TENDER": [("failure", "fail")],
        "ST-EWASTE": [],
        "ST-BIOMETRIC": [("skipped", "not_applicable")],
        "ST-LATER": [("skipped", "upcoming")],
    }
    assert "2099-01-01" in (cases["ST-LATER"].find("skipped").get("message") or "")  # type: ignore[union-attr]
    unshown = cases["ST-DPIA"].find("failure")
    assert unshown is not None
    assert "Not shown: " in (unshown.get("message") or "")
    assert "`data_processing.dpia.status` is unknown" in (unshown.text or "")
    st = suites["st: kg-city"]
    assert (st.get("tests"), st.get("failures"), st.get("skipped")) == ("5", "2", "2")
    outside = suites["st-kz: kg-city"]
    (case,) = outside.findall("testcase")
    assert case.get("name") == "out of scope"
    skipped = case.find("skipped")
    assert skipped is not None
    assert skipped.get("type") == "out_of_scope"
    assert skipped.get("message") == "out of scope: st-kz covers KZ; this project is in KG"
    assert (root.get("tests"), root.get("failures")) == ("6", "2")


def test_markdown_counts_lists_not_shown_apart_and_says_out_of_scope_once(
    govcheck: Run, status_tree: Path
) -> None:
    out = _status_run(govcheck, "markdown").out
    assert "- **st**: 1 failed, 1 not shown, 1 passed, 1 not applicable, 1 upcoming\n" in out
    assert "- **st-kz**: out of scope for 1 project(s) (it covers KZ)\n" in out
    assert (
        "| kg-city | KG | safe\\_city | ❌ 1 failed, 1 not shown · 33% met (1 high, 1 medium) "
        "| ➖ out of scope |" in out
    )
    assert out.count("➖ out of scope") == 1
    assert out.count("**st-kz**: out of scope (st-kz covers KZ; this project is in KG).") == 1
    assert "no failing" not in out
    assert "0 failing" not in out
    assert "**st**: 1 failed, 1 not shown, 1 passed, 1 not applicable, 1 upcoming · 33% met" in out
    failed, asked = out.split("Failed: ", 1)[1].split("Not shown: facts to ask", 1)
    assert "ST-TENDER" in failed
    assert "ST-DPIA" not in failed
    row = next(line for line in asked.splitlines() if "ST-DPIA" in line)
    assert "Not shown: A DPIA is completed" in row
    assert "`data_processing.dpia.status` is unknown" in row
    upcoming = out.split("<details><summary>Upcoming (1): not counted as failing yet</summary>")[1]
    assert "ST-LATER" in upcoming.split("</details>")[0]
    assert "applies from 2099-01-01" in upcoming


def test_markdown_stays_under_the_job_summary_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    run = _status_result(40, "st")
    whole = render_to_string("markdown", run, RenderOptions())
    assert whole.count("### p0") == 40
    monkeypatch.setattr(markdown, "LIMIT", 12_000)
    cut = render_to_string("markdown", run, RenderOptions())
    assert len(cut.encode("utf-8")) < 12_000
    kept = cut.count("### p0")
    assert 0 < kept < 40
    assert f"_{40 - kept} more project(s) left out to keep this summary under 1 MiB" in cut
    assert "- **st**: 40 failed, 40 not shown, 40 passed" in cut  # the totals always stay


def test_the_gitlab_report_is_written_in_pieces_that_make_the_one_array() -> None:
    """The code-quality report held the whole list of issues before writing (3.3 GB at
    10,000 projects); it is written a few hundred issues at a time, one compact issue a
    line, and the pieces must make the one array, empty too."""
    from checker import load_catalogue
    from checker.checking import check
    from checker.profiles import resolve_profile
    from checker.report import gitlab
    from checker.report.options import RenderOptions
    from tests.conftest import ROOT

    catalogue = load_catalogue(ROOT / "rulesets")
    profiles = [resolve_profile(catalogue, n) for n in ("eu", "minimal")]
    for paths in ([ROOT / "projects"], []):
        run = check(paths, profiles, as_of="2026-12-04")
        text = "".join(gitlab.render(run, RenderOptions()))
        issues = json.loads(text)
        lines = [json.dumps(i, ensure_ascii=False, separators=(",", ":")) for i in issues]
        assert text == ("[\n  " + ",\n  ".join(lines) + "\n]\n" if issues else "[]\n")
        problems = [f for f in run.findings(problems_only=True) if f.status.is_problem]
        assert len(issues) == len(problems) > (gitlab._BATCH if paths else -1)


def test_every_gitlab_issue_line_is_the_issue_of_its_finding(tmp_path: Path) -> None:
    """The report writes a rule outcome's issue from its evaluation's cells, with its
    description remembered across projects; each line must be the issue of the finding
    `RunResult.made` makes, JSON-safe: over the samples under every bundled profile (rules
    a law binds), the golden projects with their waiver live and lapsed (an expired waiver
    is named in the detail), the status project (facts not shown) and a file whose name
    holds a bidi control."""
    from datetime import date

    from checker.report import gitlab
    from checker.report.jsontext import compact
    from checker.report.safe import json_safe
    from checker.waivers import load_waivers
    from checker.waivers.applying import apply_waivers

    bundled = load_catalogue(ROOT / "rulesets")
    samples = check(
        [ROOT / "projects"],
        [resolve_profile(bundled, p) for p in ("eu", "minimal", "host-kz", "host-uz")],
        as_of="2026-12-04",
    )
    golden = load_catalogue(GOLDEN / "rules")
    golden_run = check([GOLDEN / "projects"], [resolve_profile(golden, "golden")], as_of=AS_OF)
    waivers = GOLDEN / "projects" / "govcheck-waivers.yaml"
    lapsed_on, live_on = date(2027, 7, 1), date(2027, 1, 1)
    lapsed = apply_waivers(golden_run, [load_waivers(waivers, lapsed_on)], lapsed_on)
    live = apply_waivers(golden_run, [load_waivers(waivers, live_on)], live_on)
    odd = tmp_path / "odd\u202ename.yaml"
    shutil.copy(STATUSES / "projects" / "kg-city.yaml", odd)
    statuses = load_catalogue(STATUSES / "rules")
    odd_run = check([odd], [resolve_profile(statuses, p) for p in ("st", "st-kz")], as_of=AS_OF)
    seen: set[str] = set()
    paths: set[str] = set()
    for run in (samples, lapsed, live, odd_run, _status_result(3)):
        issues = gitlab.Issues()
        problems = list(run.problems())
        assert problems
        for problem in problems:
            line = issues.line(problem)
            assert line == json_safe(compact(gitlab.issue(run.made(problem))))
            seen.add(json.loads(line)["description"])
            paths.add(line.split('"path":', 1)[1])
    every = " ".join(seen)
    assert "waiver expired on" in every
    for said in ("Not shown:", "[host-", "[input]"):  # facts not shown, a law, an input
        assert said in every
    assert any(p.startswith(json.dumps(str(odd))) for p in paths)  # escaped, as `\u202e`
