"""The rule condition language: a compact, documented form compiled to JSON Schema.

Owns turning a `when` or `require` condition into (a) one JSON Schema 2020-12
document evaluated by a compiled validator, (b) a sentence a reviewer can read
("data_processing.dpia.status is `completed`"), and (c) on failure, the
failing part, where it is in the project, and what was found there. Refuses
code: conditions are data, parameters are substituted as values, and `$ref`
may only point inside the rule's own schema.

Forms (a list means "all of"):
  {all: [...]}, {any: [...]}, {not: C}
  {path: a.b.c, <operator>: value}   operators: exists, equals, not_equals,
      in, not_in, min, max, contains, contains_any, contains_none, min_items,
      max_items, pattern, some, every, none, schema
  {schema: {...}}                    raw JSON Schema applied to the project
Any value may be {$param: name}, replaced by the profile's parameter value.

Conditions are three-valued (docs/writing-rules.md has the truth table): each
decides *holds*, *does not hold*, or *undecided* when a fact it reads is
absent, null, `unknown`, or invalid in this file. The engine decides with a
closure per condition (checker/deciding.py); two JSON Schema documents per
condition ("definitely holds", "definitely does not hold") state the same
semantics for validators; a tree walk names the undecided facts only when asked.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence

from checker.i18n import N_, _, on_change
from checker.pointers import MISSING, join_pointer, split_pointer, value_at
from checker.values import Frozen, Value, set_field

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from checker.validators import CompiledSchema

OPERATORS = (
    "exists",
    "equals",
    "not_equals",
    "in",
    "not_in",
    "min",
    "max",
    "contains",
    "contains_any",
    "contains_none",
    "min_items",
    "max_items",
    "pattern",
    "some",
    "every",
    "none",
    "schema",
)
# Operators whose two-valued condition holds when the path is absent (`holds`, kept for
# callers that ask a plain yes or no; the engine decides three-valued).
_ABSENCE_OK = frozenset({"not_equals", "not_in", "contains_none", "every", "none"})
_META_KEYS = frozenset({"path", "description"})

HOLDS, FAILS, UNDECIDED = 1, 0, 2
"""The three outcomes of a condition on one document."""

UNKNOWN = "unknown"
"""What a proposal writes for a fact it does not know: never a yes or a no."""
INVALID = "\x00govcheck:invalid\x00"
"""Stands, during evaluation only, for a value the project schema rejects: an invalid
value is a fact not shown, never absent-and-fine (the file keeps what the user wrote)."""
_NOT_STATED: tuple[Any, ...] = (None, UNKNOWN, INVALID)
_LIST_OPERATORS = frozenset({"contains", "contains_any", "contains_none"})
_ENUMERATED = frozenset({"equals", "not_equals", "in", "not_in"})


def _listed(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


class MissingFact(tuple[str, str]):
    """A fact a condition needs and the document does not show: (pointer, state).

    `pointer` is what to ask for: the shallowest absent key (a whole absent
    section is one question), or the value that is `unknown`, null or invalid;
    `state` is `absent`, `unknown`, `empty` (null) or `invalid`. A tuple, not a
    dataclass: facts are hashed and compared across a portfolio, at C speed.
    """

    __slots__ = ()

    def __new__(cls, pointer: str, state: str) -> MissingFact:
        return tuple.__new__(cls, (pointer, state))

    @property
    def pointer(self) -> str:
        return self[0]

    @property
    def state(self) -> str:
        return self[1]


class ConditionError(ValueError):
    """A condition that cannot be compiled; `where` is a dotted location inside it."""

    def __init__(self, message: str, where: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.where = where


class Explanation(Frozen):
    """Why a condition failed: the part that failed, where, and what was found."""

    __slots__ = ("pointer", "text")

    pointer: str
    text: str

    def __init__(self, pointer: str, text: str) -> None:
        set_field(self, "pointer", pointer)
        set_field(self, "text", text)


class _Node:
    """A part of a condition with its own validator, compiled on first need.

    Only failing rules are explained, so most nodes never compile a validator.
    """

    __slots__ = (
        "_facts",
        "_text",
        "_validator",
        "children",
        "condition",
        "item",
        "judging",
        "kind",
        "not_stated",
        "operator",
        "path",
        "quantifier",
        "test",
    )

    def __init__(self, condition: Any) -> None:
        self.condition = condition
        self._validator: CompiledSchema | None = None
        self._text: str | None = None
        self._facts: dict[tuple[Any, ...], MissingFact] = {}
        self.judging: Callable[[Any], tuple[int, tuple[MissingFact, ...]]] | None = None
        if isinstance(condition, list) or (isinstance(condition, dict) and "all" in condition):
            parts = condition if isinstance(condition, list) else condition["all"]
            self.kind, self.children = "all", [_Node(c) for c in parts]
        elif isinstance(condition, dict) and "any" in condition:
            self.kind, self.children = "any", [_Node(c) for c in condition["any"]]
        elif isinstance(condition, dict) and "not" in condition:
            self.kind, self.children = "not", [_Node(condition["not"])]
        else:
            self.kind, self.children = "leaf", []
        # For `none` and `every`, explanations point at the first offending item.
        self.quantifier: str | None = None
        if self.kind == "leaf" and isinstance(condition, dict):
            self.quantifier = next((q for q in ("none", "every", "some") if q in condition), None)
        self.item = _Node(condition[self.quantifier]) if self.quantifier else None
        path = condition.get("path", "") if isinstance(condition, dict) else ""
        self.path: list[str | int] = [p for p in str(path).split(".") if p]
        self.operator = (
            next((k for k in condition if k not in _META_KEYS), "")
            if self.kind == "leaf" and isinstance(condition, dict)
            else ""
        )
        self.not_stated = _not_stated(condition) if self.operator else _NOT_STATED
        self.test = (
            _leaf_test(self.operator, condition.get(self.operator)) if self.operator else None
        )

    @property
    def validator(self) -> CompiledSchema:
        if self._validator is None:
            from checker.validators import compile_schema

            self._validator = compile_schema(to_schema(self.condition))
        return self._validator

    @property
    def text(self) -> str:
        """The condition in words, worded once: failures are explained per project."""
        if self._text is None:
            self._text = describe(self.condition)
        return self._text


class Compiled(Value):
    """A compiled condition: its wording and, built on first need, the tree that explains
    failures and the closure that decides it.

    Conditions read back from the profile cache (where they compiled once already) keep
    their source as JSON text until first judged, so that a run served from the result
    cache never reads any.
    """

    __slots__ = ("_judge", "_sections", "_source", "_source_json", "_tree", "text")

    _source: Any
    text: str
    _tree: _Node | None
    _source_json: str | None
    _judge: Callable[[Any], tuple[int, tuple[MissingFact, ...]]] | None
    """The closure that judges the condition (checker/deciding.py), built on first use."""
    _sections: tuple[str, ...] | None

    def __init__(
        self,
        _source: Any,
        text: str,
        _tree: _Node | None = None,
        _source_json: str | None = None,
        _judge: Callable[[Any], tuple[int, tuple[MissingFact, ...]]] | None = None,
        _sections: tuple[str, ...] | None = None,
    ) -> None:
        self._source = _source
        self.text = text
        self._tree = _tree
        self._source_json = _source_json
        self._judge = _judge
        self._sections = _sections

    @property
    def source(self) -> Any:
        """The condition, its parameters substituted (kept as JSON text until needed)."""
        if self._source_json is not None:
            self._source = json.loads(self._source_json)
            self._source_json = None
        return self._source

    def judge(self, data: Any) -> tuple[int, tuple[MissingFact, ...]]:
        """HOLDS or FAILS with no facts, or UNDECIDED with the facts it needs (a fact it
        reads is absent, null, unknown or invalid), in the reference walk's order."""
        judge = self._judge
        if judge is None:
            judge = self.judging()
        return judge(data)

    def judging(self) -> Callable[[Any], tuple[int, tuple[MissingFact, ...]]]:
        """The closure `judge` calls (built on first need), for callers that judge the
        condition on many documents without a method call around each judgement."""
        judge = self._judge
        if judge is None:
            from checker.deciding import judge_of, skipping_absent

            if self._tree is None:
                self._tree = _Node(self.source)
            if self._sections is None:
                self._sections = _sections(self.source)
            judge = self._judge = skipping_absent(self._sections, judge_of(self._tree))
        return judge

    def decide(self, data: Any) -> int:
        """HOLDS, FAILS or UNDECIDED."""
        return self.judge(data)[0]

    def missing(self, data: Any) -> tuple[MissingFact, ...]:
        """The facts that leave this condition undecided on `data` (none when it is decided)."""
        outcome, facts = self.judge(data)
        return tuple(dict.fromkeys(facts)) if outcome == UNDECIDED else ()

    def explain(self, data: Any) -> Explanation:
        """Why `data` fails this condition, and where."""
        if self._tree is None:
            self._tree = _Node(self.source)
        return _explain(self._tree, data)


