"""YAML syntax errors worded for a reviewer: the cause, the line, the fix (not libyaml's
parser states), each located where the user must edit."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.limits import DEFAULT_LIMITS
from checker.sources import parse_source
from tests.conftest import ROOT, Completed


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
    "text",
    [
        "id: demo\ntitle: Demo\n---\n",
        "id: demo\ntitle: Demo\r\n---\r\n",
        "id: demo\ntitle: Demo\n---\n# the end\n\n...\n",
        "id: demo\ntitle: Demo\n--- # joined by a tool\n---\n",
        "id: demo\ntitle: Demo\n...\n---\n",
    ],
)
def test_an_empty_document_left_at_the_end_is_no_second_project(text: str) -> None:
    """A `---` left at the end (as tools that join YAML files write it) starts a document
    with nothing in it: the proposal is read, not refused, and its text kept whole."""
    document = parse_source(text.encode("utf-8"), "t.yaml", DEFAULT_LIMITS)
    assert document.problems == []
    assert document.data == {"id": "demo", "title": "Demo"}
    assert document.text == text  # edits (waive, whatif) keep the marker where it was


@pytest.mark.parametrize(
    "text",
    [
        "id: demo\n---\nid: other\n",
        # Indented, `...` is text, not a marker: the second document holds it.
        "id: demo\n---\n  ...\n",
    ],
)
def test_a_second_document_with_anything_in_it_is_still_refused(text: str) -> None:
    document = parse_source(text.encode("utf-8"), "t.yaml", DEFAULT_LIMITS)
    [found] = document.problems
    assert (found.line, found.message) == (
        2,
        "several YAML documents (---) in one file; put one project per file",
    )


def test_an_indented_marker_inside_a_block_of_text_is_the_texts() -> None:
    document = parse_source(b"id: |\n  demo\n  ---\n", "t.yaml", DEFAULT_LIMITS)
    assert document.problems == []
    assert document.data == {"id": "demo\n---\n"}


def test_a_proposal_ending_in_an_empty_document_is_checked_and_edited_in_place(
    govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    """The real commands on files that end with `---`: the proposal is checked like the
    same file without it, a waiver goes into the first document, and a what-if variant
    keeps the marker where it was."""
    sample = (ROOT / "projects" / "kg-bishkek-safe-city.yaml").read_text(encoding="utf-8")
    (tmp_path / "p.yaml").write_text(sample + "---\n", encoding="utf-8")
    (tmp_path / "plain.yaml").write_text(sample.replace("kg-bishkek-safe-city", "plain"), "utf-8")
    done = govcheck("check", "p.yaml", "plain.yaml", "-p", "eu", "-f", "json", "--no-cache")
    projects = json.loads(done.out)["projects"]
    assert [p["problems"] for p in projects] == [[], []]
    assert projects[0]["results"][0]["counts"] == projects[1]["results"][0]["counts"]
    record = tmp_path / "govcheck-waivers.yaml"
    record.write_text("waivers: []\n---\n", encoding="utf-8")
    waived = govcheck(
        "waive", "EU-LE-BREACH", "kg-bishkek-safe-city", "--profile", "eu", "--file",
        str(record), "--justification", "j", "--approved-by", "B", "--today", "2026-12-04",
        "--expires", "2027-03-31",
    )  # fmt: skip
    assert waived.code == 0, waived.err
    text = record.read_text(encoding="utf-8")
    assert text.endswith("---\n")
    assert text.index("EU-LE-BREACH") < text.index("---")
    rechecked = govcheck(
        "check",
        "p.yaml",
        "-p",
        "eu",
        "-f",
        "json",
        "--waivers",
        str(record),
        "--as-of",
        "2026-12-04",
    )
    assert json.loads(rechecked.out)["projects"][0]["results"][0]["counts"]["waived"] == 1
    govcheck("whatif", "p.yaml", "-p", "eu", "--set", "/title=New", "--save-as", "v.yaml")
    variant = (tmp_path / "v.yaml").read_text(encoding="utf-8")
    assert variant.endswith("---\n")
    assert "title: New" in variant
