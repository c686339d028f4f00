"""A small YAML writer that produces the look of a hand-written project file.

Owns turning nested dicts and lists into block-style YAML with the touches a
person adds: section comments, end-of-line remarks, flow mappings for short
rows, flow lists, and folded `>-` paragraphs. Refuses anything PyYAML's
`yaml.dump` would do for us: no anchors, no tags, no canonical quoting; every
string that could be misread is double-quoted, everything else stays plain.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from typing import Any

INDENT = 2
WIDTH = 88

# Plain scalars that YAML 1.1 or 1.2 would read as something other than text.
_RESERVED = re.compile(
    r"^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?[0-9][0-9_.:eExXoO+-]*|\.inf|\.nan)$",
    re.IGNORECASE,
)
_PLAIN_START = re.compile(r"^[A-Za-z0-9(]")
_BLOCK_UNSAFE = (": ", " #", "\t")
_FLOW_UNSAFE = (",", "[", "]", "{", "}")


class Folded(str):
    """Text written as a folded `>-` block, wrapped like a person would."""


class Plain(str):
    """Text written as it is, unquoted: dates such as 2024-05-01, as people type them."""


class Flow(dict[str, Any]):
    """A short mapping written on one line: `{a: 1, b: two}`."""


class Block(list[Any]):
    """A list of scalars written one item per line even when short."""


@dataclass(frozen=True, slots=True)
class Remark:
    """A comment line at the current indentation, placed as a mapping key."""

    text: str


@dataclass(frozen=True, slots=True)
class Commented:
    """A scalar followed by an end-of-line comment."""

    value: Any
    comment: str


def scalar(value: Any, flow: bool = False) -> str:
    """One scalar as YAML text, quoted only when a reader could misread it."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, Plain):
        return str(value)
    text = str(value)
    unsafe = _BLOCK_UNSAFE + (_FLOW_UNSAFE if flow else ())
    if (
        not text
        or _RESERVED.match(text)
        or not _PLAIN_START.match(text)
        or text != text.strip()
        or text.endswith(":")
        or any(u in text for u in unsafe)
    ):
        return json.dumps(text, ensure_ascii=False)
    return text


def _flow_value(value: Any) -> str:
    if isinstance(value, dict):
        inner = ", ".join(f"{k}: {_flow_value(v)}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow_value(v) for v in value) + "]"
    return scalar(value, flow=True)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list | Commented | Folded)


def _inline_list(value: list[Any]) -> bool:
    return not isinstance(value, Block) and all(_is_scalar(v) for v in value)


def _entry(key: str, value: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, Commented):
        line = f"{pad}{key}: {_flow_value(value.value)}"
        out.append(f"{line.ljust(indent + 36)} # {value.comment}")
    elif isinstance(value, Folded):
        out.append(f"{pad}{key}: >-")
        body = textwrap.wrap(str(value), WIDTH - indent - INDENT)
        out.extend(f"{pad}{' ' * INDENT}{part}" for part in body)
    elif isinstance(value, Flow):
        out.append(f"{pad}{key}: {_flow_value(value)}")
    elif isinstance(value, dict):
        out.append(f"{pad}{key}:")
        mapping(value, indent + INDENT, out)
    elif isinstance(value, list) and (not value or _inline_list(value)):
        out.append(f"{pad}{key}: {_flow_value(value)}")
    elif isinstance(value, list):
        out.append(f"{pad}{key}:")
        sequence(value, indent + INDENT, out)
    else:
        out.append(f"{pad}{key}: {scalar(value)}")


def mapping(value: dict[Any, Any], indent: int, out: list[str]) -> None:
    """Append a block mapping at `indent`; `Remark` keys become comment lines."""
    for key, item in value.items():
        if isinstance(key, Remark):
            out.append(f"{' ' * indent}# {key.text}")
        else:
            _entry(key, item, indent, out)


def sequence(value: list[Any], indent: int, out: list[str]) -> None:
    """Append a block sequence at `indent`; mappings start on the dash line."""
    pad = " " * indent
    for item in value:
        if isinstance(item, Flow):
            out.append(f"{pad}- {_flow_value(item)}")
        elif isinstance(item, dict):
            lines: list[str] = []
            mapping(item, indent + INDENT, lines)
            out.append(f"{pad}- {lines[0].lstrip()}")
            out.extend(lines[1:])
        elif isinstance(item, Folded):
            body = textwrap.wrap(str(item), WIDTH - indent - INDENT)
            out.append(f"{pad}- >-")
            out.extend(f"{pad}{' ' * INDENT}{part}" for part in body)
        else:
            out.append(f"{pad}- {scalar(item)}")


def document(value: dict[Any, Any], header: list[str]) -> str:
    """The whole file: header comments, then the top-level mapping."""
    out = [f"# {line}" if line else "#" for line in header]
    mapping(value, 0, out)
    return "\n".join(out) + "\n"