def compiled_from(source_json: str, text: str) -> Compiled:
    """A condition from its stored parts (the profile cache keeps them): read and compiled
    on first use, so that a run served from the result cache does neither."""
    return Compiled(None, text, None, source_json)


def condition_schema(resolved: Any, where: tuple[str | int, ...] = ()) -> dict[str, Any]:
    """The JSON Schema document of a condition whose parameters are substituted."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **to_schema(resolved, where)}


def compile_condition(
    condition: Any, parameters: Mapping[str, Any], *, where: tuple[str | int, ...] = ()
) -> Compiled:
    """Substitute parameters and check the condition compiles; raises ConditionError.

    The engine judges conditions by closures (checker/deciding.py), so a validator is
    compiled here only where an author's own JSON Schema or regular expression could
    be invalid (a `schema` or `pattern` leaf): every other schema is made by
    `to_schema` from checked operands, and compiling it would only cost time."""
    resolved = substitute(condition, parameters, where)
    document = condition_schema(resolved, where)  # raises ConditionError on a bad operand
    if _names_any(resolved, _AUTHORED):
        from checker.validators import compile_schema

        try:
            compile_schema(document)
        except ValueError as error:
            raise ConditionError(f"invalid condition: {error}", where) from None
    return Compiled(resolved, describe(resolved))


_AUTHORED = frozenset({"schema", "pattern"})
"""Operators whose operand is the author's own JSON Schema or regular expression."""


