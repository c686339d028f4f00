"""Running every rule's `pass`, `fail`, `not_applicable` and `not_shown` examples as tests.

Owns `govcheck rules test`: each example fragment is evaluated with the rule
alone, and must come out with the status its list names. Refuses reporting
beyond returning outcomes; the CLI and the test suite print them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checker.engine import decide
from checker.findings import Position, Status
from checker.profiles import Catalogue, ResolvedProfile, ResolvedRule, resolve_rule
from checker.rulelint import fragment_errors

_EXPECTED = {
    "pass": Status.PASS,
    "fail": Status.FAIL,
    "not_applicable": Status.NOT_APPLICABLE,
    "not_shown": Status.NOT_SHOWN,
}


@dataclass(frozen=True, slots=True)
class ExampleOutcome:
    """One example and what it came out as."""

    rule: str
    kind: str
    index: int
    expected: Status
    actual: Status
    path: str
    line: int
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.expected is self.actual

    def name(self) -> str:
        return f"{self.rule}:{self.kind}[{self.index}]"


def run_examples(
    catalogue: Catalogue, profile: ResolvedProfile | None = None
) -> list[ExampleOutcome]:
    """Every example of the profile's rules (or of the whole catalogue)."""
    if profile is not None:
        rules = list(profile.rules)
    else:
        defaults = catalogue.defaults()
        rules = [resolve_rule(catalogue, rule_id, None, defaults) for rule_id in catalogue.rules]
    outcomes: list[ExampleOutcome] = []
    for resolved in rules:
        outcomes.extend(_rule_examples(catalogue, resolved))
    return outcomes


def _rule_examples(catalogue: Catalogue, resolved: ResolvedRule) -> list[ExampleOutcome]:
    rule = resolved.rule
    _, ruleset = catalogue.rules[rule.id]
    rule_index = ruleset.model.rules.index(rule)
    examples: dict[str, list[dict[str, Any]]] = {
        "pass": rule.examples.pass_,
        "fail": rule.examples.fail,
        "not_applicable": rule.examples.not_applicable,
        "not_shown": rule.examples.not_shown,
    }
    outcomes = []
    for kind, fragments in examples.items():
        for index, fragment in enumerate(fragments):
            status, detail = decide(resolved, fragment, lambda _pointer: Position())
            errors = fragment_errors(fragment)
            if errors:
                status, detail = Status.ERROR, "example is not valid project YAML: " + errors[0]
            where = ruleset.source.locate(f"/rules/{rule_index}/examples/{kind}/{index}")
            outcomes.append(
                ExampleOutcome(
                    rule.id,
                    kind,
                    index,
                    _EXPECTED[kind],
                    status,
                    ruleset.source.path,
                    where.line,
                    detail,
                )
            )
    return outcomes
