"""Comparing conditionality: profile diffs, the matrix, gaps, and the HTML report."""

from __future__ import annotations

import html
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
from checker.compare import CellState, compare, diff_profiles, gap
from checker.findings import RunResult, Score, Status
from checker.profiles import Catalogue, resolve_profile
from checker.report.comparison import cell_text, yaml_path
from checker.report.html_report import render_comparison_html
from tests.conftest import DATA, ROOT, Completed, browser, needs_browser

Run = Callable[..., Completed]
STATUSES = DATA / "statuses"  # one project in every status under `st`, out of scope under `st-kz`


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
    assert cell.counts["fail"] == len([f for f in cell.failed if f.status is Status.FAIL])
    assert cell.counts["not_shown"] == len(cell.not_shown)
    assert cell.score is not None
    assert 0 < cell.score < 0.5
    decider = next(
        d
        for d in comparison.deciders
        if (d.project, d.profile, d.other) == ("kg-bishkek-safe-city", "eu", "minimal")
    )
    rules = {f.rule for f in decider.findings}
    assert "EU-TR-OPEN-PROCEDURE" in rules
    minimal_topics = {r.topic for r in profiles[1].infos}
    assert all(f.rule for f in decider.findings)
    assert not {r.topic for r in profiles[0].infos if r.id in rules} & minimal_topics
    assert comparison.area_score("minimal", "ai").share is None


def test_matrix_renders_the_core_score_per_profile_and_area(catalogue: Catalogue) -> None:
    """The comparison computes no share of its own: cell and area scores are the core's."""
    profiles = [resolve_profile(catalogue, p) for p in ("eu", "minimal")]
    run = check([ROOT / "projects"], profiles)
    comparison = compare(run)
    for result in run.projects:
        for evaluation in result.evaluations:
            cell = comparison.cell(result.project.id, evaluation.profile)
            assert cell is not None
            assert cell.scorecard == evaluation.score()
            assert cell.score == evaluation.score().share
            for area, score in cell.areas.items():
                assert score == evaluation.score(area=area)
    for profile in ("eu", "minimal"):
        for area in comparison.areas:
            total = Score()
            for result in run.projects:
                evaluation = result.evaluation(profile)
                if evaluation is not None:
                    total.add(evaluation.score(area=area))
            assert comparison.area_score(profile, area) == total


def _status_run(*profiles: str) -> RunResult:
    catalogue = load_catalogue(STATUSES / "rules")
    resolved = [resolve_profile(catalogue, p) for p in profiles]
    return check([STATUSES / "projects"], resolved, as_of="2026-12-04")


def test_out_of_scope_and_unreadable_cells_have_no_score(tmp_path: Path) -> None:
    run = _status_run("st", "st-kz")
    comparison = compare(run)
    checked = comparison.cell("kg-city", "st")
    outside = comparison.cell("kg-city", "st-kz")
    assert checked is not None
    assert outside is not None
    assert checked.state is CellState.CHECKED
    assert (checked.counts["fail"], checked.counts["not_shown"]) == (1, 1)
    assert [f.rule for f in checked.upcoming] == ["ST-LATER"]
    assert checked.score == 1 / 3  # ST-EWASTE met; ST-TENDER failed; ST-DPIA not shown
    assert outside.state is CellState.OUT_OF_SCOPE
    assert (outside.counts, outside.problems, outside.score) == ({}, (), None)
    assert cell_text(outside) == "out of scope"
    # Against a profile that did not check the project there is nothing to weigh.
    assert [(d.profile, d.other, d.findings) for d in comparison.deciders] == [("st-kz", "st", ())]
    (tmp_path / "bad.yaml").write_text("id: [unclosed\n")
    catalogue = load_catalogue(STATUSES / "rules")
    unread = compare(check([tmp_path / "bad.yaml"], [resolve_profile(catalogue, "st")]))
    (project,) = unread.projects
    cell = unread.cell(project.id, "st")
    assert cell is not None
    assert cell.state is CellState.NOT_CHECKED
    assert cell_text(cell) == "not checked (invalid file)"


