"""Neutralising text from untrusted files before it reaches a terminal or a markup renderer.

Owns one job: project and ruleset text may hold terminal escape sequences,
other control characters or bidirectional overrides; every report that writes
to a terminal passes text through `terminal_safe` first.
"""

from __future__ import annotations

import re

# C0 and C1 controls (tab kept), DEL, and the bidirectional overrides/isolates.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\n":
        return " "
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def terminal_safe(text: str) -> str:
    """`text` with control characters shown as visible escapes (newlines become spaces)."""
    return _UNSAFE.sub(_escape, text)


# Characters XML 1.0 cannot hold even escaped, plus the ones a terminal would act on.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """`text` with characters XML 1.0 cannot carry shown as visible escapes."""
    return _XML_UNSAFE.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def markdown_safe(text: str) -> str:
    """`text` for a Markdown table or paragraph: no markup, HTML or line breaks survive."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", terminal_safe(text))
