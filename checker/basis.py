"""What a decided fact rests on, and so what a finding rests on: its basis.

Owns the one definition (docs/evidence.md): a fact is *assumed* when an analyst's
assumption (`provenance.assumptions[].underpins`) names it or a section holding it;
else *verified* when a reviewer's live verification names it or a section holding it;
else *evidenced* when an `evidence` entry backs it (`evidence[].supports`, or an
`evidence: [id]` list on the fact's own section); else *claimed*. The order, weakest
first, is assumed < claimed < evidenced < verified, and a finding carries the weakest
basis among the stated facts its rule reads (its `when`, its `require`, and the service
dates of a rule that has a date scope).

Refuses I/O: whether an evidence file exists and matches its digest, and whether a
verification is still live, are decided by checker/evidencefiles.py and
checker/verification.py; this module receives which evidence ids count and which
pointers are verified. Pure and cheap: a document with no links is one check.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from checker.conditions import INVALID, UNKNOWN
from checker.findings import BASES as BASIS_NAMES
from checker.findings import STATUS_CODE, Status
from checker.pointers import split_pointer

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from checker.resolved import ResolvedProfile

ASSUMED, CLAIMED, EVIDENCED, VERIFIED = 0, 1, 2, 3
"""Basis codes, weakest first (positions in `BASES`): a finding takes the lowest among its
facts."""
BASIS_CODE = {name: code for code, name in enumerate(BASIS_NAMES)}

_NESTED = (dict, list)
"""Plain data's collections (a union written in a loop would be made anew each time)."""

Parts = tuple[str, ...]
"""A JSON pointer split into its parts; list positions as digits, `*` for every item."""


@dataclass(frozen=True, slots=True)
class Mark:
    """What a pointer (and everything under it) is linked to."""

    code: int
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Links:
    """A document's marks by pointer: the assumptions, evidence and verifications it has."""

    marks: Mapping[Parts, Mark]

    def fact(self, parts: Parts) -> Mark:
        """The basis of the fact at `parts`: assumed if the fact or a section holding it is
        assumed; else the strongest of the evidence and verifications on it or above it."""
        marks = self.marks
        best = CLAIMED
        evidence: tuple[str, ...] = ()
        for depth in range(len(parts) + 1):
            mark = marks.get(parts[:depth])
            if mark is None:
                continue
            if mark.code == ASSUMED:
                return mark
            best = max(best, mark.code)
            evidence += mark.evidence
        return Mark(best, tuple(dict.fromkeys(evidence)))


def fact_parts(text: str) -> Parts | None:
    """`governance.procurement.method`, `parties.vendors[0].remote_access` or a JSON
    pointer (`/parties/vendors/0`) as pointer parts; None when it cannot be read."""
    text = text.strip()
    if text.startswith("/"):
        return tuple(split_pointer(text))
    parts: list[str] = []
    for piece in text.split("."):
        name, _, rest = piece.partition("[")
        if not name:
            return None
        if name:
            parts.append(name)
        while rest:
            index, _, rest = rest.partition("]")
            if not index.isdigit() or (rest and not rest.startswith("[")):
                return None
            parts.append(index)
            rest = rest[1:]
    return tuple(parts) if parts and all(parts) else None


def links_of(
    data: dict[str, Any],
    *,
    verified: Mapping[Parts, tuple[str, ...]] | None = None,
    broken: Iterable[str] = (),
) -> Links | None:
    """The document's links, or None when it has none (the usual case: a few lookups).

    `verified` maps each pointer a live verification names to its evidence ids;
    `broken` names evidence entries that do not count (a missing file, a digest that
    does not match, no address at all): facts they back stay claimed."""
    evidence = data.get("evidence")
    provenance = data.get("provenance")
    assumptions = provenance.get("assumptions") if isinstance(provenance, dict) else None
    linked = isinstance(assumptions, list) and any(isinstance(a, dict) for a in assumptions)
    if not evidence and not linked and not verified:
        return None
    marks: dict[Parts, Mark] = {}
    if isinstance(evidence, list) and evidence:
        _evidence_marks(data, evidence, frozenset(broken), marks)
    for parts, ids in (verified or {}).items():
        marks[parts] = _stronger(marks.get(parts), Mark(VERIFIED, ids))
    if linked:
        assert isinstance(assumptions, list)
        for assumption in assumptions:
            underpins = assumption.get("underpins") if isinstance(assumption, dict) else None
            for text in underpins if isinstance(underpins, list) else ():
                target = fact_parts(text) if isinstance(text, str) else None
                if target is not None:
                    marks[target] = Mark(ASSUMED)
    return Links(marks) if marks else None


