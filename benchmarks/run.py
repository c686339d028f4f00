"""govcheck performance benchmark: whole processes, interleaved rounds, ratios to the floor.

    python benchmarks/run.py CORPUS_DIR [--rounds 3] [--slow-rounds R] [--json results.json]

Measures, in one run and on the same files, each as a whole process:
(a) the floor, `benchmarks/floor.py` (read + `yaml.CSafeLoader`, nothing else);
(b) `govcheck check` with `-p eu -p minimal`, one profile each, and `--jobs`
    when govcheck has it; (c) `check-jsonschema` with govcheck's exported
project schema; (d) a re-check of unchanged files when govcheck has a result
cache; (e) the peak RSS of every command; (f) start-up: `govcheck --version`
and `govcheck check ONE_FILE` against `python -c "import yaml"`.
Every round runs every command once, in the same order, so that the
machine's drift hits all of them alike; the table reports medians and the
median of the per-round ratios. Owns the plan, the table and the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import measure as proc
from measure import Sample, combine, median, run_once

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
PROFILES = ["-p", "eu", "-p", "minimal"]
FAST_REPEAT = 9  # start-up commands take milliseconds: median of 9 per round, taken in turn


@dataclass
class Row:
    """One measured command and its samples."""

    key: str
    label: str
    argv: list[str]
    baseline: str = "floor"
    slow: bool = False
    fast: bool = False
    note: str = ""
    available: bool = True
    before: Callable[[], None] | None = None
    """Runs ahead of every timed run of this row, untimed."""
    samples: list[Sample] = field(default_factory=list)


def tool(name: str) -> str | None:
    """The venv's console script, else one on PATH."""
    return shutil.which(name, path=str(BIN)) or shutil.which(name)


def govcheck_features(govcheck: str) -> dict[str, bool]:
    """Which optional options `govcheck check` has (the cache and --jobs may come later)."""
    text = subprocess.run(
        [govcheck, "check", "--help"], capture_output=True, text=True, check=False, env=proc.ENV
    ).stdout
    return {
        "jobs": "--jobs" in text,
        "cache": "--no-cache" in text,
        "sarif_split": "--sarif-split" in text,
    }


def edits(path: Path) -> Callable[[], None]:
    """A change to `path` before each run: a comment line that differs every time."""
    count = iter(range(1, 1_000_000))

    def edit() -> None:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"# edit {next(count)}\n")

    return edit


