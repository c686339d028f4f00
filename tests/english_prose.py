"""Finding English prose left in a Russian output (issue 19: "fully in Russian").

A Russian page may still hold Latin script where it quotes data: ids, JSON pointers,
field names and values, rule ids, the project's own words (its title, vendors,
evidence ids), screening-list entries, and legal instruments or cases a translator
kept in their original language. Everything else in Latin script is a sentence of
the code that was never put through the catalog.

The test of a run of Latin words (words joined by single spaces) is where it could
have come from: it is allowed if it appears, as it is, in what may legitimately be
quoted (`quoted_corpus`: the project files, the Russian rule and lesson
translations, the Russian catalog's own translations, the reference lists); else
each of its words must look like an identifier (`_`, `.`, `/`, a digit, a hyphen,
capitals only, one letter) or be a data word (a key or value of the project format,
a profile id). So "kg-bishkek-safe-city under eu" fails on "under".
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_RUN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:[ -][A-Za-z][A-Za-z'’]*)*")
_QUOTED = re.compile(r"https?://\S+|`[^`]*`|(?<!\S)/[\w/~.-]+")
"""A URL, a value in backticks, a JSON pointer: quoted as they are."""
_IDENTIFIER = re.compile(r"[_./0-9-]|^[A-Z]+$|^[A-Za-z]$")


@cache
def quoted_corpus() -> str:
    """Everything a Russian output may quote in Latin script, as one text."""
    parts: list[Path] = [
        *sorted((ROOT / "projects").glob("*.yaml")),
        *sorted((ROOT / "rulesets" / "translations" / "ru").rglob("*.yaml")),
        *sorted((ROOT / "rulesets" / "reference").rglob("*.yaml")),
        *sorted((ROOT / "lessons" / "translations" / "ru").rglob("*.yaml")),
        ROOT / "checker" / "i18n" / "locale" / "ru" / "LC_MESSAGES" / "govcheck.po",
    ]
    texts = [p.read_text(encoding="utf-8") for p in parts]
    po = texts.pop()
    # Of the catalog, only the translations: an English msgid is exactly what must not show.
    texts.append("\n".join(re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', po, flags=re.M)))
    # Folded YAML breaks a title across lines: compare words, not line breaks.
    return re.sub(r"\s+", " ", " ".join(texts))


@cache
def data_words() -> frozenset[str]:
    """Keys and enum values of the project format, and the profile ids: data, not prose."""
    schema = json.loads((ROOT / "checker" / "schemas" / "project.schema.json").read_text())
    words: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties" and isinstance(value, dict):
                    words.update(value)
                if key == "enum" and isinstance(value, list):
                    words.update(v for v in value if isinstance(v, str))
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(schema)
    words.update(p.stem for p in (ROOT / "rulesets" / "profiles").glob("*.yaml"))
    words.update(("true", "false", "unknown", "null", "govcheck"))
    words.update(("Esc", "Enter", "Tab", "ctrl", "shift"))  # keyboard legends
    return frozenset(words)


def english_left(text: str) -> list[str]:
    """The runs of Latin words in `text` that are neither quoted data nor identifiers."""
    corpus = quoted_corpus()
    left: list[str] = []
    for line in text.splitlines():
        for run in _RUN.findall(_QUOTED.sub(" ", line)):
            if run in corpus:
                continue
            prose = [w for w in run.split(" ") if not _is_data(w)]
            if prose:
                left.append(run)
    return sorted(set(left))


def _is_data(word: str) -> bool:
    return bool(_IDENTIFIER.search(word)) or word in data_words()


def page_text(page: str) -> str:
    """An HTML page's visible text and tooltips, a line per element (styles dropped)."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r'\b(?:title|aria-label|alt|placeholder)="([^"]*)"', r">\n\1\n<", page)
    return html.unescape(re.sub(r"<[^>]+>", "\n", page))
