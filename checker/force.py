"""Law or benchmark, per project: which rules' sources bind a party to this project.

Owns deciding, for one project document, the cases of each rule's `binding.law`
(an EU-established controller, an EU exporter, EU-budget money...), so that a
finding says "EU law" and why, or "EU benchmark" and why. Three-valued like
every condition: only a case that holds on stated facts makes a rule law; an
undecided one (the party's country not stated) leaves it a benchmark. Pure:
no I/O; refuses wording (RuleInfo.force words it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from checker.conditions import HOLDS
from checker.resolved import ResolvedRule

_ERRORS = (ValueError, TypeError, OverflowError, RecursionError)


def bound_rules(rules: Sequence[ResolvedRule], data: dict[str, Any]) -> dict[int, int]:
    """Rule index -> the first case of its binding that holds for `data` (rules share
    cases, so each is decided once per document)."""
    decided: dict[int, int] = {}
    found: dict[int, int] = {}
    for index, rule in enumerate(rules):
        for number, case in enumerate(rule.law):
            key = id(case)
            state = decided.get(key)
            if state is None:
                try:
                    state = decided[key] = case.decide(data)
                except _ERRORS:  # a case that cannot be decided is not law
                    state = decided[key] = -1
            if state == HOLDS:
                found[index] = number
                break
    return found