def plan(
    corpus: Path,
    one_file: Path,
    schema: Path,
    jobs: int,
    edited: Path | None = None,
    scratch: Path | None = None,
) -> list[Row]:
    """Every command of the benchmark, in the order each round runs them.

    `edited` is a copy of `one_file` outside the corpus, changed before every
    run of the `one_file_edited` row (a reviewer re-checking on save); the machine
    formats write their reports into `scratch` (as CI does), else to standard output.
    """
    py = sys.executable
    govcheck = tool("govcheck") or "govcheck"
    features = govcheck_features(govcheck)
    cold = ["--no-cache"] if features["cache"] else []
    check = [govcheck, "check", ".", *PROFILES]
    absent = "not available: govcheck check has no {}"
    rows = [
        Row("import_yaml", 'python -c "import yaml"', [py, "-c", "import yaml"], "", fast=True),
        Row("version", "govcheck --version", [govcheck, "--version"], "import_yaml", fast=True),
        Row(
            "one_file",
            "govcheck check ONE_FILE -p eu -p minimal -q (caches warm, if any)",
            [govcheck, "check", str(one_file), *PROFILES, "-q"],
            "import_yaml",
            fast=True,
        ),
        Row(
            "one_file_edited",
            "govcheck check ONE_FILE -p eu -p minimal -q, the file edited before each run",
            [govcheck, "check", str(edited or one_file), *PROFILES, "-q"],
            "import_yaml",
            fast=True,
            available=edited is not None,
            note="" if edited is not None else "not available: no scratch folder",
            before=edits(edited) if edited is not None else None,
        ),
        Row(
            "one_file_cold",
            "govcheck check ONE_FILE -p eu -p minimal -q --no-cache",
            [govcheck, "check", str(one_file), *PROFILES, "-q", *cold],
            "import_yaml",
            fast=True,
            available=features["cache"],
            note="" if features["cache"] else absent.format("cache"),
        ),
        Row(
            "floor",
            "floor: read + yaml.CSafeLoader, 1 process",
            [py, str(HERE / "floor.py"), "."],
            "",
        ),
        Row(
            "floor_jobs",
            f"floor, {jobs} processes",
            [py, str(HERE / "floor.py"), ".", "--jobs", str(jobs)],
        ),
        Row(
            "check",
            "govcheck check -p eu -p minimal -q" + (" --no-cache" if cold else ""),
            [*check, "-q", *cold],
        ),
        *_machine_formats(check, cold, scratch, features),
        *_human_formats(govcheck, check, scratch),
        Row(
            "check_eu", "govcheck check -p eu -q", [govcheck, "check", ".", "-p", "eu", "-q", *cold]
        ),
        Row(
            "check_minimal",
            "govcheck check -p minimal -q",
            [govcheck, "check", ".", "-p", "minimal", "-q", *cold],
        ),
        Row(
            "check_jobs",
            f"govcheck check -p eu -p minimal -q --jobs {jobs}",
            [*check, "-q", "--jobs", str(jobs), *cold],
            available=features["jobs"],
            note="" if features["jobs"] else absent.format("--jobs"),
        ),
        Row(
            "recheck",
            "re-check of unchanged files (result cache)",
            [*check, "-q"],
            available=features["cache"],
            note="" if features["cache"] else absent.format("result cache (--no-cache)"),
        ),
    ]
    peer = tool("check-jsonschema")
    files = sorted(p.name for p in corpus.glob("*.yaml"))
    rows.append(
        Row(
            "check_jsonschema",
            "check-jsonschema --schemafile project.schema.json *.yaml",
            [peer or "check-jsonschema", "--schemafile", str(schema), *files],
            slow=True,
            available=peer is not None,
            note="" if peer else "not available: pip install check-jsonschema",
        )
    )
    return rows


MACHINE_FORMATS = {"json": "json", "sarif": "sarif", "junit": "xml"}
"""The machine formats CI reads (issue 15), and the file suffix of each."""


def _machine_formats(
    check: list[str], cold: list[str], scratch: Path | None, features: dict[str, bool]
) -> list[Row]:
    """For each machine format: a check that evaluates every file (`check_FORMAT`) and one
    whose results all come from the result cache, filled by the warm-up (`FORMAT_warm`)."""
    rows = []
    for name, suffix in MACHINE_FORMATS.items():
        for key, label, extra in (
            (f"check_{name}", f"govcheck check -p eu -p minimal -f {name}", cold),
            (f"{name}_warm", f"govcheck check -p eu -p minimal -f {name}, results cached", []),
        ):
            out = ["-o", str(scratch / f"{key}.{suffix}")] if scratch is not None else []
            where = " -o FILE" if out else " (stdout discarded)"
            argv = [*check, "-f", name, *out, *extra]
            rows.append(Row(key, label + where, argv, before=_fresh(scratch, key)))
    # Every result, split across files within GitHub's limits (`--sarif-split`): the
    # complete record, which the default (one log of the 25,000 most severe, the rest
    # counted; `sarif_warm`) is not. Until 2026-12-07 `-o` split by default.
    split = ["-f", "sarif", "--sarif-split"]
    out = ["-o", str(scratch / "sarif_split_warm.sarif")] if scratch is not None else []
    rows.append(
        Row(
            "sarif_split_warm",
            "govcheck check -p eu -p minimal -f sarif --sarif-split, results cached -o FILE",
            [*check, *split, *out],
            before=_fresh(scratch, "sarif_split_warm"),
            available=features["sarif_split"] and scratch is not None,
            note="" if features["sarif_split"] else "not available: no --sarif-split",
        )
    )
    return rows


