"""Large runs: result and profile caches, worker processes, progress, Ctrl-C."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.profiles import ResolvedProfile
from tests.conftest import DATA, ROOT, Completed, findings_of

Run = Callable[..., Completed]


def _copies(folder: Path, count: int) -> Path:
    """`count` valid projects with distinct ids, from the bundled samples."""
    folder.mkdir(parents=True, exist_ok=True)
    samples = sorted((ROOT / "projects").glob("*.yaml"))
    for index in range(count):
        source = samples[index % len(samples)]
        text = source.read_text().replace("\nid: ", f"\nid: copy-{index:04d}-", 1)
        (folder / f"p{index:04d}.yaml").write_text(text)
    return folder


@pytest.fixture
def cached(tmp_path: Path) -> dict[str, str]:
    return {"GOVCHECK_CACHE_DIR": str(tmp_path / "cache")}


def test_cached_and_uncached_runs_are_identical(govcheck: Run, cached: dict[str, str]) -> None:
    args = ("check", str(ROOT / "projects"), "-p", "eu", "-p", "minimal", "-f", "json")
    cold = govcheck(*args, env=cached)
    warm = govcheck(*args, env=cached)
    plain = govcheck(*args, "--no-cache", env=cached)
    assert cold.code == warm.code == plain.code == 1
    assert cold.out == warm.out == plain.out
    rows = (
        sqlite3.connect(Path(cached["GOVCHECK_CACHE_DIR"]) / "results-v2.sqlite")
        .execute("SELECT COUNT(*) FROM results")
        .fetchone()[0]
    )
    assert rows == len(list((ROOT / "projects").glob("*.yaml")))


def test_any_change_to_a_file_or_ruleset_misses_the_cache(
    govcheck: Run, tmp_path: Path, cached: dict[str, str]
) -> None:
    shutil.copytree(DATA / "golden" / "projects", tmp_path / "projects")
    shutil.copytree(DATA / "golden" / "rules", tmp_path / "rules")
    args = (
        "check",
        "projects",
        "--rulesets",
        "rules",
        "-p",
        "golden",
        "-f",
        "json",
        "--include",
        "all",
        "--today",
        "2026-11-25",
    )

    def severity(rule: str, project: str) -> str:
        document = json.loads(govcheck(*args, env=cached).out)
        return next(
            f["severity"]
            for f in findings_of(document)
            if f["rule"] == rule and f["project"] == project
        )

    assert severity("GOLD-AI-BAN", "alpha") == "critical"
    rules = tmp_path / "rules" / "golden.yaml"
    rules.write_text(rules.read_text().replace("severity: critical", "severity: low"))
    assert severity("GOLD-AI-BAN", "alpha") == "low"
    alpha = tmp_path / "projects" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("rbi_mode: real_time", "rbi_mode: post"))
    document = json.loads(govcheck(*args, env=cached).out)
    status = next(
        f["status"]
        for f in findings_of(document)
        if f["rule"] == "GOLD-AI-BAN" and f["project"] == "alpha"
    )
    assert status == "pass"


def test_worker_processes_give_the_same_result(govcheck: Run, tmp_path: Path) -> None:
    folder = _copies(tmp_path / "many", 80)
    one = govcheck("check", str(folder), "-f", "json", "--no-cache")
    two = govcheck("check", str(folder), "-f", "json", "--no-cache", "-j", "2")
    assert one.code == two.code == 1
    assert one.out == two.out
    assert len(json.loads(two.out)["projects"]) == 80


def test_no_more_workers_are_forked_than_there_are_chunks_of_files(
    tmp_path: Path, eu: ResolvedProfile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--jobs 64` (a CI job passing `$(nproc)`) on 80 files forked 64 copies of the
    process for 3 chunks of work; as many workers as chunks are forked now, at most."""
    import concurrent.futures

    from checker.batch import BatchOptions, run_batch

    forked: list[int] = []
    real = concurrent.futures.ProcessPoolExecutor

    def counting(workers: int, **kwargs: object) -> concurrent.futures.ProcessPoolExecutor:
        forked.append(workers)
        return real(workers, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", counting)
    folder = _copies(tmp_path / "many", 80)
    run = run_batch([folder], [eu], BatchOptions(jobs=64, use_cache=False))
    assert len(run.projects) == 80
    assert forked == [3]


def test_an_unusable_cache_is_skipped(govcheck: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    done = govcheck("check", str(ROOT / "projects"), "-q", env={"GOVCHECK_CACHE_DIR": str(blocker)})
    assert done.code == 1
    assert done.err == ""


def test_a_tampered_cache_never_runs_code(
    govcheck: Run, tmp_path: Path, cached: dict[str, str]
) -> None:
    project = ROOT / "projects" / "kg-bishkek-safe-city.yaml"
    first = govcheck("check", str(project), "-f", "json", env=cached)
    database = Path(cached["GOVCHECK_CACHE_DIR"]) / "results-v2.sqlite"
    marker = tmp_path / "pwned"
    payload = b"cos\nsystem\n(S'touch " + str(marker).encode() + b"'\ntR."
    with sqlite3.connect(database) as db:
        db.execute("UPDATE results SET value = ?", (payload,))
    again = govcheck("check", str(project), "-f", "json", env=cached)
    assert not marker.exists()
    assert again.out == first.out


def _second_run_imports(
    cached: dict[str, str], *args: str
) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """`govcheck ARGS` on the Bishkek sample, run twice so that every cache is warm: the
    second run and the modules it imported (`-X importtime`)."""
    project = str(ROOT / "projects" / "kg-bishkek-safe-city.yaml")
    environment = {**os.environ, **cached}
    command = [sys.executable, "-X", "importtime", "-m", "checker", args[0], project, *args[1:]]
    subprocess.run(command, capture_output=True, env=environment, check=False)
    warm = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    return warm, {line.split("|")[-1].strip() for line in warm.stderr.splitlines()}


def test_warm_profile_cache_avoids_pydantic(cached: dict[str, str]) -> None:
    warm, imported = _second_run_imports(cached, "check", "-q")
    assert warm.returncode == 1
    assert "pydantic" not in imported
    assert "textual" not in imported


@pytest.mark.parametrize(
    "form", ["json", "sarif", "junit", "markdown", "html", "gitlab", "github", "oscal"]
)
def test_every_report_from_warm_caches_avoids_pydantic(form: str, cached: dict[str, str]) -> None:
    """The pydantic models are the contracts' and the rulesets'; a report of cached
    results needs neither (`-f oscal` imported them through the OSCAL package's
    catalog module: 0.23 s a run instead of 0.08)."""
    warm, imported = _second_run_imports(cached, "check", "-p", "eu", "-f", form)
    assert warm.returncode == 1, warm.stderr[-2000:]
    assert "EU-" in warm.stdout
    assert "pydantic" not in imported


@pytest.mark.parametrize("form", ["text", "json", "markdown"])
def test_questions_from_warm_caches_avoid_pydantic(form: str, cached: dict[str, str]) -> None:
    """`govcheck questions` imported the questions document's pydantic models for its
    version string alone (0.22 s a run instead of 0.11)."""
    warm, imported = _second_run_imports(cached, "questions", "-p", "eu", "-f", form)
    assert warm.returncode == 0, warm.stderr[-2000:]
    assert "kg-bishkek-safe-city" in warm.stdout
    assert "checker.questions" in imported
    assert "pydantic" not in imported


def test_a_first_run_builds_no_project_model(tmp_path: Path) -> None:
    """Without caches (a CI runner's first run, `--no-cache`) the profiles are loaded and
    compiled, which needs the screening lists' field types, but files are validated
    against the committed JSON Schema: the project description's pydantic models (0.12 s
    to build, most of them) are never imported (checker/datamodel.py)."""
    project = str(ROOT / "projects" / "kg-bishkek-safe-city.yaml")
    command = [sys.executable, "-X", "importtime", "-m", "checker", "check", project]
    command += ["-p", "eu", "-p", "minimal", "-q", "--no-cache"]
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "empty")}
    cold = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    assert cold.returncode == 1
    assert "EU-" in cold.stdout
    imported = {line.split("|")[-1].strip() for line in cold.stderr.splitlines()}
    assert {"pydantic", "checker.profiles", "checker.datamodel"} <= imported
    assert not {m for m in imported if m == "checker.project" or m.startswith("checker.project.")}