def test_gap_orders_by_severity_and_names_what_others_ask(catalogue: Catalogue) -> None:
    profiles = [resolve_profile(catalogue, p) for p in ("eu", "minimal")]
    run = check([ROOT / "projects" / "tj-dushanbe-safe-city.yaml"], profiles)
    report = gap(run, "tj-dushanbe-safe-city", "eu")
    changes = [i for items in report.to_change.values() for i in items]
    documents = [i for items in report.to_document.values() for i in items]
    assert report.count == len(changes) + len(documents) > 0
    assert all(i.finding.status is not Status.NOT_SHOWN for i in changes)
    assert all(i.finding.status is Status.NOT_SHOWN for i in documents)
    for group in (report.to_change, report.to_document):
        for items_of_area in group.values():
            ranks = [i.finding.severity.rank for i in items_of_area]
            assert ranks == sorted(ranks, reverse=True)
    items = changes + documents
    confidentiality = [i for i in items if i.finding.rule == "EU-FIN-CONFIDENTIALITY"]
    if confidentiality:
        assert confidentiality[0].also_required_by == ("minimal",)
    assert report.only_this_profile == sum(1 for i in items if not i.also_required_by)


def test_gap_lists_what_to_document_apart_from_what_to_change(
    govcheck: Run, tmp_path: Path
) -> None:
    shutil.copytree(STATUSES, tmp_path / "st")
    done = govcheck(
        "gap", "st/projects/kg-city.yaml", "--rulesets", "st/rules", "-p", "st",
        "--compare-with", "st-kz",
    )  # fmt: skip
    assert done.code == 0, done.err  # a report: what is left to do is its content
    text = done.out
    assert text.startswith("What it would take for kg-city to meet st: 1 to change, 1 to document")
    change, document = text.split("To document: ", 1)
    assert "To change: the proposal states what st does not accept (1)" in change
    assert "ST-TENDER" in change
    assert "change: governance.procurement.method" in change
    assert "ST-DPIA" not in change
    assert document.startswith("the proposal does not show these; ask the sponsor (1)")
    assert "state: `data_processing.dpia.status` is unknown" in document
    assert "ST-LATER" not in text  # upcoming: not a requirement yet
    record = json.loads(
        govcheck(
            "gap", "st/projects/kg-city.yaml", "--rulesets", "st/rules", "-p", "st", "-f", "json"
        ).out
    )
    assert (record["to_change"], record["to_document"]) == (1, 1)
    assert [f["rule"] for f in record["document"]["data_protection"]] == ["ST-DPIA"]
    outside = govcheck("gap", "st/projects/kg-city.yaml", "--rulesets", "st/rules", "-p", "st-kz")
    assert outside.code == 1  # nothing was checked: never a green run
    assert outside.out == (
        "kg-city is out of scope for st-kz: the profile covers KZ, not this project (KG). "
        "Nothing was checked against it.\n"
    )


def test_gap_compares_with_a_second_profile_rather_than_dropping_it(govcheck: Run) -> None:
    common = ("gap", "projects/kg-bishkek-safe-city.yaml", "-f", "json")
    named = govcheck(*common, "-p", "eu", "-p", "host-kg", cwd=ROOT)
    explicit = govcheck(*common, "-p", "eu", "--compare-with", "host-kg", cwd=ROOT)
    assert named.code == explicit.code == 0, named.err
    assert json.loads(named.out) == json.loads(explicit.out)

    def also_required_by(out: str) -> set[str]:
        record = json.loads(out)
        listed = [*record["change"].values(), *record["document"].values()]
        return {p for items in listed for item in items for p in item.get("also_required_by", [])}

    # The second -p was dropped: the gap was told against the default `minimal`.
    assert also_required_by(named.out) == {"host-kg"}
    assert also_required_by(govcheck(*common, "-p", "eu", cwd=ROOT).out) == {"minimal"}


