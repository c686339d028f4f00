"""Writing the current view as Markdown and HTML reports, with the core's renderers.

Owns file names and atomic writes only; the documents are exactly what
`govcheck check -f markdown` and `-f html` produce for the same projects.
Runs in a worker thread: rendering a large portfolio takes a moment.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from checker._version import __version__
from checker.findings import RunResult
from checker.report import render_to_string
from checker.report.options import RenderOptions

FORMATS = (("markdown", ".md"), ("html", ".html"))


def file_stem(name: str) -> str:
    """A project id or view name made safe as a file name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "govcheck"


def write_reports(run: RunResult, stem: Path) -> list[Path]:
    """`stem.md` and `stem.html` for `run`, each replaced atomically."""
    options = RenderOptions(tool_version=__version__)
    written: list[Path] = []
    for name, suffix in FORMATS:
        target = stem.with_name(stem.name + suffix)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temporary.write_text(render_to_string(name, run, options), encoding="utf-8")
        temporary.replace(target)
        written.append(target)
    return written