def test_a_recheck_served_from_the_result_cache_reads_no_yaml_and_compiles_nothing(
    tmp_path: Path, cached: dict[str, str]
) -> None:
    """Unchanged files: no YAML parser, no validator, no pydantic is even imported,
    and the output is the same as the first run's."""
    project = str(ROOT / "projects" / "kg-bishkek-safe-city.yaml")
    environment = {**os.environ, **cached}
    command = [sys.executable, "-X", "importtime", "-m", "checker", "check", project]
    command += ["-p", "eu", "-p", "minimal", "-q"]
    first = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    again = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    assert again.returncode == first.returncode == 1
    assert again.stdout == first.stdout
    assert again.stdout.count("\n") > 10
    imported = {line.split("|")[-1].strip() for line in again.stderr.splitlines()}
    assert "yaml" in {line.split("|")[-1].strip() for line in first.stderr.splitlines()}
    assert not imported & {"yaml", "jsonschema_rs", "pydantic", "multiprocessing", "textual"}
    assert not imported & {"typing", "hashlib"}  # see checker/__init__.py
    # Value classes are not dataclasses (checker/values.py); no lock is made; argparse's
    # words come from govcheck's catalog, so the locale is never asked (checker/cli/parser.py).
    assert not imported & {"dataclasses", "inspect", "threading", "locale"}


