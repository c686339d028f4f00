"""Editing YAML text in place: set one value by JSON pointer without re-dumping the file.

Owns the text surgery behind what-if changes and saved variants. The file is parsed
with the core's loader (checker/sources.py) and only the located span of the value
changes: a scalar is replaced where it stands (a plain or quoted scalar by a scalar, a
block one keeping its line break), a missing key is inserted after the last entry of
its mapping at that mapping's indentation (missing sections on the way are written
as nested blocks), an item is added at the end of a list. Every comment, blank line,
anchor, quoting style, key order and line break elsewhere stays as written (added
lines use the file's own line break, checker/textform.py); only the comments
*inside* a replaced value (between the lines of a block mapping, say) go with it.
Values are written as the core reads them back: plain when the YAML 1.2 loader
reads the plain text as that very value, else as JSON (which YAML 1.2 reads alike).
Refuses checking what the edit means (checker/scenarios.py checks the result).
"""

from __future__ import annotations

import json
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from checker.limits import DEFAULT_LIMITS
from checker.sources import parse_source
from checker.textform import newline_of, with_newline

_INDENT = "  "


class EditError(ValueError):
    """The text or value cannot be edited as asked (the message says why)."""


def read_value(text: str) -> Any:
    """One line of YAML (a scalar or a flow collection) read by the core's loader."""
    source = parse_source(f"v: {text}\n".encode(), "value", DEFAULT_LIMITS)
    if source.problems or source.data is None:
        problem = source.problems[0] if source.problems else None
        raise EditError(problem.message if problem else "not a value")
    return source.data.get("v")


def inline(value: Any) -> str:
    """A value on one line: plain where the loader reads it back as the same value."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{inline(k)}: {inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(inline(v) for v in value) + "]"
    if isinstance(value, str) and value and _plain_safe(value):
        try:
            if read_value(value) == value:
                return value
        except EditError:
            pass
    return json.dumps(value, ensure_ascii=False)


def _plain_safe(text: str) -> bool:
    """No character that starts or ends a flow collection or a comment, no edge spaces."""
    return text == text.strip() and not any(c in text for c in "{}[],#\"'\n\t`|>&*!%@")


def block(key: str, value: Any, pad: str) -> list[str]:
    """`key: value` lines at `pad`: sections and lists of sections as nested blocks."""
    head = f"{pad}{inline(key)}:"
    if isinstance(value, dict) and value:
        return [f"{head}\n", *_entries(value, pad + _INDENT)]
    if isinstance(value, list) and any(isinstance(v, dict) and v for v in value):
        return [f"{head}\n", *(line for v in value for line in item(v, pad + _INDENT))]
    return [f"{head} {inline(value)}\n"]


def _entries(value: dict[str, Any], pad: str) -> list[str]:
    return [line for k, v in value.items() for line in block(k, v, pad)]


def item(value: Any, pad: str) -> list[str]:
    """A list item at `pad`: `- value`, or a section whose first key follows the dash."""
    if isinstance(value, dict) and value:
        lines = _entries(value, pad + _INDENT)
        lines[0] = f"{pad}- {lines[0][len(pad) + len(_INDENT) :]}"
        return lines
    return [f"{pad}- {inline(value)}\n"]


def edited(text: str, parts: list[str], value: Any) -> str:
    """`text` with the value at the pointer `parts` set to `value`; raises EditError."""
    source = parse_source(text.encode("utf-8"), "edit", DEFAULT_LIMITS)
    if source.root is None or source.data is None:
        raise EditError("the file cannot be read as YAML data")
    node: Node = source.root
    for depth, part in enumerate(parts):
        child = _child(node, part)
        if child is None:
            return _inserted(text, node, parts[depth:], value)
        node = child
    return _replaced(text, node, value)


def _child(node: Node, part: str) -> Node | None:
    found: Node | None = None
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == part:
                found = value  # the last duplicate wins, as in the data
    elif isinstance(node, SequenceNode) and part.isdigit() and int(part) < len(node.value):
        found = node.value[int(part)]
    return found


def _replaced(text: str, node: Node, value: Any) -> str:
    start, end = node.start_mark.index, node.end_mark.index
    span = text[start:end]
    rest = span[len(span.rstrip()) :] if isinstance(node, ScalarNode) and node.style in "|>" else ""
    if not isinstance(node, ScalarNode) and not node.flow_style:  # type: ignore[attr-defined]
        # A block section or list replaced by a value: keep the line break it ended on.
        rest = newline_of(text) if span.endswith("\n") else ""
    if start == end:  # `key:` with nothing after it (null): the value needs its space
        return text[:start] + " " + inline(value) + text[end:]
    # An anchor stays where it is: aliases elsewhere name it (its tag goes with the value).
    anchor = span.split(None, 1)[0] + " " if span.startswith("&") else ""
    return text[:start] + anchor + inline(value) + rest + text[end:]


def _nested(parts: list[str], value: Any) -> Any:
    """The value to insert for the pointer's missing tail: sections (or one-item lists)."""
    for part in reversed(parts):
        value = [value] if part == "-" or part.isdigit() else {part: value}
    return value


def _inserted(text: str, node: Node, missing: list[str], value: Any) -> str:
    head, tail = missing[0], _nested(missing[1:], value)
    if isinstance(node, MappingNode):
        if node.flow_style or not node.value:
            return _flow_insert(text, node, f"{inline(head)}: {inline(tail)}")
        pad = " " * node.value[0][0].start_mark.column
        return _after(text, node.value[-1][1], block(head, tail, pad))
    if isinstance(node, SequenceNode):
        if node.flow_style or not node.value:
            return _flow_insert(text, node, inline(tail))
        pad = " " * _dash_column(text, node)
        return _after(text, node.value[-1], item(tail, pad))
    raise EditError("a single value has no fields")


def _dash_column(text: str, node: SequenceNode) -> int:
    """The column of a block list's dashes (its first item sits after `- `)."""
    first = node.value[0].start_mark
    line_start = text.rfind("\n", 0, first.index) + 1
    dash = text.rfind("-", line_start, first.index)
    return dash - line_start if dash >= 0 else first.column


def _flow_insert(text: str, node: Node, entry: str) -> str:
    end = node.end_mark.index - 1  # the closing bracket
    empty = not node.value
    return text[:end] + ("" if empty else ", ") + entry + text[end:]


def _leaf(node: Node) -> Node:
    """The last scalar or flow collection inside `node`: a block collection's own end mark
    lies at the next token, which may be lines further down (after a dedent)."""
    while isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    return node


def _after(text: str, last: Node, lines: list[str]) -> str:
    """Insert whole lines after the line where `last` ends, with the file's line break."""
    mark = _leaf(last).end_mark
    newline = newline_of(text)
    if not text.endswith("\n"):
        text += newline
    rows = text.splitlines(keepends=True)
    at = mark.line if mark.column == 0 else mark.line + 1
    return "".join(rows[:at] + with_newline(lines, newline) + rows[at:])


__all__ = ["EditError", "block", "edited", "inline", "item", "read_value"]
