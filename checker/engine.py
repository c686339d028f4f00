"""Evaluating one project document against one resolved profile.

Owns the per-(project, rule) decision, three-valued (docs/writing-rules.md):
out of scope when the profile covers none of the project's countries; not
applicable when `when` fails on stated facts or the rule's scope or service
date excludes the project; upcoming when the obligation applies only after
the reference date; pass when `require` holds; fail when it fails on stated
facts and the rule certainly applies; otherwise `not_shown`, naming the facts
the proposal does not show. Error if the rule itself cannot be evaluated.
Then, only for a document with links (evidence, linked assumptions,
verifications) or a profile that demands a basis, each outcome's basis
(checker/basis.py): a pass on a weaker basis than its severity demands is
`not_shown`, asking for the document.
Pure: no I/O, no printing, and nothing about the project is kept after it
returns.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

from checker.basis import CLAIMED, Links, RuleBasis, profile_plan, rule_basis
from checker.conditions import FAILS, HOLDS, INVALID, UNDECIDED, Compiled, MissingFact
from checker.findings import (
    BASES,
    STATUS_CODE,
    Evaluation,
    Located,
    Position,
    Status,
    basis_word,
    fact_words,
)
from checker.force import bound_rules
from checker.i18n import _, on_change
from checker.pointers import join_pointer
from checker.resolved import ResolvedProfile, ResolvedRule

_PASS = STATUS_CODE[Status.PASS]
_FAIL = STATUS_CODE[Status.FAIL]
_NOT_APPLICABLE = STATUS_CODE[Status.NOT_APPLICABLE]
_ERROR = STATUS_CODE[Status.ERROR]
_NOT_SHOWN = STATUS_CODE[Status.NOT_SHOWN]
_UPCOMING = STATUS_CODE[Status.UPCOMING]
_OUT_OF_SCOPE = STATUS_CODE[Status.OUT_OF_SCOPE]
_EVALUATION_ERRORS = (ValueError, TypeError, OverflowError, RecursionError)

Locator = Callable[[str], Position]
_NO_FACTS: tuple[MissingFact, ...] = ()
_Memo = dict[Any, tuple[int, tuple[MissingFact, ...]]]
"""One view of a document's judged `when`s, by their closure (hashed by identity): rules
share them."""
Judge = Callable[[Any], tuple[int, tuple[MissingFact, ...]]]


def project_countries(data: dict[str, Any]) -> tuple[str, ...]:
    """The project's host countries: its `country`, then any further `countries`."""
    found = [data.get("country")]
    more = data.get("countries")
    if isinstance(more, list):
        found.extend(more)
    return tuple(dict.fromkeys(c for c in found if isinstance(c, str)))


def _unstated_country(data: dict[str, Any]) -> MissingFact | None:
    """The country fact that leaves a project's scope undecided (absent, unknown, invalid):
    where a project is not shown, no host profile is out of scope for it, nor in it."""
    found = [("/country", data.get("country", _ABSENT))]
    more = data.get("countries")
    if isinstance(more, list):
        found.extend((f"/countries/{i}", c) for i, c in enumerate(more))
    for pointer, value in found:
        if not (isinstance(value, str) and len(value) == 2 and value.isupper()):
            state = "absent" if value is _ABSENT else ("empty" if value is None else "unknown")
            return MissingFact(pointer, "invalid" if value == INVALID else state)
    return None


_ABSENT = object()
_IN_SERVICE = frozenset({"operational", "completed", "suspended", "cancelled"})
"""Project statuses whose system is (or was) in service, or will never be: without a
stated service date, such a project is judged as of the reference date."""


def in_scope(profile: ResolvedProfile, countries: Sequence[str]) -> bool:
    """Whether a profile covers a project in these countries (a profile without a
    country scope covers every project)."""
    return profile.countries is None or any(c in profile.countries for c in countries)


