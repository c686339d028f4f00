"""The item a finding is about: a list item named by its natural key, not by where it is found.

Owns one half of a finding's identity (the other half, the hash, is
`Finding.fingerprint` in checker/expanded.py): when a rule's finding is
located inside an item of a list (an AI system, a vendor, a financier, a
transfer), the item key names that item by its `name` (or `id`, or its value
for a list of plain values), so that neither the finding moving to a deeper
value of the same item nor the list being reordered re-keys baselines and
SARIF/GitHub alerts. Refuses locating and hashing: the engine decides the
pointer, the fingerprint hashes (profile, rule, project, item key).

The outermost list item on the pointer is the subject: a finding located at
`/ai_systems/0/permitted_objectives/1` is about the AI system, and moving it
within that system does not change what it is about.
"""

from __future__ import annotations

import functools
import json
import re

from checker.findings import Evaluation, Located, fact_path
from checker.pointers import join_pointer, split_pointer
from checker.values import replace

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

_DIGIT = re.compile("[0-9]").search
"""Whether a pointer holds a digit, in one C call (a set test per character was not)."""


def item_key(data: Any, pointer: str) -> str:
    """`parties.vendors["Huawei Technologies"]` for a pointer into that vendor, `""` for a
    pointer into no list item. An item without a natural key is named by its position
    (`ai_systems[0]`): a bare number, never mistaken for a name, which is always quoted."""
    if not pointer or _DIGIT(pointer) is None:  # most pointers: no list index at all
        return ""
    value = data
    parts = split_pointer(pointer)
    for depth, part in enumerate(parts):
        if isinstance(value, list):
            if not part.isdigit() or int(part) >= len(value):
                return ""
            index = int(part)
            return f"{_list_path(tuple(parts[:depth]))}[{natural_key(value[index], index)}]"
        if not isinstance(value, dict) or part not in value:
            return ""
        value = value[part]
    return ""


@functools.lru_cache(maxsize=4096)
def _list_path(parts: tuple[str, ...]) -> str:
    """`parties.vendors`: a list's path as a reviewer reads it (a few lists, many items)."""
    return fact_path(join_pointer(parts))


def natural_key(item: Any, index: int) -> str:
    """The item's `name`, else its `id`, else the plain value itself, JSON-quoted; else
    its position."""
    if isinstance(item, dict):
        for key in ("name", "id"):
            text = item.get(key)
            if isinstance(text, str) and text.strip():
                return _quoted(text)
        return str(index)
    if isinstance(item, str):
        return _quoted(item)
    if isinstance(item, int | float | bool):
        return json.dumps(item, ensure_ascii=False)
    return str(index)


@functools.lru_cache(maxsize=4096)
def _quoted(text: str) -> str:
    """A name JSON-quoted (the same vendors recur across a portfolio)."""
    return json.dumps(text, ensure_ascii=False)


def name_items(
    evaluation: Evaluation, data: Any, known: dict[str, str] | None = None
) -> Evaluation:
    """The evaluation with the item key of every located finding that lies in a list item.

    Done after the engine, on problems only (a few per project), so that the hot loop
    is untouched; the item rides with the location into the result cache. `known` keeps
    the keys of pointers into `data` across its evaluations (one per profile)."""
    renamed: dict[int, Any] | None = None
    if known is None:
        known = {}
    for index, where in evaluation.located.items():
        pointer = where.pointer
        key = known.get(pointer)
        if key is None:
            key = known[pointer] = item_key(data, pointer)
        if key and key != where.item:
            if renamed is None:
                renamed = dict(evaluation.located)
            # Not `replace`: a few times faster, and this runs once per problem.
            renamed[index] = Located(
                where.pointer, where.line, where.column, where.detail, where.facts, key
            )
    return evaluation if renamed is None else replace(evaluation, located=renamed)
