"""`--format github` under Actions: besides the annotations (ten of a kind per step), the job
summary appended to $GITHUB_STEP_SUMMARY with the counts and the most severe problems."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tests.conftest import DATA, Completed

Run = Callable[..., Completed]
STATUSES = DATA / "statuses"
AS_OF = "2026-12-04"
ACTIONS = {"GITHUB_REPOSITORY": "owner/repo", "GITHUB_SHA": "0123abc"}


def _tree(folder: Path, copies: int = 1) -> Path:
    shutil.copytree(STATUSES / "rules", folder / "rules")
    text = (STATUSES / "projects" / "kg-city.yaml").read_text()
    (folder / "projects").mkdir()
    for n in range(copies):
        (folder / "projects" / f"p{n:02}.yaml").write_text(
            text.replace("id: kg-city", f"id: p{n:02}")
        )
    return folder


def _check(govcheck: Run, folder: Path, summary: Path, *extra: str) -> Completed:
    return govcheck(
        "check", "projects", "--rulesets", "rules", "-p", "st", "-p", "st-kz",
        "--as-of", AS_OF, "-f", "github", *extra,
        cwd=folder,
        env={**ACTIONS, "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_WORKSPACE": str(folder)},
    )  # fmt: skip


def test_the_summary_has_counts_per_profile_and_the_problems_linked_to_their_lines(
    govcheck: Run, tmp_path: Path
) -> None:
    folder = _tree(tmp_path / "repo")
    summary = tmp_path / "step_summary"
    summary.write_text("an earlier step's summary\n")
    done = _check(govcheck, folder, summary)
    assert done.code == 1, done.err
    text = summary.read_text()
    assert text.startswith("an earlier step's summary\n### govcheck: 1 project(s) checked")
    rows = [line for line in text.splitlines() if line.startswith("| st")]
    assert rows == [
        "| st | 1 | 1 | 0 | 0 | 1 | 1 | 1 | 0 |",
        "| st-kz | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 1 |",
    ]
    problems = [line for line in text.splitlines() if line.startswith("- **")]
    assert len(problems) == 2
    assert problems[0].startswith("- **high** not shown `ST-DPIA` [st]: DPIA for biometric")
    assert problems[1].startswith("- **medium** fail `ST-TENDER` [st]:")
    assert "](https://github.com/owner/repo/blob/0123abc/projects/p00.yaml#L" in problems[0]
    assert "annotations" not in done.err.lower()


def test_the_summary_lists_what_the_annotations_leave_out(govcheck: Run, tmp_path: Path) -> None:
    folder = _tree(tmp_path / "repo", copies=15)
    summary = tmp_path / "step_summary"
    done = _check(govcheck, folder, summary)
    annotations = [line for line in done.out.splitlines() if line.startswith(("::error", "::warn"))]
    assert len(annotations) == 20  # GitHub's 10 errors and 10 warnings per step
    text = summary.read_text()
    assert "#### The 30 most severe of 30 problem(s)" in text
    assert "Annotations stop at 10 errors, 10 warnings and 10 notices per step" in text
    assert sum(line.startswith("- **high** not shown") for line in text.splitlines()) == 15


def test_a_report_written_to_the_summary_file_is_not_doubled(govcheck: Run, tmp_path: Path) -> None:
    folder = _tree(tmp_path / "repo")
    summary = tmp_path / "step_summary"
    done = _check(govcheck, folder, summary, "--report", f"markdown:{summary}")
    assert done.code == 1, done.err
    assert "### govcheck:" not in summary.read_text()  # the Markdown report only


def test_no_summary_outside_actions_and_an_unwritable_one_changes_no_exit_code(
    govcheck: Run, tmp_path: Path
) -> None:
    folder = _tree(tmp_path / "repo")
    done = govcheck(
        "check", "projects", "--rulesets", "rules", "-p", "st", "--as-of", AS_OF, "-f", "github",
        cwd=folder,
    )  # fmt: skip
    assert done.code == 1
    assert sorted(p.name for p in folder.iterdir()) == ["projects", "rules"]
    missing = tmp_path / "no" / "such" / "summary"
    done = _check(govcheck, folder, missing)
    assert done.code == 1
    assert f"govcheck: cannot write the job summary to {missing}" in done.err


def test_the_annotations_are_each_kinds_most_severe_as_by_severity_orders_them() -> None:
    """The annotations were made for every problem, then all but ten of each kind dropped
    (1.5 GB at 10,000 projects for 24 KB of output); only the few shown are kept now.
    They must be the ones `by_severity` puts first, in its order, with the rest counted."""
    from checker import load_catalogue
    from checker.checking import check
    from checker.profiles import resolve_profile
    from checker.report import github
    from checker.report.options import RenderOptions
    from checker.report.verdicts import by_severity
    from tests.conftest import ROOT

    catalogue = load_catalogue(ROOT / "rulesets")
    profiles = [resolve_profile(catalogue, n) for n in ("eu", "minimal")]
    run = check([ROOT / "projects"], profiles, as_of="2026-12-04")
    problems = by_severity([f for f in run.findings(problems_only=True) if f.status.is_problem])
    kinds = [github._kind(f.severity, f.status, f.profile, set()) for f in problems]
    assert min(kinds.count(k) for k in ("error", "warning", "notice")) > 4 * github.PER_STEP
    room = {"error": 10, "warning": 10, "notice": 9}  # a notice says what was left out
    expected: list[str] = []
    for finding, kind in zip(problems, kinds, strict=True):
        if room[kind]:
            room[kind] -= 1
            expected.append(github._annotation(finding, kind))
    lines = list(github.render(run, RenderOptions()))
    assert lines[:-1] == expected
    assert f"{len(problems) - 29} more not annotated" in lines[-1]


def test_the_runs_problems_without_their_findings_are_its_problem_findings() -> None:
    """The annotations and the job summary rank every problem without making a finding of
    each (6.8 s -> 0.7 s at 1,000 projects) and make findings of the few they show: the
    problems found so must be the problem findings, in their order, made equal, marked
    against a baseline as the findings are."""
    from checker import load_catalogue
    from checker.checking import check
    from checker.profiles import resolve_profile
    from checker.values import replace
    from tests.conftest import ROOT

    catalogue = load_catalogue(ROOT / "rulesets")
    profiles = [resolve_profile(catalogue, n) for n in ("eu", "minimal", "host-kz")]
    run = check([ROOT / "projects", DATA / "golden" / "projects"], profiles, as_of="2026-12-04")
    findings = [f for f in run.findings(problems_only=True) if f.status.is_problem]
    problems = list(run.problems())
    assert len(problems) == len(findings) > 100
    assert any(p[5] is None for p in problems)  # an input problem of the broken file
    for problem, finding in zip(problems, findings, strict=True):
        assert problem[:4] == (finding.severity, finding.status, finding.profile, finding.rule)
        assert run.made(problem) == finding
    half = frozenset(f.fingerprint for f in findings[::2])
    against = replace(run, baseline=half)
    marked = [f for f in against.findings(problems_only=True) if f.status.is_problem]
    assert {f.baseline_state for f in marked} == {"new", "unchanged"}
    assert [against.made(p) for p in against.problems()] == marked