def backed_by(data: dict[str, Any], evidence_id: str) -> frozenset[Parts]:
    """The pointers evidence entry `evidence_id` backs, each with everything under it: the
    facts its `supports` names and the sections that name it in `evidence: [id]` (whether
    its file is present is evidencefiles.py's to say)."""
    listed = data.get("evidence")
    own = [
        e
        for e in (listed if isinstance(listed, list) else ())
        if isinstance(e, dict) and e.get("id") == evidence_id
    ]
    marks: dict[Parts, Mark] = {}
    if own:
        _evidence_marks(data, own, frozenset(), marks)
    return frozenset(marks)


def _stronger(old: Mark | None, new: Mark) -> Mark:
    if old is None:
        return new
    if ASSUMED in {old.code, new.code}:
        return Mark(ASSUMED)
    code = max(old.code, new.code)
    return Mark(code, tuple(dict.fromkeys(old.evidence + new.evidence)))


def _evidence_marks(
    data: dict[str, Any], entries: list[Any], broken: frozenset[str], marks: dict[Parts, Mark]
) -> None:
    counted = {
        e["id"]
        for e in entries
        if isinstance(e, dict) and isinstance(e.get("id"), str) and e["id"] not in broken
    }
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("id") not in counted:
            continue
        supports = entry.get("supports")
        for text in supports if isinstance(supports, list) else ():
            parts = fact_parts(text) if isinstance(text, str) else None
            if parts is not None:
                marks[parts] = _stronger(marks.get(parts), Mark(EVIDENCED, (entry["id"],)))
    # `evidence: [id]` on a section backs every fact in that section. Only mappings and
    # lists are walked to: a plain value holds no section, and most values are plain.
    stack: list[tuple[Any, Parts]] = [
        (v, (k,)) for k, v in data.items() if k != "evidence" and isinstance(v, _NESTED)
    ]
    while stack:
        value, at = stack.pop()
        if isinstance(value, dict):
            refs = value.get("evidence")
            if isinstance(refs, list):
                ids = tuple(r for r in refs if isinstance(r, str) and r in counted)
                if ids:
                    marks[at] = _stronger(marks.get(at), Mark(EVIDENCED, ids))
            stack.extend(
                (v, (*at, k))
                for k, v in value.items()
                if k != "evidence" and isinstance(v, _NESTED)
            )
        else:
            stack.extend((v, (*at, str(i))) for i, v in enumerate(value) if isinstance(v, _NESTED))


# --- what a rule reads ---------------------------------------------------------------------


def condition_reads(condition: Any, base: Parts = ()) -> list[Parts]:
    """The paths a condition reads, `*` standing for every item of a list it quantifies
    over; the whole document (`()`) for a raw schema without a path."""
    if condition is None:
        return []
    if isinstance(condition, list):
        return [p for c in condition for p in condition_reads(c, base)]
    if not isinstance(condition, dict):
        return [base]
    for combinator in ("all", "any", "not"):
        if combinator in condition:
            return condition_reads(condition[combinator], base)
    path = condition.get("path")
    parts = (*base, *path.split(".")) if isinstance(path, str) and path else base
    for quantifier in ("some", "every", "none"):
        if quantifier in condition:
            inner = condition_reads(condition[quantifier], (*parts, "*"))
            return inner or [(*parts, "*")]
    return [parts]


@dataclass(frozen=True, slots=True)
class Plan:
    """What weighing a profile's outcomes needs, per rule: the paths its `require` reads,
    the paths its `when` (and its service-date scope) reads, and the basis its severity
    demands for a pass (-1: none)."""

    requires: tuple[tuple[Parts, ...], ...]
    whens: tuple[tuple[Parts, ...], ...]
    demands: tuple[int, ...]

    def reads(self, index: int, status: int) -> tuple[Parts, ...]:
        """The paths an outcome was decided on: a pass on its `require` alone (a
        requirement met is met, whatever `when` is), a rule not applicable on its
        `when` and dates alone, anything else on both."""
        if status == _PASS:
            return self.requires[index]
        if status == _NOT_APPLICABLE:
            return self.whens[index]
        return self.whens[index] + self.requires[index]


