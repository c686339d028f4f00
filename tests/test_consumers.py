"""Independent tools read what govcheck writes, and count what govcheck counts.

Each test drives a real consumer, pinned in the `test` extra of pyproject.toml:
compliance-trestle's pydantic OSCAL models (which forbid unknown fields) read
every OSCAL document; its profile resolver resolves our profile against our
catalog in a trestle workspace, applying our parameter settings and severity
alterations; `trestle import` and `trestle validate` take all three documents;
sarif-tools' `sarif summary` counts our SARIF results by level; junitparser
counts our JUnit test cases. Every count is compared with the `summary` of the
JSON results of the same run: the numbers the core computed once.
tests/test_oscal.py checks the OSCAL documents against the NIST schemas.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from junitparser import Error, Failure, JUnitXml, Skipped
from trestle.core.profile_resolver import ProfileResolver
from trestle.oscal.assessment_results import AssessmentResults
from trestle.oscal.catalog import Catalog
from trestle.oscal.profile import Profile

from tests.conftest import DATA, Completed
from tests.test_oscal import evidence_tree

Run = Callable[..., Completed]
BUNDLED = ("eu", "minimal", "eu-host")
# docs/ci.md: the SARIF level of a problem follows its severity.
LEVELS = {"error": ("critical", "high"), "warning": ("medium",), "note": ("low", "info")}


def trestle(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real `trestle` command, from this interpreter's environment."""
    return subprocess.run(
        [sys.executable, "-m", "trestle", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def export(
    govcheck: Run, name: str, folder: Path, *options: str, stem: str = ""
) -> tuple[Path, Path]:
    """`NAME-catalog.json` and `NAME-profile.json` written by `govcheck profiles export`
    (`STEM-…` when the profile is named by its file)."""
    stem = stem or name
    paths = (folder / f"{stem}-catalog.json", folder / f"{stem}-profile.json")
    for kind, path in zip(("oscal-catalog", "oscal-profile"), paths, strict=True):
        done = govcheck("profiles", "export", name, "-f", kind, "-o", str(path), *options)
        assert done.code == 0, done.err
    return paths


def golden_tree(tmp_path: Path) -> Path:
    """The golden projects (a pass, failures, facts not shown, a waiver, a broken file)."""
    shutil.copytree(DATA / "golden" / "projects", tmp_path / "projects")
    shutil.copytree(DATA / "golden" / "rules", tmp_path / "rules")
    return tmp_path


# --- compliance-trestle ---------------------------------------------------------------------


@pytest.mark.parametrize("name", BUNDLED)
def test_trestle_reads_every_document_and_resolves_our_profile(
    govcheck: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    assert trestle("init", cwd=tmp_path).returncode == 0  # a workspace for the resolver
    catalog_path, profile_path = export(govcheck, name, tmp_path)
    done = govcheck("check", "-p", name, "-f", "oscal", "-o", "results.json")
    assert done.code == 1, done.err

    catalog = Catalog.oscal_read(catalog_path)
    profile = Profile.oscal_read(profile_path)
    results = AssessmentResults.oscal_read(tmp_path / "results.json")
    assert catalog is not None
    assert profile is not None
    assert results is not None

    written = load(catalog_path)["catalog"]
    controls = [c.id for g in catalog.groups or [] for c in g.controls or []]
    assert controls == [c["id"] for g in written["groups"] for c in g["controls"]]
    assert catalog.back_matter is not None
    assert catalog.back_matter.resources is not None
    assert len(catalog.back_matter.resources) == len(written["back-matter"]["resources"])
    (imported,) = profile.imports
    assert imported.include_controls is not None
    assert imported.include_controls[0].with_ids is not None
    assert sorted(imported.include_controls[0].with_ids) == sorted(controls)

    (result,) = results.results
    plain = load(tmp_path / "results.json")["assessment-results"]["results"][0]
    assert len(result.findings or []) == len(plain["findings"]) > 0
    assert len(result.observations or []) == len(plain["observations"])
    targets = {f.target.target_id for f in result.findings or []}
    assert targets <= {f"{c}_smt" for c in controls}

    monkeypatch.chdir(tmp_path)  # the profile names its catalog relative to itself
    resolved = ProfileResolver.get_resolved_profile_catalog(tmp_path, profile_path.name)
    found = [c.id for g in resolved.groups or [] for c in g.controls or []]
    assert sorted(found) == sorted(controls)
    assert {g.id for g in resolved.groups or []} == {g["id"] for g in written["groups"]}
    modify = load(profile_path)["profile"].get("modify", {})
    settings = {s["param-id"]: s.get("values") for s in modify.get("set-parameters", [])}
    assert {p.id: p.values for p in resolved.params or []} == settings


def test_trestle_reads_waivers_as_risks_and_input_problems(govcheck: Run, tmp_path: Path) -> None:
    golden_tree(tmp_path)
    done = govcheck(
        "check", "projects", "--rulesets", "rules", "-p", "golden", "-f", "oscal",
        "-o", "results.json", "--today", "2027-01-01",
    )  # fmt: skip
    assert done.code == 1, done.err
    results = AssessmentResults.oscal_read(tmp_path / "results.json")
    assert results is not None
    (result,) = results.results
    (risk,) = result.risks or []
    assert risk.status.root.root == "deviation-approved"
    kinds = {tuple(o.types or []) for o in result.observations or []}
    assert ("finding",) in kinds  # the broken file's input problem
    # Passes are counted, not listed, by default: trestle reads the counts' class and group.
    counts = [
        (p.group, p.class_, p.value)
        for c in (result.local_definitions.components if result.local_definitions else None) or []
        for p in c.props or []
        if p.name == "count"
    ]
    assert any(g == "golden" and c == "pass" and int(v) > 0 for g, c, v in counts)
    assert all(int(v) > 0 for _, _, v in counts)  # a count of 0 is left out


def test_trestle_reads_the_basis_and_the_evidence_documents(govcheck: Run, tmp_path: Path) -> None:
    evidence_tree(tmp_path)
    done = govcheck(
        "check", "projects", "--rulesets", "rules", "-p", "golden", "-f", "oscal",
        "-o", "results.json", "--no-cache", "--include", "all",
    )  # fmt: skip
    assert "Traceback" not in done.err
    results = AssessmentResults.oscal_read(tmp_path / "results.json")
    assert results is not None
    (result,) = results.results
    dpia = next(o for o in result.observations or [] if o.title.startswith("GOLD-DP-DPIA "))
    assert [p.value for p in dpia.props or [] if p.name == "basis"] == ["evidenced"]
    hrefs = [e.href for e in dpia.relevant_evidence or []]
    assert hrefs == ["projects/ev.yaml", "projects/docs/dpia%20v2.pdf"]


def test_trestle_resolver_applies_parameter_settings_and_severity_alterations(
    govcheck: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A profile's value replaces the catalog's default; a severity override replaces the
    catalog's `gc:severity` property (remove, then add), as docs/oscal.md says."""
    golden_tree(tmp_path)
    (tmp_path / "strict.yaml").write_text(
        "kind: profile\nid: strict\ntitle: Strict\nextends: [eu]\n"
        "parameters: {max_breach_notification_hours: 48}\n",
        encoding="utf-8",
    )
    assert trestle("init", cwd=tmp_path).returncode == 0
    export(
        govcheck, "strict.yaml", tmp_path, "--catalog-href", "strict-catalog.json", stem="strict"
    )
    export(govcheck, "golden-lite", tmp_path, "--rulesets", "rules")
    monkeypatch.chdir(tmp_path)

    strict = ProfileResolver.get_resolved_profile_catalog(tmp_path, "strict-profile.json")
    values = {p.id: p.values for p in strict.params or []}
    assert values["max_breach_notification_hours"] == ["48"]
    catalog = load(tmp_path / "strict-catalog.json")["catalog"]
    default = next(p for p in catalog["params"] if p["id"] == "max_breach_notification_hours")
    assert default["values"] == ["72"]

    lite = ProfileResolver.get_resolved_profile_catalog(tmp_path, "golden-lite-profile.json")
    ban = next(c for g in lite.groups or [] for c in g.controls or [] if c.id == "gold-ai-ban")
    # trestle 5.2 does not remove (it warns and skips the removing alter): the profile's
    # severity comes last. A resolver that implements removes keeps only "info".
    assert [p.value for p in ban.props or [] if p.name == "severity"] == ["critical", "info"]
    written = load(tmp_path / "golden-lite-catalog.json")["catalog"]
    declared = next(c for g in written["groups"] for c in g["controls"] if c["id"] == "gold-ai-ban")
    assert [p["value"] for p in declared["props"] if p["name"] == "severity"] == ["critical"]


def test_trestle_imports_and_validates_every_document(govcheck: Run, tmp_path: Path) -> None:
    """`trestle import` (which validates on the way in) and `trestle validate -a`."""
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    assert trestle("init", cwd=workspace).returncode == 0
    export(govcheck, "eu", tmp_path)
    assert govcheck("check", "-p", "eu", "-f", "oscal", "-o", "results.json").code == 1
    for source, name in (("eu-catalog", "eu"), ("eu-profile", "eu"), ("results", "run")):
        done = trestle("import", "-f", str(tmp_path / f"{source}.json"), "-o", name, cwd=workspace)
        assert done.returncode == 0, done.stdout + done.stderr
    done = trestle("validate", "-a", cwd=workspace)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(re.findall(r"^VALID: Model", done.stdout, re.MULTILINE)) == 3, done.stdout
    assert "INVALID" not in done.stdout + done.stderr


# --- sarif-tools and junitparser ------------------------------------------------------------


def summary_of_check(govcheck: Run, folder: Path, *args: str) -> dict[str, Any]:
    """Run one check writing JSON, SARIF and JUnit into `folder` (where the `govcheck`
    fixture runs); the JSON `summary` of that run."""
    done = govcheck(
        "check", *args, "-f", "json", "-o", "results.json",
        "--report", "sarif:out.sarif", "--report", "junit:out.xml",
    )  # fmt: skip
    assert done.code == 1, done.err
    summary: dict[str, Any] = load(folder / "results.json")["summary"]
    return summary


CHECKS = {
    "samples": ("-p", "eu", "-p", "minimal"),
    # a pass, failures, facts not shown, a waived failure and a file with an input problem
    "golden": ("projects", "--rulesets", "rules", "-p", "golden", "--today", "2027-01-01"),
    # not applicable, upcoming and a profile out of scope
    "statuses": ("projects", "--rulesets", "rules", "-p", "st", "-p", "st-kz",
                 "--as-of", "2026-12-04", "--allow-out-of-scope"),
}  # fmt: skip


def prepare(case: str, tmp_path: Path) -> None:
    if case == "golden":
        golden_tree(tmp_path)
    elif case == "statuses":
        shutil.copytree(DATA / "statuses" / "projects", tmp_path / "projects")
        shutil.copytree(DATA / "statuses" / "rules", tmp_path / "rules")


@pytest.mark.parametrize("case", CHECKS)
def test_sarif_tools_summary_counts_match_ours(govcheck: Run, tmp_path: Path, case: str) -> None:
    prepare(case, tmp_path)
    summary = summary_of_check(govcheck, tmp_path, *CHECKS[case])
    done = subprocess.run(
        [sys.executable, "-m", "sarif", "summary", "out.sarif"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    counted = {
        m[0]: int(m[1]) for m in re.findall(r"^(error|warning|note): (\d+)$", done.stdout, re.M)
    }
    by_severity = summary["problems_by_severity"]
    expected = {
        level: sum(by_severity[s] for s in severities) for level, severities in LEVELS.items()
    }
    assert {level: counted.get(level, 0) for level in LEVELS} == expected, done.stdout
    assert sum(expected.values()) > 0


@pytest.mark.parametrize("case", CHECKS)
def test_junitparser_counts_match_ours(govcheck: Run, tmp_path: Path, case: str) -> None:
    prepare(case, tmp_path)
    summary = summary_of_check(govcheck, tmp_path, *CHECKS[case])
    xml = JUnitXml.fromfile(str(tmp_path / "out.xml"))
    cases = [case for suite in xml for case in suite]
    kinds = [type(r) for c in cases for r in c.result]
    status = summary["by_status"]
    expected = {
        "tests": sum(status.values()) + summary["input_problems"] + summary["out_of_scope"],
        "failures": status["fail"] + status["not_shown"],
        "errors": status["error"] + summary["input_problems"],
        "skipped": status["not_applicable"] + status["upcoming"] + status["waived"]
        + summary["out_of_scope"],
    }  # fmt: skip
    counted = {
        "tests": len(cases),
        "failures": kinds.count(Failure),
        "errors": kinds.count(Error),
        "skipped": kinds.count(Skipped),
    }
    assert counted == expected
    # The totals junitparser reads from the document agree with its cases.
    assert (xml.tests, xml.failures, xml.errors) == (
        expected["tests"],
        expected["failures"],
        expected["errors"],
    )
