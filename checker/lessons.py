"""Lessons: a trainer's titled sequence of what-if steps on a real case.

Owns the lesson file model (exported as `lesson.schema.json`), loading a lesson with
every problem located (checker/config.py), finding its base project (relative to the
lesson file; a missing one is named), and playing it: each step's changes applied on
top of the previous step's project (checker/scenarios.py, the same change format as
`govcheck whatif --set`: a JSON pointer and a YAML value) and checked through the core
(checker/whatif.py), so every verdict is `govcheck check`'s. A step whose change does
not fit the project is an error at that change in the lesson file, naming the step.
Refuses rendering (checker/report/lesson_report.py) and the TUI's playing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from checker.config import ConfigError, ConfigProblem, validation_problems
from checker.documents import ProjectDocument, load_project
from checker.findings import ProjectResult
from checker.i18n import _
from checker.limits import DEFAULT_LIMITS, Limits
from checker.profiles import ResolvedProfile
from checker.scenarios import Change, Origin, pointer_of
from checker.sources import SourceDocument, read_source
from checker.whatif import WhatIf, compare_variant

_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
_Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class LessonSource(_Model):
    """The legal source a step turns on: instrument, article and paragraph."""

    instrument: _Name
    """e.g. Regulation (EU) 2024/1689 (AI Act)."""
    article: _Name
    """e.g. Art. 5(1)(h) and 5(2)-(3)."""
    url: Annotated[str, StringConstraints(pattern=r"^https?://")] | None = None
    """The official text."""
    note: _Text | None = None
    """What the source says that matters here, or what is uncertain about it."""


class LessonStep(_Model):
    """One change to the case and the trainer's explanation of what it moves."""

    title: _Name
    """What the step does, e.g. "Search after the fact, not live"."""
    set: Annotated[dict[str, Any], Field(min_length=1)]
    """The facts to change: JSON pointer -> value, as `govcheck whatif --set
    POINTER=VALUE` takes them (e.g. `/ai_systems/0/rbi_mode: post`)."""
    explanation: _Text
    """What the trainer says: why this fact matters and what to watch move."""
    sources: Annotated[list[LessonSource], Field(min_length=1)]
    """The legal sources of the step (at least one)."""
    watch: list[Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9-]*$")]] = []
    """Rule ids the step is about: the walkthrough points them out."""


class Lesson(_Model):
    """A lesson file: `lessons/*.yaml`."""

    format_version: Literal[1]
    """Version of this file format; currently 1."""
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=100)]
    """Stable identifier."""
    title: _Name
    """The lesson's title."""
    summary: _Text
    """What the lesson teaches, in a few sentences."""
    project: Annotated[str, StringConstraints(min_length=1, max_length=1000)]
    """The base project file, relative to the lesson file."""
    profiles: list[_Name] = ["eu", "minimal"]
    """The profiles the lesson compares (the command line's -p overrides them)."""
    minutes: int | None = Field(default=None, ge=1, le=240)
    """How long the lesson takes in a room."""
    steps: Annotated[list[LessonStep], Field(min_length=1)]
    """The steps, applied one after the other."""


@dataclass(frozen=True, slots=True)
class LoadedLesson:
    """A lesson and what it stands on: its file (to locate problems) and its project."""

    lesson: Lesson
    path: Path
    source: SourceDocument
    project: ProjectDocument

    def changes(self, index: int) -> list[Change]:
        """Step `index`'s changes, each knowing where in the lesson file it is written."""
        step = self.lesson.steps[index]
        found: list[Change] = []
        for pointer, value in step.set.items():
            at = f"/steps/{index}/set/{pointer.replace('~', '~0').replace('/', '~1')}"
            where = self.source.locate(at)
            label = _("step {number} ({title})").format(number=index + 1, title=step.title)
            origin = Origin(label, str(self.path), where.line, where.column)
            found.append(Change(pointer_of(pointer), value, origin))
        return found


@dataclass(frozen=True, slots=True)
class PlayedStep:
    """One step played: what moved since the previous step."""

    number: int
    """1-based."""
    whatif: WhatIf