def test_a_recheck_of_a_project_whose_evidence_file_is_absent_reads_no_hashlib(
    tmp_path: Path, cached: dict[str, str]
) -> None:
    """A cached result that read an evidence file is re-used only while that file is as it
    was; when it was and still is absent there is nothing to hash, so OpenSSL is not
    loaded (2 ms of a one-file check). Adding the file makes the result stale."""
    sample = (ROOT / "projects" / "kg-bishkek-safe-city.yaml").read_text(encoding="utf-8")
    project = tmp_path / "with-paper.yaml"
    paper = "\nevidence:\n  - id: dpia-paper\n    title: DPIA\n    path: papers/dpia.pdf\n"
    assert sample.count("\nevidence:\n") == 1
    project.write_text(sample.replace("\nevidence:\n", paper), encoding="utf-8")
    environment = {**os.environ, **cached}
    command = [sys.executable, "-X", "importtime", "-m", "checker", "check", str(project)]
    command += ["-p", "eu", "-q"]
    first = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    again = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    assert "evidence.missing-file" in again.stdout
    assert again.stdout == first.stdout
    imported = {line.split("|")[-1].strip() for line in again.stderr.splitlines()}
    assert "yaml" not in imported
    assert "hashlib" not in imported
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "dpia.pdf").write_bytes(b"%PDF- a DPIA")
    found = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    assert "evidence.missing-file" not in found.stdout
    imported = {line.split("|")[-1].strip() for line in found.stderr.splitlines()}
    assert "yaml" in imported


def test_progress_is_shown_on_a_terminal_only(tmp_path: Path) -> None:
    folder = _copies(tmp_path / "many", 60)
    command = [
        sys.executable,
        "-m",
        "checker",
        "check",
        str(folder),
        "-f",
        "json",
        "-o",
        os.devnull,
        "--no-cache",
    ]
    piped = subprocess.run(command, capture_output=True, text=True, check=False)
    assert "checked " not in piped.stderr
    quiet = subprocess.run([*command, "-q"], capture_output=True, text=True, check=False)
    assert "checked " not in quiet.stderr
    leader, follower = pty.openpty()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=follower, check=False)
    os.close(follower)
    chunks = _read_until(leader, None, seconds=10)
    os.close(leader)
    assert done.returncode == 1
    assert b"checked 60/60 files" in chunks


def test_ctrl_c_reports_what_was_checked(tmp_path: Path) -> None:
    """Interrupted mid-run (seen through the progress line on a terminal): exit 130,
    and the report holds the files checked so far."""
    folder = _copies(tmp_path / "many", 3000)
    command = [sys.executable, "-m", "checker", "check", str(folder), "-f", "json"]
    command += ["-o", str(tmp_path / "out.json"), "--no-cache"]
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    seen = _read_until(leader, re.compile(rb"checked [1-9][0-9,]*/3,000"), seconds=60)
    process.send_signal(signal.SIGINT)
    process.wait(timeout=120)
    err = seen + _read_until(leader, None, seconds=5)
    os.close(leader)
    assert process.returncode == 130, err.decode(errors="replace")
    assert b"interrupted" in err
    assert b"Traceback" not in err
    document = json.loads((tmp_path / "out.json").read_text())
    assert document["interrupted"] is True
    assert 0 < len(document["projects"]) < 3000


