"""Shared fixtures: the bundled catalogue, resolved profiles, and running the real command."""

from __future__ import annotations

import atexit
import compileall
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from checker import load_catalogue
from checker.limits import DEFAULT_LIMITS
from checker.profiles import Catalogue, ResolvedProfile, resolve_profile
from checker.sources import SourceDocument, parse_source

# One cache folder per test run: the caches key on govcheck's version, not its source, so
# the user's cache would serve results computed by an earlier build of the same version.
_RUN_CACHE = tempfile.mkdtemp(prefix="govcheck-test-cache-")
os.environ["GOVCHECK_CACHE_DIR"] = _RUN_CACHE
atexit.register(shutil.rmtree, _RUN_CACHE, ignore_errors=True)
# The user's imported screening lists (docs/screening.md) would change verdicts: tests
# screen against the bundled excerpts only, unless a test imports lists of its own.
_RUN_REFERENCE = tempfile.mkdtemp(prefix="govcheck-test-reference-")
os.environ["GOVCHECK_REFERENCE_DIR"] = _RUN_REFERENCE
atexit.register(shutil.rmtree, _RUN_REFERENCE, ignore_errors=True)
# govcheck's data folder (the bundled samples' waivers file), never the user's own.
_RUN_DATA = tempfile.mkdtemp(prefix="govcheck-test-data-")
os.environ["GOVCHECK_DATA_DIR"] = _RUN_DATA
atexit.register(shutil.rmtree, _RUN_DATA, ignore_errors=True)

# The command's modules compiled once, as `pip install` compiles an installed copy: with
# PYTHONDONTWRITEBYTECODE set (it is on the project's box and so in its CI) each of the
# suite's thousands of `python -m checker` runs compiled every module it imported again,
# 0.12 s against 0.05 s for a one-file check. Reading .pyc files is not writing them.
compileall.compile_dir(Path(__file__).resolve().parent.parent / "checker", quiet=1)

# The language is chosen by GOVCHECK_LANG before the locale (docs/i18n.md): tests read
# English unless they ask for another language, whatever the developer's locale.
os.environ["GOVCHECK_LANG"] = "en"

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def browser() -> str | None:
    """A headless Chromium or Chrome on this machine, for the tests that render HTML."""
    return (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


needs_browser = pytest.mark.skipif(
    browser() is None,
    reason="no Chromium or Chrome on this machine: install Debian's chromium (.ci/run does "
    "so as root) to render the HTML in a real browser",
)

# A small valid project file for tests that need one.
GOOD = """\
format_version: 1
id: good
title: A small well-described project
country: KG
sector: e_government
status: proposed
parties:
  sponsor: {name: Ministry, type: ministry}
"""


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def eu(catalogue: Catalogue) -> ResolvedProfile:
    return resolve_profile(catalogue, "eu")


@pytest.fixture(scope="session")
def minimal(catalogue: Catalogue) -> ResolvedProfile:
    return resolve_profile(catalogue, "minimal")


def listed_in(result: dict[str, Any], rules: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(status, finding) of each finding a 3.0 document lists for one project and profile,
    in the order of the profile's `rules` table, as format 2.0 listed them."""
    rank = {rule: at for at, rule in enumerate(rules)}
    pairs = [(s, f) for s, group in result["findings"].items() for f in group]
    return sorted(pairs, key=lambda pair: rank[pair[1]["rule"]])


def findings_of(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every input problem and listed finding of a JSON results document, each written out
    the way a reader of the documented format puts it together: with its profile, project
    and path, message, detail text, missing facts and fingerprint, and null for the fields
    a finding leaves out."""
    from checker.expanded import identity_hash
    from checker.resultformats import as_v3

    if document["format_version"] == "2.0":
        document = as_v3(document)
    rules = {p["id"]: p["rules"] for p in document["profiles"]}
    texts, facts = document["texts"], document["facts"]
    out: list[dict[str, Any]] = []
    for project in document["projects"]:
        where = {"project": project["id"], "path": project["path"]}
        for problem in project["problems"]:
            key = identity_hash(None, problem["rule"], project["id"], problem["pointer"])
            out.append(
                dict.fromkeys(_LEFT_OUT)
                | {"fingerprint": key, "missing_facts": [], "screening": [], "evidence": []}
                | problem
                | where
                | {"profile": None, "detail": texts[problem["detail"]]}
            )
        for result in project["results"]:
            profile = result["profile"]
            for status, finding in listed_in(result, rules[profile]):
                line, column, pointer, *named = project["places"][finding["at"]]
                item = named[0] if named else ""
                rule = rules[profile][finding["rule"]]
                out.append(
                    dict.fromkeys(_LEFT_OUT)
                    | {
                        "severity": rule["severity"],
                        "binding": rule.get("binding"),
                        "basis": "claimed",
                        "evidence": [],
                        "screening": [],
                        "fingerprint": identity_hash(profile, finding["rule"], project["id"], item),
                    }
                    | {key: value for key, value in finding.items() if key != "at"}
                    | where
                    | {
                        "profile": profile,
                        "status": status,
                        "line": line,
                        "column": column,
                        "pointer": pointer,
                        "item": named[0] if named else None,
                        "message_id": f"finding.{status}",
                        "message": finding.get("message") or rule["messages"][status],
                        "detail": texts[finding["detail"]],
                        "binding_because": (
                            texts[finding["binding_because"]]
                            if "binding_because" in finding
                            else rule.get("binding_because")
                        ),
                        "missing_facts": [facts[i] for i in finding.get("missing_facts", [])],
                    }
                )
    return out


_LEFT_OUT = ("waived_status", "item", "baseline_state", "waiver", "basis", "binding")
"""Fields a finding leaves out when null."""


def generated_portfolio(folder: Path, count: int) -> Path:
    """`count` proposals from the benchmark generator (fixed seed) beside the samples."""
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(folder), str(count)],
        check=True,
        capture_output=True,
    )
    for sample in (ROOT / "projects").glob("*.yaml"):
        shutil.copy(sample, folder / sample.name)
    return folder


def parse(text: str) -> SourceDocument:
    return parse_source(text.encode("utf-8"), "t.yaml", DEFAULT_LIMITS)


@dataclass(frozen=True)
class Completed:
    code: int
    out: str
    err: str


def run_govcheck(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
) -> Completed:
    """Run the real `govcheck` command (python -m checker) in `cwd`."""
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    # The tree under test, not whichever govcheck is installed (a worktree's tests ran
    # the editable install's code, and its bundled rulesets clashed with the tree's).
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, (str(ROOT), environment.get("PYTHONPATH")))
    )
    environment.update(env or {})
    done = subprocess.run(
        [sys.executable, "-m", "checker", *args],
        cwd=cwd,
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return Completed(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def govcheck(tmp_path: Path) -> Callable[..., Completed]:
    """Run the real `govcheck` command (python -m checker) in a folder of its own."""

    def run(
        *args: str,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        stdin: str | None = None,
    ) -> Completed:
        return run_govcheck(*args, cwd=cwd or tmp_path, env=env, stdin=stdin)

    return run
