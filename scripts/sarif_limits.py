"""Check govcheck's SARIF against GitHub code scanning's upload limits on a generated corpus.

    python scripts/sarif_limits.py N [--jobs J] [--keep DIR]

Generates N proposals (benchmarks/corpus.py), checks them with `-p eu -p minimal -f sarif
--sarif-split -o` (every result, in as many files as the limits need),
then reads every file written and prints, per file, its results, rules, size and gzipped
size against GitHub's limits (docs/ci.md#large-portfolios); exits 1 when a limit is
passed or two files share a category. Too slow for the test suite at the real limits
(tests/test_sarif_limits.py lowers them instead).
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMITS = {"runs": 20, "results": 25_000, "rules": 25_000, "tags": 20, "gzipped": 10_000_000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", help="write the corpus and SARIF here instead of a temp dir")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(args.keep or scratch)
        corpus, out = work / "corpus", work / "sarif"
        out.mkdir(parents=True, exist_ok=True)
        generate = [
            sys.executable,
            str(ROOT / "benchmarks" / "corpus.py"),
            str(corpus),
            str(args.n),
        ]
        subprocess.run(generate, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 - our own script
        start = time.perf_counter()
        done = subprocess.run(  # noqa: S603 - our own interpreter and package
            [sys.executable, "-m", "checker", "check", str(corpus), "-p", "eu", "-p", "minimal",
             "-f", "sarif", "--sarif-split", "-o", str(out / "govcheck.sarif"),
             "--jobs", str(args.jobs),
             "--no-cache"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        seconds = time.perf_counter() - start
        print(done.stderr.strip() or "(nothing on stderr)")
        return _report(sorted(out.glob("*.sarif")), seconds)


def _report(files: list[Path], seconds: float) -> int:
    failures: list[str] = []
    categories: set[str] = set()
    total = 0
    print(f"{'file':<22}{'results':>9}{'rules':>7}{'MB':>8}{'gzip MB':>9}  category")
    for path in files:
        data = path.read_bytes()
        log = json.loads(data)
        runs = log["runs"]
        if len(runs) > LIMITS["runs"]:
            failures.append(f"{path.name}: {len(runs)} runs")
        for run in runs:
            results, rules = run["results"], run["tool"]["driver"]["rules"]
            total += len(results)
            category = run["automationDetails"]["id"]
            if category in categories:
                failures.append(f"{path.name}: category {category} again")
            categories.add(category)
            if len(results) > LIMITS["results"] or len(rules) > LIMITS["rules"]:
                failures.append(f"{path.name}: {len(results)} results, {len(rules)} rules")
            if any(len(r["properties"]["tags"]) > LIMITS["tags"] for r in rules):
                failures.append(f"{path.name}: a rule with more than 20 tags")
            if run["properties"].get("resultsLeftOut"):
                failures.append(f"{path.name}: {run['properties']['resultsLeftOut']} left out")
        zipped = len(gzip.compress(data))
        if zipped > LIMITS["gzipped"]:
            failures.append(f"{path.name}: {zipped:,} bytes gzipped")
        print(
            f"{path.name:<22}{len(results):>9,}{len(rules):>7}{len(data) / 1e6:>8.1f}"
            f"{zipped / 1e6:>9.2f}  {category}"
        )
    print(f"{len(files)} file(s), {total:,} results, check and write {seconds:.1f} s")
    for failure in failures:
        print("LIMIT:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
