"""A running check reports its progress a few times a second, not for every file."""

from __future__ import annotations

import pytest
from textual.message import Message

from checker.tui import background
from checker.tui.background import Background
from checker.tui.messages import CheckProgress
from checker.tui.workspace import Options


def test_progress_is_posted_at_start_and_end_and_four_times_a_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each report repaints the progress bar beside the running check: a file checked
    every 0.1 s (a clock stepped by hand) is reported every third file, not each."""
    clock = [1_000.0]
    monkeypatch.setattr(background.time, "monotonic", lambda: clock[0])
    posted: list[Message] = []
    report = Background(Options(paths=("projects",)), posted.append).progress("Checking")
    for done in range(31):
        report(done, 30)
        clock[0] += 0.1
    counts = [m.done for m in posted if isinstance(m, CheckProgress)]
    assert counts[0] == 0
    assert counts[-1] == 30
    assert 10 <= len(counts) <= 12  # 3 s of checking: about four reports a second
