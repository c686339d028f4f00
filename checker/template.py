"""The commented template `govcheck init` writes, its field comments generated from the schema.

Owns turning the hand-written skeleton (`templates/project.skeleton.yaml`: the
example values and the notes on their own lines) into the committed template
(`templates/project.yaml`): every field whose value sits on its line gets a
comment saying exactly what it accepts, in the words of checker/schemawords.py,
so the template cannot drift from the schema. `govcheck schema --update`
regenerates it; a test fails when it is stale. Refuses checking: the template
is checked like any project file.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from checker.i18n import language, use_language
from checker.jsonschemas import project_subschema
from checker.schemawords import accepts

TEMPLATES = Path(__file__).parent / "templates"
SKELETON = TEMPLATES / "project.skeleton.yaml"
TEMPLATE = TEMPLATES / "project.yaml"
SKELETONS = {"en": SKELETON, "ru": TEMPLATES / "project.skeleton.ru.yaml"}
"""Each language's skeleton: its notes and example text in that language, the same keys
and values, so that a template checks alike in either."""
COMMITTED = {"en": TEMPLATE, "ru": TEMPLATES / "project.ru.yaml"}
_COLUMN = 38  # where comments start, so that they read as one column
_WIDTH = 100


def render_template(code: str = "en") -> str:
    """The template in language `code`: its skeleton with a comment on every field that
    holds a value, worded in that language."""
    text = SKELETONS[code].read_text(encoding="utf-8")
    speaking = language()
    use_language(code)
    try:
        words = {line: accepts(project_subschema(path)) for line, path in _fields(text)}
    finally:
        use_language(speaking)
    lines: list[str] = []
    for number, line in enumerate(text.splitlines()):
        said = words.get(number)
        lines.extend(_commented(line, said) if said else [line])
    return "\n".join(lines) + "\n"


def stale(code: str = "en") -> bool:
    """Whether the committed template differs from what the skeleton and schema give."""
    path = COMMITTED[code]
    return not path.exists() or path.read_text(encoding="utf-8") != render_template(code)


def update() -> list[Path]:
    """Write each language's template that changed; returns those written."""
    written = []
    for code, path in COMMITTED.items():
        if stale(code):
            path.write_text(render_template(code), encoding="utf-8")
            written.append(path)
    return written


def template_for(code: str) -> Path:
    """The committed template `govcheck init` writes in language `code` (English when
    there is none in it)."""
    return COMMITTED.get(code, TEMPLATE)


def _fields(text: str) -> list[tuple[int, tuple[str | int, ...]]]:
    """(0-based line, path) of every key whose value is on the key's own line."""
    found: list[tuple[int, tuple[str | int, ...]]] = []
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    stack: list[tuple[Node | None, tuple[str | int, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, MappingNode):
            for key, value in node.value:
                where = (*path, key.value)
                if _on_its_line(key, value):
                    found.append((key.start_mark.line, where))
                else:
                    stack.append((value, where))
        elif isinstance(node, SequenceNode):
            stack.extend((item, (*path, index)) for index, item in enumerate(node.value))
    return found


def _on_its_line(key: Node, value: Node) -> bool:
    """A scalar, or a flow list, starting on the key's line: one comment fits it."""
    if isinstance(value, ScalarNode):
        return True
    return (
        isinstance(value, SequenceNode)
        and bool(value.flow_style)
        and value.start_mark.line == key.start_mark.line
    )


def _commented(line: str, words: str) -> list[str]:
    column = max(_COLUMN, len(line) + 2)
    room = max(_WIDTH - column - 4, 30)  # "#   " before a continued line
    first, *rest = textwrap.wrap(words, room, break_on_hyphens=False)
    return [
        f"{line.ljust(column)}# {first}",
        *(f"{'':{column}}#   {more}" for more in rest),
    ]
