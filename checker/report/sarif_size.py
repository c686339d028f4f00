"""The size guard of a SARIF part: when what is written would pass GitHub's 10 MB gzipped.

Owns one count and one decision. The count is the gzip (zlib level 1, a little
larger than what an upload sends, so it errs on the safe side) of the results
as they are written, in batches of `BATCH` characters. The decision, at each
result, is the one an in-line count makes: a result is *near* the limit when
the count of the batches handed on, plus 64 KiB, plus what waits for the next
batch (at its length in characters) passes the budget; near the limit, what
waits is compressed at once and flushed, and the part is full past 97 % of
the budget. Refuses which results are written (sarif_parts.py).

Compressing is most of the guard's cost (zlib at some 200 MB/s is as slow as
making the results), so it runs on a thread of its own (zlib lets go of the
interpreter lock) and the maker waits for it only when the decision needs it.
Far from the limit an upper bound decides: what the thread has counted, plus
what compressing the rest can add (`_at_most`). The same batches reach zlib in
the same order whatever the thread's pace, so near the limit, where the thread
is waited for until the bound decides or it is done, the decisions are the
in-line count's. What the thread has not compressed when the part ends is
dropped: no decision is left to need it (some 5 % of the bytes of the benchmark
corpus's 32 parts, more when the thread is short of a CPU).

Why every part is compressed at all: its raw size bounds its gzipped size, but
a part of the benchmark corpus is 26 MB raw for 4 MB gzipped, so the bound
passes the budget a third of the way in; from there on only the count says.
"""

from __future__ import annotations

import threading
import zlib
from collections import deque
from collections.abc import Callable

from checker.report import sarif_run
from checker.report.safe import UNENCODABLE

BATCH = 64 * 1024
"""Characters of results compressed together: a call per result cost more than the
compression itself."""
_NEAR = 64 * 1024
_HELD = 128 * 1024
"""What zlib may still emit for input it has taken: the block it is filling (at most
16,383 symbols of at most 31 bits with fixed codes, 64 KB) and its 262 bytes of
look-ahead, with room to spare for block headers."""


def _at_most(size: int) -> int:
    """What compressing `size` more bytes can add to the count. zlib writes a block with
    fixed codes whenever its own would be longer (stored when shorter still), and with
    fixed codes a literal byte costs at most 9 bits, a match of 3 bytes or more 31."""
    return _HELD + (size * 31 + 23) // 24


class SizeGuard:
    """Counts the gzipped size of a part's results and says when the part is full."""

    def __init__(self, limit: int, *, aside: bool = True) -> None:
        """`aside`: compress on a thread of its own (False: in the caller's, the
        straightforward count the threaded one is held to by the tests)."""
        self.budget = int(limit * sarif_run.MARGIN)
        self.full = False
        self._count = _Count()
        self._pending: list[str] = []
        self._pending_size = 0
        self._quiet = 0
        """While what waits is shorter than this, a result needs no decision: far from
        the limit and short of a batch (recomputed at each decision)."""
        self._thread = _Compressor(self._count) if aside else None

    @property
    def compressed(self) -> int:
        """The count of what has been compressed."""
        return self._count.counted

    def add(self, chunk: str) -> None:
        self._pending.append(chunk)
        self._pending_size += len(chunk)
        if self._pending_size >= self._quiet:
            self._decide()

    def close(self) -> None:
        """Stop the thread, dropping what it has not compressed; raise what it met."""
        if self._thread is not None:
            self._thread.stop()

    def _decide(self) -> None:
        pending, count = self._pending_size, self._count
        room = self.budget - _NEAR - pending
        most = count.most()
        if most > room and self._thread is not None:
            # maybe near: wait until the bound says not, with a batch to spare (waiting
            # just enough made every result decide again while the thread lagged), or for
            # the exact count
            self._thread.until(lambda: count.most_held() <= room - BATCH)
            most = count.most()
        if most > room:  # near the limit, and `most` is the exact count
            count.compress("".join(self._pending))
            self._pending.clear()
            self._pending_size = 0
            # zlib holds back up to a block: flush it to count it
            count.counted += len(count.zip.flush(zlib.Z_SYNC_FLUSH))
            self.full = count.counted > self.budget * 0.97
            self._quiet = 0
            return
        if pending >= BATCH:
            text = "".join(self._pending)
            if self._thread is None:
                count.compress(text)
            else:
                self._thread.put(text)
            self._pending = []
            self._pending_size = 0
            most = count.most()
        self._quiet = min(BATCH, self.budget - _NEAR - most + 1)


class _Count:
    """The zlib stream and what it has emitted; `owed`: bytes (at most) handed to the
    thread and not yet compressed. The thread changes both under `lock`."""

    def __init__(self) -> None:
        self.zip = zlib.compressobj(1, zlib.DEFLATED, 31)
        self.counted = 0
        self.owed = 0
        self.lock = threading.Lock()

    def compress(self, text: str) -> None:
        self.counted += len(self.zip.compress(text.encode("utf-8", UNENCODABLE)))

    def most(self) -> int:
        with self.lock:
            return self.most_held()

    def most_held(self) -> int:
        """An upper bound of the count once all that was handed on is compressed (the
        count itself when nothing is owed); with the lock held."""
        return self.counted + (_at_most(self.owed) if self.owed else 0)


class _Compressor:
    """The guard's thread: compresses the batches, in order, into the count."""

    def __init__(self, count: _Count) -> None:
        self._count = count
        self._changed = threading.Condition(count.lock)
        self._batches: deque[tuple[str, int]] = deque()
        self._stopped = False
        self._failed: list[BaseException] = []
        self._thread: threading.Thread | None = None

    def put(self, text: str) -> None:
        # a character is at most 4 bytes in UTF-8 (and str.isascii costs nothing)
        size = len(text) if text.isascii() else 4 * len(text)
        with self._changed:
            self._count.owed += size
            self._batches.append((text, size))
            self._changed.notify_all()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="govcheck-gzip", daemon=True)
            self._thread.start()

    def until(self, enough: Callable[[], bool]) -> None:
        """Wait until `enough()` (asked with the lock held) or nothing is owed."""
        with self._changed:
            while not self._failed and self._count.owed and not enough():
                self._changed.wait()
        if self._failed:
            raise self._failed[0]

    def stop(self) -> None:
        with self._changed:
            self._stopped = True
            self._batches.clear()
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join()
        if self._failed:
            raise self._failed[0]

    def _run(self) -> None:
        count = self._count
        while True:
            with self._changed:
                while not self._batches and not self._stopped:
                    self._changed.wait()
                if self._stopped:
                    return
                text, size = self._batches.popleft()
            try:
                emitted = len(count.zip.compress(text.encode("utf-8", UNENCODABLE)))
            except BaseException as error:  # raised again in the maker's thread
                with self._changed:
                    self._failed.append(error)
                    self._changed.notify_all()
                return
            with self._changed:
                count.counted += emitted
                count.owed -= size
                self._changed.notify_all()
