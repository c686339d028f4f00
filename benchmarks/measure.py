"""Timing whole processes: wall time and peak resident memory of one command.

Owns running a command to completion with its output discarded and
returning how long it took (wall and CPU time) and how much memory its
largest process held. CPU time is the robust figure on a shared machine:
other tenants' load stretches wall time but hardly the CPU a process uses.
Peak RSS comes from `/usr/bin/time -v` when it is installed, else from the
child's own resource usage (`os.wait4`, the per-child form of
`getrusage(RUSAGE_CHILDREN)`). Both report the largest single process of the
tree, not the sum over worker processes. Refuses planning and statistics.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = Path("/usr/bin/time")
_MAXRSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
_CPU = re.compile(r"(?:User|System) time \(seconds\): ([\d.]+)")


@dataclass(frozen=True, slots=True)
class Sample:
    """One run of one command."""

    seconds: float
    peak_rss_mb: float
    returncode: int
    cpu_seconds: float = float("nan")
    """User + system CPU time of the process and the children it waited for."""


ENV: dict[str, str] | None = None
"""Environment of every measured command (None: this process's); `run.py --snapshot` sets it."""


def run_once(argv: Sequence[str], cwd: Path) -> Sample:
    """Run `argv` in `cwd` with stdout and stderr discarded; time it and take its peak RSS."""
    if GNU_TIME.exists():
        return _with_gnu_time(argv, cwd)
    return _with_wait4(argv, cwd)


def _with_gnu_time(argv: Sequence[str], cwd: Path) -> Sample:
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        command = [str(GNU_TIME), "-v", "-o", report.name, *argv]
        start = time.perf_counter()
        done = subprocess.run(
            command,
            cwd=cwd,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        seconds = time.perf_counter() - start
        text = Path(report.name).read_text(encoding="utf-8")
    found = _MAXRSS.search(text)
    rss = int(found.group(1)) / 1024 if found else float("nan")
    cpu = sum(float(t) for t in _CPU.findall(text)) if _CPU.search(text) else float("nan")
    return Sample(seconds, rss, done.returncode, cpu)


def _with_wait4(argv: Sequence[str], cwd: Path) -> Sample:
    start = time.perf_counter()
    child = subprocess.Popen(
        list(argv), cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(seconds, usage.ru_maxrss / 1024, child.returncode, cpu)


def combine(samples: Sequence[Sample]) -> Sample:
    """One sample for several runs of a command: median times, largest memory, worst exit."""
    return Sample(
        statistics.median(s.seconds for s in samples),
        max(s.peak_rss_mb for s in samples),
        max(s.returncode for s in samples),
        statistics.median(s.cpu_seconds for s in samples),
    )


def median(values: Sequence[float]) -> float:
    """Median, or NaN for no values."""
    return statistics.median(values) if values else float("nan")