def evaluate(
    data: dict[str, Any],
    profile: ResolvedProfile,
    locate: Locator,
    as_of: str,
    links: Links | None = None,
) -> Evaluation:
    """Every rule of `profile` on `data`, as of the ISO date `as_of`; `locate` maps a
    JSON pointer to a position; `links` are the document's evidence, linked assumptions
    and live verifications (checker/basis.py), None when it has none."""
    countries = project_countries(data)
    unsure = _unstated_country(data)
    if not in_scope(profile, countries) and unsure is None:
        return Evaluation(profile.id, profile.infos, bytes([_OUT_OF_SCOPE]) * len(profile.rules))
    timing = _Timing(data, as_of)
    statuses = bytearray(len(profile.rules))
    located: dict[int, Located] = {}
    views: dict[str, dict[str, Any]] = {}
    # Rules share `when`s: each is decided (and explained) once per view of the document.
    memos: dict[str, _Memo] = {}
    memo: _Memo = {}
    for index, step in enumerate(_plan(profile)):
        view, view_memo = data, memo
        rule = step[0]
        if rule.countries is not None:
            country = next((c for c in countries if c in rule.countries), None)
            if country is None and unsure is not None:  # where the project is is not shown
                statuses[index], located[index] = _not_shown(
                    (unsure,), locate, applies=False, met=UNDECIDED
                )
                continue
            if country is None:
                statuses[index] = _NOT_APPLICABLE
                continue
            if country != data.get("country"):  # this project's part in that country
                view = views.get(country) or views.setdefault(country, {**data, "country": country})
                view_memo = memos.get(country) or memos.setdefault(country, {})
        code, where = _decide(step, view, locate, timing, view_memo)
        statuses[index] = code
        if where is not None:
            located[index] = where
    bound = bound_rules(profile.rules, data) if profile.binds else {}
    # The one check a document without links pays under a profile that demands no basis.
    if links is None and not profile.require_basis:
        return Evaluation(profile.id, profile.infos, bytes(statuses), located, bound=bound)
    bases = _weigh(profile, data, statuses, located, locate=locate, links=links)
    return Evaluation(profile.id, profile.infos, bytes(statuses), located, bound=bound, bases=bases)


def _weigh(
    profile: ResolvedProfile,
    data: dict[str, Any],
    statuses: bytearray,
    located: dict[int, Located],
    *,
    locate: Locator,
    links: Links | None,
) -> dict[int, tuple[int, tuple[str, ...]]]:
    """Each outcome's basis (only those not simply claimed are kept); a pass below what its
    severity demands becomes `not_shown`, naming the facts that need a document."""
    plan = profile_plan(profile)
    bases: dict[int, tuple[int, tuple[str, ...]]] = {}
    for index, code in enumerate(statuses):
        demand = plan.demands[index]
        if links is None and (code != _PASS or demand <= CLAIMED):
            continue  # nothing linked: every fact is claimed, and no pass is questioned
        basis = rule_basis(plan.reads(index, code), data, links)
        if basis.code != CLAIMED or basis.evidence:
            bases[index] = (basis.code, basis.evidence)
        if code == _PASS and basis.code < demand:
            statuses[index], located[index] = _unbacked(basis, demand, locate)
    return bases


def _unbacked(basis: RuleBasis, demand: int, locate: Locator) -> tuple[int, Located]:
    """A pass the profile does not accept on this basis: `not_shown`, each weak fact named
    with its basis as its state (`claimed`, `assumed`...), so that it is asked for."""
    weak = [(join_pointer(parts), BASES[code]) for parts, code in basis.facts if code < demand]
    pointer = weak[0][0] if weak else ""
    position = locate(pointer)
    shown = "; ".join(fact_words(p, state) for p, state in weak) or _("no fact it reads is stated")
    detail = _(
        "the proposal does not show a document behind this: a pass needs {basis} facts under this "
        "profile, and {shown}"
    ).format(basis=basis_word(BASES[demand]), shown=shown)
    facts = tuple((sys.intern(p), state) for p, state in weak)
    return _NOT_SHOWN, Located(sys.intern(pointer), position.line, position.column, detail, facts)


def decide(
    rule: ResolvedRule, data: dict[str, Any], locate: Locator, as_of: str = "9999-12-31"
) -> tuple[Status, str]:
    """One rule on one document: its status and, unless it passed, why."""
    code, where = _decide(_step(rule), data, locate, _Timing(data, as_of), {})
    return Status(list(Status)[code]), where.detail if where is not None else ""


class _Timing:
    """The dates that decide whether an obligation reaches this project yet."""

    __slots__ = (
        "as_of",
        "dated",
        "effective",
        "in_service",
        "in_service_fact",
        "modified",
        "modified_fact",
        "undated",
    )

    def __init__(self, data: dict[str, Any], as_of: str) -> None:
        self.as_of = as_of
        self.in_service, self.in_service_fact = _date_fact(data, "in_service_on")
        self.modified, self.modified_fact = _date_fact(data, "substantially_modified_on")
        # Whether the date the check is made as of is known: the service date is stated,
        # or the system is (or was) in service already, so that date is past.
        fact = self.in_service_fact
        self.dated = fact is None or data.get("status") in _IN_SERVICE
        self.undated: tuple[MissingFact, ...] = () if fact is None or self.dated else (fact,)
        # A proposal is checked as of its planned service date, an operating system as of
        # the reference date: whichever is later.
        self.effective = max(as_of, self.in_service) if self.in_service else as_of


