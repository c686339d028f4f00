"""The basis of a finding (docs/evidence.md): assumed < claimed < evidenced < verified, the
profile's `require_basis`, and bad evidence as located input problems. Runs the real command."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from checker.basis import fact_parts
from tests.conftest import DATA, Completed, findings_of

Run = Any

PROJECT = """\
format_version: 1
id: ev
title: Evidence test
country: KG
sector: safe_city
status: operational
parties:
  sponsor: {{name: Ministry, type: ministry}}
provenance:
  assumptions:
    - Plain text assumptions still read.
    - text: Procurement is assumed open.
      underpins: [governance.procurement]
data_processing:
  personal_data: true
  categories: [biometric]
  dpia: {{status: completed, evidence: [dpia]}}
ai_systems: []
governance:
  procurement: {{method: open_tender}}
evidence:
  - id: dpia
    title: DPIA report
    issuer: Ministry
    issued_on: 2026-01
    path: dpia.pdf
{digest}"""

EVIDENCE_PROFILE = """\
kind: profile
id: golden-evidence
title: Golden, on evidence
extends: [golden]
require_basis: {critical: evidenced, high: evidenced}
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "golden" / "rules", tmp_path / "rules")
    (tmp_path / "rules" / "golden-evidence.yaml").write_text(EVIDENCE_PROFILE)
    (tmp_path / "projects").mkdir()
    (tmp_path / "projects" / "dpia.pdf").write_bytes(b"%PDF- a DPIA")
    digest = hashlib.sha256(b"%PDF- a DPIA").hexdigest()
    (tmp_path / "projects" / "ev.yaml").write_text(PROJECT.format(digest=f"    sha256: {digest}\n"))
    return tmp_path


def _json(govcheck: Run, tree: Path, profile: str) -> dict[str, Any]:
    done: Completed = govcheck(
        "check", "projects", "--rulesets", "rules", "-p", profile, "-f", "json",
        "--include", "all", "--no-cache", cwd=tree,
    )  # fmt: skip
    assert "Traceback" not in done.err
    document: dict[str, Any] = json.loads(done.out)
    return document


def _by_rule(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["rule"]: f for f in findings_of(document)}


def test_each_finding_carries_the_weakest_basis_of_its_facts(govcheck: Run, tree: Path) -> None:
    document = _json(govcheck, tree, "golden")
    found = _by_rule(document)
    assert found["GOLD-DP-DPIA"]["status"] == "pass"
    assert found["GOLD-DP-DPIA"]["basis"] == "evidenced"
    assert found["GOLD-DP-DPIA"]["evidence"] == ["dpia"]
    assert found["GOLD-TR-TENDER"]["basis"] == "assumed"
    assert found["GOLD-AI-BAN"]["basis"] == "claimed"
    score = document["projects"][0]["results"][0]["score"]
    assert score["met_by_basis"] == {"assumed": 1, "claimed": 1, "evidenced": 1, "verified": 0}
    assert (
        document["signature"]["evidence_digests"][0]["sha256"]
        == hashlib.sha256(b"%PDF- a DPIA").hexdigest()
    )


def test_a_profile_demanding_evidence_asks_for_the_document(govcheck: Run, tree: Path) -> None:
    found = _by_rule(_json(govcheck, tree, "golden-evidence"))
    assert found["GOLD-DP-DPIA"]["status"] == "pass"  # high, evidenced
    ban = found["GOLD-AI-BAN"]  # critical, claimed: a request for the document
    assert ban["status"] == "not_shown"
    assert ban["missing_facts"] == [
        {"pointer": "/ai_systems", "path": "ai_systems", "state": "claimed"}
    ]
    assert found["GOLD-TR-TENDER"]["status"] == "pass"  # medium: no demand
    done = govcheck(
        "questions", "projects", "--rulesets", "rules", "-p", "golden-evidence",
        "--no-cache", cwd=tree,
    )  # fmt: skip
    assert "ai_systems" in done.out, done.out + done.err


