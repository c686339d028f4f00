"""JSON pointers: the fast paths give exactly what the plain RFC 6901 definitions give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from checker.pointers import join_pointer, split_pointer

_PARTS = st.lists(st.text(alphabet="ab~/01 ", max_size=5) | st.integers(0, 12), max_size=6)


def _reference_join(parts: list[str | int]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _reference_split(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")]


@given(_PARTS)
def test_join_escapes_exactly_like_the_definition(parts: list[str | int]) -> None:
    assert join_pointer(parts) == _reference_join(parts)
    assert join_pointer(tuple(parts)) == _reference_join(parts)


@given(st.text(alphabet="ab~/01", max_size=12))
def test_split_unescapes_exactly_like_the_definition(pointer: str) -> None:
    assert split_pointer(pointer) == _reference_split(pointer)


def test_parts_with_slashes_and_tildes_round_trip() -> None:
    parts = ["a/b", "~x", "plain", "0"]
    assert join_pointer(parts) == "/a~1b/~0x/plain/0"
    assert split_pointer(join_pointer(parts)) == parts
    assert join_pointer([]) == ""
