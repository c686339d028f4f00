"""Comparing conditionality: profile diffs, the matrix, gaps, and the HTML report."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checker import load_catalogue
from checker.checking import check
from checker.compare import compare, diff_profiles, gap
from checker.profiles import Catalogue, resolve_profile
from checker.report.comparison import yaml_path
from checker.report.html_report import render_comparison_html
from tests.conftest import ROOT, Completed

Run = Callable[..., Completed]


def test_profile_diff_matches_conditions_by_topic(catalogue: Catalogue) -> None:
    eu, kz = resolve_profile(catalogue, "eu"), resolve_profile(catalogue, "host-kz")
    diff = diff_profiles(eu, kz)
    breach = next(d for d in diff.different if d.topic == "breach-notification")
    assert "severity: medium vs high" in breach.differences
    assert any(
        d == "parameter max_breach_notification_hours: 72 vs not set" for d in breach.differences
    )
    assert any(c.rule == "EU-AI-RBI-REALTIME" for c in diff.only_a)
    assert any(c.rule == "KZ-PD-LOCALISATION" for c in diff.only_b)
    only = {c.rule for c in diff.only_a} | {c.rule for c in diff.only_b}
    assert not only & {r for d in diff.different for c in (*d.a, *d.b) for r in [c.rule]}


def test_profile_diff_of_a_profile_with_itself_is_all_same(catalogue: Catalogue) -> None:
    eu = resolve_profile(catalogue, "eu")
    diff = diff_profiles(eu, eu)
    assert diff.only_a == diff.only_b == diff.different == ()
    assert len(diff.same) == len({r.info.topic for r in eu.rules})


def test_parameter_differences_show_values(tmp_path: Path) -> None:
    catalogue = load_catalogue()  # resolving a profile file adds it to the catalogue
    (tmp_path / "strict.yaml").write_text(
        "kind: profile\nid: strict\ntitle: Strict\nextends: [eu]\n"
        "parameters: {early_warning_hours: 12}\n"
    )
    strict = resolve_profile(catalogue, str(tmp_path / "strict.yaml"))
    diff = diff_profiles(resolve_profile(catalogue, "eu"), strict)
    early = next(d for d in diff.different if d.topic == "EU-CS-EARLY-WARNING")
    assert early.differences == ("parameter early_warning_hours: 24 vs 12",)


def test_matrix_counts_scores_and_deciding_conditions(catalogue: Catalogue) -> None:
    profiles = [resolve_profile(catalogue, p) for p in ("eu", "minimal")]
    run = check([ROOT / "projects"], profiles)
    comparison = compare(run)
    cell = comparison.cell("kg-bishkek-safe-city", "eu")
    assert cell is not None
    assert cell.counts["fail"] == len(cell.failing)
    assert cell.score is not None
    assert 0 < cell.score < 0.5
    assert comparison.cell("kg-bishkek-safe-city-eu-redesign", "eu").score == 1.0  # type: ignore[union-attr]
    decider = next(
        d
        for d in comparison.deciders
        if (d.project, d.profile, d.other) == ("kg-bishkek-safe-city", "eu", "minimal")
    )
    rules = {f.rule for f in decider.findings}
    assert "EU-AI-RBI-REALTIME" in rules
    minimal_topics = {r.topic for r in profiles[1].infos}
    assert all(f.rule for f in decider.findings)
    assert not {r.topic for r in profiles[0].infos if r.id in rules} & minimal_topics
    assert comparison.area_average("minimal", "ai") is None


def test_gap_orders_by_severity_and_names_what_others_ask(catalogue: Catalogue) -> None:
    profiles = [resolve_profile(catalogue, p) for p in ("eu", "minimal")]
    run = check([ROOT / "projects" / "tj-dushanbe-safe-city.yaml"], profiles)
    report = gap(run, "tj-dushanbe-safe-city", "eu")
    items = [i for items in report.by_area.values() for i in items]
    assert report.count == len(items) > 0
    for items_of_area in report.by_area.values():
        ranks = [i.finding.severity.rank for i in items_of_area]
        assert ranks == sorted(ranks, reverse=True)
    confidentiality = [i for i in items if i.finding.rule == "EU-FIN-CONFIDENTIALITY"]
    if confidentiality:
        assert confidentiality[0].also_required_by == ("minimal",)
    assert report.only_this_profile == sum(1 for i in items if not i.also_required_by)


@pytest.mark.parametrize(
    ("pointer", "target", "expected"),
    [
        ("/ai_systems/0", "ai_systems", "ai_systems[0]"),
        ("/data_processing", "data_processing.dpia.status", "data_processing.dpia.status"),
        ("", "governance.procurement.method", "governance.procurement.method"),
        ("/parties/vendors/1", "parties.vendors.sbom", "parties.vendors[1].sbom"),
        ("", "", "/"),
    ],
)
def test_yaml_path(pointer: str, target: str, expected: str) -> None:
    assert yaml_path(pointer, target) == expected


def test_cli_profiles_diff_compare_and_gap(govcheck: Run) -> None:
    text = govcheck("profiles", "diff", "eu", "minimal")
    assert text.code == 0
    assert text.out.startswith("Conditions only in eu (")
    assert "loan-confidentiality" in text.out
    data = json.loads(govcheck("profiles", "diff", "eu", "host-kz", "-f", "json").out)
    assert {"only_a", "only_b", "different", "same"} <= set(data)
    markdown = govcheck("profiles", "diff", "eu", "minimal", "-f", "markdown").out
    assert markdown.startswith("## `eu` versus `minimal`")
    matrix = govcheck("compare", str(ROOT / "projects"), "-p", "eu", "-p", "minimal")
    assert "fails" in matrix.out
    assert "that only eu imposes (not minimal)" in matrix.out
    record = json.loads(govcheck("compare", str(ROOT / "projects"), "-f", "json").out)
    bishkek = next(p for p in record["projects"] if p["id"] == "kg-bishkek-safe-city")
    assert "EU-AI-RBI-REALTIME" in bishkek["profiles"]["eu"]["only_this_profile_imposes"]["minimal"]
    done = govcheck("gap", str(ROOT / "projects" / "kg-bishkek-safe-city.yaml"), "-p", "eu")
    assert done.code == 1
    assert done.out.startswith("What it would take for kg-bishkek-safe-city to meet eu")
    assert "change: ai_systems[0]" in done.out
    assert govcheck("gap", "no-such-project").code == 2


def test_gap_finds_a_project_by_id_under_projects(govcheck: Run, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "projects", tmp_path / "projects")
    done = govcheck("gap", "kg-bishkek-safe-city-eu-redesign", "-p", "eu")
    assert done.code == 0
    assert "0 requirement(s)" in done.out


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _report(catalogue: Catalogue) -> str:
    profiles = [resolve_profile(catalogue, p) for p in ("eu", "minimal", "host-kg")]
    return render_comparison_html(compare(check([ROOT / "projects"], profiles)), "test")


def test_html_is_self_contained_and_escaped(catalogue: Catalogue, tmp_path: Path) -> None:
    page = _report(catalogue)
    parser = _Collector()
    parser.feed(page)
    tags = [t for t, _ in parser.tags]
    assert "script" not in tags
    assert "link" not in tags
    assert "img" not in tags
    assert not re.search(r"url\(|@import|src=", page)
    assert tags.count("svg") == 2
    assert page.count('class="cell"') == 11 * 3
    hrefs = [a.get("href") or "" for t, a in parser.tags if t == "a"]
    assert hrefs
    assert all(h.startswith(("https://", "http://")) for h in hrefs)
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(
        (ROOT / "projects" / "kg-bishkek-safe-city.yaml")
        .read_text()
        .replace("id: kg-bishkek-safe-city", "id: hostile")
        .replace("title: ", "title: <script>alert(1)</script> ", 1)
    )
    profiles = [resolve_profile(catalogue, "eu")]
    page = render_comparison_html(compare(check([hostile], profiles)))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def _browser() -> str | None:
    return (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


@pytest.mark.skipif(
    _browser() is None,
    reason="no headless Chromium on this machine (install Debian's chromium to run this test)",
)
def test_html_renders_in_a_real_headless_browser(catalogue: Catalogue, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(_report(catalogue), encoding="utf-8")
    browser = _browser()
    assert browser is not None
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert dom.count("<rect") >= 33
    assert "Conditionality compared" in dom
    shot = tmp_path / "shot.png"
    subprocess.run(
        [browser, *flags, "--window-size=1200,1600", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000
