"""Report formats: one pure renderer per module, collected in one table.

Each renderer is `render(run, options) -> Iterator[str]`; a format may also offer
`encoded(run, options) -> Iterator[bytes]`, the same document in UTF-8, which
the CLI then writes instead (`encoder`). The CLI's
`--format` choices come from `RENDERERS`. Renderers are imported on first use
so that `govcheck check` pays only for the format it writes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator

TYPE_CHECKING = False  # not typing's: see checker/__init__.py

if TYPE_CHECKING:
    from checker.findings import RunResult
    from checker.report.options import RenderOptions

Renderer = Callable[["RunResult", "RenderOptions"], Iterator[str]]
Encoder = Callable[["RunResult", "RenderOptions"], Iterator[bytes]]

# format name -> (module, what it is for)
RENDERERS: dict[str, tuple[str, str]] = {
    "text": ("checker.report.text", "grouped findings for a terminal"),
    "json": ("checker.report.json_report", "the versioned results document"),
    "sarif": ("checker.report.sarif", "SARIF 2.1.0 for GitHub code scanning"),
    "sarif-full": ("checker.report.sarif_full", "SARIF 2.1.0 with waived results suppressed"),
    "junit": ("checker.report.junit", "JUnit XML for CI test views"),
    "github": ("checker.report.github", "GitHub Actions annotations"),
    "markdown": ("checker.report.markdown", "a pull-request comment or job summary"),
    "gitlab": ("checker.report.gitlab", "GitLab code-quality report"),
    "oscal": ("checker.report.oscal", "NIST OSCAL 1.1.3 assessment results"),
    "html": ("checker.report.html_report", "a self-contained report with charts"),
}


def renderer(name: str) -> Renderer:
    """The render function for a format name; KeyError for unknown names."""
    module_name, _ = RENDERERS[name]
    render: Renderer = importlib.import_module(module_name).render
    return render


def encoder(name: str) -> Encoder | None:
    """The format's own UTF-8 writer (`encoded`) when it has one, else None: a report of
    a gigabyte (junit) is written as the bytes it makes, not as text encoded again."""
    module_name, _ = RENDERERS[name]
    found: Encoder | None = getattr(importlib.import_module(module_name), "encoded", None)
    return found


def render_to_string(name: str, run: RunResult, options: RenderOptions) -> str:
    return "".join(renderer(name)(run, options))
