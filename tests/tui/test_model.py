"""The view-model, without Textual: statuses, rows, sorting, outline, stepping, topics."""

from __future__ import annotations

import subprocess
import sys

from checker.checking import check as run_check
from checker.compare import diff_profiles
from checker.findings import Score, Severity, Status, WaiverNote
from checker.profiles import ResolvedProfile
from checker.tui.model import (
    ProfileScore,
    ProjectRow,
    Review,
    Show,
    filter_rows,
    project_row,
    review,
    sort_rows,
    sort_word,
)
from checker.tui.outline import FindingFilter, flatten, outline, project_findings, step
from checker.tui.topics import Mark, compare_project
from checker.values import replace
from tests.conftest import ROOT

BISHKEK = ROOT / "projects" / "kg-bishkek-safe-city.yaml"
MULTIVENDOR = ROOT / "projects" / "kg-5g-multivendor-core.yaml"
KAZAKH = ROOT / "projects" / "kz-smart-city-traffic.yaml"


def test_an_expired_waiver_and_a_fact_not_shown_are_their_own_statuses(
    eu: ResolvedProfile,
) -> None:
    run = run_check([BISHKEK], [eu])
    failing = next(f for f in run.findings() if f.status is Status.FAIL)
    assert review(failing) is Review.FAIL
    unshown = next(f for f in run.findings() if f.status is Status.NOT_SHOWN)
    assert review(unshown) is Review.NOT_SHOWN
    assert review(unshown).is_problem
    assert Review.FAIL.rank < Review.NOT_SHOWN.rank < Review.PASS.rank
    expired = replace(failing, waiver=WaiverNote("why", "who", "2020-01-01", expired=True))
    assert review(expired) is Review.EXPIRED
    assert review(expired).is_problem
    waived = replace(failing, status=Status.WAIVED, waiver=WaiverNote("why", "who", "2099-01-01"))
    assert review(waived) is Review.WAIVED
    assert not review(waived).is_problem


def test_rows_count_failures_and_facts_not_shown_apart_and_score_from_the_core(
    eu: ResolvedProfile, minimal: ResolvedProfile
) -> None:
    run = run_check([BISHKEK, MULTIVENDOR], [eu, minimal], as_of="2026-12-04")
    rows = [project_row(r, run.profiles) for r in run.projects]
    bishkek, multivendor = rows
    outcomes = list(run.projects[0].by_profile("eu"))
    failing = [f for f in outcomes if f.status in (Status.FAIL, Status.ERROR)]
    unshown = [f for f in outcomes if f.status is Status.NOT_SHOWN]
    upcoming = [f for f in outcomes if f.status is Status.UPCOMING]
    score = bishkek.scores["eu"]
    assert unshown
    assert upcoming  # the Cyber Resilience Act duties, from 2027-12-11
    assert score.total == len(failing)
    assert score.unshown == len(unshown)
    assert score.upcoming == len(upcoming)
    assert score.failing[0] == sum(1 for f in failing if f.severity is Severity.CRITICAL)
    assert score.not_shown[0] == sum(1 for f in unshown if f.severity is Severity.CRITICAL)
    # The score is the core's, not one of the TUI's own.
    evaluation = run.projects[0].evaluation("eu")
    assert evaluation is not None
    assert score.score == evaluation.score()
    assert score.share == evaluation.score().share
    assert multivendor.scores["eu"].total == 0
    assert sort_rows(rows, "fails:eu")[0] is bishkek
    assert sort_rows(rows, "project")[0].id == "kg-5g-multivendor-core"
    assert filter_rows(rows, "ceiec", Show.ALL, "eu") == [bishkek]  # a vendor
    assert filter_rows(rows, "", Show.FAILING, "eu") == [bishkek]
    assert bishkek in filter_rows(rows, "", Show.NOT_SHOWN, "eu")
    assert filter_rows(rows, "", Show.INVALID, "eu") == []


def test_out_of_scope_is_one_verdict_sorted_after_the_scored_rows(
    eu: ResolvedProfile, host_kz: ResolvedProfile
) -> None:
    run = run_check([BISHKEK, KAZAKH], [host_kz, eu])
    bishkek, kazakh = (project_row(r, run.profiles) for r in run.projects)
    outside = bishkek.scores["host-kz"]
    assert outside.out_of_scope
    assert (outside.total, outside.unshown, outside.share) == (0, 0, None)
    assert not kazakh.scores["host-kz"].out_of_scope
    for key in ("fails:host-kz", "score:host-kz"):
        assert sort_rows([bishkek, kazakh], key)[-1] is bishkek
        assert sort_rows([bishkek, kazakh], key, reverse=True)[-1] is bishkek
    assert filter_rows([bishkek], "", Show.FAILING, "host-kz") == []
    assert project_findings(run.projects[0], "host-kz") == []  # no verdict per rule


def test_upcoming_obligations_are_grouped_apart_after_every_area(eu: ResolvedProfile) -> None:
    result = run_check([BISHKEK], [eu], as_of="2026-12-04").projects[0]
    groups = outline(project_findings(result, "eu"), FindingFilter())
    assert groups[-1].upcoming
    assert {f.status for f in groups[-1].findings} == {Status.UPCOMING}
    assert all(f.status is not Status.UPCOMING for g in groups[:-1] for f in g.findings)
    later = run_check([BISHKEK], [eu], as_of="2028-01-01").projects[0]
    assert not any(g.upcoming for g in outline(project_findings(later, "eu"), FindingFilter()))


