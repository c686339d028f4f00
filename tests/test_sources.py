"""YAML loading: positions, YAML 1.2 typing, and every malformed input as a located problem."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from checker.limits import DEFAULT_LIMITS, Limits
from checker.sources import CoreResolver, locate, parse_source
from tests.conftest import parse


def codes(text: str | bytes) -> list[tuple[str, int, int]]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    document = parse_source(raw, "t.yaml", Limits())
    return [(p.code, p.line, p.column) for p in document.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("country: NO", "NO"),
        ("country: no", "no"),
        ("flag: yes", "yes"),
        ("flag: true", True),
        ("flag: False", False),
        ("amount: 010", 10),
        ("amount: 0o17", 15),
        ("amount: 0x1F", 31),
        ("amount: 1_000", "1_000"),
        ("time: 1:30", "1:30"),
        ("version: 1.10", 1.1),
        ("big: 1e3", 1000.0),
        ("date: 2024-01-01", "2024-01-01"),
        ("stamp: 2024-01-01T10:00:00Z", "2024-01-01T10:00:00Z"),
        ("none: ~", None),
        ("empty:", None),
    ],
)
def test_scalars_mean_what_the_author_wrote(text: str, expected: object) -> None:
    document = parse(text)
    assert document.problems == []
    assert document.data is not None
    assert list(document.data.values()) == [expected]


def test_duplicate_key_is_located_at_the_second_and_names_the_first() -> None:
    document = parse("a: 1\nb:\n  c: 2\n  c: 3\n")
    [problem] = document.problems
    assert (problem.code, problem.line, problem.column) == ("yaml.duplicate-key", 4, 3)
    assert "line 3" in problem.message
    assert problem.pointer == "/b/c"
    assert document.data == {"a": 1, "b": {"c": 3}}


def test_merge_keys_are_not_duplicates() -> None:
    document = parse("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n")
    assert document.problems == []
    assert document.data is not None
    assert document.data["use"] == {"x": 1, "y": 3}


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ("a: [1, 2\n", "yaml.syntax", 2, 1),
        ("a: 'unclosed\n", "yaml.syntax", 1, 4),
        ("a:\n  b: 1\n c: 2\n", "yaml.syntax", 3, 2),
        ("a:\n\tb: 1\n", "yaml.syntax", 2, 1),
        ("a: *nowhere\n", "yaml.syntax", 1, 4),
        ("a: 1\n---\nb: 2\n", "yaml.syntax", 2, 1),
        ("", "yaml.empty", 1, 1),
        ("# only a comment\n", "yaml.empty", 1, 1),
        ("- a\n- b\n", "yaml.root", 1, 1),
        ("just text\n", "yaml.root", 1, 1),
        ("a: !!python/object/apply:os.system [ls]\n", "yaml.tag", 1, 4),
        ("a: !Ref x\n", "yaml.tag", 1, 4),
        ("a: !!binary aGVsbG8=\n", "yaml.tag", 1, 4),
        ("a: !!set {x}\n", "yaml.tag", 1, 4),
        ("a: !!timestamp 2024-01-01\n", "yaml.tag", 1, 4),
        ("1: one\n", "yaml.key-type", 1, 1),
        ("true: x\n", "yaml.key-type", 1, 1),
        ("? [a, b]\n: c\n", "yaml.key-type", 1, 3),
        ("a: .nan\n", "yaml.number", 1, 4),
        ("a: -.inf\n", "yaml.number", 1, 4),
        ("a: " + "9" * 5000 + "\n", "yaml.number", 1, 4),
        ("a: &x [*x]\n", "yaml.recursion", 1, 4),
    ],
)
def test_malformed_yaml_is_a_located_problem(text: str, code: str, line: int, column: int) -> None:
    document = parse(text)
    assert document.data is None
    assert (document.problems[0].code, document.problems[0].line, document.problems[0].column) == (
        code,
        line,
        column,
    )


def test_tab_indentation_says_tab() -> None:
    assert "tab" in parse("a:\n\tb: 1\n").problems[0].message


def test_several_documents_say_one_project_per_file() -> None:
    assert "one project per file" in parse("a: 1\n---\nb: 2\n").problems[0].message


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"a: \xe9t\xe9\n", "yaml.encoding"),
        (b"a: b\x00c\n", "yaml.encoding"),
        (b"a: b\x07c\n", "yaml.encoding"),
        (b"a: b\x1b[31mc\n", "yaml.encoding"),
        ("a: 1\n".encode("utf-16-le"), "yaml.encoding"),
        (bytes(range(256)) * 4, "yaml.encoding"),
    ],
)
def test_bad_bytes_are_encoding_problems(raw: bytes, code: str) -> None:
    assert codes(raw)[0][0] == code


def test_latin1_byte_is_located_by_line_and_column() -> None:
    assert codes(b"a: 1\nb: caf\xe9\n") == [("yaml.encoding", 2, 7)]


@pytest.mark.parametrize(
    "raw",
    [
        "a: é\n".encode("utf-8-sig"),
        "a: é\n".encode("utf-16"),
        "a: é\n".encode("utf-32"),
        b"a: 1\r\nb: 2\r\n",
    ],
)
def test_boms_and_crlf_are_accepted(raw: bytes) -> None:
    document = parse_source(raw, "t.yaml", Limits())
    assert document.problems == []


def test_alias_bomb_is_refused_at_the_node_limit() -> None:
    # 3.5e9 leaves: an unbounded walk would not finish. How fast the refusal is, against
    # a yardstick, is tests/test_hostile_inputs.py's (no wall-clock bound here).
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    previous = "a"
    for name in "bcdefghij":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    document = parse("\n".join(lines))
    assert document.data is None
    assert document.problems[0].code == "yaml.limit"


def test_deep_nesting_is_refused_at_the_limit() -> None:
    document = parse("a: " + "[" * 100 + "]" * 100)
    assert document.problems[0].code == "yaml.limit"
    assert "64" in document.problems[0].message


def test_limits_are_configurable() -> None:
    shallow = parse_source(b"a: {b: {c: 1}}", "t", Limits(max_depth=2))
    assert shallow.problems[0].code == "yaml.limit"
    small = parse_source(b"a: 1" + b" " * 100, "t", Limits(max_file_bytes=50))
    assert small.problems[0].code == "file.too-large"


def test_locate_points_at_keys_and_items_and_falls_back_to_ancestors() -> None:
    document = parse("a:\n  b:\n    - x\n    - y: 1\n")
    assert locate(document.root, "/a/b") == locate(document.root, "/a/b")
    assert (locate(document.root, "/a/b").line, locate(document.root, "/a/b").column) == (2, 3)
    assert locate(document.root, "/a/b/1").line == 4
    assert locate(document.root, "/a/b/1/y").column == 7
    missing = locate(document.root, "/a/b/1/zzz")
    assert (missing.line, missing.column) == (4, 7)
    assert locate(document.root, "/a/nope").line == 1


_TRICKY_SCALARS = [
    *("", "~", "null", "Null", "NULL", "nUll", "true", "True", "TRUE", "tRue"),
    *("false", "False", "FALSE", "fAlse", "yes", "NO", "<<", "<<<", "010"),
    "0o17",
    "0x1F",
    "0X1F",
    "1_000",
    "1:30",
    "+1",
    "-0",
    ".5",
    "5.",
    "1e3",
    "1E+3",
    "1e",
    ".inf",
    "-.Inf",
    "+.INF",
    ".nan",
    ".NaN",
    "-.nan",
    "2024-01-01",
    "0b101",
    "- 1",
    "+",
    "-",
    ".",
]
_SCALAR_ALPHABET = "tTrRuUeEfFaAlLsSnN~0123456789+-.eEoOxXbBiI<_: ab"


def _assert_same_tag(value: str) -> None:
    """The specialised resolver must give the tag PyYAML's own walk over the same
    registered patterns gives, for every plain scalar (which never ends in a line break)."""
    generic = BaseResolver.resolve(CoreResolver(), ScalarNode, value, (True, False))
    assert CoreResolver().resolve(ScalarNode, value, (True, False)) == generic
    assert CoreResolver().resolve(ScalarNode, value, (False, True)) == "tag:yaml.org,2002:str"


@pytest.mark.parametrize("value", _TRICKY_SCALARS)
def test_fast_resolver_agrees_on_every_word_and_number_form(value: str) -> None:
    _assert_same_tag(value)


@given(st.text(alphabet=_SCALAR_ALPHABET, max_size=12))
def test_fast_resolver_agrees_with_pyyamls_generic_table_walk(value: str) -> None:
    _assert_same_tag(value)


def test_fast_resolver_tags_collections_by_kind() -> None:
    resolver = CoreResolver()
    assert resolver.resolve(MappingNode, None, (True, False)) == "tag:yaml.org,2002:map"
    assert resolver.resolve(SequenceNode, None, (True, False)) == "tag:yaml.org,2002:seq"


@pytest.mark.parametrize(
    "text",
    [
        "a: &a {x: 1, y: 2}\nb:\n  y: 3\n  <<: *a\n  z: 4\n",
        "a: &a {x: 1}\nc: &c {x: 2, w: 5}\nb:\n  k: v\n  <<: [*a, *c]\n",
        "a: &a {x: [1, {q: r}]}\nb: {<<: *a, x: 9}\nd: {s: [*a, *a]}\n",
    ],
)
def test_merge_keys_anywhere_in_a_mapping_merge_as_pyyaml_does(text: str) -> None:
    """Merge keys after explicit keys, lists of merges, merged aliases inside lists."""
    document = parse_source(text.encode(), "m.yaml", Limits())
    assert not document.problems
    assert document.data == yaml.safe_load(text)


# --- the plain pass: check_tree's one-walk path for trees with nothing unusual -------------


def _both_ways(text: str, limits: Limits) -> tuple[object, list[object], object]:
    """(the plain pass's data or _UNUSUAL, the full check's problems, the full path's data)."""
    from checker.sources import _UNUSUAL, _Loader, _plain_data, _value, full_check

    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    assert root is not None
    problems = full_check(root, limits)
    reference = _value(root, {}) if not problems else _UNUSUAL
    return _plain_data(root, limits), list(problems), reference


def _typed(value: object) -> object:
    """`value` with each scalar's type kept apart (True is not 1, 1.0 is not 1)."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("a: 1\nb: [x, 2.5, true, null, ~]\nc: {d: '3', e: -0x1F}\n", True),
        ("- a\n- {b: [1, [2, [3]]]}\n", True),
        ("a: &x {b: 1}\nc: *x\n", False),  # an alias
        ("a: &x [1]\nb: *x\n", False),
        ("a: &s text\nb: *s\n", True),  # a scalar alias is plain data
        ("base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n", False),
        ("a: 1\na: 2\n", False),  # a duplicate key
        ("1: a\n", False),  # a key read as a number
        ("[a]: b\n", False),
        ("a: !!int '12'\nb: !!str 12\n", True),
        ("a: !!int twelve\n", False),
        ("a: !!float .inf\n", False),
        ("a: 1e999\n", False),
        ("a: !!binary aGk=\n", False),
        ("a: !!set {x: null}\n", False),
        ("a: !!seq {x: 1}\n", False),
        ("a: " + "9" * 70 + "\n", False),  # more digits than the limit
        # The fast forms (words, plain digits, digits around a point) and their edges.
        ("a: [010, 0.35, 1., .5, '', !!null '', !!bool 'True', !!float 7, !!int '9']\n", True),
        ("a: " + "9" * 400 + ".5\n", False),  # digits around a point, past the largest float
        ("a: !!bool ''\n", False),
        ("a: !!null false\n", False),
        ("a: !!int 1.5\n", False),
        ("a: !!int '\u0663'\n", False),  # a digit, but not an ASCII one
        ("just text\n", False),
        ("a: " + "[" * 70 + "]" * 70 + "\n", False),  # deeper than the limit
    ],
)
def test_the_plain_pass_builds_what_the_full_path_builds(text: str, plain: bool) -> None:
    """Where the plain pass builds data, the full check finds nothing and `construct` builds
    the same data; anything unusual is left to the full check."""
    from checker.sources import _UNUSUAL

    built, problems, reference = _both_ways(text, Limits())
    assert (built is not _UNUSUAL) is plain
    if built is not _UNUSUAL:
        assert problems == []
        assert _typed(built) == _typed(reference)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(
    value=_JSON,
    flow=st.booleans(),
    depth=st.integers(min_value=1, max_value=6),
    nodes=st.integers(min_value=1, max_value=40),
)
def test_the_plain_pass_agrees_with_the_full_check(
    value: object, flow: bool, depth: int, nodes: int
) -> None:
    """On any data, under any limits: the plain pass builds data only where the full check
    finds no problem, and then the same data."""
    from checker.sources import _UNUSUAL

    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True)
    built, problems, reference = _both_ways(text, Limits(max_depth=depth, max_nodes=nodes))
    if built is not _UNUSUAL:
        assert problems == []
        assert _typed(built) == _typed(reference)
    built, problems, _ = _both_ways(text, Limits())
    # A mapping or list without aliases, within the limits: the plain pass builds it.
    if isinstance(value, dict | list) and not problems and "&" not in text:
        assert built is not _UNUSUAL


def test_a_merge_key_written_as_a_value_is_text() -> None:
    # Only a key merges; `<<` as a value raised KeyError (an internal error, exit 3).
    document = parse("a: <<\nb: [<<]\nc: {<<: {d: 1}}\n")
    assert document.problems == []
    assert document.data == {"a": "<<", "b": ["<<"], "c": {"d": 1}}


def test_a_file_saved_in_windows_1251_is_told_so() -> None:
    # A proposal from the region written in an older editor: Cyrillic in Windows-1251.
    text = GOOD_TITLE_RU.encode("cp1251")
    [problem] = parse_source(text, "ru.yaml", DEFAULT_LIMITS).problems
    assert problem.code == "yaml.encoding"
    assert problem.message.endswith(
        "looks like Windows-1251 (Cyrillic in an 8-bit encoding); save it as UTF-8"
    )
    # Accented Latin letters in Windows-1252 are in the same byte range: not said to be
    # Cyrillic.
    latin = "title: Société générale à Paris, café crème\nid: x\n".encode("cp1252")
    [other] = parse_source(latin, "fr.yaml", DEFAULT_LIMITS).problems
    assert other.message.endswith("not valid UTF-8")


GOOD_TITLE_RU = "id: osh\ntitle: Центр обработки данных в Оше\nsummary: Видеонаблюдение\n"
