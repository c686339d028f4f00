"""`govcheck verify PROJECT --finding RULE_ID`: every fact the rule's outcome was decided on
is verified at once (docs/evidence.md); a rule not in the profile, or an outcome resting
on no stated fact, is refused with nothing written. Runs the real command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.test_basis import _by_rule, _json, tree

__all__ = ["tree"]  # the fixture, shared with test_basis

Run = Any


def _verify(govcheck: Run, tree: Path, *args: str) -> Any:
    (tree / ".git").mkdir(exist_ok=True)  # the review record is found up to the repository root
    return govcheck(
        "verify", "ev", *args, "--evidence", "dpia", "--by", "A. Reviewer",
        "--path", "projects", "--rulesets", "rules", "--today", "2026-12-05", cwd=tree,
    )  # fmt: skip


def test_a_finding_verifies_the_facts_its_outcome_was_decided_on(govcheck: Run, tree: Path) -> None:
    done = _verify(govcheck, tree, "--finding", "GOLD-DP-DPIA", "-p", "golden")
    assert done.code == 0, done.err
    assert "1 fact(s) GOLD-DP-DPIA was decided on (/data_processing/dpia/status)" in done.out
    record = (tree / "projects" / "govcheck-waivers.yaml").read_text()
    assert 'pointer: "/data_processing/dpia/status"' in record
    assert _by_rule(_json(govcheck, tree, "golden"))["GOLD-DP-DPIA"]["basis"] == "verified"


def _on_verified_evidence(tree: Path) -> str:
    """`dpia` backs `ai_systems` too, and a profile demands a verified basis for critical
    rules: GOLD-AI-BAN's pass (evidenced) is refused until a reviewer verifies it. (It
    was verified against `dpia` while `dpia` did not back it: refused now.)"""
    project = tree / "projects" / "ev.yaml"
    project.write_text(project.read_text() + "    supports: [ai_systems]\n")
    (tree / "rules" / "golden-verified.yaml").write_text(
        "kind: profile\nid: golden-verified\ntitle: Golden, verified\nextends: [golden]\n"
        "require_basis: {critical: verified, high: evidenced}\n"
    )
    return "golden-verified"


def test_a_pass_refused_on_its_basis_becomes_a_pass_once_verified(
    govcheck: Run, tree: Path
) -> None:
    profile = _on_verified_evidence(tree)
    before = _by_rule(_json(govcheck, tree, profile))["GOLD-AI-BAN"]
    assert (before["status"], before["basis"]) == ("not_shown", "evidenced")
    done = _verify(govcheck, tree, "--finding", "GOLD-AI-BAN", "-p", profile)
    assert done.code == 0, done.err
    assert "(/ai_systems)" in done.out  # its `require` alone: the pass it would have been
    after = _by_rule(_json(govcheck, tree, profile))["GOLD-AI-BAN"]
    assert (after["status"], after["basis"]) == ("pass", "verified")


def test_a_rule_not_in_the_profile_is_refused(govcheck: Run, tree: Path) -> None:
    done = _verify(govcheck, tree, "--finding", "GOLD-NOPE", "-p", "golden")
    assert done.code == 2
    assert "rule `GOLD-NOPE` is not in profile `golden`" in done.err
    assert not (tree / "projects" / "govcheck-waivers.yaml").exists()


def test_an_outcome_on_no_stated_fact_is_refused(govcheck: Run, tree: Path) -> None:
    project = tree / "projects" / "ev.yaml"
    text = project.read_text().replace("  procurement: {method: open_tender}\n", "  notes: x\n")
    project.write_text(text.replace("      underpins: [governance.procurement]\n", ""))
    done = _verify(govcheck, tree, "--finding", "GOLD-TR-TENDER", "-p", "golden")
    assert done.code == 2, done.out
    assert "rests on no stated fact: nothing to verify" in done.err
    assert "not_shown" in done.err
    assert not (tree / "projects" / "govcheck-waivers.yaml").exists()


def test_pointer_and_finding_are_one_or_the_other(govcheck: Run, tree: Path) -> None:
    done = _verify(govcheck, tree, "/governance", "--finding", "GOLD-TR-TENDER")
    assert done.code == 2
    assert "either POINTER" in done.err
    assert _verify(govcheck, tree).code == 2


def test_compare_and_gap_count_a_verification_as_check_does(govcheck: Run, tree: Path) -> None:
    # `compare` and `gap` checked without the review record: a pass that a verification
    # made acceptable under golden-verified stayed `not_shown` there, so "% met" differed
    # from `check`'s for the same files, profile and record.
    profile = _on_verified_evidence(tree)
    done = _verify(govcheck, tree, "--finding", "GOLD-AI-BAN", "-p", profile)
    assert done.code == 0, done.err
    checked = _json(govcheck, tree, profile)["projects"][0]["results"][0]["score"]
    args = ("--rulesets", "rules", "-p", profile, "-f", "json")
    compared = govcheck("compare", "projects", *args, cwd=tree)
    assert compared.code == 0, compared.err
    cell = json.loads(compared.out)["projects"][0]["profiles"][profile]
    assert cell["score"] == checked["share"]
    assert cell["scorecard"]["passed"] == checked["passed"]
    gap = govcheck("gap", "projects/ev.yaml", *args, cwd=tree)
    assert gap.code == 0, gap.err
    listed = json.loads(gap.out)
    rules = [i["rule"] for group in (listed["change"], listed["document"]) for items in
             group.values() for i in items]  # fmt: skip
    assert "GOLD-AI-BAN" not in rules  # met on the verification, as `check` says


def test_verifying_the_same_facts_again_writes_nothing_twice(govcheck: Run, tree: Path) -> None:
    first = _verify(govcheck, tree, "--finding", "GOLD-DP-DPIA", "-p", "golden")
    assert first.code == 0, first.err
    record = tree / "projects" / "govcheck-waivers.yaml"
    written = record.read_bytes()
    again = _verify(govcheck, tree, "--finding", "GOLD-DP-DPIA", "-p", "golden")
    assert again.code == 0, again.err
    assert again.out.startswith("already recorded in ")
    assert "nothing written" in again.out
    assert record.read_bytes() == written  # it appended an identical entry each time
    other = govcheck(
        "verify", "ev", "--finding", "GOLD-DP-DPIA", "-p", "golden", "--evidence", "dpia",
        "--by", "B. Second", "--path", "projects", "--rulesets", "rules",
        "--today", "2026-12-05", cwd=tree,
    )  # fmt: skip
    assert other.code == 0, other.err
    assert record.read_text().count("by: B. Second") == 1  # a second reviewer is recorded


def test_waive_judges_the_rule_with_the_records_verifications(govcheck: Run, tree: Path) -> None:
    # `waive` checked without the review record: a rule met on a verification under
    # golden-verified looked `not_shown` there, so the waiver was written without the
    # warning, and the next `check` reported it stale at once.
    profile = _on_verified_evidence(tree)
    done = _verify(govcheck, tree, "--finding", "GOLD-AI-BAN", "-p", profile)
    assert done.code == 0, done.err
    waived = govcheck(
        "waive", "GOLD-AI-BAN", "ev", "--profile", profile, "--path", "projects",
        "--rulesets", "rules", "--justification", "j", "--approved-by", "Board",
        "--expires", "2027-03-01", "--today", "2026-12-05", cwd=tree,
    )  # fmt: skip
    assert waived.code == 0, waived.err
    assert "does not fail for ev (the rule is met under golden-verified)" in waived.err


def test_a_stale_verification_is_the_reviewers_not_a_question_for_the_sponsor(
    govcheck: Run, tree: Path
) -> None:
    # The letter to the sponsor listed "the verification by A. Reviewer … is stale: …;
    # verify it again" among the problems with their file: the board's own record, and
    # its instruction to the board. It is said on stderr now (as stale waivers are).
    done = _verify(govcheck, tree, "--finding", "GOLD-DP-DPIA", "-p", "golden")
    assert done.code == 0, done.err
    project = tree / "projects" / "ev.yaml"
    text = project.read_text().replace("status: completed", "status: in_progress")
    project.write_text(text)
    args = ("questions", "projects", "--rulesets", "rules", "-p", "golden", "--no-cache")
    for fmt in ("text", "markdown", "json"):
        asked = govcheck(*args, "-f", fmt, cwd=tree)
        assert asked.code == 1, asked.err  # exit codes unchanged: a located problem
        assert "verify it again" not in asked.out, (fmt, asked.out)
        assert "is stale: the fact's value changed since; verify it again" in asked.err
    record = json.loads(govcheck(*args, "-f", "json", cwd=tree).out)
    assert not [p for p in record["projects"][0]["problems"] if p["rule"].startswith("review.")]


def test_a_file_option_in_a_folder_not_there_names_the_option(govcheck: Run, tree: Path) -> None:
    done = _verify(govcheck, tree, "/data_processing/dpia/status", "--file", "nope/w.yaml")
    assert done.code == 2
    assert done.err.startswith("govcheck: error: --file: cannot write "), done.err
