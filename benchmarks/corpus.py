"""Deterministic corpus of synthetic project proposals for the govcheck benchmark.

    python benchmarks/corpus.py OUT_DIR N [--seed S] [--verify]

Writes N files `OUT_DIR/pNNNNNN-<id>.yaml`. File i depends only on (seed, i),
so the first 1,000 files of a 10,000-file corpus are the 1,000-file corpus.
About 3 % of the files carry one injected defect (unknown key, wrong type,
bad enum value, duplicate key, YAML syntax error); `OUT_DIR/corpus.json`
lists them. `--verify` runs `govcheck check` over the corpus and fails unless
the invalid files are exactly the injected ones, then prints how often each
rule passed, failed and did not apply. Owns file naming, defects and the
check; the content comes from `proposal.py`, the layout from `yamltext.py`.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from proposal import build
from yamltext import document

DEFECT_RATE = 0.03
DEFECTS = ("unknown_key", "wrong_type", "bad_enum", "duplicate_key", "syntax_error")
MANIFEST = "corpus.json"


def _replace_first(lines: list[str], prefix: str, new: str) -> None:
    at = next(n for n, line in enumerate(lines) if line.startswith(prefix))
    lines[at] = new


def inject(text: str, kind: str) -> str:
    """The same file with one defect of the given kind, at a top-level key."""
    lines = text.splitlines()
    if kind == "unknown_key":
        at = next(n for n, line in enumerate(lines) if line.startswith("status:"))
        lines.insert(at + 1, "approval_date: 2024-05-01")
    elif kind == "wrong_type":
        _replace_first(lines, "region:", "region: [north, south]")
    elif kind == "bad_enum":
        _replace_first(lines, "sector:", "sector: smart_city")
    elif kind == "duplicate_key":
        at = next(n for n, line in enumerate(lines) if line.startswith("status:"))
        lines.insert(at + 1, "status: approved")
    elif kind == "syntax_error":
        at = next(n for n, line in enumerate(lines) if line.startswith("tags: ["))
        lines[at] = lines[at].rstrip("]")
    else:
        raise ValueError(f"unknown defect {kind!r}")
    return "\n".join(lines) + "\n"


def project_file(index: int, seed: int) -> tuple[str, str, str | None]:
    """(file name, text, defect kind or None) of project `index`."""
    doc, header = build(index, seed)
    text = document(doc, header)
    draw = random.Random(f"defect:{seed}:{index}")
    defect = draw.choice(DEFECTS) if draw.random() < DEFECT_RATE else None
    if defect:
        text = inject(text, defect)
    return f"p{index:06d}-{doc['id']}.yaml", text, defect


def write_corpus(out: Path, count: int, seed: int) -> dict[str, str]:
    """Write `count` files under `out`; returns {file name: defect} of the defective ones."""
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("p[0-9][0-9][0-9][0-9][0-9][0-9]-*.yaml"):
        stale.unlink()  # a smaller N written over a bigger one must not keep the tail
    defects: dict[str, str] = {}
    lines: list[int] = []
    for index in range(count):
        name, text, defect = project_file(index, seed)
        (out / name).write_text(text, encoding="utf-8")
        lines.append(text.count("\n"))
        if defect:
            defects[name] = defect
    lines.sort()
    manifest = {
        "seed": seed,
        "count": count,
        "lines": {"min": lines[0], "median": lines[len(lines) // 2], "max": lines[-1]},
        "bytes": sum(p.stat().st_size for p in out.glob("*.yaml")),
        "defects": defects,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return defects


def verify(out: Path, defects: dict[str, str]) -> bool:
    """Check the corpus with govcheck (eu + minimal); print rule outcome coverage."""
    govcheck = shutil.which("govcheck", path=str(Path(sys.executable).parent)) or "govcheck"
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [
            govcheck,
            "check",
            str(out),
            "-p",
            "eu",
            "-p",
            "minimal",
            "--fail-on",
            "critical",
            "-f",
            "json",
            "-o",
            str(report),
            "--no-waivers",
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode not in (0, 1):
            print(done.stderr, file=sys.stderr)
            return False
        result = json.loads(report.read_text(encoding="utf-8"))
    invalid = {Path(p["path"]).name for p in result["projects"] if not p["valid"]}
    ok = invalid == set(defects)
    print(f"files: {len(result['projects'])}, invalid: {len(invalid)}, injected: {len(defects)}")
    for name in sorted(invalid ^ set(defects)):
        why = defects.get(name, "not injected")
        problems = [
            f["message"]
            for f in result["findings"]
            if Path(f["path"]).name == name and f["status"] == "error"
        ][:3]
        print(f"  MISMATCH {name}: {why}; {problems}")
    _coverage(result)
    return ok


def _coverage(result: dict[str, Any]) -> None:
    outcomes: dict[str, Counter[str]] = defaultdict(Counter)
    for finding in result["findings"]:
        if finding.get("rule", "").startswith(("EU-", "MIN-")):
            outcomes[finding["rule"]][finding["status"]] += 1
    full = [r for r, c in outcomes.items() if {"pass", "fail", "not_applicable"} <= set(c)]
    print(f"rules: {len(outcomes)}, with pass, fail and not_applicable: {len(full)}")
    for rule, counts in sorted(outcomes.items()):
        missing = {"pass", "fail", "not_applicable"} - set(counts)
        if missing:
            print(f"  {rule}: {dict(counts)} (never {', '.join(sorted(missing))})")
    print("statuses:", dict(sum(outcomes.values(), Counter())))


def main(argv: list[str] | None = None) -> int:
    """Command line: write the corpus, optionally verify it."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="output folder")
    parser.add_argument("count", type=int, help="number of project files")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--verify", action="store_true", help="check the corpus with govcheck")
    args = parser.parse_args(argv)
    defects = write_corpus(args.out, args.count, args.seed)
    manifest = json.loads((args.out / MANIFEST).read_text(encoding="utf-8"))
    print(
        f"wrote {args.count} files to {args.out}: lines {manifest['lines']}, "
        f"{manifest['bytes'] / 1e6:.1f} MB, {len(defects)} with an injected defect"
    )
    if args.verify and not verify(args.out, defects):
        print("verify: FAILED", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
