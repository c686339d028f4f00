"""Findings one missing fact explains: told once, with the rules it leaves undecided.

Owns the grouping a reader's report uses. A proposal that leaves out a whole section
(`data_processing`, say) leaves every rule that reads it not shown, and each of them
would repeat "`data_processing` is not stated" at the same place; told once, with the
rules listed under it, the report reads as the one gap it is. Only `not_shown`
findings whose single missing fact is the same absent key, neither waived nor
marked against a baseline, and only where `AT_LEAST` of them share it: everything
else is told on its own. Counts, identities and the machine formats are untouched —
each finding is still there; this is how a report lays them out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from checker.findings import Severity, Status

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.expanded import Finding

AT_LEAST = 3
"""Fewer findings than this on one missing fact read as well told one by one."""

_RANK = {severity: rank for rank, severity in enumerate(Severity)}


@dataclass(frozen=True, slots=True)
class FactGap:
    """An absent fact, at `findings[0]`'s place, and every finding it leaves not shown."""

    pointer: str
    findings: tuple[Finding, ...]

    @property
    def severity(self) -> Severity:
        """The most severe of its findings'."""
        return min((f.severity for f in self.findings), key=_RANK.__getitem__)


def _absent_fact(finding: Finding) -> str | None:
    """The one absent key a finding waits for, when that is all it waits for."""
    if finding.status is not Status.NOT_SHOWN or finding.waiver is not None:
        return None
    if finding.baseline_state is not None or len(finding.facts) != 1:
        return None
    pointer, state = finding.facts[0]
    return pointer if state == "absent" else None


def told_together(findings: Sequence[Finding]) -> list[Finding | FactGap]:
    """`findings` in their order, those that one absent fact explains (`AT_LEAST` or
    more) gathered into one `FactGap` where the first of them stood."""
    facts = [_absent_fact(f) for f in findings]
    shared = {p for p, n in Counter(p for p in facts if p is not None).items() if n >= AT_LEAST}
    if not shared:
        return list(findings)
    members: dict[str, list[Finding]] = {p: [] for p in shared}
    told: list[Finding | str] = []
    for finding, pointer in zip(findings, facts, strict=True):
        if pointer in shared:
            if not members[pointer]:
                told.append(pointer)  # the gap is told where its first finding stood
            members[pointer].append(finding)
        else:
            told.append(finding)
    return [FactGap(item, tuple(members[item])) if isinstance(item, str) else item for item in told]


__all__ = ["AT_LEAST", "FactGap", "told_together"]