def test_a_changed_evidence_file_is_located_and_backs_nothing(govcheck: Run, tree: Path) -> None:
    (tree / "projects" / "dpia.pdf").write_bytes(b"%PDF- another DPIA")
    document = _json(govcheck, tree, "golden-evidence")
    found = _by_rule(document)
    problem = found["evidence.digest-mismatch"]
    assert (problem["line"], problem["pointer"]) == (27, "/evidence/0/sha256")
    assert found["GOLD-DP-DPIA"]["status"] == "not_shown"
    assert found["GOLD-DP-DPIA"]["basis"] == "claimed"


def test_a_missing_evidence_file_is_located(govcheck: Run, tree: Path) -> None:
    (tree / "projects" / "dpia.pdf").unlink()
    found = _by_rule(_json(govcheck, tree, "golden"))
    assert found["evidence.missing-file"]["pointer"] == "/evidence/0/path"
    assert found["GOLD-DP-DPIA"]["basis"] == "claimed"


def test_the_result_cache_sees_an_evidence_file_change(govcheck: Run, tree: Path) -> None:
    args = ("check", "projects", "--rulesets", "rules", "-p", "golden-evidence", "-f", "json")
    args += ("--include", "all")
    first = json.loads(govcheck(*args, cwd=tree).out)
    assert _by_rule(first)["GOLD-DP-DPIA"]["status"] == "pass"
    (tree / "projects" / "dpia.pdf").write_bytes(b"changed")
    second = json.loads(govcheck(*args, cwd=tree).out)
    assert _by_rule(second)["GOLD-DP-DPIA"]["status"] == "not_shown"


def test_the_same_bytes_in_another_folder_read_that_folders_evidence(
    govcheck: Run, tree: Path
) -> None:
    """Evidence paths are read from the project's folder: a cached result of the same file
    elsewhere (where its document exists) must not stand for a copy without it."""
    args = ("--rulesets", "rules", "-p", "golden-evidence", "-f", "json", "--include", "all")
    first = json.loads(govcheck("check", "projects", *args, cwd=tree).out)
    assert _by_rule(first)["GOLD-DP-DPIA"]["status"] == "pass"
    elsewhere = tree / "elsewhere"
    elsewhere.mkdir()
    for project in (tree / "projects").glob("*.yaml"):
        (elsewhere / project.name).write_bytes(project.read_bytes())  # no dpia.pdf here
    second = json.loads(govcheck("check", "elsewhere", *args, cwd=tree).out)
    found = _by_rule(second)
    assert found["evidence.missing-file"]["pointer"] == "/evidence/0/path"
    assert "elsewhere/dpia.pdf" in found["evidence.missing-file"]["message"]
    assert found["GOLD-DP-DPIA"]["status"] == "not_shown"


def test_a_missing_file_is_named_alike_from_any_folder_govcheck_runs_in(
    govcheck: Run, tree: Path
) -> None:
    """The result is cached for the project's folder: its message names the file it
    looked for by a path that does not depend on where govcheck ran (it once kept the
    first run's relative path, wrong when served from the cache to a run elsewhere)."""
    (tree / "projects" / "dpia.pdf").unlink()
    rules = str(tree / "rules")
    args = ("--rulesets", rules, "-p", "golden-evidence", "-f", "json", "--include", "all")
    from_root = _by_rule(json.loads(govcheck("check", "projects", *args, cwd=tree).out))
    inside = _by_rule(json.loads(govcheck("check", ".", *args, cwd=tree / "projects").out))
    message = from_root["evidence.missing-file"]["message"]
    assert str(tree / "projects" / "dpia.pdf") in message
    assert inside["evidence.missing-file"]["message"] == message


def test_the_satellite_sample_shows_how_much_rests_on_assumptions(govcheck: Run) -> None:
    root = Path(__file__).resolve().parent.parent
    done = govcheck(
        "check", str(root / "projects" / "ca-global-gateway-satellite.yaml"), "-p", "eu",
        "--no-cache",
    )  # fmt: skip
    assert "assumed" in done.out.splitlines()[-1], done.out[-400:]


