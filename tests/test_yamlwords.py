"""YAML syntax errors worded for a reviewer: the cause, the line, the fix (not libyaml's
parser states), each located where the user must edit."""

from __future__ import annotations

import pytest

from checker.limits import DEFAULT_LIMITS
from checker.sources import parse_source


def problem(text: str) -> tuple[int, int, str]:
    document = parse_source(text.encode("utf-8"), "t.yaml", DEFAULT_LIMITS)
    [found] = document.problems
    assert found.code == "yaml.syntax"
    return found.line, found.column, found.message


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        (
            "id: demo\ntitle: Demo: a city\n",
            2,
            12,
            "the value of `title` contains `: `, which YAML reads as the start of another "
            'key; put the value in quotes: title: "Demo: a city"',
        ),
        (
            "id: demo\nparties:\n  sponsor: x\n vendors: []\n",
            4,
            2,
            "line 4 (`vendors: []`) is indented 1 space, but the keys of the section it is "
            "in (from line 1) are indented 0; YAML reads the structure from the indentation",
        ),
        (
            "id: demo\nparties:\n  sponsor: x\n  - vendor\n",
            4,
            3,
            "line 4 (`- vendor`) is a `- ` list item among the keys of a section (from line "
            "3); a list goes under a key of its own, its items indented below it",
        ),
        (
            "id: demo\ntitle: @home\n",
            2,
            8,
            'a YAML value cannot start with `@`; put it in quotes: title: "@home"',
        ),
        (
            "id: demo\ntitle: `x`\n",
            2,
            8,
            'a YAML value cannot start with a backtick; put it in quotes: title: "`x`"',
        ),
        (
            "id: demo\nsummary: first line\nsecond line\ncountry: KG\n",
            3,
            1,
            "line 3 (`second line`) is neither `key: value` nor a `- ` list item; if it "
            "continues the text of the line above, indent it further than that line's key "
            "(or write the text after `>-` on lines of its own)",
        ),
        (
            'id: demo\ntitle: "Demo\ncountry: KG\n',
            2,
            8,
            "the quote opened on line 2 is never closed; close it, or if the text itself "
            "contains that quote, write it twice ('') or use the other quote",
        ),
        (
            "id: demo\nlist: [a, b\ncountry: KG\n",
            3,
            8,
            "the `[` opened on line 2 is not closed with `]` where expected (or two items "
            "lack the comma between them)",
        ),
        (
            "id: demo\nvendors: - a\n",
            2,
            10,
            "a `- ` list item on the same line as its key; put each item on its own line "
            "below the key, indented, or write the list as [a, b]",
        ),
        (
            "id: demo\ntitle: 'it's\n",
            2,
            12,
            "unexpected text after the value on line 2 (`title: 'it's`); if the value itself "
            "contains quotes or brackets, put the whole value in quotes",
        ),
        ("id: *nope\n", 1, 5, "`*nope` refers to no anchor (`&name`) defined above it"),
        (
            "id: demo\n---\nid: x\n",
            2,
            1,
            "several YAML documents (---) in one file; put one project per file",
        ),
    ],
)
def test_a_syntax_error_says_what_to_change_and_where(
    text: str, line: int, column: int, message: str
) -> None:
    assert problem(text) == (line, column, message)


def test_no_message_names_a_parser_state() -> None:
    """libyaml's words ("block mapping", "simple key", "context") never reach the user
    for the errors a person makes by hand."""
    typed_by_hand = [
        "a: b: c\n",
        "a:\n  b: 1\n c: 2\n",
        "a:\n    - 1\n  - 2\n",
        "a: 1\nb\nc: 2\n",
        "a: 'x\n",
        "a: [1, 2\nb: 3\n",
        "a: {x: 1\nb: 3\n",
    ]
    for text in typed_by_hand:
        message = problem(text)[2]
        for parser_word in ("block mapping", "simple key", "this context", "while ", "token"):
            assert parser_word not in message, (text, message)


def test_an_error_it_does_not_know_keeps_the_parsers_words() -> None:
    assert problem("%YAML 2.0\n---\na: 1\n") == (1, 1, "found incompatible YAML document")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "id: demo\ntitle: Demo\n---\n",
            3,
            "`---` on line 3 starts a second YAML document with nothing in it; remove that "
            "line (a project file is one document)",
        ),
        (
            "id: demo\n---\n# the end\n\n...\n",
            2,
            "`---` on line 2 starts a second YAML document with nothing in it; remove that "
            "line (a project file is one document)",
        ),
        (
            "id: demo\n---\nid: other\n",
            2,
            "several YAML documents (---) in one file; put one project per file",
        ),
    ],
)
def test_a_trailing_document_marker_is_told_apart_from_a_second_project(
    text: str, line: int, message: str
) -> None:
    """A `---` left at the end (as tools that join YAML files write it) was worded as
    "several YAML documents ...; put one project per file", to a user with one project."""
    found_line, _column, found = problem(text)
    assert (found_line, found) == (line, message)
