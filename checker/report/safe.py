"""Neutralising text from untrusted files before it reaches a terminal or a markup renderer.

Owns one job: project and ruleset text may hold terminal escape sequences,
other control characters or bidirectional overrides; every report that writes
to a terminal passes text through `terminal_safe` first.
"""

from __future__ import annotations

import functools
import re

# Bidirectional marks, embeddings, overrides and isolates ("Trojan Source"), and the
# Unicode line and paragraph separators, which some viewers treat as line breaks.
_INVISIBLE = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
# C0 and C1 controls (tab kept), DEL, the invisible characters above, and lone surrogates:
# a file name that is not UTF-8 (`caf\xe9`) holds them, and a terminal cannot show them
# (shown as the escape output would write them anyway, so a table's width counts it).
_UNSAFE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_INVISIBLE}\ud800-\udfff]")


UNENCODABLE = "backslashreplace"
"""How reports write what UTF-8 cannot hold: the lone surrogates of a file name that is not
UTF-8 (`caf\\xe9`) become their escape (`\\udce9`), inside a JSON string the JSON escape.
Report files and stdout are written so, and SARIF's size count counts the same bytes."""


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """The other formats' patterns, compiled when a report of that format is written."""
    return re.compile(pattern)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\n":
        return " "
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


@functools.lru_cache(maxsize=65_536)
def terminal_safe(text: str) -> str:
    """`text` with control characters shown as visible escapes (newlines become spaces).

    Memoised: a report repeats the same titles, messages and explanations for
    thousands of findings.
    """
    return _UNSAFE.sub(_escape, text)


# Characters XML 1.0 cannot hold even escaped, plus the ones a terminal would act on
# (a carriage return rewrites the line it is printed on; parsers would drop it anyway).
_XML_UNSAFE = f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff{_INVISIBLE}]"


def xml_safe(text: str) -> str:
    """`text` with characters XML 1.0 cannot carry shown as visible escapes."""
    return _compiled(_XML_UNSAFE).sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


_MARKDOWN_SPECIAL = r"([\\`*_{}\[\]<>()#+!|~])"


def markdown_safe(text: str) -> str:
    """`text` for a Markdown table or paragraph: no markup, HTML or line breaks survive."""
    return _compiled(_MARKDOWN_SPECIAL).sub(r"\\\1", terminal_safe(text))


# What json.dumps(ensure_ascii=False) leaves raw although a terminal or viewer acts on it:
# it escapes C0 controls itself, but not DEL, C1 controls or the invisible characters.
_JSON_UNSAFE = f"[\x7f-\x9f{_INVISIBLE}]"


def json_safe(document: str) -> str:
    """Serialised JSON with DEL, C1 controls and bidi/line-separator characters as `\\uXXXX`.

    Lossless: these characters can only occur inside JSON strings, where the
    escape means the same character, so a parser reads back the same value.
    """
    if document.isascii() and "\x7f" not in document:  # the usual case, at C speed
        return document
    return _compiled(_JSON_UNSAFE).sub(lambda m: f"\\u{ord(m.group()):04x}", document)
