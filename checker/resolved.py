"""Profiles ready to evaluate: rules with their compiled conditions and effective metadata.

Owns the two values the engine, the reports and the TUI consume. Kept apart
from the catalogue (which needs pydantic to read YAML) so that a check whose
profiles come from the compiled-profile cache never imports pydantic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checker.findings import ProfileSummary, RuleInfo

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from checker.conditions import Compiled
    from checker.rules import Rule


@dataclass(frozen=True, slots=True)
class ResolvedRule:
    """A rule as a profile uses it: metadata, effective severity, compiled conditions."""

    rule: Rule
    info: RuleInfo
    when: Compiled | None
    require: Compiled
    ruleset: str
    countries: frozenset[str] | None = None
    """The host countries the rule's ruleset covers; None for rules that apply anywhere."""
    law: tuple[Compiled, ...] = ()
    """The conditions of the rule's `binding.law` cases, in order (see RuleInfo.force)."""


@dataclass(frozen=True, slots=True)
class ResolvedProfile:
    """A profile ready to evaluate."""

    id: str
    title: str
    description: str
    path: str
    rules: tuple[ResolvedRule, ...]
    parameters: dict[str, Any]
    extends: tuple[str, ...] = ()
    infos: tuple[RuleInfo, ...] = ()
    not_shown_gates: bool = True
    """Whether `not_shown` findings fail CI like failures of their severity."""
    countries: frozenset[str] | None = None
    """Host countries the profile covers (when every rule is country-scoped): a project in
    none of them is out of scope. None covers every project."""
    require_basis: tuple[tuple[str, str], ...] = ()
    """(severity, basis) pairs: the basis a pass of that severity needs (checker/basis.py);
    empty when the profile demands none."""
    content_key: str = ""
    """A digest of everything the profile was built from (its files' bytes, the
    names asked for, govcheck's version), when known: what cached results key on."""

    def summary(self) -> ProfileSummary:
        return ProfileSummary(
            self.id,
            self.title,
            len(self.rules),
            self.infos,
            self.not_shown_gates,
            tuple(sorted(self.countries or ())),
            require_basis=self.require_basis,
        )

    @property
    def binds(self) -> bool:
        """Whether any rule declares cases in which its source is law (see checker/force.py)."""
        return any(r.law for r in self.rules)

    def rule(self, rule_id: str) -> ResolvedRule | None:
        return next((r for r in self.rules if r.info.id == rule_id), None)


def profile_countries(rules: Sequence[ResolvedRule]) -> frozenset[str] | None:
    """The countries a profile covers: those of its rules when every rule is scoped to
    some (a host-country profile), else None (it covers every project)."""
    if not rules or any(r.countries is None for r in rules):
        return None
    return frozenset().union(*(r.countries for r in rules if r.countries is not None))
