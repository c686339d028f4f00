"""`govcheck verify` and the review record it writes: a project id two files use is
refused naming both, evidence must back the fact verified, comments stay where the user
put them, and a verification of a project no longer checked is reported, never dropped
(docs/evidence.md, docs/review-record.md). Runs the real command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.test_basis import tree

__all__ = ["tree"]  # the fixture, shared with test_basis

Run = Any
FACT = "/data_processing/dpia/status"


def _verify(govcheck: Run, tree: Path, *args: str, evidence: str = "dpia") -> Any:
    (tree / ".git").mkdir(exist_ok=True)  # the review record is found up to the repository root
    return govcheck(
        "verify", "ev", *args, "--evidence", evidence, "--by", "A. Reviewer",
        "--rulesets", "rules", "--today", "2026-12-05", cwd=tree,
    )  # fmt: skip


# --- one project id, two files --------------------------------------------------------------


def test_a_project_id_two_files_use_is_refused_naming_both(govcheck: Run, tree: Path) -> None:
    # The first file found was verified, silently; the record names projects by id, so
    # the entry then counted for (or went stale in) the other file as well.
    (tree / "projects" / "old").mkdir()
    shutil.copy(tree / "projects" / "ev.yaml", tree / "projects" / "old" / "ev.yaml")
    done = _verify(govcheck, tree, FACT, "--path", "projects")
    assert done.code == 2, done.out
    assert "project id `ev` is used by 2 files: projects/ev.yaml:2:1, projects/old/ev.yaml:2:1" in (
        done.err
    )
    assert "--path projects/ev.yaml" in done.err  # how to go on: the one file meant
    assert not (tree / "projects" / "govcheck-waivers.yaml").exists()
    chosen = _verify(govcheck, tree, FACT, "--path", "projects/ev.yaml")
    assert chosen.code == 0, chosen.err
    assert (
        'pointer: "/data_processing/dpia/status"'
        in (tree / "projects" / "govcheck-waivers.yaml").read_text()
    )


def test_every_way_of_writing_the_id_is_found_among_files_that_do_not_name_it(
    govcheck: Run, tree: Path
) -> None:
    # Only files whose bytes can hold the id are parsed (10,000 files took 27 s); the id
    # written with an escape, in UTF-16, or taken from a file name without an `id` must
    # still count as a second file with it. `zq7` is written nowhere else in the files.
    def verify() -> Any:
        return govcheck(
            "verify", "zq7", FACT, "--evidence", "dpia", "--by", "A. Reviewer", "--path",
            "projects", "--rulesets", "rules", "--today", "2026-12-05", cwd=tree,
        )  # fmt: skip

    (tree / ".git").mkdir(exist_ok=True)
    project = tree / "projects" / "ev.yaml"
    text = project.read_text(encoding="utf-8")
    assert "id: ev\n" in text
    assert "zq7" not in text
    project.write_text(text.replace("id: ev\n", "id: zq7\n"), encoding="utf-8")
    (tree / "projects" / "others").mkdir()
    for n in range(30):  # files that do not name it
        (tree / "projects" / "others" / f"p{n}.yaml").write_text(
            text.replace("id: ev\n", f"id: other-{n}\n"), encoding="utf-8"
        )
    escaped = text.replace("id: ev\n", 'id: "zq\\x37"\n').encode()
    wide = text.replace("id: ev\n", "id: zq7\n").encode("utf-16")  # with its byte-order mark
    unnamed = text.replace("id: ev\n", "").encode()
    for name, content in (("escaped.yaml", escaped), ("wide.yaml", wide), ("zq7.yml", unnamed)):
        folder = tree / "projects" / "others" / name.split(".")[0]
        folder.mkdir()
        (folder / name).write_bytes(content)
        done = verify()
        assert done.code == 2, (name, done.out, done.err)
        assert "project id `zq7` is used by 2 files: " in done.err, name
        assert f"projects/others/{folder.name}/{name}" in done.err
        shutil.rmtree(folder)
    alone = verify()
    assert alone.code == 0, alone.err


# --- evidence that backs the fact -----------------------------------------------------------


def test_evidence_that_does_not_back_the_fact_is_refused(govcheck: Run, tree: Path) -> None:
    # `--evidence dpia` (backing `data_processing.dpia`) verified `/ai_systems`: the record
    # said a reviewer had checked a fact against a document the project does not link to
    # it, and the fact became `verified` on it.
    project = tree / "projects" / "ev.yaml"
    project.write_text(
        project.read_text()
        + "  - id: register\n    title: AI register\n    url: https://example.org/ai\n"
        + "    supports: [governance.procurement]\n"
        + "  - id: letter\n    title: A letter\n    url: https://example.org/letter\n"
    )
    done = _verify(govcheck, tree, "/ai_systems", "--path", "projects")
    assert done.code == 2, done.out
    assert done.err == (
        "govcheck: error: projects/ev.yaml: evidence `dpia` does not back `/ai_systems` (it "
        "backs `/data_processing/dpia`); if the document shows it, add the fact to the entry's "
        "`supports` (or `evidence: [dpia]` to the section holding it), else verify against an "
        "entry that backs it\n"
    )
    record = tree / "projects" / "govcheck-waivers.yaml"
    assert not record.exists()
    # An entry linked to nothing at all says so (docs/evidence.md: it backs no fact).
    bare = _verify(govcheck, tree, "/ai_systems", "--path", "projects", evidence="letter")
    assert bare.code == 2
    assert "evidence `letter` does not back `/ai_systems` (it backs no fact: it has no " in (
        bare.err
    )
    # --finding: every fact the outcome was decided on must be backed by the one entry.
    finding = _verify(govcheck, tree, "--finding", "GOLD-AI-BAN", "-p", "golden",
                      "--path", "projects", evidence="register")  # fmt: skip
    assert finding.code == 2
    assert "evidence `register` does not back `/ai_systems` (it backs `/governance/" in (
        finding.err
    )
    assert not record.exists()
    # A fact inside what the entry backs is verified, and a section it supports itself.
    inside = _verify(govcheck, tree, "/data_processing/dpia/status", "--path", "projects")
    assert inside.code == 0, inside.err
    section = _verify(govcheck, tree, "governance.procurement.method", "--path", "projects",
                      evidence="register")  # fmt: skip
    assert section.code == 0, section.err
    assert record.read_text().count("evidence: ") == 2


# --- comments stay where the user put them --------------------------------------------------


def test_appending_keeps_every_comment_where_the_user_put_it(govcheck: Run, tree: Path) -> None:
    # A closing comment ended up above the new entry, and one between the last entry
    # and the next section was taken into the list: the entry went after the last
    # comment the list's end mark reached. It goes after the last entry's data now.
    assert _verify(govcheck, tree, FACT, "--path", "projects").code == 0
    record = tree / "projects" / "govcheck-waivers.yaml"
    written = record.read_text()

    def second(text: str) -> str:
        record.write_text(text)
        done = govcheck(
            "verify", "ev", FACT, "--evidence", "dpia", "--by", "B. Second", "--path",
            "projects", "--today", "2026-12-05", cwd=tree,
        )  # fmt: skip
        assert done.code == 0, done.err
        return record.read_text()

    entry = second(written)[len(written) :]
    assert entry.startswith("  - project: ev\n")
    assert "by: B. Second" in entry
    closing = "# end of the board's record: keep this line last\n"
    inside = "    # read the signed copy, twice\n"
    assert second(written + closing) == written + entry + closing
    assert second(written.rstrip("\n")) == written + entry  # no line break at the end
    inline = written.rstrip("\n") + "  # checked twice\n"
    assert second(inline) == inline + entry
    assert second(inline.rstrip("\n")) == inline + entry
    assert second(written + inside + closing) == written + inside + entry + closing
    waivers = "\n# The board's waivers\nwaivers: []\n"
    assert second(written + waivers) == written + entry + waivers
    # The first verification of a record that ends in a comment: the list goes above it.
    head = "# govcheck waivers\nwaivers: []  # none yet\n"
    assert second(head + closing) == head + "verifications:\n" + entry + closing
    # An empty list written `[]` is rewritten as a block; its comment stays on its line.
    assert second("verifications: []  # none yet\n" + closing) == (
        "verifications:  # none yet\n" + entry + closing
    )


# --- a verification of a project no longer checked -----------------------------------------


def test_a_verification_of_a_project_gone_is_reported_where_stale_waivers_are(
    govcheck: Run, tree: Path
) -> None:
    # The project was renamed: its verification matched no project and was silently
    # ignored, while a waiver left behind the same way was reported stale.
    assert _verify(govcheck, tree, FACT, "--path", "projects").code == 0
    record = tree / "projects" / "govcheck-waivers.yaml"
    kept = record.read_bytes()
    line = record.read_text().splitlines().index("  - project: ev") + 1
    project = tree / "projects" / "ev.yaml"
    project.write_text(project.read_text().replace("id: ev\n", "id: ev-renamed\n"))
    where = f"projects/govcheck-waivers.yaml:{line}:5"
    said = (
        f"{where}: stale verification: `{FACT}` of ev verified by A. Reviewer on 2026-12-05: "
        "no project `ev` was found in the folders checked; it counts for nothing (the record "
        "keeps it): verify the project again under its new id, or remove the entry"
    )
    args = ("projects", "--rulesets", "rules", "-p", "golden", "--today", "2026-12-05")
    checked = govcheck("check", *args, cwd=tree)
    assert f"  {said}\n" in checked.out
    # A warning, as a stale waiver is: the exit code is the findings', record or not.
    assert checked.code == govcheck("check", *args, "--no-waivers", cwd=tree).code
    document = json.loads(govcheck("check", *args, "-f", "json", cwd=tree).out)
    assert document["stale_waivers"] == []
    assert document["stale_verifications"] == [
        {
            "path": "projects/govcheck-waivers.yaml", "line": line, "column": 5,
            "project": "ev", "pointer": FACT, "by": "A. Reviewer", "on": "2026-12-05",
            "reason": said.split("on 2026-12-05: ", 1)[1],
        }
    ]  # fmt: skip
    markdown = govcheck("check", *args, "-f", "markdown", cwd=tree).out
    assert "### Stale verifications" in markdown
    assert f"- `projects/govcheck-waivers.yaml:{line}` — stale verification: " in markdown
    oscal = json.loads(govcheck("check", *args, "-f", "oscal", cwd=tree).out)
    remarks = oscal["assessment-results"]["results"][0]["remarks"]
    assert f"Verification at {where}: stale verification: `{FACT}` of ev" in remarks
    github = govcheck("check", *args, "-f", "github", cwd=tree).out
    assert (
        f"::warning file=projects/govcheck-waivers.yaml,line={line},title=stale verification::"
        in github
    )
    # The reports that go to someone else tell the reviewer on stderr.
    for command in (("questions", *args), ("compare", *args), ("gap", "projects/ev.yaml",
                    *args[1:])):  # fmt: skip
        done = govcheck(*command, cwd=tree)
        assert done.code in (0, 1), done.err
        if command[0] == "gap":  # one file checked: the rest of the folder is not judged
            assert "stale verification" not in done.err
            continue
        assert f"govcheck: 1 stale verification(s):\n  {said}\n" in done.err, done.err
    # Only what was checked is judged; and the record keeps the entry.
    one = govcheck("check", "projects/ev.yaml", *args[1:], cwd=tree)
    assert "stale verification" not in one.out
    assert record.read_bytes() == kept
