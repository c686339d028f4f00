"""The condition language: every operator, absence semantics, parameters, wording, explanations."""

from __future__ import annotations

from typing import Any

import pytest

from checker.conditions import (
    FAILS,
    HOLDS,
    ConditionError,
    compile_condition,
    condition_schema,
    describe,
)
from checker.validators import compile_schema

DATA: dict[str, Any] = {
    "a": {"n": 5, "s": "open_tender", "flag": True, "none": None, "list": ["x", "y"]},
    "items": [{"k": 1, "c": "CN"}, {"k": 2, "c": "DE"}],
}

CASES = [
    ({"path": "a.n", "exists": True}, True),
    ({"path": "a.missing", "exists": True}, False),
    ({"path": "a.none", "exists": True}, False),
    ({"path": "a.missing", "exists": False}, True),
    ({"path": "a.n", "exists": False}, False),
    ({"path": "a.s", "equals": "open_tender"}, True),
    ({"path": "a.s", "equals": "direct_award"}, False),
    ({"path": "a.missing", "equals": 1}, False),
    ({"path": "a.s", "not_equals": "direct_award"}, True),
    ({"path": "a.missing", "not_equals": 1}, True),
    ({"path": "a.s", "in": ["open_tender", "restricted_tender"]}, True),
    ({"path": "a.s", "in": ["direct_award"]}, False),
    ({"path": "a.s", "not_in": ["direct_award"]}, True),
    ({"path": "a.missing", "not_in": ["direct_award"]}, True),
    ({"path": "a.n", "min": 5}, True),
    ({"path": "a.n", "min": 6}, False),
    ({"path": "a.n", "max": 5}, True),
    ({"path": "a.n", "max": 4}, False),
    ({"path": "a.s", "max": 4}, False),
    ({"path": "a.list", "contains": "x"}, True),
    ({"path": "a.list", "contains": "z"}, False),
    ({"path": "a.list", "contains_any": ["z", "y"]}, True),
    ({"path": "a.list", "contains_none": ["z"]}, True),
    ({"path": "a.list", "contains_none": ["x"]}, False),
    ({"path": "a.missing", "contains_none": ["x"]}, True),
    ({"path": "a.list", "min_items": 2}, True),
    ({"path": "a.list", "max_items": 1}, False),
    ({"path": "a.s", "pattern": "^open"}, True),
    ({"path": "a.s", "pattern": "^closed"}, False),
    ({"path": "items", "some": {"path": "c", "equals": "CN"}}, True),
    ({"path": "items", "some": {"path": "c", "equals": "RU"}}, False),
    ({"path": "items", "every": {"path": "k", "min": 1}}, True),
    ({"path": "items", "every": {"path": "c", "equals": "CN"}}, False),
    ({"path": "missing", "every": {"path": "c", "equals": "CN"}}, True),
    ({"path": "items", "none": {"path": "c", "equals": "RU"}}, True),
    ({"path": "items", "none": [{"path": "c", "equals": "CN"}, {"path": "k", "equals": 1}]}, False),
    ({"all": [{"path": "a.n", "min": 1}, {"path": "a.flag", "equals": True}]}, True),
    ([{"path": "a.n", "min": 1}, {"path": "a.flag", "equals": False}], False),
    ({"any": [{"path": "a.n", "min": 10}, {"path": "a.flag", "equals": True}]}, True),
    ({"not": {"path": "a.flag", "equals": True}}, False),
    ({"schema": {"required": ["a"]}}, True),
    ({"path": "a", "schema": {"required": ["nope"]}}, False),
]


@pytest.mark.parametrize(("condition", "expected"), CASES)
def test_operator_semantics(condition: Any, expected: bool) -> None:
    """The two-valued schema (`to_schema`) that explains a failing leaf."""
    schema = condition_schema(compile_condition(condition, {}).source)
    assert compile_schema(schema).is_valid(DATA) is expected


