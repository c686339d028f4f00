"""A section left out is told once in the text report, with the rules it leaves undecided.

The grouping is the core's (`checker.gaps.told_together`); the text report lays it
out, and every count, identity and machine format is as before: each finding is
still there, `--quiet` still prints a line a finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from checker import check, load_catalogue, resolve_profile
from checker.expanded import Finding, WaiverNote
from checker.findings import Severity, Status
from checker.gaps import AT_LEAST, FactGap, told_together
from checker.values import replace
from tests.conftest import ROOT, Completed

Run = Callable[..., Completed]
BISHKEK = ROOT / "projects" / "kg-bishkek-safe-city.yaml"


def _without(section: str, folder: Path) -> Path:
    """The Bishkek case with one top-level section cut out."""
    lines = BISHKEK.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{section}:"))
    end = next(i for i in range(start + 1, len(lines)) if re.match(r"[a-z_]+:", lines[i]))
    path = folder / "bishkek.yaml"
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    return path


def test_a_missing_section_is_one_block_naming_every_rule_it_leaves_undecided(
    govcheck: Run, tmp_path: Path
) -> None:
    path = _without("data_processing", tmp_path)
    catalogue = load_catalogue()
    run = check([path], [resolve_profile(catalogue, "eu"), resolve_profile(catalogue, "minimal")])
    findings = list(run.project_findings(run.projects[0], problems_only=True))
    waiting = [f for f in findings if f.facts == (("/data_processing", "absent"),)]
    assert len(waiting) >= AT_LEAST
    done = govcheck("check", path.name, "-p", "eu", "-p", "minimal", "--fail-on", "none")
    assert done.code == 0, done.err
    heads = [line for line in done.out.splitlines() if "`data_processing` is not stated:" in line]
    assert heads == [
        f"{path.name}:{waiting[0].line}:{waiting[0].column}  high      `data_processing` is not "
        f"stated: {len(waiting)} rules cannot be decided without it"
    ]
    listed = done.out.split(heads[0], 1)[1].splitlines()[1 : len(waiting) + 1]
    assert [line.split()[1] for line in listed] == [f.rule for f in waiting]
    assert all(f.title in line for f, line in zip(waiting, listed, strict=True))
    # Rules that wait for more than the section are told on their own line, as before.
    own = [line for line in done.out.splitlines() if line.startswith(f"{path.name}:")]
    for finding in findings:
        told = [line for line in own if f"  {finding.rule}  " in line]
        assert len(told) == (0 if finding in waiting else 1), (finding.rule, told)
    # The counts are the findings': nothing was merged away.
    quiet = govcheck("check", path.name, "-p", "eu", "-p", "minimal", "-q", "--fail-on", "none")
    assert sum(line.startswith(f"{path.name}:") for line in quiet.out.splitlines()) == len(findings)
    summary = done.out.strip().splitlines()[-5:]
    not_shown = sum(1 for f in findings if f.status is Status.NOT_SHOWN and f.profile == "eu")
    assert any(f"{not_shown} not shown" in line for line in summary), summary


def test_the_russian_report_tells_the_gap_in_russian(govcheck: Run, tmp_path: Path) -> None:
    path = _without("data_processing", tmp_path)
    done = govcheck("check", str(path), "-p", "eu", "--lang", "ru", "--fail-on", "none")
    assert done.code == 0, done.err
    head = next(line for line in done.out.splitlines() if "`data_processing`" in line)
    assert "rules cannot be decided" not in head
    assert re.search(r"\d+ правил", head), head


def _finding(rule: str, facts: tuple[tuple[str, str], ...], **changes: object) -> Finding:
    made = Finding(
        profile="eu",
        project="p",
        path="p.yaml",
        line=1,
        column=1,
        pointer="",
        rule=rule,
        title=rule.title(),
        area="data",
        severity=Severity.MEDIUM,
        status=Status.NOT_SHOWN,
        message="",
        facts=facts,
    )
    return replace(made, **changes)  # type: ignore[arg-type]


SECTION = (("/data_processing", "absent"),)


def test_only_findings_that_wait_for_one_absent_fact_alone_are_gathered() -> None:
    alone = [
        _finding("A", SECTION),
        _finding("B", (("/cybersecurity", "absent"),)),
        _finding("C", SECTION, severity=Severity.HIGH),
        _finding("D", (*SECTION, ("/parties/vendors/0/remote_access", "absent"))),
        _finding("E", (("/data_processing", "unknown"),)),
        _finding("F", SECTION, status=Status.FAIL),
        _finding("G", SECTION, waiver=WaiverNote("ok", "A", "2027-01-01")),
        _finding("H", SECTION, baseline_state="new"),
        _finding("I", SECTION),
    ]
    told = told_together(alone)
    assert [getattr(item, "rule", "gap") for item in told] == [
        "gap",
        "B",
        "D",
        "E",
        "F",
        "G",
        "H",
    ]
    gap = told[0]
    assert isinstance(gap, FactGap)
    assert gap.pointer == "/data_processing"
    assert [f.rule for f in gap.findings] == ["A", "C", "I"]
    assert gap.severity is Severity.HIGH


def test_fewer_than_the_threshold_are_told_one_by_one() -> None:
    pair = [_finding("A", SECTION), _finding("B", SECTION)]
    assert told_together(pair) == pair


def _waiting_for_the_section(path: Path) -> list[Finding]:
    """The findings under eu that wait for the absent `data_processing` alone (the core's)."""
    run = check([path], [resolve_profile(load_catalogue(), "eu")])
    return [
        f
        for f in run.project_findings(run.projects[0], problems_only=True)
        if f.facts == (("/data_processing", "absent"),)
    ]


def test_the_markdown_report_gives_the_gap_one_row_listing_its_rules(
    govcheck: Run, tmp_path: Path
) -> None:
    path = _without("data_processing", tmp_path)
    waiting = _waiting_for_the_section(path)
    done = govcheck("check", path.name, "-p", "eu", "-f", "markdown", "--fail-on", "none")
    assert done.code == 0, done.err
    rows = [line for line in done.out.splitlines() if "cannot be decided without it" in line]
    assert len(rows) == 1
    assert "`data_processing` is not stated: " in rows[0]
    assert rows[0].startswith(f"| high | — | `{path.name}:")
    assert f"{len(waiting)} rules cannot be decided without it" in rows[0]
    assert rows[0].count("<br>") == len(waiting)
    for finding in waiting:
        assert f": {finding.rule} " in rows[0]
        assert not any(
            line.startswith(f"| {finding.severity.value} | {finding.rule} ")
            for line in done.out.splitlines()
        )


def test_the_html_report_gives_the_gap_one_row_listing_its_rules(
    govcheck: Run, tmp_path: Path
) -> None:
    path = _without("data_processing", tmp_path)
    waiting = _waiting_for_the_section(path)
    done = govcheck(
        "check", path.name, "-p", "eu", "-f", "html", "-o", "r.html", "--fail-on", "none"
    )
    assert done.code == 0, done.err
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    said = f"<code>data_processing</code> is not stated: {len(waiting)} rules cannot be decided"
    assert page.count(said) == 1
    row = page[page.index(said) : page.index("</tr>", page.index(said))]
    assert [f"<code>{f.rule}</code>" in row for f in waiting] == [True] * len(waiting)
    assert row.count("<li>") == len(waiting)
