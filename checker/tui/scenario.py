"""The scenario pane's model: a project's editable facts and a history of changes.

Owns, for one loaded project, the facts a trainer can edit (each stated single value,
and each fact the profiles ask for that the proposal does not show), what the project
schema accepts for each (its choices for an enum or a yes/no fact), the changes made
so far with undo, redo and reset, and evaluating them through the core
(checker/whatif.py) — called from a worker thread, never on the UI thread. Refuses
Textual (a test imports it headless), YAML (the core reads and edits the file) and
rule logic.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.config import ConfigError
from checker.documents import ProjectDocument, load_project
from checker.findings import ProjectResult, fact_path
from checker.i18n import _
from checker.limits import DEFAULT_LIMITS
from checker.pointers import MISSING, join_pointer, split_pointer, value_at
from checker.question_wording import accepted_answers, field_schema
from checker.resolved import ResolvedProfile
from checker.scenarios import Change, Origin, Variant, apply_changes, save_in_place, save_variant
from checker.whatif import ReviewRecord, WhatIf, compare_variant
from checker.yamledit import EditError, inline, read_value


@dataclass(frozen=True, slots=True)
class Fact:
    """One editable fact: where it is, what it holds, what it accepts."""

    pointer: str
    value: Any
    stated: bool
    choices: tuple[str, ...] = ()
    """The values to offer as written in YAML (`true`, `post`...), when the schema lists them."""
    accepts: str = ""
    """What the field accepts, in words (the questions' wording)."""

    @property
    def label(self) -> str:
        return fact_path(self.pointer)

    @property
    def shown(self) -> str:
        return inline(self.value) if self.stated else _("(not stated)")


def facts(document: ProjectDocument, asked: Sequence[str] = ()) -> list[Fact]:
    """Every stated single value of the project, then each `asked` pointer (facts the
    profiles need that it does not show), in file order, once each."""
    data = document.data or {}
    found: dict[str, Fact] = {}
    for pointer, value in _leaves(data, ()):
        found[pointer] = _fact(pointer, value, stated=True)
    for pointer in asked:
        if pointer and pointer not in found:
            value = value_at(data, [int(p) if p.isdigit() else p for p in split_pointer(pointer)])
            stated = value is not MISSING
            if not isinstance(value, dict | list):
                found[pointer] = _fact(pointer, value if stated else None, stated=stated)
    return sorted(found.values(), key=lambda f: _position(document, f.pointer))


def _position(document: ProjectDocument, pointer: str) -> tuple[int, int, str]:
    where = document.locate(pointer)
    return where.line, where.column, pointer


def _leaves(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, (*path, key))
    elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
        for index, child in enumerate(value):
            yield from _leaves(child, (*path, index))
    elif path and path[0] not in ("provenance", "format_version", "id", "evidence"):
        yield join_pointer(list(path)), value


def _fact(pointer: str, value: Any, *, stated: bool) -> Fact:
    parts = split_pointer(pointer)
    _, schema = field_schema(parts)
    options = [v for v in schema.get("enum", ()) if v is not None]
    if not options and _is_boolean(schema):
        options = [True, False]
    return Fact(
        pointer,
        value,
        stated,
        tuple(inline(v) for v in options),
        accepted_answers(parts) if schema else "",
    )


def _is_boolean(schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    return kind == "boolean" or (isinstance(kind, list) and "boolean" in kind)


@dataclass
class Scenario:
    """One project being changed: the base as loaded, the changes, undo and redo."""

    path: Path
    profiles: tuple[ResolvedProfile, ...]
    as_of: str
    base: ProjectDocument
    changes: dict[str, Any] = field(default_factory=dict)
    _undone: list[dict[str, Any]] = field(default_factory=list)
    _done: list[dict[str, Any]] = field(default_factory=list)
    base_result: ProjectResult | None = None
    record: ReviewRecord | None = None
    """The review record the portfolio is checked with: "before" is what it shows."""

    @classmethod
    def load(
        cls,
        path: Path,
        profiles: Sequence[ResolvedProfile],
        as_of: str,
        record: ReviewRecord | None = None,
    ) -> Scenario:
        base = load_project(path, str(path), DEFAULT_LIMITS)
        return cls(path, tuple(profiles), as_of, base, record=record)

    def set(self, pointer: str, text: str) -> None:
        """Change a fact to the YAML value `text`; raises EditError for text that is not
        a value (the schema's verdict comes with `evaluate`)."""
        value = read_value(text)
        self._done.append(dict(self.changes))
        self._undone.clear()
        self.changes[pointer] = value

    def undo(self) -> bool:
        if not self._done:
            return False
        self._undone.append(dict(self.changes))
        self.changes = self._done.pop()
        return True

    def redo(self) -> bool:
        if not self._undone:
            return False
        self._done.append(dict(self.changes))
        self.changes = self._undone.pop()
        return True

    def reset(self) -> None:
        if self.changes:
            self._done.append(dict(self.changes))
            self._undone.clear()
            self.changes = {}

    def variant(self, changes: dict[str, Any] | None = None) -> Variant:
        """The changed project (with `changes`, else the scenario's); raises ConfigError
        for a change the project refuses."""
        chosen = self.changes if changes is None else changes
        made = [Change(p, v, Origin(f"{fact_path(p)}")) for p, v in chosen.items()]
        return apply_changes(self.base, made)

    def evaluate(self, changes: dict[str, Any] | None = None) -> WhatIf:
        """Check the base and the changed project through the core (in a worker thread:
        `changes` is a copy taken on the UI thread, the scenario is not mutated)."""
        variant = self.variant(changes)
        whatif = compare_variant(
            variant, self.profiles, self.as_of, self.base_result, record=self.record
        )
        self.base_result = whatif.before
        return whatif

    def save_as(self, target: Path) -> Path:
        """Write the variant to another file, with provenance; raises ConfigError."""
        return save_variant(self.variant(), target)

    def save(self) -> None:
        """Write the changes into the project file itself (explicit), atomically;
        raises ConfigError when the file changed on disk since it was loaded."""
        save_in_place(self.variant(), self.path)
        self.base = load_project(self.path, str(self.path), DEFAULT_LIMITS)
        self.changes, self._done, self._undone, self.base_result = {}, [], [], None


__all__ = ["ConfigError", "EditError", "Fact", "Scenario", "facts"]
