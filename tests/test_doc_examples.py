"""The README's and docs' examples do what they say: every `govcheck` command they show
parses (an option renamed or misspelt in the docs fails here), and every `console`
transcript, run in a copy of the samples, prints what the page shows, `...` standing
for lines (or, inside a line, text) left out and a date after "as of" for today's."""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import json
import re
import shlex
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import DATA, GOOD, ROOT, Completed

Run = Callable[..., Completed]
PAGES = [
    ROOT / "README.md",
    *sorted(
        page
        for page in (ROOT / "docs").glob("*.md")
        if page.name not in ("performance.md", "rules.md")  # figures; generated
        and not page.name.startswith(("review-", "verdicts-"))  # dated records
    ),
]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
PLACEHOLDER = re.compile(r"\[|\.\.\.|\||<|\b[A-Z][A-Z_]{2,}\b(?![-\w])")
"""A usage line, not a command: `[--note TEXT]`, `PATH...`, `PROJECT`, `cache info|clear`."""


def _blocks(page: Path) -> Iterator[tuple[int, str, str]]:
    """(line, language, text) of each fenced block of a page."""
    text = page.read_text(encoding="utf-8")
    for found in FENCE.finditer(text):
        yield text.count("\n", 0, found.start()) + 2, found.group(1), found.group(2)


def _command_lines() -> Iterator[tuple[str, str]]:
    """Every `govcheck` command a page shows in its shell blocks."""
    for page in PAGES:
        name = str(page.relative_to(ROOT))
        for line, language, text in _blocks(page):
            if language not in ("sh", "console"):
                continue
            for offset, written in enumerate(text.replace("\\\n", " ").splitlines()):
                command = written.removeprefix("$ ").split(" #")[0].split(" < ")[0]
                if command.startswith("govcheck "):
                    yield f"{name}:{line + offset}", command.strip()


def _inline_commands() -> Iterator[tuple[str, str]]:
    """Every `govcheck ...` in a page's inline code: often a command's name and one option
    (`govcheck check --jobs N`), so only its options are held against the parser."""
    for page in PAGES:
        prose = FENCE.sub("", page.read_text(encoding="utf-8")).replace("\n", " ")
        for found in re.finditer(r"`(govcheck [^`]+)`", prose):
            if "--" in found.group(1):
                yield str(page.relative_to(ROOT)), " ".join(found.group(1).split())


