"""Conditions compiled to Python closures that judge them three-valued.

A condition is judged once per rule and project, so across a portfolio the
engine makes hundreds of judgements per file. A closure built once per
condition does what `_tri` (the reference walk in `checker.conditions`) does,
in one pass and without interpreting the condition's tree: a few dictionary
lookups and a set test for the common leaves. Only `pattern` and raw `schema`
leaves ask their JSON Schema validator.

A judgement is `(outcome, facts)`: HOLDS or FAILS with no facts (two shared
tuples, so a decided leaf allocates nothing), or UNDECIDED with the facts it
needs, in the walk's order — which is what a `not_shown` finding names, so the
engine never walks a condition twice. Tests hold the closures to the walk.
"""

from __future__ import annotations

from checker.conditions import (
    _LIST_OPERATORS,
    _NOT_STATED,
    FAILS,
    HOLDS,
    UNDECIDED,
    MissingFact,
    _Node,
    _state_of,
)
from checker.pointers import join_pointer

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Judgement = tuple[int, tuple[MissingFact, ...]]
    Judge = Callable[[Any], Judgement]


class _Undecided(tuple):  # type: ignore[type-arg]
    """An undecided judgement: (UNDECIDED, facts). Its own class, so that a leaf's path
    walk can return either the value found or this, told apart by one class check
    (project data holds lists, never tuples)."""

    __slots__ = ()


HELD: Judgement = (HOLDS, ())
FAILED: Judgement = (FAILS, ())
_ABSENT = object()
_FACTS_PER_NODE = 4096
"""Bound on one node's remembered facts (list positions make them open-ended)."""


def skipping_absent(sections: tuple[str, ...], judge: Judge) -> Judge:
    """`judge`, except that a document without any of the top-level `sections` the
    condition reads is undecided at once: a sparse proposal leaves whole sections out,
    no leaf can be decided then, and those sections are what to ask for."""
    if not sections:
        return judge
    absent = undecided(tuple(MissingFact(join_pointer([s]), "absent") for s in sections))
    if len(sections) == 1:
        (section,) = sections

        def judge_one_section(data: Any) -> Judgement:
            return judge(data) if section in data else absent

        return judge_one_section

    def judge_sections(data: Any) -> Judgement:
        for section in sections:
            if section in data:
                return judge(data)
        return absent

    return judge_sections


def judge_of(node: _Node) -> Judge:
    """The closure judging `node` on a document, built once per node (explanations ask
    the parts of a condition the engine judged whole)."""
    judging = node.judging
    if judging is None:
        judging = node.judging = _built(node)
    return judging


def _built(node: _Node) -> Judge:
    if node.kind == "not":
        inner = judge_of(node.children[0])

        def judge_not(data: Any) -> Judgement:
            found = inner(data)
            return FAILED if found is HELD else HELD if found is FAILED else found

        return judge_not
    if node.kind in ("all", "any"):
        return _group(node)
    return _leaf(node)


def undecided(facts: tuple[MissingFact, ...]) -> Judgement:
    """The judgement of a condition left undecided by `facts`."""
    return _Undecided((UNDECIDED, facts))


def _group(node: _Node) -> Judge:
    """Kleene's `all` and `any`: a decisive child settles it, else any undecided child
    leaves it undecided, with every undecided child's facts in order."""
    children = tuple(judge_of(child) for child in node.children)
    if len(children) == 1:
        return children[0]
    settled = FAILED if node.kind == "all" else HELD
    otherwise = HELD if node.kind == "all" else FAILED

    # Decided judgements are the two shared tuples: identity tells them apart.
    def judge_group(data: Any) -> Judgement:
        missing: tuple[MissingFact, ...] | None = None
        for child in children:
            found = child(data)
            if found is settled:
                return settled
            if found is not otherwise:
                missing = found[1] if missing is None else missing + found[1]
        return otherwise if missing is None else _Undecided((UNDECIDED, missing))

    return judge_group