def test_gap_never_says_an_out_of_scope_profile_does_not_ask(govcheck: Run) -> None:
    # `gap kg-… -p eu -p host-kz` said "44 of them not asked for by host-kz" and "(only eu
    # asks)", and named host-kz among those that ask two of them, for a project host-kz
    # does not cover: `compare` weighs no difference against a profile that did not check
    # the project ("What decides the difference" leaves it out).
    common = ("gap", "projects/kg-bishkek-safe-city.yaml", "-p", "eu", "-p", "host-kz")
    done = govcheck(*common, "--no-waivers", cwd=ROOT)
    assert done.code == 0, done.err
    head = done.out.splitlines()[0]
    assert "host-kz" not in head.split(":", 1)[1].split(";")[0], head
    assert "not asked for by host-kz" not in done.out
    assert "(only eu asks)" not in done.out
    assert "host-kz does not cover kg-bishkek-safe-city (out of scope)" in done.out, done.out
    record = json.loads(govcheck(*common, "--no-waivers", "-f", "json", cwd=ROOT).out)
    listed = [*record["change"].values(), *record["document"].values()]
    assert not [p for items in listed for item in items for p in item["also_required_by"]]


def test_compare_says_out_of_scope_and_never_scores_an_unreadable_file(
    govcheck: Run, tmp_path: Path
) -> None:
    shutil.copytree(STATUSES, tmp_path / "st")
    (tmp_path / "st" / "projects" / "broken.yaml").write_text("id: [unclosed\n")
    args = ("compare", "st/projects", "--rulesets", "st/rules", "-p", "st", "-p", "st-kz")
    done = govcheck(*args)
    assert done.code == 1  # the report is written, and the file's problem said
    assert "st/projects/broken.yaml:2:1: the `[` opened on line 1 is not closed" in done.err
    lines = done.out.splitlines()
    assert lines[0].startswith("as of ")  # the reference date the verdicts were decided on
    rows = {line.split()[0]: line for line in lines[3:5]}
    assert "1 failed, 1 not shown, 33% met" in rows["kg-city"]
    assert rows["kg-city"].rstrip().endswith("out of scope")
    broken = next(v for k, v in rows.items() if k != "kg-city")
    assert "(invalid file)" in broken
    assert "not checked (invalid file)" in broken
    assert "0 failed" not in broken
    record = json.loads(govcheck(*args, "-f", "json").out)
    city = next(p for p in record["projects"] if p["id"] == "kg-city")
    assert city["profiles"]["st-kz"]["state"] == "out_of_scope"
    assert city["profiles"]["st-kz"]["score"] is None
    assert city["profiles"]["st"]["scorecard"] == {
        "passed": 1, "failed": 1, "not_shown": 1, "error": 0, "waived": 0, "share": 1 / 3,
    }  # fmt: skip
    assert city["profiles"]["st"]["not_shown"] == ["ST-DPIA"]
    unread = next(p for p in record["projects"] if p["id"] != "kg-city")
    assert unread["profiles"]["st"]["state"] == "not_checked"
    markdown = govcheck(*args, "-f", "markdown").out
    assert "| kg-city | 1 failed, 1 not shown, 33% met | out of scope |" in markdown


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
    assert done.code == 0, done.err
    assert done.out.startswith("What it would take for kg-bishkek-safe-city to meet eu")
    assert "change: governance.procurement.method" in done.out
    assert govcheck("gap", "no-such-project").code == 2


def test_gap_finds_a_project_by_id_under_projects(govcheck: Run, tmp_path: Path) -> None:
    shutil.copytree(STATUSES / "projects", tmp_path / "projects")
    shutil.copytree(STATUSES / "rules", tmp_path / "rules")
    done = govcheck("gap", "kg-city", "--rulesets", "rules", "-p", "st")
    assert done.code == 0, done.err
    assert done.out.startswith("What it would take for kg-city to meet st: 1 to change")
    met = (tmp_path / "projects" / "kg-city.yaml").read_text()
    met = met.replace("{status: unknown}", "{status: completed}").replace(
        "direct_award", "open_tender"
    )
    (tmp_path / "projects" / "kg-city.yaml").write_text(met)
    done = govcheck("gap", "kg-city", "--rulesets", "rules", "-p", "st")
    assert done.code == 0, done.out
    assert "kg-city to meet st: 0 to change, 0 to document" in done.out