def _date_fact(data: dict[str, Any], key: str) -> tuple[str, MissingFact | None]:
    """A project date (ISO text) and, when it is not stated as a date, the fact to ask for
    (absent, empty, unknown or invalid)."""
    value = data.get(key, _ABSENT)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        return value, None
    if value is _ABSENT:
        return "", MissingFact(f"/{key}", "absent")
    state = "empty" if value is None else ("invalid" if value == INVALID else "unknown")
    return "", MissingFact(f"/{key}", state)


_Step = list[Any]
"""A rule as the hot loop reads it: [the rule, the closures judging its `when` (None: it
has none) and its `require`, the dates it applies from and reaches systems from]. Each
closure is `_UNBUILT` until a file first needs it, as `Compiled.judge` builds them: a
one-file check builds only those it uses."""
_UNBUILT: Any = object()
_PLANS: dict[int, tuple[ResolvedProfile, tuple[_Step, ...]]] = {}
_PLANS_AT_MOST = 256


def _plan(profile: ResolvedProfile) -> tuple[_Step, ...]:
    """The profile's rules as steps, made once per profile, not per file: reading the
    closures out of each `Compiled` and the dates out of each `RuleInfo` was a tenth of
    deciding a rule."""
    known = _PLANS.get(id(profile))
    if known is not None and known[0] is profile:
        return known[1]
    if len(_PLANS) >= _PLANS_AT_MOST:
        _PLANS.clear()
    steps = tuple(_step(rule) for rule in profile.rules)
    _PLANS[id(profile)] = (profile, steps)  # the profile is kept, so its id stays its own
    return steps


def _step(rule: ResolvedRule) -> _Step:
    when = _UNBUILT if rule.when is not None else None
    return [rule, when, _UNBUILT, rule.info.applies_from, rule.info.in_service_from]


def _judging(condition: Compiled) -> Judge:
    """The closure judging `condition`; a condition whose closure cannot be built is
    judged through `Compiled.judge`, which raises again when a file is evaluated, so the
    rule is reported as an error on that file, as before."""
    try:
        return condition.judging()
    except _EVALUATION_ERRORS:
        return condition.judge


def _decide(
    step: _Step,
    data: dict[str, Any],
    locate: Locator,
    timing: _Timing,
    memo: _Memo,
) -> tuple[int, Located | None]:
    """One rule; `memo` holds this document's judged `when`s (rules share them, keyed by
    their closure)."""
    rule, when_judge, require_judge, applies_from, in_service_from = step
    try:
        when, unshown = HOLDS, _NO_FACTS
        if when_judge is not None:
            if when_judge is _UNBUILT:
                when_judge = step[1] = _judging(rule.when)
            judged = memo.get(when_judge)  # a closure hashes by identity
            if judged is None:
                judged = memo[when_judge] = when_judge(data)
            when, unshown = judged
            if when == FAILS:
                return _NOT_APPLICABLE, None
        pending: tuple[MissingFact, ...] = ()
        if applies_from and timing.effective < applies_from:
            if timing.dated:
                return _UPCOMING, Located(
                    "",
                    1,
                    1,
                    _("applies from {applies_from}; not yet on {effective}").format(
                        applies_from=applies_from, effective=timing.effective
                    ),
                )
            # A system not yet in service whose service date is not shown may go into
            # service after the obligation applies: whether it applies is not shown.
            pending = timing.undated
        service, service_facts = _reaches(in_service_from, timing) if in_service_from else _REACHED
        if pending:
            service, service_facts = UNDECIDED, pending + service_facts
        if service == FAILS:
            return _NOT_APPLICABLE, None
        if require_judge is _UNBUILT:
            require_judge = step[2] = _judging(rule.require)
        required, needed = require_judge(data)
        if required == HOLDS:
            return _PASS, None
        if required == FAILS and when == HOLDS and service == HOLDS:
            return _failure(rule.require, data, locate)
        facts = unshown + service_facts + needed
        return _not_shown(facts, locate, applies=when == HOLDS and service == HOLDS, met=required)
    except _EVALUATION_ERRORS as error:
        # A rule that cannot be evaluated on this document is reported, never fatal.
        return _ERROR, Located(
            "", 1, 1, _("rule could not be evaluated: {error}").format(error=error)
        )