def _leaf(node: _Node) -> Judge:
    """A `path` condition: undecided where its fact is not stated, else its test."""
    path = tuple(node.path)
    not_stated = node.not_stated
    # The words that leave a leaf undecided (null is checked apart: it is not a string).
    words = frozenset(word for word in not_stated if word.__class__ is str)
    judgements: dict[tuple[int, str], Judgement] = {}

    def unstated(depth: int, state: str) -> Judgement:
        """The judgement naming the fact at the first `depth` parts of the path, made once."""
        found = judgements.get((depth, state))
        if found is None:  # at most four states a depth: no bound needed
            fact = MissingFact(join_pointer(path[:depth]), state)
            found = judgements[(depth, state)] = undecided((fact,))
        return found

    def why_unstated(data: Any) -> Judgement:
        """Where the path stops, as the walk names it (only for facts not stated)."""
        value = data
        for depth, part in enumerate(path):
            if value.__class__ is not dict:
                among = value is None or (value.__class__ is str and value in _NOT_STATED)
                return unstated(depth, _state_of(value) if among else "invalid")
            if part not in value:
                return unstated(depth + 1, "absent")
            value = value[part]
        return unstated(len(path), _state_of(value))

    stated = _stated(path, words, why_unstated, unstated)

    if node.item is not None:
        return _quantified(node, stated, path)
    operator = node.operator
    if operator == "exists":
        outcome = HELD if node.condition["exists"] else FAILED

        def judge_exists(data: Any) -> Judgement:
            value = stated(data)
            return value if value.__class__ is _Undecided else outcome

        return judge_exists
    compared = _compared(node, stated)
    if compared is not None:
        return compared
    test = _test(node)
    if operator in _LIST_OPERATORS:
        return _listing(node, stated, test, path)

    def judge_leaf(data: Any) -> Judgement:
        value = stated(data)
        if value.__class__ is _Undecided:
            return value
        holds = test(value)
        if holds is None:  # patterns and raw schemas: the validator knows
            holds = node.validator.is_valid(data)
        return HELD if holds else FAILED

    return judge_leaf


def _compared(node: _Node, stated: Callable[[Any], Any]) -> Judge | None:
    """`equals`, `not_equals`, `in`, `not_in` against true/false or text, the commonest
    leaves: the comparison is written into the judge (no test called), with JSON
    Schema's equality — a boolean equals only itself (true is not 1), and only text
    equals text, so set membership is equality. None for any other leaf."""
    operator = node.operator
    if operator not in ("equals", "not_equals", "in", "not_in"):
        return None
    operand = node.condition.get(operator)
    hit, miss = (HELD, FAILED) if operator in ("equals", "in") else (FAILED, HELD)
    if operator in ("equals", "not_equals") and operand.__class__ is bool:

        def judge_flag(data: Any) -> Judgement:
            value = stated(data)
            if value.__class__ is _Undecided:
                return value
            return hit if value is operand else miss

        return judge_flag
    wanted = [operand] if operator in ("equals", "not_equals") else operand
    if not isinstance(wanted, list) or not all(word.__class__ is str for word in wanted):
        return None
    texts = frozenset(wanted)

    def judge_text(data: Any) -> Judgement:
        value = stated(data)
        if value.__class__ is _Undecided:
            return value
        return hit if value.__class__ is str and value in texts else miss

    return judge_text


def _stated(
    path: tuple[Any, ...],
    words: frozenset[str],
    why_unstated: Callable[[Any], Judgement],
    unstated: Callable[[int, str], Judgement],
) -> Callable[[Any], Any]:
    """The function giving the value at `path`, or the undecided judgement when it is not
    stated; written out for the usual depths (one to three keys), where a loop would cost
    more than the lookups. An absent key, the commonest gap in a sparse proposal, gives
    its judgement at once (the one `why_unstated` names)."""
    absent = _ABSENT
    if len(path) == 1:
        (first,) = path
        first_absent = unstated(1, "absent")

        def stated_1(data: Any) -> Any:
            if data.__class__ is dict:
                value = data.get(first, absent)
                if value.__class__ is str:
                    if value not in words:
                        return value
                elif value is absent:
                    return first_absent
                elif value is not None:
                    return value
            return why_unstated(data)

        return stated_1
    if len(path) == 2:
        first, second = path
        first_absent, second_absent = unstated(1, "absent"), unstated(2, "absent")

        def stated_2(data: Any) -> Any:
            if data.__class__ is dict:
                value = data.get(first, absent)
                if value.__class__ is dict:
                    value = value.get(second, absent)
                    if value.__class__ is str:
                        if value not in words:
                            return value
                    elif value is absent:
                        return second_absent
                    elif value is not None:
                        return value
                elif value is absent:
                    return first_absent
            return why_unstated(data)

        return stated_2

    def stated(data: Any) -> Any:
        value = data
        for part in path:
            if value.__class__ is not dict:
                return why_unstated(data)
            value = value.get(part, absent)
        if value.__class__ is str:
            if value not in words:
                return value
        elif value is not absent and value is not None:
            return value
        return why_unstated(data)

    return stated


