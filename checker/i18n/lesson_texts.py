"""A lesson's own texts in other languages: its title, summary, steps' titles, explanations
and legal sources (instrument, article, note; the URL is the English's).

Owns lesson translation files (`lessons/translations/<language>/<lesson file name>`,
`kind: lesson-translation`), keyed by step number, each part stamped with the SHA-256
of the English it was made from; applying them (`localise_lesson`), falling back to the
English for a part missing or stale (a reader never sees a translation of words the
lesson no longer says); what is missing or stale (`problems`); and stamping
(`python -m checker.i18n.lesson_texts stamp lessons/translations/ru`). Refuses the
lesson file itself (checker/lessons.py) and the code's own strings (gettext catalogs).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from checker.config import ConfigError, ConfigProblem
from checker.lessons import Lesson, LessonStep, LoadedLesson

_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceTranslation(_Model):
    """A step's legal source in the language (same order as the English's)."""

    instrument: _Text
    article: _Text
    note: _Text | None = None


class StepTranslation(_Model):
    """One step's words in the language: the step is the number it has in the lesson."""

    title: _Text
    explanation: _Text
    source_digest: str | None = None
    sources: list[SourceTranslation] = []
    sources_digest: str | None = None
    """Stamped apart from the title and explanation: a corrected citation leaves the
    step's translated explanation current."""


class LessonTranslation(_Model):
    """A lesson translation file."""

    kind: Literal["lesson-translation"]
    language: str
    translates: str
    """The lesson's id."""
    title: _Text
    summary: _Text
    source_digest: str | None = None
    steps: dict[int, StepTranslation] = {}


def translation_path(lesson_path: Path, language: str) -> Path:
    """`lessons/translations/<language>/<lesson file name>` beside the lesson."""
    return lesson_path.parent / "translations" / language / lesson_path.name


def lesson_digest(lesson: Lesson) -> str:
    return _digest({"title": lesson.title, "summary": lesson.summary})


def step_digest(step: LessonStep) -> str:
    return _digest({"title": step.title, "explanation": step.explanation})


def sources_digest(step: LessonStep) -> str:
    return _digest(
        {str(n): [s.instrument, s.article, s.note or ""] for n, s in enumerate(step.sources, 1)}
    )


def _sources_current(said: StepTranslation, english: LessonStep) -> bool:
    if len(said.sources) != len(english.sources):
        return False
    pairs = zip(said.sources, english.sources, strict=True)
    same_notes = all(bool(t.note) == bool(e.note) for t, e in pairs)
    return same_notes and said.sources_digest == sources_digest(english)