def _fresh(scratch: Path | None, key: str) -> Callable[[], None] | None:
    """Removes the report an earlier round wrote (and a split SARIF log's parts) before
    the next timed run, as a CI job's fresh checkout has none: replacing a gigabyte file
    made the kernel free the old one inside the timed run, and moved the JUnit row from
    0.41x to 0.78x of the floor from one run to the next (2026-12-06)."""
    if scratch is None:
        return None

    def remove() -> None:
        for old in scratch.glob(f"{key}.*"):
            old.unlink()
        for old in scratch.glob(f"{key}-*.sarif"):
            old.unlink()

    return remove


HUMAN_FORMATS = {
    "markdown_warm": ("check", ["-f", "markdown"], "md"),
    "html_warm": ("check", ["-f", "html"], "html"),
    "compare_warm": ("compare", [], "txt"),
    "compare_html_warm": ("compare", ["-f", "html"], "html"),
    "compare_json_warm": ("compare", ["-f", "json"], "json"),
}
"""The reports people read, and `compare`'s JSON, measured over a portfolio as the machine
formats are (the HTML and `compare` took 4 GB and 100+ s at 10,000 files until
2026-12-06; `compare -f json` 627 MB until the ninth session): results cached."""


OTHER_REPORTS = {
    "oscal_warm": ("check", ["-f", "oscal"], "json"),
    "gitlab_warm": ("check", ["-f", "gitlab"], "json"),
    "github_warm": ("check", ["-f", "github"], "txt"),
    "questions_json_warm": ("questions", ["-f", "json"], "json"),
}
"""The other machine formats of `check` (OSCAL took 47 s and 4 GB at 1,000 files until the
tenth session) and `questions -f json` (7.2 GB at 10,000): results cached."""

WITHOUT_SPEED_TARGET = {"oscal_warm"}
"""Reports measured for time and held to the memory target only. OSCAL writes every
listed outcome as an observation and a finding of their own, about 220 KB a project
(2.2 GB at 10,000): writing those bytes alone costs more than 0.3× the floor, so the
0.3× goal of the portfolio records (JSON, SARIF, JUnit, GitLab, GitHub) does not apply;
docs/performance.md, "Fourteenth session"."""


def _human_formats(govcheck: str, check: list[str], scratch: Path | None) -> list[Row]:
    rows = []
    for key, (command, extra, suffix) in {**HUMAN_FORMATS, **OTHER_REPORTS}.items():
        argv = check if command == "check" else [govcheck, command, ".", *PROFILES]
        out = ["-o", str(scratch / f"{key}.{suffix}")] if scratch is not None else []
        where = " -o FILE" if out else " (stdout discarded)"
        label = f"govcheck {command} {' '.join(extra)} -p eu -p minimal, results cached{where}"
        rows.append(
            Row(key, label.replace("  ", " "), [*argv, *extra, *out], before=_fresh(scratch, key))
        )
    return rows


def measure(
    rows: list[Row], corpus: Path, rounds: int, slow_rounds: int, recheck: Row | None = None
) -> None:
    """Interleaved rounds: every available command once per round, in plan order.

    `recheck` fills the result cache in the warm-up when a row reads it (`recheck`, the
    `*_warm` reports), also when the recheck row itself is skipped: a skipped recheck
    left `sarif_warm` evaluating every file and writing the cache inside its timed run
    (32.6 s instead of about 4; 2026-12-07).

    The start-up commands (milliseconds each) are interleaved among themselves
    too: each round runs them in turn, FAST_REPEAT times over, and keeps each
    one's median, so that the VM's drift within a round hits `import yaml` and
    the commands measured against it alike.
    """
    live = [r for r in rows if r.available]
    print("warm-up: page cache and result cache", file=sys.stderr)
    for row in live:
        if row.key in ("floor", "one_file"):
            run_once(row.argv, corpus)  # reads every file; fills govcheck's caches if it has them
    reads_cache = any(r.key == "recheck" or r.key.endswith("_warm") for r in live)
    if recheck is not None and recheck.available and reads_cache:
        run_once(recheck.argv, corpus)
    fast = [r for r in live if r.fast]
    # Start-up rows run outside the corpus: `python -c` puts the working directory
    # first on sys.path, and listing a 10,000-file folder slowed `import yaml` by
    # ~6 ms (a console script like govcheck's puts its own folder there instead).
    with tempfile.TemporaryDirectory(prefix="gcbench-") as neutral:
        for number in range(rounds):
            for row, sample in _interleaved(fast, Path(neutral)):
                _record(row, sample, number, rounds)
            for row in live:
                if row.fast or (row.slow and number >= slow_rounds):
                    continue
                if row.before is not None:
                    row.before()
                _record(row, run_once(row.argv, corpus), number, rounds)