def _read_until(leader: int, pattern: re.Pattern[bytes] | None, seconds: float) -> bytes:
    """What a terminal shows until `pattern` appears (or the writer closes it)."""
    seen = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.1)
        if not ready:
            continue
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the writer is gone
            break
        if not chunk:
            break
        seen += chunk
        if pattern is not None and pattern.search(seen):
            break
    return seen


def _cpu_seconds(children: Path) -> float:
    """User and system CPU time the processes listed in `children` have used so far."""
    ticks = 0
    for pid in children.read_text().split():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the worker is gone
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def test_ctrl_c_on_a_terminal_stops_the_workers_too(tmp_path: Path) -> None:
    """A terminal sends Ctrl-C to the whole process group: workers must not print
    tracebacks, and the parent reports what was checked."""
    folder = _copies(tmp_path / "many", 3000)
    command = [sys.executable, "-m", "checker", "check", str(folder), "--jobs", "2"]
    command += ["-f", "json", "-o", str(tmp_path / "out.json"), "--no-cache"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    if children.exists():  # Linux: wait for the workers, forked once the rules are loaded
        deadline = time.monotonic() + 60
        while not children.read_text().split() and time.monotonic() < deadline:
            time.sleep(0.05)
        # Interrupt once the workers have done some checking, counted in their CPU time
        # (not wall time, which a loaded machine stretches): about a tenth of the work.
        while _cpu_seconds(children) < 1.0 and time.monotonic() < deadline:
            time.sleep(0.05)
    else:
        time.sleep(1.5)
    os.killpg(process.pid, signal.SIGINT)
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err.decode()
    assert b"Traceback" not in err
    assert b"KeyboardInterrupt" not in err
    document = json.loads((tmp_path / "out.json").read_text())
    assert document["interrupted"] is True
    assert 0 < len(document["projects"]) < 3000


def test_cache_info_and_clear(govcheck: Run, cached: dict[str, str]) -> None:
    govcheck("check", str(ROOT / "projects" / "kg-bishkek-safe-city.yaml"), "-q", env=cached)
    info = govcheck("cache", "info", env=cached)
    assert info.code == 0
    assert cached["GOVCHECK_CACHE_DIR"] in info.out
    assert "0 file(s)" not in info.out
    assert govcheck("cache", "clear", env=cached).code == 0
    assert not Path(cached["GOVCHECK_CACHE_DIR"]).exists()
    assert "0 file(s)" in govcheck("cache", "info", env=cached).out


def test_cache_clear_removes_only_what_govcheck_wrote(govcheck: Run, tmp_path: Path) -> None:
    """GOVCHECK_CACHE_DIR pointed at a folder shared with other tools (a CI cache,
    ~/.cache, a project folder by mistake): `cache clear` removed the whole folder with
    everything in it, and `cache info` counted others' files as govcheck's."""
    shared = tmp_path / "ci-cache"
    (shared / "pip").mkdir(parents=True)
    (shared / "pip" / "wheel.whl").write_text("someone else's", encoding="utf-8")
    (shared / "notes.yaml").write_text("mine: true\n", encoding="utf-8")
    env = {"GOVCHECK_CACHE_DIR": str(shared)}
    sample = str(ROOT / "projects" / "kg-bishkek-safe-city.yaml")
    assert govcheck("check", sample, "-q", "--fail-on", "none", env=env).code == 0
    assert (shared / "results-v2.sqlite").is_file()
    ours = [*shared.glob("results-v*"), *shared.glob("screening-*"), *shared.glob("profiles/*")]
    assert f"\n{len(ours)} file(s)" in govcheck("cache", "info", env=env).out
    assert govcheck("cache", "clear", env=env).code == 0
    assert sorted(p.relative_to(shared).as_posix() for p in shared.rglob("*")) == [
        "notes.yaml",
        "pip",
        "pip/wheel.whl",
    ]
    assert "0 file(s)" in govcheck("cache", "info", env=env).out
