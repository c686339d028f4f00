"""YAML text -> (plain data, position tree), with every problem located.

Owns reading bytes, decoding, parsing with libyaml once (nodes and data from
the same parse), the YAML 1.2 core typing that keeps `NO` a string and `010`
the number ten, and the structural checks PyYAML skips: duplicate keys, alias
expansion, nesting depth, non-text keys and non-JSON tags. Refuses anything
beyond plain JSON data: no Python tags, no timestamps, no sets, no binary.
Every problem becomes a `SourceProblem` at a line and column; nothing raises.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from checker.findings import Position
from checker.limits import Limits

try:  # libyaml is ~8x faster; the pure parser is a correct but slow fallback.
    from yaml._yaml import CParser as _Parser

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    HAVE_LIBYAML = False

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_ALLOWED_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, _MAP, _SEQ, _MERGE})
_YAML11_BOOLEANS = frozenset(
    {"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "n"}
)


class CoreResolver(BaseResolver):
    """YAML 1.2 core schema: only true/false are booleans, no octal `010`,
    no sexagesimal `1:30`, and dates stay text (the models parse them)."""


for _tag, _pattern, _first in (
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        _FLOAT,
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (_MERGE, r"^(?:<<)$", "<"),
):
    CoreResolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


class CoreConstructor(SafeConstructor):
    """Numbers the way YAML 1.2 and JSON read them."""

    def construct_core_int(self, node: ScalarNode) -> int:
        text = str(self.construct_scalar(node)).replace("_", "")
        sign = -1 if text.startswith("-") else 1
        digits = text.lstrip("+-")
        if digits.startswith("0o"):
            return sign * int(digits[2:], 8)
        if digits.startswith("0x"):
            return sign * int(digits[2:], 16)
        return sign * int(digits, 10)

    def construct_core_float(self, node: ScalarNode) -> float:
        text = str(self.construct_scalar(node)).lower()
        if text.endswith(".inf"):
            return -math.inf if text.startswith("-") else math.inf
        if text == ".nan":
            return math.nan
        return float(text)


CoreConstructor.add_constructor(_INT, CoreConstructor.construct_core_int)  # type: ignore[type-var]
CoreConstructor.add_constructor(_FLOAT, CoreConstructor.construct_core_float)  # type: ignore[type-var]


if HAVE_LIBYAML:

    class _Loader(_Parser, CoreConstructor, CoreResolver):
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            CoreConstructor.__init__(self)
            CoreResolver.__init__(self)

else:  # pragma: no cover
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Loader(Reader, Scanner, Parser, Composer, CoreConstructor, CoreResolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            CoreConstructor.__init__(self)
            CoreResolver.__init__(self)


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """Something wrong with the file itself, before any rule runs."""

    code: str
    message: str
    line: int = 1
    column: int = 1
    pointer: str = ""


@dataclass(slots=True)
class SourceDocument:
    """A parsed YAML file: its data, its node tree and its problems.

    `data` is None when the file could not be turned into a mapping at all.
    """

    path: str
    data: dict[str, Any] | None
    root: Node | None
    problems: list[SourceProblem] = field(default_factory=list)
    text: str = ""

    def locate(self, pointer: str) -> Position:
        """Where the node at `pointer` is, or its nearest existing ancestor."""
        return locate(self.root, pointer)


def read_source(path: Path, display: str, limits: Limits) -> SourceDocument:
    """Read and parse one file; file-system problems become located problems."""
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            return _failed(
                display,
                "file.too-large",
                f"file is {size:,} bytes; the limit is {limits.max_file_bytes:,} "
                "(raise it with --max-file-size)",
            )
        raw = path.read_bytes()
    except IsADirectoryError:
        return _failed(display, "file.unreadable", "is a directory, not a file")
    except OSError as error:
        return _failed(display, "file.unreadable", f"cannot read file: {error.strerror or error}")
    return parse_source(raw, display, limits)


def parse_source(raw: bytes, display: str, limits: Limits) -> SourceDocument:
    """Parse bytes into a mapping; never raises for bad input."""
    if len(raw) > limits.max_file_bytes:
        return _failed(display, "file.too-large", f"input exceeds {limits.max_file_bytes:,} bytes")
    text, problem = decode(raw)
    if problem is not None:
        return SourceDocument(display, None, None, [problem])
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as error:
        line, column = line_column(text, error.position)
        problem = SourceProblem("yaml.encoding", _reader_message(error, raw), line, column)
        return SourceDocument(display, None, None, [problem], text)
    try:
        root = loader.get_single_node()
        if root is None:
            return SourceDocument(display, None, None, [_empty_problem(text)], text)
        problems = check_tree(root, limits)
        if any(p.code in _FATAL for p in problems):
            return SourceDocument(display, None, root, problems, text)
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as error:
        return SourceDocument(display, None, None, [_syntax_problem(error, text)], text)
    except yaml.reader.ReaderError as error:
        line, column = line_column(text, error.position)
        return SourceDocument(
            display,
            None,
            None,
            [SourceProblem("yaml.encoding", _reader_message(error, raw), line, column)],
            text,
        )
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        return SourceDocument(
            display, None, None, [SourceProblem("yaml.syntax", f"cannot parse: {error}")], text
        )
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        kind = "list" if isinstance(data, list) else type(data).__name__
        line, column = _mark(root)
        problems.append(
            SourceProblem(
                "yaml.root", f"the top level must be a mapping of keys, not a {kind}", line, column
            )
        )
        return SourceDocument(display, None, root, problems, text)
    return SourceDocument(display, data, root, problems, text)


def decode(raw: bytes) -> tuple[str, SourceProblem | None]:
    """Bytes -> text: UTF-8 (BOM optional) or UTF-16/32 with a BOM."""
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xef\xbb\xbf", "utf-8"),
    ):
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec), None
            except UnicodeDecodeError as error:
                return "", _decode_problem(raw, error, f"not valid {codec}")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        hint = "not valid UTF-8"
        if raw[1:40:2].count(0) > 5 or raw[0:40:2].count(0) > 5:
            hint = "looks like UTF-16 without a byte-order mark; save it as UTF-8"
        return "", _decode_problem(raw, error, hint)


def _decode_problem(raw: bytes, error: UnicodeDecodeError, hint: str) -> SourceProblem:
    before = raw[: error.start]
    line = before.count(b"\n") + 1
    column = error.start - (before.rfind(b"\n") + 1) + 1
    byte = raw[error.start : error.start + 1].hex()
    return SourceProblem(
        "yaml.encoding", f"byte 0x{byte} at offset {error.start}: {hint}", line, column
    )


_FATAL = frozenset({"yaml.tag", "yaml.limit", "yaml.key-type", "yaml.recursion", "yaml.number"})


def check_tree(root: Node, limits: Limits) -> list[SourceProblem]:
    """Walk the node tree once, without recursion, checking what PyYAML does not.

    Aliases are walked as expanded, so an alias bomb hits `max_nodes` after a
    bounded amount of work instead of exploding later in a validator.
    """
    problems: list[SourceProblem] = []
    seen = 0
    on_path: set[int] = set()
    # Each entry: (node, depth, pointer, leaving); `leaving` marks the exit of a container.
    stack: list[tuple[Node, int, str, bool]] = [(root, 1, "", False)]
    while stack:
        node, depth, pointer, leaving = stack.pop()
        if leaving:
            on_path.discard(id(node))
            continue
        seen += 1
        if seen > limits.max_nodes:
            problems.append(
                _at(
                    node,
                    "yaml.limit",
                    f"more than {limits.max_nodes:,} nodes "
                    "(after expanding aliases); the document is too large or an alias bomb",
                )
            )
            return problems
        if depth > limits.max_depth:
            problems.append(
                _at(node, "yaml.limit", f"nesting deeper than {limits.max_depth} levels", pointer)
            )
            return problems
        if isinstance(node, ScalarNode):
            problem = _check_scalar(node, pointer, limits)
            if problem is not None:
                problems.append(problem)
            continue
        if id(node) in on_path:
            problems.append(_at(node, "yaml.recursion", "an alias refers to its own ancestor"))
            return problems
        if node.tag not in _ALLOWED_TAGS:
            problems.append(_tag_problem(node, pointer))
            continue
        on_path.add(id(node))
        stack.append((node, depth, pointer, True))
        if isinstance(node, SequenceNode):
            for index in range(len(node.value) - 1, -1, -1):
                stack.append((node.value[index], depth + 1, f"{pointer}/{index}", False))
        elif isinstance(node, MappingNode):
            problems.extend(_check_keys(node, pointer))
            for key, value in reversed(node.value):
                if key.tag == _MERGE:
                    stack.append((value, depth + 1, pointer, False))
                elif isinstance(key, ScalarNode):
                    stack.append((value, depth + 1, f"{pointer}/{escape(str(key.value))}", False))
    return problems


def _check_scalar(node: ScalarNode, pointer: str, limits: Limits) -> SourceProblem | None:
    tag = node.tag
    if tag not in _ALLOWED_TAGS:
        return _tag_problem(node, pointer)
    text = node.value
    if tag == _INT and len(text) > limits.max_int_digits:
        return _at(
            node,
            "yaml.number",
            f"integer of {len(text)} digits exceeds the {limits.max_int_digits}-digit limit",
            pointer,
        )
    if tag == _FLOAT and text.lower().lstrip("+-") in (".inf", ".nan"):
        return _at(node, "yaml.number", f"`{text}` is not a finite number", pointer)
    return None


def _check_keys(node: MappingNode, pointer: str) -> list[SourceProblem]:
    problems: list[SourceProblem] = []
    first_seen: dict[str, Node] = {}
    for key, _value in node.value:
        if key.tag == _MERGE:
            continue
        if not isinstance(key, ScalarNode):
            problems.append(
                _at(key, "yaml.key-type", "keys must be plain text, not a collection", pointer)
            )
            continue
        if key.tag != _STR:
            problems.append(
                _at(
                    key,
                    "yaml.key-type",
                    f"key `{key.value}` is read as a {_kind(key.tag)}; "
                    f'quote it ("{key.value}") if it is meant as text',
                    pointer,
                )
            )
            continue
        earlier = first_seen.get(key.value)
        if earlier is None:
            first_seen[key.value] = key
            continue
        line, _ = _mark(earlier)
        problems.append(
            _at(
                key,
                "yaml.duplicate-key",
                f"duplicate key `{key.value}` (first defined on line "
                f"{line}); YAML would silently keep only this later value",
                f"{pointer}/{escape(str(key.value))}",
            )
        )
    return problems


def _kind(tag: str) -> str:
    return {_INT: "number", _FLOAT: "number", _BOOL: "boolean", _NULL: "null"}.get(tag, tag)


def _tag_problem(node: Node, pointer: str) -> SourceProblem:
    return _at(
        node,
        "yaml.tag",
        f"tag `{node.tag}` is not allowed: project files hold plain "
        "text, numbers, booleans, lists and mappings",
        pointer,
    )


def yaml11_hint(value: Any) -> str:
    """A hint for text that YAML 1.1 tools would have read as a boolean."""
    if isinstance(value, str) and value in _YAML11_BOOLEANS:
        return f" (`{value}` is text in YAML 1.2; write true or false for a yes/no value)"
    return ""


def locate(root: Node | None, pointer: str) -> Position:
    """Position of the node at a JSON pointer, or of its nearest existing ancestor.

    A mapping entry is located at its key (where a reader looks), a list item
    at the item itself.
    """
    if root is None:
        return Position()
    node: Node = root
    line, column = _mark(root)
    for part in split_pointer(pointer):
        found = _child(node, part)
        if found is None:
            break
        anchor, node = found
        line, column = _mark(anchor)
    return Position(line, column)


def _child(node: Node, part: str) -> tuple[Node, Node] | None:
    if isinstance(node, MappingNode):
        merged: list[Node] = []
        for key, value in node.value:
            if key.tag == _MERGE:
                merged.append(value)
            elif isinstance(key, ScalarNode) and key.value == part:
                return key, value
        for source in merged:
            for candidate in source.value if isinstance(source, SequenceNode) else [source]:
                found = _child(candidate, part)
                if found is not None:
                    return found
    elif isinstance(node, SequenceNode) and part.isdigit() and int(part) < len(node.value):
        item = node.value[int(part)]
        return item, item
    return None


def split_pointer(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")]


def escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def join_pointer(parts: list[str | int] | tuple[str | int, ...]) -> str:
    return "".join(f"/{escape(str(p))}" for p in parts)


class _Missing:
    """Marks a path that does not exist in the data."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def value_at(data: Any, path: Sequence[str | int]) -> Any:
    """The value at `path` in plain data, or MISSING."""
    value = data
    for part in path:
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            value = value[part]
        else:
            return MISSING
    return value


