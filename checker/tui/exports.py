"""Writing the current view to files, with the core's renderers, never over an earlier file.

Owns what an export is (a file-name stem and the documents to write, rendered
in a worker thread), the renderers per kind of view (the portfolio or a
project: `govcheck check -f markdown` and `-f html`; a comparison: `govcheck
compare`'s Markdown and HTML; the questions: `govcheck questions -f
markdown`'s letter), choosing a name no earlier export holds
(`govcheck-report.md`, then `govcheck-report-2.md`, …) and atomic writes.
The paths written are returned absolute, for the notification.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from checker._version import __version__
from checker.findings import RunResult
from checker.report import render_to_string
from checker.report.options import RenderOptions

Documents = Callable[[], dict[str, str]]
"""Renders the export's documents, by file suffix (`.md`, `.html`); run in a worker."""


@dataclass(frozen=True, slots=True)
class Export:
    """What `e` writes from a screen."""

    name: str
    """The file-name stem, without folder or suffix."""
    documents: Documents


def file_stem(name: str) -> str:
    """A project id or view name made safe as a file name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "govcheck"


def report(run: RunResult) -> Documents:
    """`govcheck check -f markdown` and `-f html` of `run`."""
    options = RenderOptions(tool_version=__version__)
    return lambda: {
        ".md": render_to_string("markdown", run, options),
        ".html": render_to_string("html", run, options),
    }


def comparison(run: RunResult) -> Documents:
    """`govcheck compare`'s Markdown and HTML of `run` (its profiles, in their order)."""

    def render() -> dict[str, str]:
        from checker.compare import compare
        from checker.report.comparison import render_comparison
        from checker.report.html_report import render_comparison_html

        compared = compare(run)
        return {
            ".md": render_comparison(compared, "markdown"),
            ".html": render_comparison_html(compared, __version__),
        }

    return render


def free_stem(folder: Path, name: str, suffixes: tuple[str, ...]) -> Path:
    """`folder/name`, or `name-2`, `name-3`…: the first stem with no file of any suffix."""
    stem = folder / name
    number = 1
    while any(stem.with_name(stem.name + s).exists() for s in suffixes):
        number += 1
        stem = folder / f"{name}-{number}"
    return stem


def write(export: Export, folder: Path) -> list[Path]:
    """Render `export` and write each document under a free name, each atomically."""
    documents = export.documents()
    stem = free_stem(folder, file_stem(export.name), tuple(documents))
    written: list[Path] = []
    for suffix, text in documents.items():
        target = stem.with_name(stem.name + suffix)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)
        written.append(target.resolve())
    return written