COMMANDS = [
    pytest.param(command, id=f"{where}: {command}")
    for where, command in _command_lines()
    if not PLACEHOLDER.search(command)
]
INLINE = [pytest.param(command, id=f"{where}: {command}") for where, command in _inline_commands()]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_govcheck_command_the_docs_show_parses(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.cli.parser import build_parser, command_in

    arguments = shlex.split(command)[1:]
    # --rulesets is refused as it is parsed when the folder does not exist: the reader's
    # own folders are made here, empty.
    monkeypatch.chdir(tmp_path)
    for option, value in itertools.pairwise(arguments):
        if option == "--rulesets":
            (tmp_path / value).mkdir(parents=True, exist_ok=True)
    error = io.StringIO()
    with contextlib.redirect_stderr(error), contextlib.suppress(SystemExit):
        build_parser(command_in(arguments)).parse_args(arguments)
        return
    pytest.fail(f"`{command}` is refused: {error.getvalue()}")


def _options(parser: argparse.ArgumentParser, words: list[str]) -> set[str]:
    """The options of the (sub)command `words` names, down to its last subcommand."""
    options = set(parser._option_string_actions)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and words and words[0] in action.choices:
            return options | _options(action.choices[words[0]], words[1:])
    return options


@pytest.mark.parametrize("command", INLINE)
def test_every_option_the_docs_name_inline_exists(command: str) -> None:
    from checker.cli.parser import build_parser, command_in

    arguments = shlex.split(command.replace("...", ""))[1:]
    known = _options(build_parser(command_in(arguments)), arguments)
    named = {word.split("=")[0] for word in arguments if word.startswith("-") and word != "-"}
    assert named <= known, f"`{command}`: no option {sorted(named - known)}"


def _transcripts() -> Iterator[tuple[str, str, str]]:
    """(where, command, what the page shows it printing) of every `$ govcheck` line."""
    for page in PAGES:
        for line, language, text in _blocks(page):
            if language != "console":
                continue
            steps = re.split(r"^\$ ", text, flags=re.MULTILINE)[1:]
            for step in steps:
                command, _, shown = step.partition("\n")
                if command.startswith("govcheck "):
                    yield f"{page.relative_to(ROOT)}:{line}", command, shown


AS_OF = "2026-12-04"
"""The day the transcripts were taken ("as of 2026-12-04"): each runs as of it, so that an
obligation that applies later (the Cyber Resilience Act's, from 2027-12-11) or a reader's
today does not make a page wrong."""
TRANSCRIPTS = [
    pytest.param(command, shown, id=f"{where}: {command}")
    for where, command, shown in _transcripts()
]


def _patterns(shown: str) -> list[tuple[str, str]]:
    """(line shown, what it allows) for each line of a transcript: `...` alone for any
    lines, `...` in a line for any text."""
    parts = []
    for line in shown.rstrip("\n").splitlines():
        if line.strip() == "...":
            parts.append((line, r"(?:[^\n]*\n)*?"))
            continue
        text = "[^\n]*?".join(re.escape(piece) for piece in line.rstrip().split("..."))
        parts.append((line, text + r"[ \t]*\n"))
    return parts


def _first_unmatched(shown: str, printed: str) -> str | None:
    """The first line of a transcript the output does not bear out, or None."""
    parts = _patterns(shown)
    for end, (line, _) in enumerate(parts, 1):
        if not re.match("".join(p for _, p in parts[:end]), printed):
            return line
    return None if re.fullmatch("".join(p for _, p in parts), printed) else "(the end)"


@pytest.mark.parametrize(("command", "shown"), TRANSCRIPTS)
def test_every_transcript_prints_what_the_page_shows(
    govcheck: Run, tmp_path: Path, command: str, shown: str
) -> None:
    shutil.copytree(ROOT / "projects", tmp_path / "projects")
    for draft in (DATA / "docs").rglob("*.yaml"):  # a page's own draft, where it names one
        if str(draft.relative_to(DATA / "docs")) in command:
            shutil.copy(draft, tmp_path / draft.relative_to(DATA / "docs"))
    from checker.cli.parser import build_parser, command_in

    command, _, stdin = command.partition(" < ")
    arguments = shlex.split(command)[1:]
    dated = "--as-of" in _options(build_parser(command_in(arguments)), arguments)
    if dated and "--schema-only" not in arguments:
        arguments += ["--as-of", AS_OF]  # the day the transcripts show
    done = govcheck(
        *arguments, stdin=(tmp_path / stdin).read_text(encoding="utf-8") if stdin else None
    )
    assert done.code in (0, 1), done.err
    printed = done.out if done.out else done.err
    unmatched = _first_unmatched(shown, printed)
    assert unmatched is None, (
        f"`{command}` does not print\n{unmatched}\nbut:\n{printed}\n"
        "(make the page's transcript true, keeping its `...` elisions)"
    )


def _anchors(page: Path) -> set[str]:
    """The anchors GitHub makes of a page's headings: lower case, punctuation dropped,
    spaces as hyphens, a repeated heading numbered (`-1`, `-2`)."""
    anchors: set[str] = set()
    for heading in re.findall(r"^#+ (.+)$", FENCE.sub("", page.read_text(encoding="utf-8")), re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        numbered = (f"{slug}-{n}" if n else slug for n in range(len(anchors) + 1))
        anchors.add(next(a for a in numbered if a not in anchors))
    return anchors


LINKS = [
    pytest.param(page, target, id=f"{page.relative_to(ROOT)}: {target}")
    for page in PAGES
    for target in re.findall(r"\]\(([^)\s]+)\)", FENCE.sub("", page.read_text(encoding="utf-8")))
    if not re.match(r"[a-z]+:", target)
]


@pytest.mark.parametrize(("page", "target"), LINKS)
def test_every_relative_link_and_anchor_resolves(page: Path, target: str) -> None:
    path, _, anchor = target.partition("#")
    linked = (page.parent / path).resolve() if path else page
    assert linked.exists(), f"{page.name} links to {path}, which does not exist"
    if anchor:
        assert anchor in _anchors(linked), f"{page.name}: {linked.name} has no heading #{anchor}"


def test_the_results_format_example_is_what_its_command_prints(
    govcheck: Run, tmp_path: Path
) -> None:
    text = (ROOT / "docs" / "results-format.md").read_text(encoding="utf-8")
    command = re.search(r"`(govcheck check projects/alpha\.yaml [^`]+)`", text)
    assert command, "docs/results-format.md no longer says which command prints its example"
    for folder in ("projects", "rules"):
        shutil.copytree(DATA / "golden" / folder, tmp_path / folder)
    done = govcheck(*shlex.split(command.group(1))[1:])
    assert done.code == 1, done.err
    assert json.loads(done.out) == json.loads(text.split("```json\n")[-1].split("```")[0])


def _yaml_block(page: str, starting: str) -> str:
    """The YAML example of a page that starts with `starting`."""
    for _, language, text in _blocks(ROOT / "docs" / page):
        if language == "yaml" and text.startswith(starting):
            return text
    raise AssertionError(f"docs/{page} has no YAML example starting {starting!r}")


RULESET = ("writing-rules.md", "kind: ruleset", "my-rules/breach.yaml")
# (the examples a reader saves: page, how the example starts, where it is saved; the
# command that uses them). Each runs with the samples under projects/ and must exit 0 or
# 1, never 2 (refused) or 3, nor name the saved file in an error.
YAML_EXAMPLES = [
    ([RULESET], "rules test --rulesets my-rules"),
    ([RULESET, ("writing-rules.md", "kind: profile", "eu-kg.yaml")],
     "check projects/kg-bishkek-safe-city.yaml -p ./eu-kg.yaml"),
    ([("evidence.md", "kind: profile", "my-evidence.yaml")],
     "check projects/kg-bishkek-safe-city.yaml -p ./my-evidence.yaml"),
    ([("ci.md", "max_horizon_days:", "board/govcheck-waivers.yaml")],
     "check projects/kg-bishkek-safe-city.yaml --waivers board/govcheck-waivers.yaml "
     "--today 2026-12-01"),
    ([("trainers.md", "format_version: 1", "lessons/my-lesson.yaml")],
     "lesson lessons/my-lesson.yaml"),
    ([("screening.md", "kind: screening-list\nsource: wb-debarred", "reference/wb-debarred.yaml"),
      ("screening.md", "kind: screening-list\nsource: ofac-sdn", "reference/ofac-sdn.yaml")],
     "screening lists"),
]  # fmt: skip


@pytest.mark.parametrize(("examples", "command"), YAML_EXAMPLES)
def test_every_yaml_example_does_what_its_page_says(
    govcheck: Run, tmp_path: Path, examples: list[tuple[str, str, str]], command: str
) -> None:
    shutil.copytree(ROOT / "projects", tmp_path / "projects")
    for page, starting, saved_as in examples:
        saved = tmp_path / saved_as
        saved.parent.mkdir(parents=True, exist_ok=True)
        text = _yaml_block(page, starting)
        # The bundled profile's own id: a reader's copy takes its own.
        saved.write_text(text.replace("id: eu-evidence", "id: my-evidence"), encoding="utf-8")
    reference = {"GOVCHECK_REFERENCE_DIR": str(tmp_path / "reference")}
    done = govcheck(*shlex.split(command), env=reference)
    assert done.code in (0, 1), done.err
    assert not any(saved in done.err for _, _, saved in examples), done.err


def test_the_evidence_example_is_valid_in_a_project(govcheck: Run, tmp_path: Path) -> None:
    project = tmp_path / "projects" / "demo.yaml"
    project.parent.mkdir()
    header = GOOD + (
        "  financiers:\n"
        "    - {name: Bank, type: policy_bank, instrument: loan}\n"
        "    - {name: EIB, type: development_finance_institution, instrument: loan}\n"
        "sustainability: {environmental_impact_assessment: {status: completed}}\n"
        "governance: {procurement: {method: open_tender}}\n"
    )
    project.write_text(header + _yaml_block("evidence.md", "provenance:"), encoding="utf-8")
    done = govcheck("check", "--schema-only", str(project))
    assert done.code == 0, done.out
