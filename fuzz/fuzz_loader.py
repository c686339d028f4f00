"""Coverage-guided fuzzing of loader, engine and every report format (on demand, not in CI).

Feeds arbitrary bytes through `parse_project`, `check_document` with the
bundled EU and minimal profiles, and every renderer in `RENDERERS`. A crash is
any exception, a machine-readable report that does not parse, or a raw control
or bidi character in any output. See docs/security.md ("Fuzzing") for how to
run it; in short:

    pip install atheris
    python fuzz/fuzz_loader.py fuzz/corpus projects -max_total_time=600

The first folder collects the inputs that reach new code; the others are read
as seeds. Reproduce a crash with `python fuzz/fuzz_loader.py crash-<hash>`.
"""

from __future__ import annotations

import json
import re
import sys

import atheris

with atheris.instrument_imports():
    from checker import load_catalogue, resolve_profile
    from checker.checking import check_document
    from checker.documents import parse_project
    from checker.findings import RunResult
    from checker.limits import Limits
    from checker.report import RENDERERS, render_to_string
    from checker.report.options import RenderOptions

# Smaller than the defaults so that each input stays fast; the same code paths.
LIMITS = Limits(max_file_bytes=200_000, max_nodes=20_000, max_problems=100)
CATALOGUE = load_catalogue()
PROFILES = tuple(resolve_profile(CATALOGUE, name) for name in ("eu", "minimal"))
OPTIONS = RenderOptions(tool_version="fuzz")
JSON_FORMATS = frozenset({"json", "sarif", "gitlab", "oscal"})
RAW_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def test_one_input(data: bytes) -> None:
    document = parse_project(data, "fuzz.yaml", LIMITS)
    result = check_document(document, PROFILES)
    if result.project.valid == bool(result.problems):
        raise AssertionError("a project is valid exactly when it has no input problems")
    run = RunResult(tuple(p.summary() for p in PROFILES), (result,))
    for name in RENDERERS:
        output = render_to_string(name, run, OPTIONS)
        raw = RAW_CONTROL.search(output)
        if raw is not None:
            raise AssertionError(f"{name}: raw U+{ord(raw.group()):04X} in the output")
        if name in JSON_FORMATS:
            json.loads(output)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