def test_the_html_report_marks_the_basis_and_splits_met(govcheck: Run, tree: Path) -> None:
    project = tree / "projects" / "ev.yaml"
    project.write_text(project.read_text().replace("open_tender", "direct_award"))
    done = govcheck(
        "check", "projects", "--rulesets", "rules", "-p", "golden-evidence", "-f", "html",
        "--no-cache", cwd=tree,
    )  # fmt: skip
    assert "Traceback" not in done.err
    page = done.out
    # The profile's met, split by basis as the core counts it (the DPIA's pass, evidenced).
    split = "of 1 met: 0 assumed, 0 claimed, 1 evidenced, 0 verified"
    assert f'<p class="basis"><code>golden-evidence</code>: {split}</p>' in page

    def row(rule: str) -> str:
        return page[page.index(f"<code>{rule}</code>") :].split("</tr>")[0]

    # A failure on an assumed fact says so, in the reports' one wording.
    assert '<span class="basis">rests on assumed facts</span>' in row("GOLD-TR-TENDER")
    # A pass refused on a claimed fact is a request for the document; claimed is unmarked.
    assert "ai_systems" in row("GOLD-AI-BAN")
    assert 'class="basis"' not in row("GOLD-AI-BAN")


def test_the_bishkek_sample_passes_on_press_reports(govcheck: Run) -> None:
    root = Path(__file__).resolve().parent.parent
    done = govcheck(
        "check", str(root / "projects" / "kg-bishkek-safe-city.yaml"), "-p", "eu", "-f", "json",
        "--include", "all", "--no-cache",
    )  # fmt: skip
    document = json.loads(done.out)
    split = document["projects"][0]["results"][0]["score"]["met_by_basis"]
    assert split["evidenced"] >= 5, split  # README: of 9 met, 5 evidenced
    assert split["verified"] == 0  # a press report is evidence, not a verification
    found = _by_rule(document)
    assert found["EU-DP-PURPOSE-LIMITATION"]["evidence"] == ["24kg-2021-crimes-solved"]
    assert found["EU-AI-RBI-REALTIME"]["basis"] == "assumed"  # live matching is assumed


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("governance.procurement.method", ("governance", "procurement", "method")),
        ("parties.vendors[0].remote_access", ("parties", "vendors", "0", "remote_access")),
        ("/parties/vendors/1", ("parties", "vendors", "1")),
        ("a..b", None),
        ("a[x]", None),
    ],
)
def test_fact_paths(text: str, parts: tuple[str, ...] | None) -> None:
    assert fact_parts(text) == parts


def test_verify_changes_the_basis_and_an_edit_makes_it_stale(govcheck: Run, tree: Path) -> None:
    (tree / ".git").mkdir()  # the review record is found up to the repository root
    done = govcheck(
        "verify", "ev", "data_processing.dpia", "--evidence", "dpia", "--by", "A. Reviewer",
        "--note", "read the signed copy", "--path", "projects", cwd=tree,
    )  # fmt: skip
    assert done.code == 0, done.err
    record = (tree / "projects" / "govcheck-waivers.yaml").read_text()
    assert 'pointer: "/data_processing/dpia"' in record
    assert "by: A. Reviewer" in record
    found = _by_rule(_json(govcheck, tree, "golden"))
    assert found["GOLD-DP-DPIA"]["basis"] == "verified"
    project = tree / "projects" / "ev.yaml"
    project.write_text(
        project.read_text().replace("status: completed", "status: completed, performed_by: X")
    )
    found = _by_rule(_json(govcheck, tree, "golden"))
    assert found["GOLD-DP-DPIA"]["basis"] == "evidenced"
    stale = found["review.stale"]
    assert stale["pointer"] == "/data_processing/dpia"
    assert "govcheck-waivers.yaml:5:5" in stale["message"]
    assert "by: A. Reviewer" in (tree / "projects" / "govcheck-waivers.yaml").read_text()


def test_verify_refuses_an_unknown_fact_and_evidence(govcheck: Run, tree: Path) -> None:
    done = govcheck(
        "verify", "ev", "/governance/nothing", "--evidence", "dpia", "--by", "R",
        "--path", "projects", cwd=tree,
    )  # fmt: skip
    assert done.code == 2
    assert "is not a stated fact" in done.err
    done = govcheck(
        "verify", "ev", "/governance", "--evidence", "nope", "--by", "R", "--path", "projects",
        cwd=tree,
    )  # fmt: skip
    assert done.code == 2
    assert "no evidence entry `nope`" in done.err
    assert not (tree / "projects" / "govcheck-waivers.yaml").exists()