def _digest(texts: dict[str, Any]) -> str:
    canonical = json.dumps(texts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def read_translation(path: Path) -> LessonTranslation:
    """A translation file, validated; raises ConfigError located at the file."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return LessonTranslation.model_validate(data)
    except (OSError, yaml.YAMLError, ValidationError) as error:
        said = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ConfigError([ConfigProblem(str(path), 1, 1, said)]) from None


def localise_lesson(loaded: LoadedLesson, language: str) -> LoadedLesson:
    """`loaded` with the texts its translation into `language` has, where they are stamped
    with the English as it is now; unchanged when there is no translation file."""
    path = translation_path(loaded.path, language)
    if language == "en" or not path.is_file():
        return loaded
    words = read_translation(path)
    lesson = loaded.lesson
    update: dict[str, Any] = {}
    if words.translates == lesson.id and words.source_digest == lesson_digest(lesson):
        update = {"title": words.title, "summary": words.summary}
    steps = []
    for number, english in enumerate(lesson.steps, 1):
        said = words.steps.get(number) if words.translates == lesson.id else None
        step = english
        if said is not None and said.source_digest == step_digest(english):
            step = step.model_copy(update={"title": said.title, "explanation": said.explanation})
        if said is not None and _sources_current(said, english):
            sources = [
                e.model_copy(
                    update={"instrument": t.instrument, "article": t.article, "note": t.note}
                )
                for t, e in zip(said.sources, english.sources, strict=True)
            ]
            step = step.model_copy(update={"sources": sources})
        steps.append(step)
    return replace(loaded, lesson=lesson.model_copy(update={**update, "steps": steps}))


def problems(lesson: Lesson, path: Path, language: str) -> list[str]:
    """What of `lesson` is not translated into `language`: missing, unstamped or stale."""
    where = translation_path(path, language)
    if not where.is_file():
        return [f"{where}: missing"]
    words = read_translation(where)
    found: list[str] = []
    if words.translates != lesson.id:
        found.append(f"{where}: translates `{words.translates}`, the lesson is `{lesson.id}`")
    if words.source_digest != lesson_digest(lesson):
        found.append(f"{where}: title and summary {_state(words.source_digest)}")
    for number, step in enumerate(lesson.steps, 1):
        said = words.steps.get(number)
        if said is None:
            found.append(f"{where}: step {number} missing")
        else:
            if said.source_digest != step_digest(step):
                found.append(f"{where}: step {number} {_state(said.source_digest)}")
            if len(said.sources) != len(step.sources):
                found.append(
                    f"{where}: step {number} has {len(said.sources)} source(s), "
                    f"the lesson {len(step.sources)}"
                )
            elif said.sources_digest != sources_digest(step):
                found.append(f"{where}: step {number} sources {_state(said.sources_digest)}")
    extra = sorted(set(words.steps) - set(range(1, len(lesson.steps) + 1)))
    found.extend(f"{where}: step {n} is not in the lesson" for n in extra)
    return found


def _state(stamped: str | None) -> str:
    return "unstamped" if stamped is None else "stale (the English changed since)"


def stamp(folder: Path, accept: bool = False) -> list[str]:
    """Write the English digest into every part of every translation in `folder` that has
    none (with `accept`, also over a stale one: after the translation was mended)."""
    import yaml

    from checker.lessons import load_lesson

    written: list[str] = []
    for path in sorted(folder.glob("*.yaml")):
        lesson = load_lesson(folder.parent.parent / path.name, language="en").lesson
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        changed = False
        if data.get("source_digest") is None or accept:
            changed |= data.get("source_digest") != lesson_digest(lesson)
            data["source_digest"] = lesson_digest(lesson)
        for number, step in enumerate(lesson.steps, 1):
            said = data.get("steps", {}).get(number)
            if said is not None and (said.get("source_digest") is None or accept):
                changed |= said.get("source_digest") != step_digest(step)
                said["source_digest"] = step_digest(step)
            if said and said.get("sources") and (said.get("sources_digest") is None or accept):
                changed |= said.get("sources_digest") != sources_digest(step)
                said["sources_digest"] = sources_digest(step)
        if changed:
            text = yaml.dump(data, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=80)
            path.write_text(text, encoding="utf-8")
            written.append(str(path))
    return written


def _folded(dumper: Any, text: str) -> Any:
    """Long texts as `>-` blocks, as a translator writes them."""
    style = ">" if len(text) > 70 else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _dumper() -> Any:
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(str, _folded)
    return Dumper


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checker.i18n.lesson_texts")
    commands = parser.add_subparsers(dest="command", required=True)
    stamping = commands.add_parser("stamp", help="stamp translations with the English digest")
    stamping.add_argument("folder", type=Path)
    stamping.add_argument("--accept", action="store_true", help="re-stamp stale parts too")
    checking = commands.add_parser("check", help="list missing, unstamped and stale parts")
    checking.add_argument("lessons", type=Path, nargs="?", default=Path("lessons"))
    checking.add_argument("--language", default="ru")
    args = parser.parse_args(argv)
    if args.command == "stamp":
        for path in stamp(args.folder, args.accept):
            print(f"stamped {path}")
        return 0
    from checker.lessons import load_lesson

    found = [
        problem
        for path in sorted(args.lessons.glob("*.yaml"))
        for problem in problems(load_lesson(path, language="en").lesson, path, args.language)
    ]
    print("\n".join(found) if found else "every lesson translated")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
