"""Every rule's examples are tests; ids are unique; every reference names an article."""

from __future__ import annotations

import re

import pytest

from checker import load_catalogue
from checker.examples import ExampleOutcome, run_examples
from checker.profiles import Catalogue

_CATALOGUE = load_catalogue()
_OUTCOMES = run_examples(_CATALOGUE)


@pytest.mark.parametrize("outcome", _OUTCOMES, ids=ExampleOutcome.name)
def test_rule_example(outcome: ExampleOutcome) -> None:
    assert outcome.ok, (
        f"{outcome.path}:{outcome.line}: expected {outcome.expected.value}, "
        f"got {outcome.actual.value}: {outcome.detail}"
    )


def test_examples_agree_under_the_reference_validator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVCHECK_VALIDATOR", "jsonschema")
    reference = run_examples(load_catalogue())
    assert [(o.name(), o.actual) for o in reference] == [(o.name(), o.actual) for o in _OUTCOMES]


def test_every_rule_has_a_pass_and_a_fail_example(catalogue: Catalogue) -> None:
    kinds = {(o.rule, o.kind) for o in _OUTCOMES}
    for rule_id in catalogue.rules:
        assert (rule_id, "pass") in kinds
        rule, _ = catalogue.rules[rule_id]
        asks_only = (
            rule.require.model_dump(by_alias=True, exclude_none=True).get("exists") is True
            if not isinstance(rule.require, list)
            else False
        )
        # Only a rule that asks whether a fact is stated can never fail on stated facts.
        assert (rule_id, "fail") in kinds or (asks_only and (rule_id, "not_shown") in kinds)


_ARTICLE = re.compile(
    r"(Art(icle|s)?\.?\s*\d|Annex|Principle|Requirement|Recital|\bSM\d|Section|Chapter|Clause|"
    r"§|\bPara|\bpoint|Measure|Guideline|Rule|Order|Decree|Resolution|\bNo\.|\bStandard \d)",
    re.IGNORECASE,
)


@pytest.mark.parametrize("rule_id", sorted(_CATALOGUE.rules))
def test_every_reference_names_an_article(rule_id: str) -> None:
    rule, _ = _CATALOGUE.rules[rule_id]
    for reference in rule.references:
        assert _ARTICLE.search(reference.article), f"{rule_id}: {reference.article!r}"


def test_rule_ids_are_unique_across_rulesets(catalogue: Catalogue) -> None:
    seen: dict[str, str] = {}
    for ruleset in catalogue.rulesets.values():
        for rule in ruleset.model.rules:
            assert rule.id not in seen, f"{rule.id} in {ruleset.model.id} and {seen[rule.id]}"
            seen[rule.id] = ruleset.model.id


def test_rule_catalogue_docs_are_up_to_date(catalogue: Catalogue) -> None:
    from checker.report.catalogue_report import render_catalogue
    from tests.conftest import ROOT

    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render_catalogue(catalogue), (
        "docs/rules.md is stale; regenerate it with `govcheck rules docs -o docs/rules.md`"
    )


def test_coverage_counts_attestation_and_lists_gaps(catalogue: Catalogue) -> None:
    from checker.coverage import coverage
    from checker.profiles import resolve_profile

    eu = coverage(catalogue, resolve_profile(catalogue, "eu"))
    assert eu.rules == eu.automatic + eu.attestation
    assert eu.automatic > 0
    assert eu.attestation > 0
    gdpr = next(i for i in eu.instruments if i.instrument.startswith("Regulation (EU) 2016/679"))
    assert any(a.article.startswith("Art. 35") for a in gdpr.articles)
    # Art. 22 is checked since the December 2026 review; what it leaves is a gap of its own.
    assert any(a.article.startswith("Art. 22(1)") for a in gdpr.articles)
    assert any(g.article.startswith("Art. 22(4)") for g in gdpr.gaps)
    assert not any(g.article == "Art. 22(1)" for g in gdpr.gaps)
    host_kg = coverage(catalogue, resolve_profile(catalogue, "host-kg"))
    assert all(not i.instrument.startswith("Regulation (EU)") for i in host_kg.instruments)
    combined = coverage(catalogue, resolve_profile(catalogue, "eu-host"))
    assert combined.gaps >= eu.gaps + host_kg.gaps