def test_parameters_are_substituted_as_values() -> None:
    condition = {"path": "a.n", "max": {"$param": "limit"}}
    assert compile_condition(condition, {"limit": 5}).decide(DATA) == HOLDS
    assert compile_condition(condition, {"limit": 4}).decide(DATA) == FAILS
    assert "at most `4`" in compile_condition(condition, {"limit": 4}).text


def test_unknown_parameter_is_an_error() -> None:
    with pytest.raises(ConditionError, match="unknown parameter 'nope'"):
        compile_condition({"path": "a.n", "max": {"$param": "nope"}}, {})


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"path": "a"}, "exactly one operator"),
        ({"path": "a", "equals": 1, "in": [1]}, "exactly one operator"),
        ({"path": "a", "in": []}, "non-empty list"),
        ({"path": "a", "min": "ten"}, "takes a number"),
        ({"path": "a..b", "equals": 1}, "malformed path"),
        ({"schema": {"$ref": "https://example.com/evil.json"}}, "only local"),
        ({"schema": {"properties": {"x": {"$ref": "http://x/y"}}}}, "only local"),
        ({"path": "a.s", "pattern": "(unclosed"}, "invalid condition"),
        ("just text", "must be a mapping"),
    ],
)
def test_invalid_conditions_are_refused(condition: Any, message: str) -> None:
    with pytest.raises(ConditionError, match=message):
        compile_condition(condition, {})


def test_backreferences_are_refused_so_matching_stays_linear() -> None:
    with pytest.raises(ConditionError):
        compile_condition({"path": "a.s", "pattern": r"^(a+)+\1$"}, {})


def test_descriptions_read_as_sentences() -> None:
    assert describe({"path": "a.s", "in": ["x", "y"]}) == "`a.s` is one of `x`, `y`"
    assert describe({"any": [{"path": "a", "exists": True}, {"path": "b", "equals": 1}]}) == (
        "`a` is stated or `b` is `1`"
    )
    assert describe({"path": "a", "exists": True, "description": "custom"}) == "custom"


def test_explanation_points_at_the_deepest_failing_node() -> None:
    compiled = compile_condition(
        [{"path": "a.n", "min": 1}, {"path": "a.s", "equals": "restricted_tender"}], {}
    )
    explanation = compiled.explain(DATA)
    assert explanation.pointer == "/a/s"
    assert 'found "open_tender"' in explanation.text


def test_missing_key_explanation_points_at_the_parent() -> None:
    explanation = compile_condition({"path": "a.dpia.status", "equals": "completed"}, {}).explain(
        DATA
    )
    assert explanation.pointer == "/a"
    assert "it is not stated" in explanation.text


def test_none_explanation_points_at_the_matching_item() -> None:
    explanation = compile_condition(
        {"path": "items", "none": {"path": "c", "equals": "DE"}}, {}
    ).explain(DATA)
    assert explanation.pointer == "/items/1"


def test_remembered_explanations_follow_what_each_document_holds() -> None:
    """Explanations are remembered across documents; each must still describe its own."""
    condition = compile_condition({"path": "a.b", "equals": 2}, {})
    documents: list[dict[str, object]] = [
        {"a": {"b": True}},
        {"a": {"b": 1}},
        {"a": {"b": "1"}},
        {"a": {}},
        {},
        {"a": {"b": None}},
        {"a": {"b": 1.0}},
        {"a": {"b": -0.0}},
        {"a": {"b": [1]}},
        {"a": {"b": 1}},
        {"a": "text"},
    ]
    for _ in range(2):  # the second pass is served from what the first remembered
        explained = [condition.explain(d) for d in documents]
        assert [e.text.split("; ", 1)[1] for e in explained] == [
            "found true",
            "found 1",
            'found "1"',
            "it is not stated",
            "it is not stated",
            "it is empty (null)",
            "found 1.0",
            "found -0.0",
            "found [1]",
            "found 1",
            "it is not stated",
        ]
        assert [e.pointer for e in explained] == [
            *["/a/b"] * 3,
            "/a",
            "",
            *["/a/b"] * 5,
            "/a",
        ]
