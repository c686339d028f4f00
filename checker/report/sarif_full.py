"""`--format sarif-full`: the SARIF log for consumers other than GitHub code scanning.

Owns nothing but the choice: every actionable result of `--format sarif`, plus
waived findings as results carrying an accepted external suppression with the
reviewer's justification, approver, expiry and ticket. GitHub ignores
suppressions (it would open an alert for each), so its upload uses `sarif`.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.findings import RunResult
from checker.report.options import RenderOptions
from checker.report.sarif_parts import single


def render(run: RunResult, options: RenderOptions) -> Iterator[str]:
    """The full SARIF log, waived findings included as suppressed results."""
    yield from single(run, options, full=True)
