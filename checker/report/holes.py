"""Texts with holes: a report's constant text serialised once, the per-finding values put in.

Owns one mechanism for the machine formats that write hundreds of thousands of
findings (SARIF, JUnit): a finding's text is made once for a kind of finding by
the format's own serialiser, with marked strings (`hole(n)`) standing where the
values that vary from finding to finding go; it is then cut at the marks into a
`str.format` pattern that is filled per finding with values the format has
encoded already. The constant text is thus the serialiser's own bytes, never a
second spelling of them. Refuses encoding the values it is filled with: the
caller encodes them as its serialiser would.
"""

from __future__ import annotations

import re

_OPEN, _CLOSE = "\ue000", "\ue001"
"""Private-use characters: no serialiser escapes them, no report text holds them."""


def hole(number: int) -> str:
    """The mark standing for value `number` in a text to be cut (`pattern`)."""
    return f"{_OPEN}{number}{_CLOSE}"


def pieces(
    text: str, holes: int, *, quoted: bool = False
) -> tuple[tuple[str, ...], tuple[int, ...]] | None:
    """`text` cut where `hole(n)` marks are (with the quotes a JSON string puts around
    them when `quoted`): the literal pieces, one more than the marks, and the number of
    each mark in order. None unless each of the `holes` marks is found, so that a mark
    that does not survive serialising is never filled."""
    quote = '"' if quoted else ""
    found = re.compile(f"{quote}{_OPEN}([0-9]+){_CLOSE}{quote}").split(text)
    literal, numbers = tuple(found[::2]), tuple(int(n) for n in found[1::2])
    if _OPEN in "".join(literal) or sorted(set(numbers)) != list(range(holes)):
        return None
    return literal, numbers


def pattern(text: str, holes: int, *, quoted: bool = False) -> str | None:
    """`text` as a `str.format` pattern whose field `n` is where `hole(n)` was (see
    `pieces`)."""
    cut = pieces(text, holes, quoted=quoted)
    if cut is None:
        return None
    literal = [piece.replace("{", "{{").replace("}", "}}") for piece in cut[0]]
    fields = [f"{{{number}}}" for number in cut[1]] + [""]
    return "".join(part for pair in zip(literal, fields, strict=True) for part in pair)
