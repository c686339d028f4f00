"""Configuration files (rulesets, profiles, waivers): loading, validation, located errors.

Owns turning a YAML file into a pydantic model with every problem located at
file:line:col, and the ConfigError that carries those problems to the CLI
(exit code 2). Refuses evaluation and composition.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from checker.i18n import _
from checker.limits import Limits
from checker.pointers import MISSING, join_pointer, value_at
from checker.values import Frozen, set_field

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from pydantic import BaseModel, ValidationError

    from checker.sources import SourceDocument

COMMAND_LINE = "<command line>"


class ConfigProblem(Frozen):
    """A located problem in a configuration file or on the command line."""

    __slots__ = ("column", "line", "message", "path")

    path: str
    line: int
    column: int
    message: str

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        set_field(self, "path", path)
        set_field(self, "line", line)
        set_field(self, "column", column)
        set_field(self, "message", message)

    def __str__(self) -> str:
        if self.path == COMMAND_LINE:
            return self.message
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class ConfigError(Exception):
    """Configuration that cannot be used; every problem found is carried."""

    def __init__(self, problems: Sequence[ConfigProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = list(problems)


def load_config_file(
    path: Path, limits: Limits, kinds: Mapping[str, type[BaseModel]]
) -> tuple[tuple[BaseModel, SourceDocument] | None, list[ConfigProblem]]:
    """Parse and validate a config file whose `kind` selects the model."""
    from checker.sources import read_source  # PyYAML only once a file is read

    source = read_source(path, str(path), limits)
    problems = [ConfigProblem(source.path, p.line, p.column, p.message) for p in source.problems]
    if source.data is None:
        return None, problems
    kind = source.data.get("kind")
    model = kinds.get(kind) if isinstance(kind, str) else None
    if model is None:
        where = source.locate("/kind")
        expected = _(" or ").join(f"`{k}`" for k in kinds)
        said = _("`kind` must be {expected}").format(expected=expected)
        problems.append(ConfigProblem(source.path, where.line, where.column, said))
        return None, problems
    from pydantic import ValidationError  # only configuration files need pydantic

    try:
        validated = model.model_validate(source.data)
    except ValidationError as error:
        problems.extend(validation_problems(error, source, model))
        return None, problems
    if problems:
        return None, problems
    return (validated, source), problems


def validation_problems(
    error: ValidationError, source: SourceDocument, model: type[BaseModel] | None = None
) -> list[ConfigProblem]:
    """pydantic errors as located problems, one per location, most specific first; an
    unknown key of `model` (or of a model inside it) with the known key it is closest to."""
    seen: set[str] = set()
    problems: list[ConfigProblem] = []
    for item in sorted(error.errors(), key=lambda e: -len(e["loc"])):
        pointer = locate_loc(source.data, item["loc"])
        # One problem a place: a value no member of a union takes is refused by each of
        # them, deeper first. A missing key outside any union is its own problem, though
        # another value of the same entry is wrong too (it was dropped, and reported only
        # once the other was fixed).
        if any(s.startswith(pointer) for s in seen) and not _missing_here(source.data, item):
            continue
        seen.add(pointer)
        position = source.locate(pointer)
        where = pointer or "/"
        problems.append(
            ConfigProblem(
                source.path, position.line, position.column, f"{where}: {_message(item, model)}"
            )
        )
    return sorted(problems, key=lambda p: (p.line, p.column))


def _missing_here(data: Any, item: Any) -> bool:
    """Whether `item` is a required key missing from a mapping the file has, reached
    through the file's own keys and positions (no union member's tag on the way)."""
    if item["type"] != "missing":
        return False
    value = data
    for part in item["loc"][:-1]:
        value = value_at(value, [part])
        if value is MISSING:
            return False
    return isinstance(value, dict)


def locate_loc(data: Any, loc: Sequence[int | str]) -> str:
    """A JSON pointer for a pydantic error location, skipping union-member tags."""
    parts: list[str | int] = []
    value = data
    for part in loc:
        child = value_at(value, [part])
        if child is not MISSING:
            value = child
            parts.append(part)
        elif isinstance(value, dict) and isinstance(part, str) and part not in value:
            # A missing or unknown key: point at the key itself if it is what is wrong.
            continue
    return join_pointer(parts)


def _message(item: Any, model: type[BaseModel] | None = None) -> str:
    kind = item["type"]
    if kind == "extra_forbidden":
        key = item["loc"][-1]
        meant = _closest_key(model, item["loc"]) if isinstance(key, str) else None
        if meant:
            return _("unknown key `{key}` (did you mean `{meant}`?)").format(key=key, meant=meant)
        return _("unknown key `{key}`").format(key=key)
    if kind == "missing":
        return _("missing required key `{key}`").format(key=item["loc"][-1])
    from checker.i18n.pydantic_words import pydantic_message

    return pydantic_message(item)


def _closest_key(model: type[BaseModel] | None, loc: Sequence[int | str]) -> str | None:
    """The key, of the model that a pydantic location ends in, closest to its last part
    (`maxx` -> `max`, `refrences` -> `references`); None when nothing is close."""
    import difflib

    current = model
    for part in loc[:-1]:
        if current is None:
            return None
        fields = {(f.alias or name): f.annotation for name, f in current.model_fields.items()}
        if isinstance(part, str) and part in fields:
            inner = _models_in(fields[part])
            current = inner[0] if len(inner) == 1 else None
        # an item index, a union member's tag (`Condition`) or a mapping's key: same model
    if current is None:
        return None
    known = [f.alias or name for name, f in current.model_fields.items()]
    close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    return close[0] if close else None


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models an annotation holds (`list[Rule]`, `Condition | None`...)."""
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found.extend(m for m in _models_in(arg) if m not in found)
    return found


def config_files(dirs: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for folder in dirs:
        if folder.is_file():
            files.append(folder)
            continue
        if not folder.is_dir():
            raise ConfigError([ConfigProblem(str(folder), 1, 1, _("rulesets folder not found"))])
        files.extend(sorted(_yaml_files(folder)))
    return files


def _yaml_files(folder: Path) -> Iterator[Path]:
    """Every `.yaml` or `.yml` file under `folder`, not following links to folders (as
    `Path.rglob` does not; a walk, because rglob's pattern machinery cost 1.5 ms of each
    one-file check's start-up)."""
    for parent, _folders, names in os.walk(folder):
        for name in names:
            if name.lower().endswith((".yaml", ".yml")):  # as project files: `RULES.YAML`
                yield Path(parent, name)