def test_gap_is_a_report_and_fails_only_for_an_invalid_file(govcheck: Run, tmp_path: Path) -> None:
    """Gaps are what `gap` reports (exit 0); it exits 1 as `check` would on the same file:
    an invalid file (its problems said on stderr, the report still written when the file
    could be read), or a target profile that does not cover the project; 2 for usage."""
    shutil.copytree(STATUSES, tmp_path / "st")
    args = ("--rulesets", "st/rules", "-p", "st", "--compare-with", "st-kz")
    gaps = govcheck("gap", "st/projects/kg-city.yaml", *args)
    assert (gaps.code, gaps.err) == (0, "")
    assert "1 to change, 1 to document" in gaps.out
    city = (tmp_path / "st" / "projects" / "kg-city.yaml").read_text()
    (tmp_path / "typo.yaml").write_text(city + "incident_responce: {plan: true}\n")
    typo = govcheck("gap", "typo.yaml", *args)
    assert typo.code == 1
    assert "unknown key `incident_responce` at the top level" in typo.err
    assert typo.out.startswith("What it would take for kg-city to meet st")
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n")
    broken = govcheck("gap", "broken.yaml", *args)
    assert (broken.code, broken.out) == (1, "")
    assert "broken.yaml:2:1: the `[` opened on line 1 is not closed" in broken.err
    assert govcheck("gap", "st/projects/kg-city.yaml", *args, "-f", "nope").code == 2


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
    assert not re.search(r"url\((?!#)|@import|src=", page)  # url(#hatch) is in the page
    assert tags.count("svg") == 2
    samples = len(list((ROOT / "projects").glob("*.yaml")))
    assert samples >= 12
    assert page.count('class="cell ') == samples * 3  # one cell per sample and profile
    hrefs = [a.get("href") or "" for t, a in parser.tags if t == "a"]
    external = [h for h in hrefs if not h.startswith("#")]
    assert external
    assert all(h.startswith(("https://", "http://")) for h in external)
    # The rule ids link to the "Rules cited" appendix, and every entry linked to exists.
    ids = {a["id"] for _tag, a in parser.tags if a.get("id")}
    internal = {h[1:] for h in hrefs if h.startswith("#")}
    assert internal
    assert internal <= ids
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


def test_html_shows_each_status_and_out_of_scope_once() -> None:
    page = render_comparison_html(compare(_status_run("st", "st-kz")), "test")
    assert (
        "<td>1 failed, 1 not shown, 1 passed, 1 not applicable, 1 upcoming</td>" in page
    )  # the profile table
    assert "<td>out of scope for 1 project(s)</td>" in page  # st-kz: no zeros that read as a pass
    numbers = re.findall(r'<td class="num">([^<]*)</td>', page)
    assert numbers == ["1", "1", "1", "1", "1", "0", "0", "33%"]  # st; st-kz has no numbers
    assert page.count('class="cell out_of_scope"') == 1
    assert page.count("out of scope: this profile covers KZ, not this project (KG)") == 1
    assert "no failing" not in page
    assert "Failed under <code>st</code> (1)" in page
    shown = page.split("Not shown under <code>st</code> (1)", 1)[1].split("</details>", 1)[0]
    assert "ST-DPIA" in shown
    assert "<code>data_processing.dpia.status</code> is unknown" in shown
    later = page.split("Upcoming under <code>st</code> (1)", 1)[1].split("</details>", 1)[0]
    assert "ST-LATER" in later
    assert "applies from 2099-01-01" in later