def test_outline_groups_by_area_problems_first_and_steps_wrap(eu: ResolvedProfile) -> None:
    result = run_check([BISHKEK], [eu]).projects[0]
    findings = project_findings(result, "eu")
    groups = outline(findings, FindingFilter())
    assert [g.area for g in groups] == sorted(g.area for g in groups)
    for group in groups:
        ranks = [review(f).rank for f in group.findings]
        assert ranks == sorted(ranks)
    shown = flatten(groups)
    problems = [f for f in shown if review(f).is_problem]
    assert step(shown, None, forward=True) == problems[0]
    assert step(shown, problems[-1], forward=True) == problems[0]
    assert step(shown, problems[0], forward=False) == problems[-1]
    high = outline(findings, FindingFilter(severity=Severity.HIGH, problems_only=True))
    assert all(f.severity.at_least(Severity.HIGH) for f in flatten(high))
    assert all(review(f).is_problem for f in flatten(high))
    searched = flatten(outline(findings, FindingFilter(text="Art. 35")))
    assert searched
    assert all(any("Art. 35" in r.short() for r in f.references) for f in searched)


def test_topics_mark_what_decides_the_difference(
    eu: ResolvedProfile, minimal: ResolvedProfile
) -> None:
    run = run_check([BISHKEK], [eu, minimal])
    first, second = run.profiles
    comparison = compare_project(run.projects[0], first, second, diff_profiles(eu, minimal))
    by_rule: dict[str, Mark] = {}
    for row in comparison.rows:
        for finding in (*row.a.findings, *row.b.findings):
            by_rule[finding.rule] = row.mark
    assert by_rule["EU-AI-RBI-REALTIME"] is Mark.DECIDES  # fails under eu, not imposed by minimal
    assert {f.rule for f in comparison.only_a} >= {"EU-AI-RBI-REALTIME"}
    decided = [r for r in comparison.rows if r.mark is Mark.DECIDES]
    assert all(r.a.problem != r.b.problem for r in decided)
    assert comparison.rows[: len(decided)] == tuple(decided)  # deciding rows first


def test_the_view_model_does_not_import_textual() -> None:
    probe = (
        "import sys\n"
        "import checker.tui.model, checker.tui.outline, checker.tui.topics\n"
        "import checker.tui.workspace, checker.tui.watch, checker.tui.text\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def _reference_order(rows: list[ProjectRow], key: str, reverse: bool) -> list[ProjectRow]:
    """The portfolio's order as first written: whole tuples compared (slow, plain)."""
    kind, _, profile = key.partition(":")
    if kind in ("fails", "score"):
        scored, unscored = [], []
        for row in rows:
            score = row.scores.get(profile)
            if score is None or score.out_of_scope:
                unscored.append(row)
            elif kind == "fails":
                rank = (tuple(-n for n in score.failing), -sum(score.not_shown))
                scored.append(((row.valid, rank, row.id), row))
            else:
                share = score.score.share
                scored.append(((share if share is not None else 2.0, row.id), row))
        scored.sort(key=lambda pair: pair[0], reverse=reverse)
        return [row for _key, row in scored] + sorted(unscored, key=lambda r: (r.valid, r.id))
    name = {"project": "id", "country": "country", "sector": "sector"}[kind]
    return sorted(rows, key=lambda r: (getattr(r, name).casefold(), r.id), reverse=reverse)


def test_the_fast_sort_keeps_the_plain_order() -> None:
    """Sorting by one number per row (issue 16: 10,000 rows under 100 ms) gives the order
    whole tuples give, ties, duplicate ids, invalid files and unscored rows included."""
    import random

    chooser = random.Random(16)
    rows = []
    for index in range(400):
        failing = tuple(chooser.choice((0, 0, 1, 2, 30)) for _ in range(5))
        shown = tuple(chooser.choice((0, 1, 7)) for _ in range(5))
        passed = chooser.randrange(0, 5)
        scores = {
            "eu": ProfileScore(failing, shown, score=Score(passed=passed, failed=sum(failing))),
            "minimal": ProfileScore(out_of_scope=True),
        }
        if index % 7 == 0:
            del scores["eu"]  # not checked under eu (yet)
        ident = f"p{chooser.randrange(0, 150):03d}"  # duplicate ids on purpose
        rows.append(
            ProjectRow(
                key=f"f{index}.yaml",
                id=ident,
                title="",
                country=chooser.choice(("KG", "kz", "TJ")),
                sector=chooser.choice(("a", "B", "c")),
                financiers=(),
                vendors=(),
                valid=index % 5 != 0,
                input_problems=0,
                scores=scores,
            )
        )
    for key in ["project", "country", "sector", "fails:eu", "score:eu", "fails:minimal"]:
        for reverse in (False, True):
            assert sort_rows(rows, key, reverse) == _reference_order(rows, key, reverse), key


def test_the_sort_state_names_the_profile_of_a_score_as_of_failures() -> None:
    # With two profiles `s` cycles through each one's failures and score; the state line
    # said "score" for both, so a reviewer could not tell which column was sorted.
    assert sort_word("fails:eu") == "failing (eu)"
    assert sort_word("score:eu") == "score (eu)"
    assert sort_word("score:minimal") == "score (minimal)"
    assert sort_word("country") == "country"
