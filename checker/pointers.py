"""JSON pointers (RFC 6901) over plain data: split, escape, join, and look up.

Kept apart from the YAML loader so that code which only needs pointers
(conditions, configuration errors, cached results) does not import PyYAML.
"""

from __future__ import annotations

from collections.abc import Sequence

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any


def split_pointer(pointer: str) -> list[str]:
    if not pointer:
        return []
    parts = pointer.lstrip("/").split("/")
    if "~" not in pointer:  # the usual case: nothing to unescape
        return parts
    return [p.replace("~1", "/").replace("~0", "~") for p in parts]


def escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def join_pointer(parts: list[str | int] | tuple[str | int, ...]) -> str:
    if not parts:
        return ""
    texts = [str(p) for p in parts]
    joined = "/".join(texts)
    # Every finding's pointer is made here. With no `~` and no `/` inside a part
    # (as many slashes as separators), nothing needs escaping.
    if "~" in joined or joined.count("/") != len(texts) - 1:
        return "".join(f"/{escape(t)}" for t in texts)
    return "/" + joined


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
