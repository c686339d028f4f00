"""Law or benchmark, per finding: a rule's `binding` is decided per project by the core
and shown the same in every output (issue 14, item 3)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from checker.checking import check
from checker.findings import Finding, RunResult
from checker.profiles import ResolvedProfile
from checker.report import render_to_string
from checker.report.options import RenderOptions
from tests.conftest import ROOT, Completed, findings_of

SATELLITE = ROOT / "projects" / "ca-global-gateway-satellite.yaml"
BISHKEK = ROOT / "projects" / "kg-bishkek-safe-city.yaml"


@pytest.fixture(scope="module")
def run(eu: ResolvedProfile) -> RunResult:
    return check([SATELLITE, BISHKEK], [eu], as_of="2026-12-04")


def _finding(run: RunResult, project: str, rule: str) -> Finding:
    result = next(p for p in run.projects if p.project.id == project)
    return next(f for f in result.by_profile("eu") if f.rule == rule)


def test_gdpr_is_law_for_an_eu_established_controller_and_a_benchmark_elsewhere(
    run: RunResult,
) -> None:
    ses = _finding(run, "ca-global-gateway-satellite", "EU-DP-TRANSFERS")
    assert ses.force == "law"
    assert "Art. 3(1)" in ses.force_because
    police = _finding(run, "kg-bishkek-safe-city", "EU-DP-TRANSFERS")
    assert police.force == "benchmark"
    assert police.force_because.startswith("EU benchmark")


def test_a_stated_law_finding_is_labelled_eu_law(run: RunResult) -> None:
    failed = _finding(run, "ca-global-gateway-satellite", "EU-TR-CONTRACT-DISCLOSURE")
    assert failed.force == "benchmark"  # transparency rules bind only EU-budget procurement
    assert failed.message.startswith("EU benchmark: ")
    passed = _finding(run, "ca-global-gateway-satellite", "EU-DP-RECORDS")
    assert passed.force == "law"
    assert passed.message.startswith("EU law: ")


def test_export_control_is_law_for_an_eu_exporter_only(run: RunResult) -> None:
    assert _finding(run, "ca-global-gateway-satellite", "EU-XC-ANNEX-I-CLASSIFICATION").force == (
        "law"
    )
    # CEIEC exports from China: the EU's own exporter standard is a benchmark for it.
    ceiec = _finding(run, "kg-bishkek-safe-city", "EU-XC-END-USE-DUE-DILIGENCE")
    assert ceiec.force == "benchmark"


def test_the_ai_act_says_where_it_does_not_reach(run: RunResult) -> None:
    rbi = _finding(run, "kg-bishkek-safe-city", "EU-AI-RBI-REALTIME")
    assert rbi.force == "benchmark"
    assert "does not stop an EU provider exporting" in rbi.force_because
    assert "2021/821" in rbi.force_because


def test_the_eu_budget_makes_procurement_rules_law(run: RunResult) -> None:
    # The satellite package's grant is EU-budget money (`eu_funding: eu_budget`).
    notices = _finding(run, "ca-global-gateway-satellite", "EU-TR-NOTICES")
    assert notices.force == "law"
    assert "2024/2509" in notices.force_because


def test_unknown_is_not_law(eu: ResolvedProfile, tmp_path: Path) -> None:
    data = yaml.safe_load(SATELLITE.read_text(encoding="utf-8"))
    data["parties"]["operator"]["country"] = "unknown"
    for vendor in data["parties"]["vendors"]:
        vendor["data_access"] = "unknown"
    path = tmp_path / "unsure.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    unsure = check([path], [eu], as_of="2026-12-04")
    finding = next(f for f in unsure.projects[0].by_profile("eu") if f.rule == "EU-DP-TRANSFERS")
    assert finding.force == "benchmark"


def test_host_and_lender_rules_declare_no_binding(catalogue: object) -> None:
    from checker.profiles import Catalogue, resolve_profile

    assert isinstance(catalogue, Catalogue)
    for name in ("minimal", "host-kg"):
        profile = resolve_profile(catalogue, name)
        assert all(not r.info.benchmark_because and not r.law for r in profile.rules)


def test_every_eu_rule_declares_its_binding(eu: ResolvedProfile) -> None:
    missing = [r.info.id for r in eu.rules if not r.info.benchmark_because]
    assert missing == []


def test_every_output_shows_it(run: RunResult) -> None:
    document = json.loads(render_to_string("json", run, RenderOptions()))
    records = findings_of(document)
    transfers = [f for f in records if f["rule"] == "EU-DP-TRANSFER-TIA"]
    assert {f["binding"] for f in transfers} == {"law", "benchmark"}
    assert all(f["binding_because"] for f in transfers)
    sarif = json.loads(render_to_string("sarif", run, RenderOptions()))
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "EU-DP-TRANSFER-TIA"]
    assert {r["properties"]["binding"] for r in results} == {"law", "benchmark"}
    # Why it is law is the finding's; why it is a benchmark is the rule's, said once.
    for result in results:
        because = result["properties"].get("bindingBecause")
        is_law = result["properties"]["binding"] == "law"
        assert (because is not None) == is_law
        assert not is_law or "Art. 3(1)" in because
    descriptor = sarif["runs"][0]["tool"]["driver"]["rules"][results[0]["ruleIndex"]]
    assert descriptor["id"] == "EU-DP-TRANSFER-TIA"
    assert descriptor["properties"]["binding"] == "benchmark"
    assert descriptor["properties"]["bindingBecause"].startswith("EU benchmark")
    law = "EU law: the GDPR applies"
    assert law in render_to_string("text", run, RenderOptions())
    assert law in render_to_string("markdown", run, RenderOptions())
    assert law in render_to_string("html", run, RenderOptions())


def test_the_command_and_its_cache_agree(
    govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [govcheck("check", "-p", "eu", "-f", "json", str(SATELLITE), env=env) for _ in range(2)]
    first, second = (findings_of(json.loads(r.out)) for r in runs)  # the second from the cache
    assert first == second
    assert "law" in {f["binding"] for f in first}


def test_the_tui_detail_says_law_or_benchmark(run: RunResult) -> None:
    from checker.tui.screens.detail import rule_text

    law = rule_text(_finding(run, "ca-global-gateway-satellite", "EU-DP-TRANSFER-TIA"), "", "")
    assert "Law binding a party" in law.plain
    assert "Art. 3(1)" in law.plain
    rbi = rule_text(_finding(run, "kg-bishkek-safe-city", "EU-AI-RBI-REALTIME"), "", "")
    assert "Benchmark, not law" in rbi.plain
    assert "does not stop an EU provider" in rbi.plain
