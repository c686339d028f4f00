"""How a file's text is stored on disk: its encoding, its byte-order mark, its line breaks.

Owns writing back what the core read. Every edit govcheck makes to a user's file (a
saved what-if variant, a scenario saved in place, a waiver or a verification added
to the review record) keeps the file's encoding and byte-order mark, and writes the
lines it adds with the file's own line break, so that every byte outside the edit is
the byte the user wrote: a Windows editor's `\\r\\n` file stays `\\r\\n`, a UTF-16 file
stays UTF-16, and the digest of the original file is the digest of its bytes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TextForm:
    """The encoding of a file's text: `codec` for its body, preceded by `bom`."""

    codec: str = "utf-8"
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        """The file's bytes for `text` (as decoded, without its byte-order mark)."""
        return self.bom + text.encode(self.codec)


UTF8 = TextForm()
"""Plain UTF-8 without a byte-order mark: most files, and every file govcheck creates."""

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),  # before UTF-16 LE, whose mark it starts with
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xef\xbb\xbf", "utf-8"),
)
"""Byte-order marks and the codec each announces, longest match first."""

FORMS = {bom: TextForm(codec, bom) for bom, codec in BOMS}


def newline_of(text: str) -> str:
    """The line break the text uses: that of its first line (`\\n` for a text without one)."""
    end = text.find("\n")
    return "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"


def with_newline(lines: list[str], newline: str) -> list[str]:
    """Lines written with `\\n` as the file writes its line breaks."""
    if newline == "\n":
        return lines
    return [line.replace("\n", newline) for line in lines]


__all__ = ["BOMS", "FORMS", "UTF8", "TextForm", "newline_of", "with_newline"]