_REACHED: tuple[int, tuple[MissingFact, ...]] = (HOLDS, ())


def _reaches(since: str, timing: _Timing) -> tuple[int, tuple[MissingFact, ...]]:
    """Whether a rule that reaches only systems put into service (or substantially
    modified) on or after `since` reaches this one."""
    if not since:
        return HOLDS, ()
    if timing.in_service >= since or timing.modified >= since:
        return HOLDS, ()
    # A modification date that is stated but not a date (`unknown`) leaves it open; one
    # that is absent means no substantial modification.
    modified = timing.modified_fact
    unsure = (modified,) if modified is not None and modified.state != "absent" else ()
    if timing.in_service_fact is None:  # put into service before `since`
        return (UNDECIDED, unsure) if unsure else (FAILS, ())
    return UNDECIDED, (timing.in_service_fact, *unsure)


def _failure(require: Compiled, data: dict[str, Any], locate: Locator) -> tuple[int, Located]:
    explanation = require.explain(data)
    position = locate(explanation.pointer)
    # Pointers and explanations repeat across a portfolio ("... it is not stated"):
    # interning keeps one copy, which is most of a large run's memory.
    return _FAIL, _shared(
        (sys.intern(explanation.pointer), position.line, position.column, explanation.text)
    )


def _not_shown(
    facts: tuple[MissingFact, ...], locate: Locator, *, applies: bool, met: int
) -> tuple[int, Located]:
    # The same few gaps repeat across a portfolio: word each combination once (by the facts
    # as judged, so that a repeated one is not even de-duplicated again), and keep one
    # Located per place it is found at.
    key = (facts, applies, met)
    worded = _WORDED.get(key)
    if worded is None:
        if len(_WORDED) >= _WORD_AT_MOST:
            _WORDED.clear()
        worded = _WORDED[key] = _worded(facts, applies=applies, met=met)
    pointer, detail, pairs, placed, where = worded
    position = locate(where)
    spot = (position.line, position.column)
    located = placed.get(spot)
    if located is None:
        located = placed[spot] = Located(pointer, position.line, position.column, detail, pairs)
    return _NOT_SHOWN, located


_Worded = tuple[str, str, tuple[tuple[str, str], ...], dict[tuple[int, int], Located], str]
_WORDED: dict[tuple[Any, ...], _Worded] = {}
"""Per combination of facts: its pointer, words, pairs, its Located by position, and the
pointer it is located at."""


def _worded(facts: tuple[MissingFact, ...], *, applies: bool, met: int) -> _Worded:
    if len(facts) > 1:
        facts = tuple(dict.fromkeys(facts))
    pointer, detail, pairs = _words(facts, applies=applies, met=met)
    # An absent key sits where its parent is: locating the parent shares one walk of the
    # file among every fact missing from the same section.
    where = pointer.rpartition("/")[0] if facts and facts[0][1] == "absent" else pointer
    return pointer, detail, pairs, {}, where


on_change(_WORDED.clear)  # worded in the language in use
_WORD_AT_MOST = 100_000

_SHARED: dict[tuple[Any, ...], Located] = {}
on_change(_SHARED.clear)
_SHARE_AT_MOST = 200_000


def _shared(fields: tuple[Any, ...]) -> Located:
    """One Located for every finding at the same place with the same words: most recur
    across a portfolio (a section left out sits at the same line in files made from one
    template), and a check keeps every result for its summary."""
    found = _SHARED.get(fields)
    if found is None:
        if len(_SHARED) >= _SHARE_AT_MOST:
            _SHARED.clear()
        found = _SHARED[fields] = Located(*fields)
    return found


def _words(
    facts: tuple[MissingFact, ...], *, applies: bool, met: int
) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    shown = "; ".join(fact_words(f.pointer, f.state) for f in facts) or _("a fact it reads")
    if applies:
        lead = _("the proposal does not show that this is met")
    elif met == FAILS:
        lead = _("the proposal does not show whether this rule applies (as stated, it is not met)")
    else:
        lead = _("the proposal does not show whether this rule applies, nor that it is met")
    pairs = tuple((sys.intern(f.pointer), f.state) for f in facts)
    pointer = sys.intern(facts[0].pointer) if facts else ""
    return pointer, sys.intern(f"{lead}: {shown}"), pairs
