"""The verify form (docs/evidence.md, docs/tui.md): a finding's basis is marked as the
reports mark it; `b` offers the facts its outcome was decided on and the project's
evidence, refuses what is incomplete, writes the review record through the core, and the
finding then rests on verified facts; editing the fact makes the verification stale, and
the app says so."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, SelectionList, Static

from checker.findings import Finding
from checker.report.verdicts import basis_marker
from checker.tui.app import GovcheckApp
from checker.tui.screens.detail import DetailScreen
from checker.tui.screens.project import ProjectScreen
from checker.tui.screens.verify import VerifyScreen
from tests.tui.conftest import MakeApp, open_project, ready, until

PROJECT = """\
format_version: 1
id: ev
title: Evidence test
country: KG
sector: safe_city
status: operational
parties:
  sponsor: {name: Ministry, type: ministry}
data_processing:
  personal_data: true
  categories: [biometric]
  dpia: {status: completed, evidence: [dpia]}
ai_systems: []
evidence:
  - id: dpia
    title: DPIA report
    issuer: Ministry
    issued_on: 2026-01
    url: https://example.org/dpia
"""
RULE = "EU-DP-DPIA"


def dpia(screen: ProjectScreen) -> Finding:
    return next(f for f in screen.findings if f.rule == RULE)


def text_of(screen: DetailScreen | ProjectScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def test_verify_a_finding_then_an_edit_makes_it_stale(
    projects: Path, make_app: MakeApp
) -> None:
    (projects / "ev.yaml").write_text(PROJECT, encoding="utf-8")
    app: GovcheckApp = make_app(poll=0.05)
    async with app.run_test(size=(130, 40)) as pilot:
        await ready(pilot)
        project = await open_project(pilot, "projects/ev.yaml")
        finding = dpia(project)
        assert basis_marker(finding) == "rests on evidenced facts (evidence: dpia)"
        project.findings_tree.go_to(finding)
        await pilot.pause()
        # The reports' one wording, in the preview and the detail.
        assert "rests on evidenced facts (evidence: dpia)" in text_of(project, "#preview")
        await pilot.press("enter")
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        assert "rests on evidenced facts (evidence: dpia)" in text_of(detail, "#rule-text")

        await pilot.press("b")
        await ready(pilot)
        form = app.screen
        assert isinstance(form, VerifyScreen)
        facts = form.query_one("#facts", SelectionList)
        assert list(facts.selected) == ["/data_processing/dpia/status"]

        def error() -> str:
            return str(form.query_one("#verify-error", Static).content)

        target = app.options.target_file()
        await pilot.press("ctrl+s")  # no evidence chosen
        assert "Evidence: choose" in error()
        form.query_one("#evidence", Select).value = "dpia"
        await pilot.press("ctrl+s")  # nobody named
        assert "Verified by" in error()
        assert not target.exists()  # nothing written yet
        form.query_one("#by", Input).value = "A. Reviewer"
        form.query_one("#note", Input).value = "read the signed copy"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert app.screen is detail

        record = target.read_text(encoding="utf-8")
        assert 'pointer: "/data_processing/dpia/status"' in record
        assert "by: A. Reviewer" in record
        assert "note: read the signed copy" in record
        assert await until(pilot, lambda: dpia(project).basis == "verified")
        assert "rests on verified facts (evidence: dpia)" in text_of(detail, "#rule-text")

        # The sponsor edits the fact: the verification is stale, and the app says so.
        path = projects / "ev.yaml"
        path.write_text(PROJECT.replace("status: completed", "status: in_progress"))
        # Now failing, on its `when` (claimed) and its `require` (evidenced): not verified.
        assert await until(pilot, lambda: dpia(project).basis == "claimed", tries=200)
        stale = [f.pointer for f in project.findings if f.rule == "review.stale"]
        assert stale == ["/data_processing/dpia/status"]
        assert any(n.title == "Verification stale" for n in app._notifications)
        assert "by: A. Reviewer" in target.read_text(encoding="utf-8")  # the record kept


async def test_an_outcome_on_no_stated_fact_offers_nothing_to_verify(
    projects: Path, make_app: MakeApp
) -> None:
    (projects / "ev.yaml").write_text(PROJECT, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        project = await open_project(pilot, "projects/ev.yaml")
        # Not shown, and every fact it reads is missing: no fact to verify.
        unshown = next(f for f in project.findings if f.rule == "EU-CS-THIRD-COUNTRY-LAW")
        project.findings_tree.go_to(unshown)
        await pilot.pause()
        await pilot.press("b")
        await ready(pilot)
        form = app.screen
        assert isinstance(form, VerifyScreen)
        assert list(form.query_one("#facts", SelectionList).selected) == []
        assert "nothing to verify" in str(form.query_one("#verify-error", Static).content)
        await pilot.press("ctrl+s")  # refused: the button is off, nothing is written
        await pilot.press("escape")
        assert app.screen is project
        assert not app.options.target_file().exists()


async def test_evidence_that_does_not_back_the_fact_is_refused_in_the_form(
    projects: Path, make_app: MakeApp
) -> None:
    # The form wrote whatever entry was chosen: a DPIA fact "verified" against the AI
    # register. The core refuses it, as `govcheck verify` does, and the form says why.
    register = (
        "  - id: register\n    title: AI register\n    url: https://example.org/ai\n"
        "    supports: [ai_systems]\n"
    )
    (projects / "ev.yaml").write_text(PROJECT + register, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        await ready(pilot)
        project = await open_project(pilot, "projects/ev.yaml")
        project.findings_tree.go_to(dpia(project))
        await pilot.pause()
        await pilot.press("b")
        await ready(pilot)
        form = app.screen
        assert isinstance(form, VerifyScreen)
        form.query_one("#evidence", Select).value = "register"
        form.query_one("#by", Input).value = "A. Reviewer"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert app.screen is form  # not dismissed: nothing was written
        said = str(form.query_one("#verify-error", Static).content)
        assert "evidence `register` does not back `/data_processing/dpia/status`" in said
        assert "(it backs `/ai_systems`)" in said
        assert not app.options.target_file().exists()
        form.query_one("#evidence", Select).value = "dpia"  # the entry that backs it
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert app.screen is not form
        assert "evidence: dpia" in app.options.target_file().read_text(encoding="utf-8")


async def test_a_verification_of_a_project_gone_is_said_as_a_stale_waiver_is(
    projects: Path, make_app: MakeApp
) -> None:
    # The record's verification of a project renamed since was ignored without a word.
    (projects.parent / ".git").mkdir()
    digest = "sha256:" + "0" * 64
    (projects / "govcheck-waivers.yaml").write_text(
        "verifications:\n  - project: ev-old\n    pointer: /data_processing/dpia\n"
        "    evidence: dpia\n    by: A. Reviewer\n    on: 2026-12-01\n"
        f"    value: {digest}\n    document: {digest}\n",
        encoding="utf-8",
    )
    (projects / "ev.yaml").write_text(PROJECT, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        assert await until(
            pilot, lambda: any("stale entry" in (n.title or "") for n in app._notifications)
        )
        (said,) = [n for n in app._notifications if "stale entry" in (n.title or "")]
        assert said.title == "1 stale entry of the review record"
        assert said.message == (
            "projects/govcheck-waivers.yaml:2: `/data_processing/dpia` of ev-old verified by "
            "A. Reviewer on 2026-12-01: no project `ev-old` was found in the folders checked; "
            "it counts for nothing (the record keeps it): verify the project again under its "
            "new id, or remove the entry"
        )