def line_column(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _at(node: Node, code: str, message: str, pointer: str = "") -> SourceProblem:
    line, column = _mark(node)
    return SourceProblem(code, message, line, column, pointer)


def _failed(display: str, code: str, message: str) -> SourceDocument:
    return SourceDocument(display, None, None, [SourceProblem(code, message)])


def _empty_problem(text: str) -> SourceProblem:
    what = "holds only comments" if text.strip() else "is empty"
    return SourceProblem("yaml.empty", f"the file {what}; expected a project description")


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> SourceProblem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = error.problem or "invalid YAML"
    if "expected a single document" in f"{problem} {error.context}":
        problem = "several YAML documents (---) in one file; put one project per file"
    elif mark is not None and _char_at(text, line, column) == "\t":
        problem = "a tab character where YAML needs spaces for indentation"
    elif error.context:
        problem = f"{problem} ({error.context})"
    return SourceProblem("yaml.syntax", problem, line, column)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line)
    if len(lines) < line:
        return ""
    row = lines[line - 1]
    return row[column - 1] if 0 < column <= len(row) else ""


def _reader_message(error: yaml.reader.ReaderError, raw: bytes) -> str:
    if error.character == 0 or b"\x00" in raw[:64]:
        return "NUL bytes in the text; is this a binary file or UTF-16 without a byte-order mark?"
    code = error.character if isinstance(error.character, int) else ord(str(error.character)[0])
    return f"control character U+{code:04X} is not allowed in YAML text"
