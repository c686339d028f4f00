"""Coverage of legal instruments by rules: what is checked, how, and what is not.

Owns the data behind `govcheck rules coverage` and the generated rule
catalogue: rules grouped by instrument and article (from their references),
whether each is an automatic check or needs a reviewer's attestation, and the
known requirements no rule covers (from `kind: coverage` files). Pure.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from checker.profiles import Catalogue, ResolvedProfile
from checker.rules import CoverageGap, Rule

_AMENDED = re.compile(r",\s*as amended\b.*$|\s*\(in force [^)]*\)$")


@dataclass(frozen=True, slots=True)
class CoveredRule:
    """A rule citing an article."""

    id: str
    title: str
    check: str
    severity: str


@dataclass(frozen=True, slots=True)
class ArticleCoverage:
    """One article (as cited) and the rules that cite it."""

    article: str
    rules: tuple[CoveredRule, ...]


@dataclass(frozen=True, slots=True)
class InstrumentCoverage:
    """An instrument: the articles rules cite, and known requirements no rule covers."""

    instrument: str
    articles: tuple[ArticleCoverage, ...]
    gaps: tuple[CoverageGap, ...]


@dataclass(frozen=True, slots=True)
class CoverageReport:
    """Coverage for one profile (or the whole catalogue)."""

    profile: str | None
    rules: int
    automatic: int
    attestation: int
    instruments: tuple[InstrumentCoverage, ...]

    @property
    def gaps(self) -> int:
        return sum(len(i.gaps) for i in self.instruments)


def instrument_key(instrument: str) -> str:
    """The instrument without amendment or in-force notes, so citations group together."""
    return _AMENDED.sub("", instrument).strip()


def coverage(catalogue: Catalogue, profile: ResolvedProfile | None = None) -> CoverageReport:
    """Which instruments and articles the rules cover, and the known gaps."""
    rules: list[Rule] = (
        [r.rule for r in profile.rules]
        if profile is not None
        else [rule for rule, _ in catalogue.rules.values()]
    )
    cited: dict[str, dict[str, list[CoveredRule]]] = defaultdict(lambda: defaultdict(list))
    for rule in rules:
        entry = CoveredRule(rule.id, rule.title, rule.check, rule.severity.value)
        for reference in rule.references:
            articles = cited[instrument_key(reference.instrument)][reference.article]
            if entry not in articles:
                articles.append(entry)
    relevant = _profile_family(catalogue, profile)
    gaps: dict[str, list[CoverageGap]] = defaultdict(list)
    for gap in catalogue.gaps:
        if relevant is None or relevant & set(gap.profiles):
            gaps[instrument_key(gap.instrument)].append(gap)
    instruments = tuple(
        InstrumentCoverage(
            instrument=name,
            articles=tuple(ArticleCoverage(a, tuple(r)) for a, r in sorted(cited[name].items())),
            gaps=tuple(gaps.get(name, ())),
        )
        for name in sorted(set(cited) | set(gaps), key=str.casefold)
    )
    automatic = sum(1 for r in rules if r.check == "automatic")
    return CoverageReport(
        profile=profile.id if profile is not None else None,
        rules=len(rules),
        automatic=automatic,
        attestation=len(rules) - automatic,
        instruments=instruments,
    )


def _profile_family(catalogue: Catalogue, profile: ResolvedProfile | None) -> set[str] | None:
    """The profile and every profile it extends, by name."""
    if profile is None:
        return None
    family: set[str] = set()
    pending = [profile.id, *profile.extends]
    while pending:
        name = pending.pop()
        if name in family:
            continue
        family.add(name)
        loaded = catalogue.profiles.get(name)
        if loaded is not None:
            pending.extend(loaded.model.extends)
    return family
