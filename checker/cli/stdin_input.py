"""`govcheck check -`: one project read from standard input, as editors and hooks pass it.

Owns turning `-` among the paths into a file the core can check like any other: the
bytes are read once (at most the size limit and one byte more, so that an endless
stream is refused as too large, not read forever), kept in a private temporary folder
for the run, and checked as a `Target` shown by `--stdin-filename` (default
`<stdin>`). The name also says where the project's evidence files are: its folder.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from checker.checking import Target

STDIN = "-"
DEFAULT_NAME = "<stdin>"


def reads_stdin(paths: Sequence[str]) -> bool:
    return STDIN in paths


def stdin_closed(paths: Sequence[str]) -> bool:
    """`-` is given but there is no standard input to read (`<&-`, a daemon, a service
    started without one): a usage error, said before anything is checked."""
    return reads_stdin(paths) and sys.stdin is None


@contextlib.contextmanager
def with_stdin(paths: Sequence[str], name: str | None, limit: int) -> Iterator[list[str | Target]]:
    """`paths` with `-` replaced by the project read from standard input (once, however
    often `-` is given), for as long as the run lasts."""
    if not reads_stdin(paths):
        yield list(paths)
        return
    import tempfile  # only when standard input is read: a warm check does not pay for it

    raw = sys.stdin.buffer.read(limit + 1)
    with tempfile.TemporaryDirectory(prefix="govcheck-stdin-") as folder:
        saved = Path(folder) / "stdin.yaml"
        saved.write_bytes(raw)
        target = Target(saved, name or DEFAULT_NAME)
        yield [target if path == STDIN else path for path in dict.fromkeys(paths)]


def shown_paths(paths: Sequence[str], name: str | None) -> list[str]:
    """The paths as the user means them: `-` is the file it stands for (or the current
    folder), for what is found next to the checked files (the review record)."""
    return [(name or ".") if path == STDIN else path for path in paths]


__all__ = ["DEFAULT_NAME", "STDIN", "reads_stdin", "shown_paths", "stdin_closed", "with_stdin"]