def _interleaved(rows: list[Row], corpus: Path) -> list[tuple[Row, Sample]]:
    """Each row's median over FAST_REPEAT runs taken in turn with the other rows."""
    runs: dict[str, list[Sample]] = {row.key: [] for row in rows}
    for _ in range(FAST_REPEAT):
        for row in rows:
            if row.before is not None:
                row.before()
            runs[row.key].append(run_once(row.argv, corpus))
    return [(row, combine(runs[row.key])) for row in rows]


def _record(row: Row, sample: Sample, number: int, rounds: int) -> None:
    row.samples.append(sample)
    print(
        f"round {number + 1}/{rounds} {row.key}: {sample.seconds:.3f} s, "
        f"{sample.peak_rss_mb:.0f} MB, rc {sample.returncode}",
        file=sys.stderr,
    )


def tui_paint(corpus: Path, rounds: int) -> list[dict[str, float]]:
    """The TUI's check and first-paint times, one headless run per round (see tui_paint.py)."""
    out: list[dict[str, float]] = []
    for number in range(rounds):
        done = subprocess.run(
            [sys.executable, str(HERE / "tui_paint.py"), str(corpus)],
            capture_output=True,
            text=True,
            check=False,
            env=proc.ENV,
        )
        if done.returncode != 0:
            print(f"tui: not measured: {done.stderr.strip()[-300:]}", file=sys.stderr)
            return out
        out.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"round {number + 1}/{rounds} tui: {out[-1]}", file=sys.stderr)
    return out


def ok(sample: Sample) -> bool:
    """A run that did its job: exit 0, or 1 for "findings or invalid files" (2+: it failed)."""
    return sample.returncode in (0, 1)


def ratios(row: Row, by_key: dict[str, Row], cpu: bool = False) -> list[float]:
    """Per-round ratio to the row's baseline (same round, same files), wall or CPU time.

    A round where either run failed (exit 2 or more) is left out.
    """
    base = by_key.get(row.baseline)
    if base is None:
        return []
    pairs = [(s, b) for s, b in zip(row.samples, base.samples, strict=False) if ok(s) and ok(b)]
    if cpu:
        return [s.cpu_seconds / b.cpu_seconds for s, b in pairs]
    return [s.seconds / b.seconds for s, b in pairs]


def summarise(rows: list[Row], files: int) -> list[dict[str, object]]:
    """One summary record per row."""
    by_key = {r.key: r for r in rows}
    out: list[dict[str, object]] = []
    for row in rows:
        good = [s for s in row.samples if ok(s)]
        times = [s.seconds for s in good]
        per_round = ratios(row, by_key)
        cpu = [s.cpu_seconds for s in good]
        record: dict[str, object] = {
            "key": row.key,
            "label": row.label,
            "available": row.available,
            "note": row.note,
            "runs": len(times),
            "seconds": median(times),
            "seconds_min": min(times, default=float("nan")),
            "seconds_max": max(times, default=float("nan")),
            "us_per_file": None if row.fast else median(times) / files * 1e6,
            "cpu_seconds": median(cpu),
            "peak_rss_mb": median([s.peak_rss_mb for s in good]),
            "failed_runs": len(row.samples) - len(good),
            "cpu_ratio": median(ratios(row, by_key, cpu=True)),
            "baseline": row.baseline,
            "ratio": median(per_round),
            "ratio_min": min(per_round, default=float("nan")),
            "ratio_max": max(per_round, default=float("nan")),
            "returncodes": sorted({s.returncode for s in row.samples}),
            "command": " ".join(row.argv[:12]) + (" ..." if len(row.argv) > 12 else ""),
        }
        out.append(record)
    return out


