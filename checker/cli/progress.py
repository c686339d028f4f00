"""A one-line progress display for long checks, on a terminal only."""

from __future__ import annotations

import sys
import time

from checker.i18n import _, number

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import IO


class ProgressLine:
    """`checked 1,234/10,000 files  820/s  about 11 s left`, redrawn at most ten times a second."""

    def __init__(self, stream: IO[str] = sys.stderr, minimum: int = 50) -> None:
        self._stream = stream
        self._minimum = minimum
        self._started = time.monotonic()
        self._drawn = 0.0
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        if total < self._minimum:
            return
        now = time.monotonic()
        if now - self._drawn < 0.1 and done != total:
            return
        self._drawn = now
        elapsed = max(now - self._started, 1e-6)
        rate = done / elapsed
        left = (total - done) / rate if rate else 0.0
        self._stream.write(
            _("\r\x1b[2Kchecked {done}/{total} files  {rate}/s  about {left} s left").format(
                done=number(done), total=number(total), rate=number(rate), left=number(left)
            )
        )
        self._stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self._stream.write("\r\x1b[2K")
            self._stream.flush()
            self._shown = False