@dataclass(frozen=True, slots=True)
class PlayedLesson:
    """A lesson played under some profiles: the base result, then every step's moves."""

    loaded: LoadedLesson
    base: ProjectResult
    steps: tuple[PlayedStep, ...]
    profiles: tuple[str, ...]
    as_of: str

    @property
    def lesson(self) -> Lesson:
        return self.loaded.lesson

    def results(self) -> list[ProjectResult]:
        """The project's result as written, then after each step (for the score chart)."""
        return [self.base, *(s.whatif.after for s in self.steps)]


def load_lesson(
    path: Path, limits: Limits = DEFAULT_LIMITS, language: str | None = None
) -> LoadedLesson:
    """Read and validate a lesson and its base project; raises ConfigError. Its texts are
    in `language` (default: the language in use) where a stamped translation file has
    them (checker/i18n/lesson_texts.py), else English."""
    source = read_source(path, str(path), limits)
    problems = [ConfigProblem(source.path, p.line, p.column, p.message) for p in source.problems]
    if source.data is None or problems:
        raise ConfigError(problems)
    from pydantic import ValidationError

    try:
        lesson = Lesson.model_validate(source.data)
    except ValidationError as error:
        raise ConfigError(validation_problems(error, source)) from None
    # `lessons/../projects/x.yaml` said as `projects/x.yaml`: lexically, as it was written
    project_path = Path(os.path.normpath(path.parent / lesson.project))
    if not project_path.is_file():
        where = source.locate("/project")
        raise ConfigError(
            [
                ConfigProblem(
                    str(path),
                    where.line,
                    where.column,
                    _(
                        "the lesson's base project {project} does not exist (looked for {path})"
                    ).format(project=lesson.project, path=project_path),
                )
            ]
        )
    project = load_project(project_path, str(project_path), limits)
    if project.data is None:
        first = project.problems[0] if project.problems else None
        detail = f": {first.location()}: {first.message}" if first else ""
        where = source.locate("/project")
        raise ConfigError(
            [
                ConfigProblem(
                    str(path),
                    where.line,
                    where.column,
                    _("the lesson's base project {project} cannot be read{detail}").format(
                        project=lesson.project, detail=detail
                    ),
                )
            ]
        )
    loaded = LoadedLesson(lesson, path, source, project)
    if language is None:
        from checker.i18n import language as in_use

        language = in_use()
    if language == "en":
        return loaded
    from checker.i18n.lesson_texts import localise_lesson

    return localise_lesson(loaded, language)


def play(
    loaded: LoadedLesson,
    profiles: Sequence[ResolvedProfile],
    as_of: str = "",
    limits: Limits = DEFAULT_LIMITS,
) -> PlayedLesson:
    """Every step, each on top of the previous one; raises ConfigError (located at the
    step's change in the lesson file) for a change that does not fit the project."""
    from checker.checking import check_document, today
    from checker.scenarios import apply_changes

    when = as_of or today()
    base = check_document(loaded.project, profiles, when)
    document, before = loaded.project, base
    played: list[PlayedStep] = []
    problems: list[ConfigProblem] = []
    for index in range(len(loaded.lesson.steps)):
        try:
            variant = apply_changes(document, loaded.changes(index), limits)
        except ConfigError as error:
            problems.extend(error.problems)
            continue
        whatif = compare_variant(variant, profiles, when, before)
        played.append(PlayedStep(index + 1, whatif))
        document, before = variant.document, whatif.after
    if problems:
        raise ConfigError(problems)
    return PlayedLesson(loaded, base, tuple(played), tuple(p.id for p in profiles), when)


def bundled_lesson(name: str) -> Path | None:
    """A bundled lesson by id (`bishkek-to-eu`), or None."""
    from checker.bundled import lessons_dir

    for suffix in (".yaml", ".yml"):
        candidate = lessons_dir() / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    return None


__all__ = [
    "Lesson",
    "LessonSource",
    "LessonStep",
    "LoadedLesson",
    "PlayedLesson",
    "PlayedStep",
    "bundled_lesson",
    "load_lesson",
    "play",
]
