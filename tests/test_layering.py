"""The core is a library: it never imports Textual, the CLI, or report formatting."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

_PROBE = """
import sys
import checker
catalogue = checker.load_catalogue()
profile = checker.resolve_profile(catalogue, "eu")
run = checker.check([sys.argv[1]], [profile])
assert run.projects
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich")
               or m.startswith(("checker.cli", "checker.report.", "checker.tui")))
print(",".join(heavy))
"""


def test_core_does_not_import_textual_cli_or_reports() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(ROOT / "projects")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == ""


def test_version_does_not_import_pydantic_or_textual() -> None:
    probe = (
        "import sys, runpy; sys.argv=['govcheck','--version']\n"
        "try:\n runpy.run_module('checker', run_name='__main__')\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pydantic','textual','jsonschema','jsonschema_rs')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("[]")
    assert done.stdout.startswith("govcheck ")
