"""Property-based tests: generated YAML, bytes and projects through loader, engine and reports.

Hypothesis feeds (a) arbitrary text and bytes to the loader, (b) JSON documents,
which YAML 1.2 must read back unchanged, (c) projects generated from the
committed project schema, then damaged (unknown keys, wrong types, hostile
text) and written as YAML in several styles, and (d) the same YAML with
tokens spliced in at random places. Every project goes through the engine
with the bundled profiles and through every renderer in `RENDERERS`. The
properties: nothing raises, every problem is located, machine formats parse,
and no output carries a raw control or bidi character.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from functools import cache
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import load_catalogue, resolve_profile
from checker.checking import check_document, mark_duplicate
from checker.documents import parse_project
from checker.findings import ProjectResult, RunResult
from checker.jsonschemas import committed
from checker.limits import DEFAULT_LIMITS, Limits
from checker.profiles import ResolvedProfile
from checker.report import RENDERERS, render_to_string
from checker.report.options import RenderOptions
from checker.sources import CoreResolver, SourceDocument, parse_source

RAW_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
JSON_FORMATS = frozenset({"json", "sarif", "gitlab", "oscal"})
# Characters a hostile author would reach for, mixed into ordinary text.
HOSTILE = "\x00\x07\x08\x1b\x7f\x85\x9b\u061c\u200e\u202e\u2028\u2066\ufeff[]/@=:#&*!%|>'\"\\\t\n"
CHARS = st.one_of(st.sampled_from(HOSTILE), st.characters(exclude_categories=["Cs"]))
TEXT = st.text(CHARS, max_size=30)
PIPELINE = settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.too_slow])


@cache
def profiles() -> tuple[ResolvedProfile, ...]:
    catalogue = load_catalogue()
    return tuple(resolve_profile(catalogue, name) for name in ("eu", "minimal"))


def assert_well_formed(document: SourceDocument) -> None:
    """Either a mapping, or at least one problem; every problem located and explained."""
    assert (document.data is not None) or document.problems
    assert document.data is None or isinstance(document.data, dict)
    for problem in document.problems:
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.code.split(".")[0] in ("yaml", "file")
        assert problem.message.strip()


# --- the loader -------------------------------------------------------------------------------


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=200))
def test_any_text_is_parsed_or_located(text: str) -> None:
    assert_well_formed(parse_source(text.encode("utf-8"), "t.yaml", DEFAULT_LIMITS))


@settings(deadline=None, max_examples=300)
@given(st.binary(max_size=200))
def test_any_bytes_are_parsed_or_located(raw: bytes) -> None:
    assert_well_formed(parse_source(raw, "t.yaml", DEFAULT_LIMITS))


@settings(deadline=None, max_examples=200)
@given(st.binary(max_size=100), st.integers(1, 6))
def test_tight_limits_refuse_instead_of_failing(raw: bytes, small: int) -> None:
    limits = Limits(max_file_bytes=small * 20, max_depth=small, max_nodes=small * 3)
    assert_well_formed(parse_source(raw, "t.yaml", limits))


JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    TEXT,
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=20,
)
# What a JSON writer may leave raw but YAML cannot carry raw: written as `\uXXXX` escapes.
_YAML_RAW_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def as_json_yaml(value: Any) -> bytes:
    text = json.dumps(value, ensure_ascii=False)
    return _YAML_RAW_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text).encode("utf-8")


@settings(deadline=None, max_examples=300)
@given(st.dictionaries(TEXT, JSON_VALUES, max_size=5))
def test_every_json_document_is_read_back_unchanged(value: dict[str, Any]) -> None:
    """YAML 1.2 is a superset of JSON: no YAML 1.1 surprise may change a value."""
    document = parse_source(as_json_yaml(value), "t.json", DEFAULT_LIMITS)
    assert document.problems == []
    assert document.data == value


# --- projects generated from the committed schema -----------------------------------------------


def from_schema(schema: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """Values valid (or nearly) for a JSON Schema of the kind pydantic writes."""
    defs = committed("project")["$defs"]
    if "$ref" in schema:
        return from_schema(defs[schema["$ref"].rsplit("/", 1)[-1]], depth)
    if "anyOf" in schema:
        return st.one_of([from_schema(branch, depth) for branch in schema["anyOf"]])
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kinds = schema.get("type", "string")
    if isinstance(kinds, list):
        return st.one_of([from_schema({**schema, "type": kind}, depth) for kind in kinds])
    return _typed(kinds, schema, depth)


def _typed(kind: str, schema: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    if kind == "object":
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {k: from_schema(v, depth + 1) for k, v in properties.items() if k in required},
            optional={}
            if depth > 3
            else {k: from_schema(v, depth + 1) for k, v in properties.items() if k not in required},
        )
    if kind == "array":
        return st.lists(
            from_schema(schema.get("items", {}), depth + 1), max_size=2 if depth < 3 else 0
        )
    if kind == "integer":
        return st.integers(schema.get("minimum", -1000), schema.get("maximum", 10**12))
    if kind == "number":
        low, high = schema.get("minimum", -1e6), schema.get("maximum", 1e12)
        return st.floats(low, high, allow_nan=False) | st.integers(int(low), int(high))
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if "pattern" in schema:
        return st.from_regex(schema["pattern"], fullmatch=True).filter(lambda s: "\n" not in s)
    if schema.get("format") == "date":
        return st.dates().map(lambda d: d.isoformat())
    low = schema.get("minLength", 0)
    return st.text(CHARS, min_size=low, max_size=min(schema.get("maxLength", 12), max(low, 12)))


@st.composite
def damaged(draw: st.DrawFn, value: Any) -> Any:
    """The project, sometimes with an unknown key, a wrong type or a missing key."""
    if not isinstance(value, dict) or not draw(st.booleans()):
        return value
    damage = draw(st.sampled_from(["unknown", "wrong-type", "missing", "hostile-key"]))
    changed = dict(value)
    key = draw(st.sampled_from(sorted(changed))) if changed else None
    if damage == "unknown":
        changed[draw(TEXT)] = draw(JSON_VALUES)
    elif damage == "wrong-type" and key is not None:
        changed[key] = draw(JSON_VALUES)
    elif damage == "missing" and key is not None:
        del changed[key]
    else:
        changed["\x1b]0;x\x07" + draw(TEXT)] = draw(TEXT)
    return changed


def projects() -> st.SearchStrategy[Any]:
    return from_schema(committed("project")).flatmap(damaged)


class CoreDumper(yaml.SafeDumper):
    """PyYAML's writer with govcheck's YAML 1.2 resolver, so that it quotes what 1.2 would
    read as a number or boolean (`1e3`, `0o7`) and leaves `NO` plain, as a 1.2 writer does."""

    yaml_implicit_resolvers = CoreResolver.yaml_implicit_resolvers


def as_yaml(value: Any, style: str) -> bytes:
    """The value as a YAML file. PyYAML's emitter escapes everything beyond ASCII here:
    with `allow_unicode` it writes NEL and U+2028 raw inside quoted scalars, where they
    fold to spaces on reading (its limitation, not the reader's); the JSON style covers
    raw UTF-8."""
    if style == "json":
        return as_json_yaml(value)
    flow = {"block": False, "flow": True, "mixed": None}[style]
    text = yaml.dump(value, Dumper=CoreDumper, default_flow_style=flow, sort_keys=False)
    return text.encode("utf-8")


def check_outputs(run: RunResult) -> None:
    """Every renderer: no exception, valid where it is a data format, nothing raw."""
    for name in RENDERERS:
        output = render_to_string(name, run, RenderOptions(tool_version="0.0.0"))
        found = sorted({hex(ord(c)) for c in RAW_CONTROL.findall(output)})
        assert not found, (name, found)
        if name in JSON_FORMATS:
            json.loads(output)
        elif name == "junit":
            ET.fromstring(output.encode("utf-8"))


def run_of(results: list[ProjectResult]) -> RunResult:
    owners: dict[str, str] = {}
    marked = tuple(mark_duplicate(r, owners) for r in results)
    return RunResult(tuple(p.summary() for p in profiles()), marked)


@PIPELINE
@given(
    st.lists(
        st.tuples(projects(), st.sampled_from(["block", "flow", "mixed", "json"])),
        min_size=1,
        max_size=3,
    )
)
def test_generated_projects_go_through_engine_and_every_report(
    generated: list[tuple[Any, str]],
) -> None:
    results = []
    for index, (value, style) in enumerate(generated):
        document = parse_project(as_yaml(value, style), f"p{index}.yaml", DEFAULT_LIMITS)
        assert document.source.problems == [], document.source.problems
        assert document.data == value
        result = check_document(document, profiles())
        assert result.project.valid == (not result.problems)
        assert len(result.evaluations) == len(profiles())
        results.append(result)
    check_outputs(run_of(results))


TOKENS = [
    *(":", ": ", "- ", "-", "? ", "[", "]", "{", "}", ",", "&a ", "*a", "*b", "<<: *a"),
    *("!!python/object:os.system ", "!!bool ", "!!int ", "!!float ", "!!binary ", "!Ref "),
    *("\t", "'", '"', "\\", "---\n", "...\n", "%YAML 1.1\n", "#", "|", ">-", "\n", "\n  "),
    *("\x00", "\x1b[31m", "\ufeff", "\u2028", "\x85", "~", "NO", "010", "1e999", ".nan"),
    *("9" * 70, "2024-01-01", "\r\n"),
]


@PIPELINE
@given(projects(), st.sampled_from(["block", "flow", "mixed"]), st.data())
def test_damaged_yaml_is_reported_never_raised(value: Any, style: str, data: st.DataObject) -> None:
    raw = as_yaml(value, style).decode("utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw)))
        raw = raw[:at] + data.draw(st.sampled_from(TOKENS)) + raw[at:]
    document = parse_project(raw.encode("utf-8"), "damaged.yaml", DEFAULT_LIMITS)
    assert_well_formed(document.source)
    result = check_document(document, profiles())
    assert result.project.valid == (not result.problems)
    assert all(f.line >= 1 and f.column >= 1 and f.message for f in result.problems)
    check_outputs(run_of([result]))


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_an_empty_run_renders_in_every_format(name: str) -> None:
    output = render_to_string(
        name, RunResult(tuple(p.summary() for p in profiles()), ()), RenderOptions()
    )
    assert not RAW_CONTROL.findall(output)
    if name in JSON_FORMATS:
        json.loads(output)
