"""How YAML is read, as README.md and docs/project-format.md say it is.

YAML 1.2's core schema (1.2.2, section 10.3.2) makes `true|True|TRUE` and
`false|False|FALSE` booleans and nothing else: `yes`, `no`, `on`, `off`, `y`, `n`
are text, refused in a yes/no field with a hint. One YAML 1.1 feature is kept:
`<<` merge keys, with findings located where the merged value is written.
"""

from __future__ import annotations

import re

import pytest

from checker.documents import ProjectDocument, parse_project
from checker.limits import DEFAULT_LIMITS
from tests.conftest import GOOD, ROOT

TRUE_WORDS = ("true", "True", "TRUE")
FALSE_WORDS = ("false", "False", "FALSE")
YAML11_WORDS = (
    "yes",
    "Yes",
    "YES",
    "no",
    "No",
    "NO",
    "on",
    "On",
    "ON",
    "off",
    "Off",
    "OFF",
    "y",
    "n",
)


def load(text: str) -> ProjectDocument:
    return parse_project(text.encode("utf-8"), "p.yaml", DEFAULT_LIMITS)


def fact(word: str) -> ProjectDocument:
    return load(GOOD + f"data_processing:\n  personal_data: {word}\n")


@pytest.mark.parametrize("word", TRUE_WORDS + FALSE_WORDS)
def test_the_core_schema_spellings_are_booleans(word: str) -> None:
    document = fact(word)
    assert document.problems == ()
    assert document.data is not None
    assert document.data["data_processing"]["personal_data"] is (word in TRUE_WORDS)


@pytest.mark.parametrize("word", YAML11_WORDS)
def test_yaml11_booleans_are_text_and_refused_with_a_hint(word: str) -> None:
    [problem] = fact(word).problems
    meant = "true" if word.lower() in ("yes", "on", "y") else "false"
    assert (problem.rule, problem.line, problem.pointer) == (
        "schema.invalid-value",
        10,
        "/data_processing/personal_data",
    )
    assert problem.message.endswith(f"(YAML 1.2 reads `{word}` as text, not as {meant})")


def _readme_yaml_paragraph() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("YAML is read with the YAML 1.2 core schema")
    return text[start : text.index("\n\n", start)]


def test_the_readme_names_exactly_the_spellings_that_are_booleans() -> None:
    clauses = " ".join(_readme_yaml_paragraph().split()).split(";")
    [booleans] = [c for c in clauses if "the booleans are" in c]
    [text] = [c for c in clauses if " are text" in c]
    assert set(re.findall(r"`([^`]+)`", booleans)) == {*TRUE_WORDS, *FALSE_WORDS}
    said_text = set(re.findall(r"`([^`]+)`", text.split(" are text")[0]))
    assert said_text == {"yes", "no", "on", "off", "y", "n"}
    for word in said_text:  # "in any case": every spelling of each is text
        for spelling in {word, word.capitalize(), word.upper()}:
            assert fact(spelling).problems, spelling


def test_the_readme_says_merge_keys_are_read() -> None:
    assert "`<<` merge keys" in _readme_yaml_paragraph()


SHARED = GOOD.replace(
    "  sponsor: {name: Ministry, type: ministry}\n",
    "  sponsor: &ministry\n    name: Ministry\n    type: ministry\n"
    "  operator:\n    <<: *ministry\n    name: Operations department\n",
)


def test_a_merge_key_copies_the_mapping_and_written_keys_win() -> None:
    document = load(SHARED)
    assert document.problems == ()
    assert document.data is not None
    assert document.data["parties"]["operator"] == {
        "name": "Operations department",
        "type": "ministry",
    }


def test_a_refused_merged_value_is_located_where_it_is_written() -> None:
    document = load(SHARED.replace("    type: ministry\n", "    type: ministery\n"))
    lines = {problem.pointer: problem.line for problem in document.problems}
    # Line 10 is the sponsor's `type`; the operator's comes from there through `<<`.
    assert lines == {"/parties/sponsor/type": 10, "/parties/operator/type": 10}


def test_a_merge_key_on_text_is_a_located_error_that_says_what_it_takes() -> None:
    [problem] = load(GOOD + "delivery:\n  <<: warranty\n").problems
    assert (problem.rule, problem.line) == ("yaml.syntax", 10)
    assert "`<<` takes a mapping or a list of mappings" in problem.message