@needs_browser
def test_html_renders_in_a_real_headless_browser(catalogue: Catalogue, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(_report(catalogue), encoding="utf-8")
    chromium = browser()
    assert chromium is not None
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
        [chromium, *flags, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert dom.count("<rect") >= 33
    assert "Conditionality compared" in dom
    assert "% met" in dom
    assert "out of scope" in dom  # host-kg does not cover the Kazakh, Tajik and Uzbek samples
    shot = tmp_path / "shot.png"
    subprocess.run(
        [chromium, *flags, "--window-size=1200,1600", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000


def test_compare_reports_an_invalid_file_and_exits_1_a_missing_path_2(
    govcheck: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "portfolio"
    folder.mkdir()
    shutil.copy(ROOT / "projects" / "kg-bishkek-safe-city.yaml", folder)
    (folder / "bad.yaml").write_text("id: bad\ncountry: KA\n", encoding="utf-8")
    done = govcheck("compare", "portfolio", "-p", "eu", "-p", "minimal")
    assert done.code == 1, done.err
    assert "bad (invalid file)" in done.out  # the report is still written
    assert "kg-bishkek-safe-city" in done.out
    assert "portfolio/bad.yaml:2:1: `country` is `KA`" in done.err
    clean = govcheck("compare", str(ROOT / "projects"), "-p", "eu")
    assert clean.code == 0, clean.err
    assert clean.err == ""
    # Host profiles over a mixed portfolio: the uncovered projects are cells, not errors.
    hosts = govcheck("compare", str(ROOT / "projects"), "-p", "host-kz", "-p", "host-kg")
    assert hosts.code == 0, hosts.err
    assert re.search(r"uz-tashkent-safe-city +out of scope +out of scope", hosts.out)
    missing = govcheck("compare", "no-such-folder", "-p", "eu")
    assert missing.code == 2
    assert "no-such-folder: no such file or folder" in missing.err


def test_compare_says_the_first_twenty_problems_and_counts_the_rest(
    govcheck: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "portfolio"
    folder.mkdir()
    for index in range(25):
        (folder / f"bad{index:02}.yaml").write_text(f"id: bad{index}\n", encoding="utf-8")
    done = govcheck("compare", "portfolio", "-p", "eu", "-f", "json")
    assert done.code == 1
    said = [line for line in done.err.splitlines() if line.startswith("govcheck: error:")]
    assert len(said) == 20
    listed = govcheck("check", "portfolio", "-p", "eu", "-f", "json", "--fail-on", "none")
    problems = sum(len(p["problems"]) for p in json.loads(listed.out)["projects"])
    assert f"… and {problems - 20} more problem(s)" in done.err
    assert len(json.loads(done.out)["projects"]) == 25


def test_a_portfolio_report_states_each_cited_rules_texts_once(catalogue: Catalogue) -> None:
    """At 10,000 projects the report was 755 MB: every row repeated its rule's requirement,
    remediation and references. With more than one project they are written once, in the
    appendix the rows link to; one project's report keeps them beside its findings."""
    eu = resolve_profile(catalogue, "eu")
    portfolio = check([ROOT / "projects"], [eu], as_of="2026-12-04")
    page = render_comparison_html(compare(portfolio), "test")
    body, _sep, rules = page.partition('<h2 id="rules-cited">')
    assert rules
    cited = sorted(set(re.findall(r'<tr id="rule-eu-([^"]+)">', rules)))
    linked = sorted(set(re.findall(r'<a href="#rule-eu-([^"]+)">', body)))
    assert cited == linked
    infos = {info.id: info for info in eu.infos}
    for rule in cited:
        remediation = html.escape(infos[rule].remediation, quote=True)
        assert page.count(remediation) == 1, rule
    failing = [
        f for p in portfolio.projects for f in p.by_profile("eu") if f.status.value == "fail"
    ]
    assert any(html.escape(f.detail, quote=True) in body for f in failing)

    one = check([ROOT / "projects" / "kg-bishkek-safe-city.yaml"], [eu], as_of="2026-12-04")
    alone = render_comparison_html(compare(one), "test")
    assert 'id="rules-cited"' not in alone
    for finding in one.projects[0].by_profile("eu"):
        if finding.status.value in ("fail", "not_shown") and finding.remediation:
            assert html.escape(finding.remediation, quote=True) in alone, finding.rule


def test_compare_text_and_markdown_say_what_met_rests_on_as_check_does(govcheck: Run) -> None:
    """`check` and the HTML comparison split "met" by basis (claimed, evidenced, verified,
    assumed); the text and Markdown comparison did not. The line is the core's
    `Score.met_by_basis`, worded by the one helper `check` uses."""
    path = str(ROOT / "projects" / "kg-bishkek-safe-city.yaml")
    rulesets = str(ROOT / "rulesets")
    day = ("--as-of", "2026-12-04", "--rulesets", rulesets, "--no-waivers")
    checked = govcheck("check", path, "-p", "eu", "--fail-on", "none", *day)
    said = re.search(r"of \d+ met: [^\n]+", checked.out)
    assert said is not None, checked.out
    text = govcheck("compare", path, "-p", "eu", "-p", "minimal", *day)
    assert text.code == 0, text.err
    assert f"  kg-bishkek-safe-city  eu: {said.group(0)}\n" in text.out
    markdown = govcheck("compare", path, "-p", "eu", "-p", "minimal", "-f", "markdown", *day)
    assert '## What "met" rests on' in markdown.out
    assert f"- **kg-bishkek-safe-city** `eu`: {said.group(0)}\n" in markdown.out


def test_gap_says_to_attach_a_document_where_only_the_document_is_missing(
    govcheck: Run,
) -> None:
    """Under a profile demanding evidence a stated fact with no document is `not_shown`;
    `gap`'s "how:" gave the rule's remediation ("set `sensitive_attributes_inferred:
    false`"), a value the proposal already states (found by helper-48)."""
    path = str(ROOT / "projects" / "kg-bishkek-safe-city-eu-redesign.yaml")
    day = ("--as-of", "2026-12-04", "--rulesets", str(ROOT / "rulesets"), "--no-waivers")
    done = govcheck("gap", path, "-p", "eu-evidence", *day)
    assert done.code == 0, done.err
    block = done.out.split("EU-AI-BIOMETRIC-CATEGORISATION", 1)[1].split("\n  [", 1)[0]
    assert "is claimed, with no document attached" in block
    assert "how: attach the document that shows `ai_systems[0].type`" in block
    assert "set `sensitive_attributes_inferred: false`" not in block
    plain = govcheck("gap", str(ROOT / "projects" / "kg-bishkek-safe-city.yaml"), "-p", "eu", *day)
    assert "how: attach the document" not in plain.out  # facts not stated: the rule's way


@pytest.mark.parametrize("names", [["eu", "minimal"], ["eu", "host-kz", "minimal"], ["eu"]])
def test_the_json_comparison_is_written_in_pieces_that_make_the_one_document(
    names: list[str],
) -> None:
    """`compare -f json` held the whole value of 10,000 projects (627 MB) before writing;
    it is written a project at a time now, and the pieces must be exactly the document
    `json.dumps(comparison_record(...), indent=2)` makes, with no project too."""
    from checker.report.comparison import comparison_record, iter_comparison

    catalogue = load_catalogue(ROOT / "rulesets")
    profiles = [resolve_profile(catalogue, n) for n in names]
    for paths in ([ROOT / "projects"], []):
        comparison = compare(check(paths, profiles, as_of="2026-12-04"))
        whole = json.dumps(comparison_record(comparison), indent=2, ensure_ascii=False) + "\n"
        assert "".join(iter_comparison(comparison, "json")) == whole
        assert json.loads(whole)["projects"] or not paths


def test_gap_counts_only_this_profile_against_profiles_that_cover_the_project(
    govcheck: Run,
) -> None:
    # `gap kg-… -p eu -p host-kz -f json` said `"only_this_profile": 46`, the whole count:
    # every requirement "only eu has", measured against a profile that imposes nothing on
    # a Kyrgyz project. With nothing in scope to compare with it is not a count (null),
    # and the record names what it was and was not compared with, as the text says.
    common = ("gap", "projects/kg-bishkek-safe-city.yaml", "-p", "eu", "--no-waivers")
    outside = json.loads(govcheck(*common, "-p", "host-kz", "-f", "json", cwd=ROOT).out)
    assert outside["count"] > 0
    assert outside["only_this_profile"] is None
    assert outside["compared_with"] == []
    assert outside["out_of_scope"] == ["host-kz"]
    text = govcheck(*common, "-p", "host-kz", cwd=ROOT).out
    assert "not asked for by" not in text  # the text makes no such count either
    # Against a profile in scope the count is of requirements it does not ask for, alone
    # (an out-of-scope one beside it changes nothing), in text, Markdown and JSON alike.
    both = ("-p", "minimal", "-p", "host-kz")
    inside = json.loads(govcheck(*common, *both, "-f", "json", cwd=ROOT).out)
    assert inside["compared_with"] == ["minimal"]
    assert inside["out_of_scope"] == ["host-kz"]
    listed = [i for g in ("change", "document") for items in inside[g].values() for i in items]
    alone = sum(1 for i in listed if not i["also_required_by"])
    assert inside["only_this_profile"] == alone < inside["count"]
    for fmt in ("text", "markdown"):
        told = govcheck(*common, *both, "-f", fmt, cwd=ROOT).out
        assert f"; {alone} of them not asked for by minimal\n" in told, told[:300]