def _test(node: _Node) -> Callable[[Any], bool | None]:
    """The leaf's test on a stated value, with JSON Schema's equality (true is not 1),
    specialised where a plain comparison says the same (`_leaf_holds` is the reference)."""
    operator = node.operator
    operand = node.condition.get(operator)
    if operator in ("min", "max") and operand.__class__ in (int, float):
        if operator == "min":
            return lambda value: value.__class__ in (int, float) and value >= operand
        return lambda value: value.__class__ in (int, float) and value <= operand
    if operator in ("min_items", "max_items") and operand.__class__ is int:
        if operator == "min_items":
            return lambda value: value.__class__ is list and len(value) >= operand
        return lambda value: value.__class__ is list and len(value) <= operand
    wanted = [operand] if operator == "contains" else operand
    if (
        operator in _LIST_OPERATORS
        and isinstance(wanted, list)
        and all(word.__class__ is str for word in wanted)
    ):
        # Only text equals text, so set membership is JSON equality here.
        texts = frozenset(wanted)
        general = node.test
        assert general is not None
        found_if = operator != "contains_none"

        def contains(value: Any) -> bool | None:
            if value.__class__ is not list:
                return general(value)
            for item in value:
                if item.__class__ is str and item in texts:
                    return found_if
            return not found_if

        return contains
    assert node.test is not None
    return node.test


def _listing(
    node: _Node, stated: Callable[[Any], Any], test: Callable[[Any], Any], path: tuple[Any, ...]
) -> Judge:
    """`contains`, `contains_any`, `contains_none`: a list naming `unknown` (or null, or an
    invalid item) may hide the value asked about, so a "no" it would give is undecided."""
    hiding = node.operator == "contains_none"
    words = node.not_stated
    judgements: dict[tuple[int, str], Judgement] = {}

    def judge_listing(data: Any) -> Judgement:
        value = stated(data)
        if value.__class__ is _Undecided:
            return value
        holds = bool(test(value))
        if holds is hiding and value.__class__ is list:
            for index, item in enumerate(value):
                if item is None or (item.__class__ is str and item in words):
                    key = (index, _state_of(item))
                    found = judgements.get(key)
                    if found is None:
                        if len(judgements) >= _FACTS_PER_NODE:
                            judgements.clear()
                        fact = MissingFact(join_pointer((*path, index)), key[1])
                        found = judgements[key] = undecided((fact,))
                    return found
        return HELD if holds else FAILED

    return judge_listing


def _quantified(node: _Node, stated: Callable[[Any], Any], path: tuple[Any, ...]) -> Judge:
    """`some`, `every`, `none` over a list: the first item that settles it ends the loop;
    an item's facts are named below the list (`/vendors/1/remote`)."""
    assert node.item is not None
    item = judge_of(node.item)
    quantifier = node.quantifier
    wanted = FAILS if quantifier == "every" else HOLDS
    settled = HELD if quantifier == "some" else FAILED
    otherwise = FAILED if quantifier == "some" else HELD
    invalid = undecided((MissingFact(join_pointer(path), "invalid"),))
    below: dict[tuple[int, MissingFact], MissingFact] = {}

    def placed(index: int, fact: MissingFact) -> MissingFact:
        """`fact` of item `index`, pointed at from the document's root, made once."""
        found = below.get((index, fact))
        if found is None:
            if len(below) >= _FACTS_PER_NODE:
                below.clear()
            at = join_pointer((*path, index))
            found = below[(index, fact)] = MissingFact(at + fact.pointer, fact.state)
        return found

    def judge_items(data: Any) -> Judgement:
        items = stated(data)
        if items.__class__ is _Undecided:
            return items
        if items.__class__ is not list:  # the item-wise forms read a list
            return invalid
        missing: list[MissingFact] | None = None
        for index, value in enumerate(items):
            found = item(value)
            outcome = found[0]
            if outcome == wanted:
                return settled
            if outcome == UNDECIDED:
                if missing is None:
                    missing = []
                missing.extend(placed(index, fact) for fact in found[1])
        return otherwise if missing is None else _Undecided((UNDECIDED, tuple(missing)))

    return judge_items
