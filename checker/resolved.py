"""Profiles ready to evaluate: rules with their compiled conditions and effective metadata.

Owns the two values the engine, the reports and the TUI consume. Kept apart
from the catalogue (which needs pydantic to read YAML) so that a check whose
profiles come from the compiled-profile cache never imports pydantic.
"""

from __future__ import annotations

from collections.abc import Sequence

from checker.findings import ProfileSummary, RuleInfo
from checker.values import Frozen, set_field

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from checker.conditions import Compiled
    from checker.rules import Rule


class ResolvedRule(Frozen):
    """A rule as a profile uses it: metadata, effective severity, compiled conditions."""

    __slots__ = ("countries", "info", "law", "require", "rule", "ruleset", "when")

    rule: Rule
    info: RuleInfo
    when: Compiled | None
    require: Compiled
    ruleset: str
    countries: frozenset[str] | None
    """The host countries the rule's ruleset covers; None for rules that apply anywhere."""
    law: tuple[Compiled, ...]
    """The conditions of the rule's `binding.law` cases, in order (see RuleInfo.force)."""

    def __init__(  # noqa: PLR0917
        self,
        rule: Rule,
        info: RuleInfo,
        when: Compiled | None,
        require: Compiled,
        ruleset: str,
        countries: frozenset[str] | None = None,
        law: tuple[Compiled, ...] = (),
    ) -> None:
        set_field(self, "rule", rule)
        set_field(self, "info", info)
        set_field(self, "when", when)
        set_field(self, "require", require)
        set_field(self, "ruleset", ruleset)
        set_field(self, "countries", countries)
        set_field(self, "law", law)


class ResolvedProfile(Frozen):
    """A profile ready to evaluate."""

    __slots__ = (
        "content_key",
        "countries",
        "description",
        "extends",
        "id",
        "infos",
        "not_shown_gates",
        "parameters",
        "path",
        "require_basis",
        "rules",
        "title",
    )

    id: str
    title: str
    description: str
    path: str
    rules: tuple[ResolvedRule, ...]
    parameters: dict[str, Any]
    extends: tuple[str, ...]
    infos: tuple[RuleInfo, ...]
    not_shown_gates: bool
    """Whether `not_shown` findings fail CI like failures of their severity."""
    countries: frozenset[str] | None
    """Host countries the profile covers (when every rule is country-scoped): a project in
    none of them is out of scope. None covers every project."""
    require_basis: tuple[tuple[str, str], ...]
    """(severity, basis) pairs: the basis a pass of that severity needs (checker/basis.py);
    empty when the profile demands none."""
    content_key: str
    """A digest of everything the profile was built from (its files' bytes, the
    names asked for, govcheck's version), when known: what cached results key on."""

    def __init__(  # noqa: PLR0917
        self,
        id: str,
        title: str,
        description: str,
        path: str,
        rules: tuple[ResolvedRule, ...],
        parameters: dict[str, Any],
        extends: tuple[str, ...] = (),
        infos: tuple[RuleInfo, ...] = (),
        not_shown_gates: bool = True,
        countries: frozenset[str] | None = None,
        require_basis: tuple[tuple[str, str], ...] = (),
        content_key: str = "",
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "title", title)
        set_field(self, "description", description)
        set_field(self, "path", path)
        set_field(self, "rules", rules)
        set_field(self, "parameters", parameters)
        set_field(self, "extends", extends)
        set_field(self, "infos", infos)
        set_field(self, "not_shown_gates", not_shown_gates)
        set_field(self, "countries", countries)
        set_field(self, "require_basis", require_basis)
        set_field(self, "content_key", content_key)

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