_PLANS: dict[int, tuple[ResolvedProfile, Plan]] = {}
_SERVICE: tuple[Parts, ...] = (("in_service_on",), ("substantially_modified_on",))
_PASS = STATUS_CODE[Status.PASS]
_NOT_APPLICABLE = STATUS_CODE[Status.NOT_APPLICABLE]


def profile_plan(profile: ResolvedProfile) -> Plan:
    """Per rule of `profile`, the paths it reads and the basis it demands: worked out once
    per profile, never per file."""
    known = _PLANS.get(id(profile))
    if known is not None and known[0] is profile:
        return known[1]
    demanded = {severity: BASIS_CODE[name] for severity, name in profile.require_basis}
    requires = []
    whens = []
    demands = []
    for rule in profile.rules:
        when = condition_reads(rule.when.source if rule.when is not None else None)
        if rule.info.applies_from or rule.info.in_service_from:
            when += _SERVICE
        whens.append(tuple(dict.fromkeys(when)))
        requires.append(tuple(dict.fromkeys(condition_reads(rule.require.source))))
        demands.append(demanded.get(str(rule.info.severity), -1))
    plan = Plan(tuple(requires), tuple(whens), tuple(demands))
    _PLANS[id(profile)] = (profile, plan)  # the profile is kept, so its id stays its own
    return plan


def stated_facts(data: Any, path: Parts) -> list[Parts]:
    """The stated facts at `path` in `data` (every item where it says `*`; an empty list
    is itself the stated fact). Absent, empty, `unknown` and invalid facts are not stated:
    they have no basis, they are not shown."""
    found: list[Parts] = []
    stack: list[tuple[Any, int, Parts]] = [(data, 0, ())]
    while stack:
        node, depth, at = stack.pop()
        if depth == len(path):
            if node is not None and not (isinstance(node, str) and node in {UNKNOWN, INVALID}):
                found.append(at)
            continue
        part = path[depth]
        if part == "*":
            if isinstance(node, list):
                if not node:
                    found.append(at)
                # Pushed last item first, so that items come out in the file's order.
                for i in range(len(node) - 1, -1, -1):
                    stack.append((node[i], depth + 1, (*at, str(i))))
        elif isinstance(node, dict) and part in node:
            stack.append((node[part], depth + 1, (*at, part)))
    return found


@dataclass(frozen=True, slots=True)
class RuleBasis:
    """The basis of one rule's outcome: the weakest code, each stated fact with its own,
    and the evidence ids behind them."""

    code: int
    facts: tuple[tuple[Parts, int], ...]
    evidence: tuple[str, ...]


_NO_LINKS = Links({})


def rule_basis(reads: Sequence[Parts], data: Any, links: Links | None) -> RuleBasis:
    """The weakest basis among the stated facts at `reads`; claimed when none is stated.
    A section the rule also reads a fact inside (`terms` beside `terms.tied_procurement`)
    is decided by those facts, not weighed as a whole."""
    links = links or _NO_LINKS
    stated = list(dict.fromkeys(p for path in reads for p in stated_facts(data, path)))
    deeper = {parts[:depth] for parts in stated for depth in range(len(parts))}
    facts: dict[Parts, int] = {}
    evidence: list[str] = []
    for parts in stated:
        if parts in deeper:
            continue
        mark = links.fact(parts)
        facts[parts] = mark.code
        evidence.extend(mark.evidence)
    code = min(facts.values(), default=CLAIMED)
    return RuleBasis(code, tuple(facts.items()), tuple(dict.fromkeys(evidence)))


__all__ = [
    "ASSUMED",
    "BASIS_CODE",
    "BASIS_NAMES",
    "CLAIMED",
    "EVIDENCED",
    "VERIFIED",
    "Links",
    "Mark",
    "Plan",
    "RuleBasis",
    "backed_by",
    "condition_reads",
    "fact_parts",
    "links_of",
    "profile_plan",
    "rule_basis",
    "stated_facts",
]
