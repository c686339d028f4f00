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

from checker.conditions import HOLDS, Compiled
from checker.resolved import ResolvedRule

_ERRORS = (ValueError, TypeError, OverflowError, RecursionError)


def bound_rules(rules: Sequence[ResolvedRule], data: dict[str, Any]) -> dict[int, int]:
    """Rule index -> the first case of its binding that holds for `data` (rules share
    cases, so each is decided once per document)."""
    decided: dict[int, int] = {}
    found: dict[int, int] = {}
    for index, law in _with_law(rules):
        for number, case in enumerate(law):
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


_LAWS: dict[int, tuple[tuple[ResolvedRule, ...], tuple[tuple[int, tuple[Compiled, ...]], ...]]] = {}
_LAWS_AT_MOST = 256


def _with_law(rules: Sequence[ResolvedRule]) -> Sequence[tuple[int, tuple[Compiled, ...]]]:
    """(index, cases) of the rules that have a binding, found once per profile's rules
    (a tuple, so it cannot change) instead of once per file: most rules have none."""
    if not isinstance(rules, tuple):
        return [(index, rule.law) for index, rule in enumerate(rules) if rule.law]
    known = _LAWS.get(id(rules))
    if known is not None and known[0] is rules:
        return known[1]
    if len(_LAWS) >= _LAWS_AT_MOST:
        _LAWS.clear()
    found = tuple((index, rule.law) for index, rule in enumerate(rules) if rule.law)
    _LAWS[id(rules)] = (rules, found)  # the rules are kept, so their id stays their own
    return found