def _fmt(value: object, spec: str) -> str:
    if not isinstance(value, float) or value != value:  # None, or NaN
        return "–"
    return format(value, spec)


def table(summary: list[dict[str, object]]) -> str:
    """The human table, in Markdown."""
    lines = [
        "| command | runs | wall s, median (min–max) | µs/file | wall ratio (min–max) "
        "| CPU s | CPU ratio | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in summary:
        if not r["available"]:
            lines.append(f"| {r['label']} | – | {r['note']} | – | – | – | – | – |")
            continue
        base = "floor" if r["baseline"] == "floor" else "`import yaml`"
        ratio = (
            f"×{_fmt(r['ratio'], '.2f')} {base} ({_fmt(r['ratio_min'], '.2f')}–"
            f"{_fmt(r['ratio_max'], '.2f')})"
            if r["baseline"]
            else "1.00 (reference)"
        )
        cpu_ratio = f"×{_fmt(r['cpu_ratio'], '.2f')}" if r["baseline"] else "1.00"
        failed = f" ({r['failed_runs']} failed)" if r["failed_runs"] else ""
        lines.append(
            f"| {r['label']} | {r['runs']}{failed} | {_fmt(r['seconds'], '.3f')} "
            f"({_fmt(r['seconds_min'], '.3f')}–{_fmt(r['seconds_max'], '.3f')}) | "
            f"{_fmt(r['us_per_file'], ',.0f')} | {ratio} | {_fmt(r['cpu_seconds'], '.2f')} | "
            f"{cpu_ratio} | {_fmt(r['peak_rss_mb'], '.0f')} |"
        )
    return "\n".join(lines)


def _get(summary: list[dict[str, object]], key: str) -> dict[str, object]:
    skipped: dict[str, object] = {"key": key, "available": False}
    return next((r for r in summary if r["key"] == key), skipped)


def _num(record: dict[str, object], name: str) -> float:
    value = record.get(name)
    return float(value) if isinstance(value, int | float) and record["available"] else float("nan")


def targets(
    summary: list[dict[str, object]],
    files: int,
    tui: list[dict[str, float]],
    json_kb: float = float("nan"),
) -> list[dict[str, object]]:
    """The issue's goals, each as measured value against its limit; `json_kb` is the
    default JSON report's size per project, in KB."""
    check, recheck = _get(summary, "check"), _get(summary, "recheck")
    jobs, peer = _get(summary, "check_jobs"), _get(summary, "check_jsonschema")
    speedup = _num(check, "seconds") / _num(jobs, "seconds")
    rows: list[tuple[str, float, str, float]] = [
        ("check, 2 profiles, 1 process, ×floor", _num(check, "ratio"), "<=", 1.5),
        ("same, on CPU time (robust to other load)", _num(check, "cpu_ratio"), "<=", 1.5),
        (f"check --jobs: speed-up over 1 process ({os.cpu_count()} CPUs)", speedup, ">=", 1.4),
        (
            "check-jsonschema time / govcheck check time",
            _num(peer, "seconds") / _num(check, "seconds"),
            ">=",
            10.0,
        ),
        ("same, on CPU time", _num(peer, "cpu_seconds") / _num(check, "cpu_seconds"), ">=", 10.0),
        ("re-check of unchanged files, ×floor", _num(recheck, "ratio"), "<=", 0.2),
        (
            f"peak RSS of check, MB (N={files:,}; target is for 10,000)",
            _num(check, "peak_rss_mb"),
            "<=",
            150.0,
        ),
        ("govcheck --version, ×import yaml", _num(_get(summary, "version"), "ratio"), "<=", 2.0),
        (
            "govcheck check ONE_FILE --no-cache, ×import yaml",
            _num(_get(summary, "one_file_cold"), "ratio"),
            "<=",
            2.0,
        ),
        (
            "govcheck check ONE_FILE (caches warm), ×import yaml",
            _num(_get(summary, "one_file"), "ratio"),
            "<=",
            2.0,
        ),
        (
            "govcheck check ONE_FILE just edited (profile cache warm), ×import yaml",
            _num(_get(summary, "one_file_edited"), "ratio"),
            "<=",
            2.0,
        ),
    ]
    for name in MACHINE_FORMATS:  # issue 15
        cold, warm = _get(summary, f"check_{name}"), _get(summary, f"{name}_warm")
        rows += [
            (f"check -f {name}, ×floor", _num(cold, "ratio"), "<=", 1.5),
            (f"check -f {name}, results cached, ×floor", _num(warm, "ratio"), "<=", 0.3),
            (
                f"peak RSS of check -f {name}, MB (target is for 10,000)",
                _num(cold, "peak_rss_mb"),
                "<=",
                150.0,
            ),
        ]
    rows.append(
        ("JSON report, KB per project (default: findings that need attention)", json_kb, "<=", 10.0)
    )
    for key, (command, _extra, _suffix) in OTHER_REPORTS.items():
        if command == "check" and key not in WITHOUT_SPEED_TARGET:  # issue 15, results cached
            label = key.removesuffix("_warm")
            rows.append(
                (
                    f"check -f {label}, results cached, ×floor",
                    _num(_get(summary, key), "ratio"),
                    "<=",
                    0.3,
                )
            )
    for key in (*HUMAN_FORMATS, *OTHER_REPORTS):  # the memory goal holds for every report
        rows.append(
            (
                f"peak RSS of {key}, MB (target is for 10,000)",
                _num(_get(summary, key), "peak_rss_mb"),
                "<=",
                150.0,
            )
        )
    out: list[dict[str, object]] = []
    for name, value, op, limit in rows:
        met = None if value != value else (value <= limit if op == "<=" else value >= limit)
        out.append({"target": name, "value": value, "op": op, "limit": limit, "met": met})
    paint = median([t["paint_seconds"] for t in tui])
    out.append(
        {
            "target": f"TUI first paint after the check, s (N={files:,}; target is for 1,000)",
            "value": paint,
            "op": "<=",
            "limit": 1.0,
            "met": None if paint != paint else paint <= 1.0,
        }
    )
    return out


def target_table(rows: list[dict[str, object]]) -> str:
    """Targets in Markdown."""
    lines = ["| target | measured | limit | met |", "|---|---|---|---|"]
    verdict: dict[object, str] = {True: "yes", False: "**no**", None: "not measured"}
    for r in rows:
        lines.append(
            f"| {r['target']} | {_fmt(r['value'], '.2f')} | {r['op']} {r['limit']} "
            f"| {verdict[r['met']]} |"
        )
    return "\n".join(lines)


def byte_compile(package: Path) -> None:
    """Write the .pyc files of `package`, as `pip install` does.

    With PYTHONDONTWRITEBYTECODE set (it is, on the project's box) every start
    would otherwise compile govcheck's sources again, ~40 ms that no installed
    copy pays, while PyYAML's .pyc files came with its wheel.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def snapshot(ref: str, into: Path) -> str:
    """Extract govcheck at git `ref` into `into` and run every command against it.

    The checkout may change while a benchmark runs (an editable install picks
    up every save); a snapshot on PYTHONPATH, which comes before the editable
    install's path entry, keeps all rounds on the same code. Returns the commit.
    """
    repo = HERE.parent
    commit = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", ref], capture_output=True, text=True, check=True
    ).stdout.strip()
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", commit, "checker", "rulesets", "projects"],
        capture_output=True,
        check=True,
    ).stdout
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    byte_compile(into / "checker")
    proc.ENV = (proc.ENV or dict(os.environ)) | {"PYTHONPATH": str(into)}
    return commit


def machine() -> dict[str, object]:
    """Where and when the numbers were taken."""
    head = subprocess.run(
        ["git", "-C", str(HERE), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "govcheck_commit": head,
        "peak_rss_via": "/usr/bin/time -v" if Path("/usr/bin/time").exists() else "os.wait4",
        "loadavg": [round(x, 2) for x in os.getloadavg()],
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: measure, print the tables, write the JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder written by benchmarks/corpus.py")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument(
        "--slow-rounds",
        type=int,
        default=None,
        help="rounds for check-jsonschema (default: --rounds)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 2,
        help="worker processes for the --jobs rows (default: CPU count)",
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="KEY",
        help="leave a row out, e.g. check_json (repeatable)",
    )
    parser.add_argument("--json", type=Path, help="write samples and summary as JSON lines")
    parser.add_argument(
        "--snapshot",
        metavar="REF",
        help="measure govcheck as committed at git REF (e.g. HEAD), not the working tree",
    )
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    files = sorted(corpus.glob("*.yaml"))
    if not files:
        parser.error(f"no *.yaml files in {corpus}")
    before = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory() as tmp:
        # A private cache folder: no earlier run's results, and ~/.cache is left alone.
        proc.ENV = os.environ | {"XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        commit = snapshot(args.snapshot, Path(tmp) / "code") if args.snapshot else "working tree"
        if not args.snapshot:
            byte_compile(HERE.parent / "checker")
        schema = Path(tmp) / "project.schema.json"
        subprocess.run(
            [tool("govcheck") or "govcheck", "schema", "project", "-o", str(schema)],
            check=True,
            env=proc.ENV,
        )
        edited = Path(tmp) / "edited" / files[0].name
        edited.parent.mkdir()
        shutil.copyfile(files[0], edited)
        scratch = Path(tmp) / "reports"
        scratch.mkdir()
        planned = plan(corpus, files[0], schema, args.jobs, edited, scratch)
        rows = [r for r in planned if r.key not in args.skip]
        recheck = next((r for r in planned if r.key == "recheck"), None)
        measure(rows, corpus, args.rounds, args.slow_rounds or args.rounds, recheck)
        tui = [] if "tui" in args.skip else tui_paint(corpus, args.rounds)
        report = scratch / "check_json.json"
        json_kb = report.stat().st_size / 1000 / len(files) if report.exists() else float("nan")
    summary = summarise(rows, len(files))
    goals = targets(summary, len(files), tui, json_kb)
    info = machine() | {"files": len(files), "rounds": args.rounds, "corpus": str(corpus)}
    info["loadavg_before"] = before
    info["measured_code"] = commit
    print(
        f"\n{len(files):,} files; {info['date']}; nproc {info['nproc']}; "
        f"Python {info['python']}; govcheck {commit} (checkout {info['govcheck_commit']}); "
        f"load average at start {before}, at end {info['loadavg']}\n"
    )
    print(table(summary), "\n")
    print(target_table(goals))
    if args.json:
        with args.json.open("w", encoding="utf-8") as out:
            out.write(json.dumps({"kind": "run"} | info) + "\n")
            for row in rows:
                for n, s in enumerate(row.samples):
                    out.write(
                        json.dumps(
                            {
                                "kind": "sample",
                                "key": row.key,
                                "round": n + 1,
                                "seconds": s.seconds,
                                "cpu_seconds": s.cpu_seconds,
                                "peak_rss_mb": s.peak_rss_mb,
                                "returncode": s.returncode,
                            }
                        )
                        + "\n"
                    )
            for record in summary:
                out.write(json.dumps({"kind": "summary"} | record) + "\n")
            for n, t in enumerate(tui):
                out.write(json.dumps({"kind": "tui", "round": n + 1} | t) + "\n")
            for goal in goals:
                out.write(json.dumps({"kind": "target"} | goal) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
