"""Static checks of rules against the project format, so a rule cannot silently never match.

Owns two checks: every `path` a condition names exists in the project schema
(a typo such as `data_processing.dpia.state` would otherwise make a rule
pass or not apply forever), and every example fragment uses real fields and
values (checked by `govcheck rules test`). Refuses evaluation.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from checker.jsonschemas import committed, project_subschema
from checker.validators import CompiledSchema, compile_schema


def unknown_paths(condition: Any, base: tuple[str, ...] = ()) -> list[str]:
    """Dotted paths in `condition` that the project schema does not have."""
    found: list[str] = []
    if isinstance(condition, list):
        for part in condition:
            found.extend(unknown_paths(part, base))
        return found
    if not isinstance(condition, dict):
        return found
    for key in ("all", "any"):
        if isinstance(condition.get(key), list):
            found.extend(unknown_paths(condition[key], base))
    if "not" in condition:
        found.extend(unknown_paths(condition["not"], base))
    path = condition.get("path")
    parts = tuple(p for p in path.split(".") if p) if isinstance(path, str) else ()
    full = (*base, *parts)
    if parts and not _exists(full):
        found.append(".".join(p for p in full if p != "*"))
        return found
    for key in ("some", "every", "none"):
        if key in condition:
            found.extend(unknown_paths(condition[key], (*full, "*")))
    return found


def _exists(path: tuple[str, ...]) -> bool:
    schema: dict[str, Any] = project_subschema(())
    for index in range(len(path)):
        schema = project_subschema(path[: index + 1])
        if not schema:
            return False
    return True


@cache
def _fragment_validator() -> CompiledSchema:
    """The project schema with nothing required: fragments may omit anything."""
    schema = copy.deepcopy(committed("project"))
    stack: list[Any] = [schema]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            item.pop("required", None)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return compile_schema(schema, formats=True)


def fragment_errors(fragment: dict[str, Any]) -> list[str]:
    """Why an example fragment is not a possible piece of a project file."""
    return [
        f"{'/'.join(str(p) for p in e.path) or '/'}: {e.message[:160]}"
        for e in _fragment_validator().errors(fragment)
    ]
