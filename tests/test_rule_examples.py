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
        assert (rule_id, "fail") in kinds


_ARTICLE = re.compile(
    r"(Art(icle|s)?\.?\s*\d|Annex|Principle|Requirement|Recital|\bSM\d|Section|Chapter|Clause|"
    r"§|\bPara|\bpoint|Measure|Guideline|Rule|Order|Decree|Resolution|\bNo\.)",
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
