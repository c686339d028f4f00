"""Evaluating one project document against one resolved profile.

Owns the per-(project, rule) decision: not applicable when `when` does not
hold, pass when `require` holds, otherwise fail located at the deepest failing
node, or error if the rule itself cannot be evaluated. Pure: no I/O, no
printing, and nothing about the project is kept after it returns.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from checker.conditions import Compiled
from checker.findings import STATUS_CODE, Evaluation, Located, Position, Status
from checker.resolved import ResolvedProfile, ResolvedRule

_PASS = STATUS_CODE[Status.PASS]
_FAIL = STATUS_CODE[Status.FAIL]
_NOT_APPLICABLE = STATUS_CODE[Status.NOT_APPLICABLE]
_ERROR = STATUS_CODE[Status.ERROR]

Locator = Callable[[str], Position]


def evaluate(data: dict[str, Any], profile: ResolvedProfile, locate: Locator) -> Evaluation:
    """Every rule of `profile` on `data`; `locate` maps a JSON pointer to a position."""
    statuses = bytearray(len(profile.rules))
    located: dict[int, Located] = {}
    applies: dict[int, bool | None] = {}  # rules share `when`s: decide each once per document
    for index, rule in enumerate(profile.rules):
        known: bool | None = True
        if rule.when is not None:
            key = id(rule.when)
            known = (
                applies[key] if key in applies else applies.setdefault(key, _holds(rule.when, data))
            )
            if known is False:
                statuses[index] = _NOT_APPLICABLE
                continue
        code, where = _decide(rule, data, locate, check_when=known is None)
        statuses[index] = code
        if where is not None:
            located[index] = where
    return Evaluation(profile.id, profile.infos, bytes(statuses), located)


def decide(rule: ResolvedRule, data: dict[str, Any], locate: Locator) -> tuple[Status, str]:
    """One rule on one document: its status and, unless it passed, why."""
    code, where = _decide(rule, data, locate)
    return Status(list(Status)[code]), where.detail if where is not None else ""


def _holds(condition: Compiled, data: dict[str, Any]) -> bool | None:
    """Whether a `when` holds; None when it cannot be evaluated (the rule then errors)."""
    try:
        return condition.holds(data)
    except (ValueError, TypeError, OverflowError, RecursionError):
        return None


def _decide(
    rule: ResolvedRule, data: dict[str, Any], locate: Locator, *, check_when: bool = True
) -> tuple[int, Located | None]:
    try:
        if check_when and rule.when is not None and not rule.when.holds(data):
            return _NOT_APPLICABLE, None
        if rule.require.holds(data):
            return _PASS, None
        explanation = rule.require.explain(data)
    except (ValueError, TypeError, OverflowError, RecursionError) as error:
        # A rule that cannot be evaluated on this document is reported, never fatal.
        return _ERROR, Located("", 1, 1, f"rule could not be evaluated: {error}")
    position = locate(explanation.pointer)
    # Pointers and explanations repeat across a portfolio ("... it is not stated"):
    # interning keeps one copy, which is most of a large run's memory.
    return _FAIL, Located(
        sys.intern(explanation.pointer),
        position.line,
        position.column,
        sys.intern(explanation.text),
    )