def _names_any(value: Any, keys: frozenset[str]) -> bool:
    """Whether a mapping anywhere in `value` has one of `keys`."""
    if isinstance(value, dict):
        return not keys.isdisjoint(value) or any(_names_any(v, keys) for v in value.values())
    if isinstance(value, list):
        return any(_names_any(v, keys) for v in value)
    return False


def substitute(value: Any, parameters: Mapping[str, Any], where: tuple[str | int, ...]) -> Any:
    """Replace every {$param: name} by the parameter's value."""
    if isinstance(value, dict):
        if set(value) == {"$param"}:
            name = value["$param"]
            if not isinstance(name, str) or name not in parameters:
                raise ConditionError(f"unknown parameter {name!r}", where)
            return parameters[name]
        return {k: substitute(v, parameters, (*where, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, parameters, (*where, i)) for i, v in enumerate(value)]
    return value


def parameter_names(value: Any) -> set[str]:
    """Every parameter a condition refers to."""
    if isinstance(value, dict):
        if set(value) == {"$param"} and isinstance(value["$param"], str):
            return {value["$param"]}
        return set().union(*(parameter_names(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(parameter_names(v) for v in value)) if value else set()
    return set()


# --- compilation -------------------------------------------------------------------------


def to_schema(condition: Any, where: tuple[str | int, ...] = ()) -> dict[str, Any]:
    """The JSON Schema equivalent of a condition."""
    if isinstance(condition, list):
        return {"allOf": [to_schema(c, (*where, i)) for i, c in enumerate(condition)]}
    if not isinstance(condition, dict):
        raise ConditionError("a condition must be a mapping or a list of mappings", where)
    if "all" in condition:
        return {"allOf": [to_schema(c, (*where, "all", i)) for i, c in enumerate(condition["all"])]}
    if "any" in condition:
        return {"anyOf": [to_schema(c, (*where, "any", i)) for i, c in enumerate(condition["any"])]}
    if "not" in condition:
        return {"not": to_schema(condition["not"], (*where, "not"))}
    operator = _operator(condition, where)
    path = _path(condition, where)
    inner = _leaf_schema(operator, condition[operator], (*where, operator))
    if operator == "exists" and condition[operator] is False:
        return _absent(path)
    return _at_path(path, inner, required=operator not in _ABSENCE_OK)


def _operator(condition: dict[str, Any], where: tuple[str | int, ...]) -> str:
    found = [k for k in condition if k not in _META_KEYS]
    if len(found) != 1 or found[0] not in OPERATORS:
        raise ConditionError(
            f"expected exactly one operator ({', '.join(OPERATORS)}) or all/any/not; "
            f"found {', '.join(found) or 'none'}",
            where,
        )
    return found[0]


def _path(condition: dict[str, Any], where: tuple[str | int, ...]) -> list[str]:
    path = condition.get("path", "")
    if not isinstance(path, str):
        raise ConditionError("`path` must be a dotted string such as data_processing.dpia", where)
    parts = [p for p in path.split(".") if p] if path else []
    if path and len(parts) != len(path.split(".")):
        raise ConditionError(f"malformed path {path!r}", where)
    return parts


def _leaf_schema(operator: str, value: Any, where: tuple[str | int, ...]) -> dict[str, Any]:
    if operator == "exists":
        if not isinstance(value, bool):
            raise ConditionError("`exists` takes true or false", where)
        return {"not": {"type": "null"}}
    if operator == "equals":
        return {"const": value}
    if operator == "not_equals":
        return {"not": {"const": value}}
    if operator in ("in", "not_in", "contains_any", "contains_none"):
        if not isinstance(value, list) or not value:
            raise ConditionError(f"`{operator}` takes a non-empty list", where)
        schemas: dict[str, dict[str, Any]] = {
            "in": {"enum": value},
            "not_in": {"not": {"enum": value}},
            "contains_any": {"type": "array", "contains": {"enum": value}},
            "contains_none": {"not": {"type": "array", "contains": {"enum": value}}},
        }
        return schemas[operator]
    if operator in ("min", "max"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConditionError(f"`{operator}` takes a number", where)
        return {"type": "number", "minimum" if operator == "min" else "maximum": value}
    if operator == "contains":
        return {"type": "array", "contains": {"const": value}}
    if operator in ("min_items", "max_items"):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ConditionError(f"`{operator}` takes a whole number", where)
        return {"type": "array", "minItems" if operator == "min_items" else "maxItems": value}
    if operator == "pattern":
        if not isinstance(value, str):
            raise ConditionError("`pattern` takes a regular expression", where)
        return {"type": "string", "pattern": value}
    if operator in ("some", "every", "none"):
        item = to_schema(value, where)
        item_schemas: dict[str, dict[str, Any]] = {
            "some": {"type": "array", "contains": item},
            "every": {"type": "array", "items": item},
            "none": {"not": {"type": "array", "contains": item}},
        }
        return item_schemas[operator]
    return _raw_schema(value, where)


def _raw_schema(value: Any, where: tuple[str | int, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConditionError("`schema` takes a JSON Schema mapping", where)
    for ref in _refs(value):
        if not ref.startswith("#"):
            raise ConditionError(
                f"$ref {ref!r} is not allowed: only local '#...' references", where
            )
    return value


def _refs(value: Any) -> list[str]:
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, sub in item.items():
                if key in ("$ref", "$dynamicRef") and isinstance(sub, str):
                    found.append(sub)
                else:
                    stack.append(sub)
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _at_path(parts: list[str], inner: dict[str, Any], *, required: bool) -> dict[str, Any]:
    schema = inner
    for part in reversed(parts):
        node: dict[str, Any] = {"properties": {part: schema}}
        if required:
            node = {"type": "object", "required": [part], **node}
        schema = node
    return schema


def _absent(parts: list[str]) -> dict[str, Any]:
    if not parts:
        raise ConditionError("`exists: false` needs a path")
    *parent, last = parts
    return _at_path(parent, {"not": {"type": "object", "required": [last]}}, required=False)


# --- three-valued decision ---------------------------------------------------------------


def _not_stated(condition: Any) -> tuple[Any, ...]:
    """Values that leave a leaf undecided: `unknown` is decided only by a leaf that names
    it (`in: [none, unknown]` asks about the word itself)."""
    if not isinstance(condition, dict):
        return _NOT_STATED
    operator = next((k for k in condition if k not in _META_KEYS), "")
    operand = condition.get(operator)
    named = operand if isinstance(operand, list) else [operand]
    return (None, INVALID) if UNKNOWN in named else _NOT_STATED


_NONE: list[MissingFact] = []  # shared by decided outcomes, never appended to


def _sections(condition: Any) -> tuple[str, ...]:
    """The top-level keys a condition reads, in the order its leaves first read them; empty
    when a leaf reads the whole project (then no key's absence settles anything)."""
    found: list[str] = []
    stack = [condition]
    while stack:
        part = stack.pop(0)
        if isinstance(part, list):
            stack[:0] = part
        elif isinstance(part, dict) and ("all" in part or "any" in part or "not" in part):
            inner = part.get("all", part.get("any", part.get("not")))
            stack[:0] = inner if isinstance(inner, list) else [inner]
        elif isinstance(part, dict):
            path = part.get("path")
            if not isinstance(path, str) or not path:
                return ()
            found.append(path.split(".", 1)[0])
        else:
            return ()
    return tuple(dict.fromkeys(found))


def _tri(node: _Node, data: Any, base: tuple[str | int, ...]) -> tuple[int, list[MissingFact]]:
    """A condition's three-valued outcome on `data`, with the facts that leave it undecided.

    The reference semantics: the engine decides with the closures of
    checker/deciding.py, and tests hold them to the same answers. The walk runs
    for every `not_shown` finding, so it avoids allocating for decided parts.
    """
    kind = node.kind
    if kind == "leaf":
        return _tri_leaf(node, data, base)
    if kind == "not":
        outcome, facts = _tri(node.children[0], data, base)
        return (FAILS if outcome == HOLDS else HOLDS if outcome == FAILS else UNDECIDED), facts
    decisive = FAILS if kind == "all" else HOLDS
    missing: list[MissingFact] | None = None
    for child in node.children:
        outcome, facts = _tri(child, data, base)
        if outcome == decisive:
            return decisive, _NONE
        if facts:
            if missing is None:
                missing = list(facts)
            else:
                missing.extend(facts)
    if missing:
        return UNDECIDED, missing
    return (HOLDS if decisive == FAILS else FAILS), _NONE


def _tri_leaf(node: _Node, data: Any, base: tuple[str | int, ...]) -> tuple[int, list[MissingFact]]:
    path = node.path
    value = data
    for depth, part in enumerate(path):
        if value.__class__ is not dict:
            state = _state_of(value) if _is_among(value, _NOT_STATED) else "invalid"
            return UNDECIDED, [_fact(node, base, depth, state)]
        if part not in value:
            return UNDECIDED, [_fact(node, base, depth + 1, "absent")]
        value = value[part]
    if _is_among(value, node.not_stated):
        return UNDECIDED, [_fact(node, base, len(path), _state_of(value))]
    if node.item is not None:
        return _tri_items(node, value, (*base, *path))
    operator = node.operator
    if operator == "exists":
        return (HOLDS if node.condition["exists"] else FAILS), _NONE
    test = node.test
    holds = test(value) if test is not None else None
    if holds is None:  # patterns and raw schemas: the validator knows
        holds = node.validator.is_valid(data)
    if (
        operator in _LIST_OPERATORS
        and isinstance(value, list)
        and holds is (operator == "contains_none")
    ):
        hidden = [i for i, item in enumerate(value) if _is_among(item, node.not_stated)]
        if hidden:
            pointer = join_pointer((*base, *path, hidden[0]))
            return UNDECIDED, [MissingFact(pointer, _state_of(value[hidden[0]]))]
    return (HOLDS if holds else FAILS), _NONE


def _fact(node: _Node, base: tuple[str | int, ...], depth: int, state: str) -> MissingFact:
    """The fact at the first `depth` parts of the leaf's path below `base`, made once per
    leaf and place: a portfolio asks the same few questions of every proposal."""
    key = (base, depth, state)
    fact = node._facts.get(key)
    if fact is None:
        if len(node._facts) >= _FACTS_PER_LEAF:
            node._facts.clear()
        fact = node._facts[key] = MissingFact(join_pointer((*base, *node.path[:depth])), state)
    return fact


_FACTS_PER_LEAF = 4096
"""Bound on one leaf's remembered facts (list positions make them open-ended)."""


def _leaf_test(operator: str, operand: Any) -> Callable[[Any], bool | None]:
    """The leaf's test on a stated value, specialised for the commonest forms (text
    values and lists of text: a set lookup, no equality walk)."""
    if (
        operator in ("in", "not_in")
        and isinstance(operand, list)
        and all(word.__class__ is str for word in operand)
    ):
        words = frozenset(operand)
        if operator == "in":
            return lambda value: value.__class__ is str and value in words
        return lambda value: not (value.__class__ is str and value in words)
    if operator in ("equals", "not_equals") and operand.__class__ is str:
        if operator == "equals":
            return lambda value: value.__class__ is str and value == operand
        return lambda value: not (value.__class__ is str and value == operand)
    return lambda value: _leaf_holds(operator, operand, value)


def _leaf_holds(operator: str, operand: Any, value: Any) -> bool | None:
    """A leaf on a stated value, with JSON Schema's equality (true is not 1); None for the
    operators only the validator evaluates. Explaining a `not_shown` walks every leaf,
    and a dictionary lookup is far cheaper than a validator call."""
    if operator == "equals":
        return _same(value, operand)
    if operator == "not_equals":
        return not _same(value, operand)
    if operator in ("in", "not_in"):
        found = any(_same(value, v) for v in operand)
        return found if operator == "in" else not found
    if operator in ("min", "max"):
        if value.__class__ not in (int, float):
            return False
        return bool(value >= operand if operator == "min" else value <= operand)
    if operator in ("contains", "contains_any", "contains_none"):
        wanted = [operand] if operator == "contains" else operand
        found = isinstance(value, list) and any(_same(i, w) for i in value for w in wanted)
        return not found if operator == "contains_none" else found
    if operator in ("min_items", "max_items"):
        if not isinstance(value, list):
            return False
        return bool(len(value) >= operand if operator == "min_items" else len(value) <= operand)
    return None


def _same(a: Any, b: Any) -> bool:
    """JSON equality: numbers by value (1 == 1.0), booleans never equal to numbers."""
    if a.__class__ is bool or b.__class__ is bool:
        return a is b
    if isinstance(a, list):
        return (
            isinstance(b, list)
            and len(a) == len(b)
            and all(_same(x, y) for x, y in zip(a, b, strict=True))
        )
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(b, list | dict):
        return False
    return bool(a == b)


def _tri_items(node: _Node, items: Any, at: tuple[str | int, ...]) -> tuple[int, list[MissingFact]]:
    item = node.item
    assert item is not None
    if not isinstance(items, list):  # the item-wise forms read a list; anything else is invalid
        return UNDECIDED, [MissingFact(join_pointer(at), "invalid")]
    # some: one item holds; every: no item fails; none: no item holds. The first item
    # that settles it ends the walk.
    wanted = FAILS if node.quantifier == "every" else HOLDS
    missing: list[MissingFact] = []
    for index, value in enumerate(items):
        outcome, facts = _tri(item, value, (*at, index))
        if outcome == wanted:
            return (HOLDS if node.quantifier == "some" else FAILS), _NONE
        if outcome == UNDECIDED:
            missing.extend(facts)
    if missing:
        return UNDECIDED, missing
    return (FAILS if node.quantifier == "some" else HOLDS), _NONE


def _is_among(value: Any, words: tuple[Any, ...]) -> bool:
    return (value is None and None in words) or (value.__class__ is str and value in words)


def _state_of(value: Any) -> str:
    if value is None:
        return "empty"
    return "invalid" if value == INVALID else "unknown"


# --- description -------------------------------------------------------------------------


def describe(condition: Any) -> str:
    """A sentence for a condition, for findings and the rule catalogue."""
    if isinstance(condition, list):
        return _join([describe(c) for c in condition], _("and"))
    if not isinstance(condition, dict):
        return str(condition)
    if isinstance(condition.get("description"), str):
        return str(condition["description"])
    if "all" in condition:
        return _join([describe(c) for c in condition["all"]], _("and"))
    if "any" in condition:
        return _join([describe(c) for c in condition["any"]], _("or"))
    if "not" in condition:
        return _("not ({condition})").format(condition=describe(condition["not"]))
    operator = next((k for k in condition if k not in _META_KEYS), "")
    path = condition.get("path", "") or _("the project")
    return _describe_leaf(f"`{path}`", operator, condition[operator])


# A leaf in words: {subject} is the path in backticks, {value} the operand shown.
_LEAF_WORDS = {
    "equals": N_("{subject} is {value}"),
    "not_equals": N_("{subject} is not {value}"),
    "in": N_("{subject} is one of {value}"),
    "not_in": N_("{subject} is none of {value}"),
    "min": N_("{subject} is at least {value}"),
    "max": N_("{subject} is at most {value}"),
    "contains": N_("{subject} includes {value}"),
    "contains_any": N_("{subject} includes any of {value}"),
    "contains_none": N_("{subject} includes none of {value}"),
    "min_items": N_("{subject} lists at least {value} item(s)"),
    "max_items": N_("{subject} lists at most {value} item(s)"),
    "pattern": N_("{subject} has the wording the rule looks for"),
    "schema": N_("{subject} matches the rule's schema"),
}
_QUANTIFIED_WORDS = {
    "some": N_("at least one item of {subject} satisfies: {condition}"),
    "every": N_("every item of {subject} satisfies: {condition}"),
    "none": N_("no item of {subject} satisfies: {condition}"),
}


def _describe_leaf(subject: str, operator: str, value: Any) -> str:
    if operator in _QUANTIFIED_WORDS:
        return _(_QUANTIFIED_WORDS[operator]).format(subject=subject, condition=describe(value))
    if operator == "exists":
        said = _("{subject} is stated") if value else _("{subject} is absent")
        return said.format(subject=subject)
    template = _LEAF_WORDS.get(operator)
    if template is None:
        return f"{subject} {operator} {_show(value)}"
    shown = (
        _show_list(value)
        if operator in ("in", "not_in", "contains_any", "contains_none")
        else _show(value)
    )
    return _(template).format(subject=subject, value=shown)


def _join(parts: list[str], word: str) -> str:
    if len(parts) == 1:
        return parts[0]
    joined = (_("and"), _("or"))
    return f" {word} ".join(f"({p})" if any(f" {w} " in p for w in joined) else p for p in parts)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"`{value}`"
    return f"`{json.dumps(value, ensure_ascii=False)}`"


def _show_list(values: Any) -> str:
    if not isinstance(values, list):
        return _show(values)
    return ", ".join(_show(v) for v in values)


# --- explanation -------------------------------------------------------------------------


def _explain(node: _Node, data: Any) -> Explanation:
    """The first failing part of a failing condition, located and described.

    Paths are followed in the data directly (a missing key is located at its
    deepest existing ancestor), so that explaining a failure costs a few
    dictionary lookups instead of a validator pass; only raw `schema` leaves ask
    the validator where they fail.
    """
    if node.kind == "all":
        failing = (
            node.children[0]
            if len(node.children) == 1
            else next((c for c in node.children if _outcome(c, data) == FAILS), None)
        )
        return _explain(failing, data) if failing else Explanation("", node.text)
    if node.kind == "any":
        pointer = _explain(node.children[0], data).pointer if node.children else ""
        known = _REMEMBERED.get((node, pointer))  # looked up before anything is worded
        if known is not None:
            return known
        return _remembered(
            (node, pointer),
            pointer,
            _("none of these holds: {condition}").format(condition=node.text),
        )
    if node.kind == "not":
        inner = node.children[0]
        pointer = join_pointer(_existing(data, inner.path)) if inner.kind == "leaf" else ""
        known = _REMEMBERED.get((node, pointer))
        if known is not None:
            return known
        return _remembered(
            (node, pointer),
            pointer,
            _("this must not hold: {condition}").format(condition=inner.text),
        )
    path = node.path
    if node.item is not None and node.quantifier != "some":
        found = _offending_item(node, data, path)
        if found is not None:
            return found
    if "schema" in node.condition:
        from checker.validators import deepest

        error = deepest(node.validator.errors(data))
        where: list[str | int] = list(error.path) if error else []
        shown = where if len(where) > len(path) else path
        return Explanation(join_pointer(where), _required_found(node.text, _found(data, shown)))
    return _explain_path(node, data, path)


def _outcome(node: _Node, data: Any) -> int:
    """The part's outcome on `data`, by its closure (built on first need)."""
    judging = node.judging
    if judging is None:
        from checker.deciding import judge_of

        judging = judge_of(node)
    return judging(data)[0]


# Explanations repeat across a portfolio: 32,000 failures on the 1,000-file benchmark
# corpus have 953 distinct texts. They are remembered by what decides them (the
# condition, and how much of its path exists or the plain value found there).
_REMEMBERED: dict[tuple[Any, ...], Explanation] = {}
on_change(_REMEMBERED.clear)  # they are worded in the language in use
_REMEMBER_AT_MOST = 100_000


def _remembered(key: tuple[Any, ...], pointer: str, text: str) -> Explanation:
    known = _REMEMBERED.get(key)
    if known is None:
        if len(_REMEMBERED) >= _REMEMBER_AT_MOST:
            _REMEMBERED.clear()
        known = _REMEMBERED[key] = Explanation(sys.intern(pointer), sys.intern(text))
    return known


def _explain_path(node: _Node, data: Any, path: list[str | int]) -> Explanation:
    """A `path` condition's failure: where its path stops existing, or what is found there."""
    where = _existing(data, path)
    if len(where) < len(path):  # missing: the existing prefix decides pointer and text
        key: tuple[Any, ...] = (node, len(where))
        known = _REMEMBERED.get(key)
        if known is not None:
            return known
        return _remembered(
            key, join_pointer(where), _required_found(node.text, _("it is not stated"))
        )
    value = value_at(data, path)
    kind = value.__class__
    # Plain values only (a float would mix 0.0 and -0.0; long text is not worth keeping).
    if kind is bool or kind is int or value is None or (kind is str and len(value) <= 200):
        key = (node, kind, value)
        known = _REMEMBERED.get(key)
        if known is not None:
            return known
        return _remembered(key, join_pointer(where), _required(node, data, path, value))
    return Explanation(join_pointer(where), _required(node, data, path, value))


def _required(node: _Node, data: Any, path: list[str | int], value: Any) -> str:
    """What was required and what was found; a number over a limit says both plainly."""
    limit = node.condition.get(node.operator) if node.operator in ("min", "max") else None
    if limit is not None and not node.condition.get("description") and _is_number(value):
        bound = _("`{path}` is {value}; at most {limit}") if node.operator == "max" else None
        bound = bound or _("`{path}` is {value}; at least {limit}")
        dotted = ".".join(str(p) for p in path)
        return bound.format(path=dotted, value=_number(value), limit=_number(limit))
    return _required_found(node.text, _found(data, path))


def _required_found(condition: str, found: str) -> str:
    """`required: <condition>; <what was found>` — every failure explanation's form."""
    return _("required: {condition}; {found}").format(condition=condition, found=found)


def _is_number(value: Any) -> bool:
    return value.__class__ in (int, float)


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _offending_item(node: _Node, data: Any, path: list[str | int]) -> Explanation | None:
    """For `every` the first item that does not satisfy it, for `none` the first that does."""
    assert node.item is not None
    items = value_at(data, path)
    offending = node.quantifier == "none"
    for index, item in enumerate(items if isinstance(items, list) else []):
        if _outcome(node.item, item) != (HOLDS if offending else FAILS):
            continue
        named = _name_of(item)
        # Remembered by what decides the words: the part, the item's place and name, and
        # (for `every`) why the item fails; the same vendors fail the same way in many files.
        inner = None if offending else _explain(node.item, item)
        key = (node, index, named, inner)
        known = _REMEMBERED.get(key)
        if known is not None:
            return known
        name = f" ({named})" if named else ""
        number = index + 1
        if inner is None:
            return _remembered(
                key,
                join_pointer([*path, index]),
                _required_found(
                    node.text, _("item {number}{name} does").format(number=number, name=name)
                ),
            )
        # The inner explanation's own "required: ..." continues this one's sentence.
        head = _required_found("\0", "\0").split("\0")[0]
        if inner.text.startswith(head):
            why = _("item {number}{name} does not: {why}").format(
                number=number, name=name, why=inner.text.removeprefix(head)
            )
        else:
            why = _("item {number}{name} does not").format(number=number, name=name)
        return _remembered(
            key,
            join_pointer([*path, index, *_split(inner.pointer)]),
            _required_found(node.text, why),
        )
    return None


def _existing(data: Any, path: Sequence[str | int]) -> list[str | int]:
    """The longest prefix of `path` present in `data`: where a missing value is located."""
    value, found = data, []
    for part in path:
        if not isinstance(value, dict) or part not in value:
            break
        value = value[part]
        found.append(part)
    return found


def _name_of(item: Any) -> str:
    if isinstance(item, dict) and isinstance(item.get("name"), str):
        name = str(item["name"])
        return name if len(name) <= 60 else name[:57] + "..."
    return ""


def _split(pointer: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in split_pointer(pointer)]


def _found(data: Any, path: Sequence[str | int]) -> str:
    value = value_at(data, path)
    if value is MISSING:
        return _("it is not stated")
    if value is None:
        return _("it is empty (null)")
    text = json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > 80:
        text = text[:77] + "..."
    return _("found {value}").format(value=text)
