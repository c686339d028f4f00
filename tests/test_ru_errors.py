"""Errors of every kind of input file are in Russian under `--lang ru` (issue 19).

One error of each kind a reviewer or rule author meets, from the real command: a
ruleset's value of the wrong type (pydantic's own sentence, worded again by
checker/i18n/pydantic_words.py), a waivers file (a wrong type, a horizon), a
`whatif --set`, a lesson file (a wrong type, a change that fits no field), a results
file read by `diff`, and a `screening import` of the wrong file. Each asserts the
Russian words and that no English prose is left (tests/english_prose.py), once the
`file:line:col` prefix is set aside. The English runs of the same inputs keep
pydantic's and govcheck's English, so the assertions can fail.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from tests.conftest import ROOT, Completed
from tests.english_prose import english_left

Run = Callable[..., Completed]
SAMPLE = str(ROOT / "projects" / "kg-bishkek-safe-city.yaml")


def _russian_only(said: str) -> list[str]:
    """English left in `said`, besides file:line:col and a `--set` quoted from the command
    line (the user's words)."""
    return english_left(re.sub(r"\S+\.(?:ya?ml|json|csv):\d+:\d+|--set \S+", "", said))


def test_a_ruleset_value_of_the_wrong_type(govcheck: Run, tmp_path: Path) -> None:
    folder = tmp_path / "rulesets"
    folder.mkdir()
    text = (ROOT / "rulesets" / "minimal" / "debt.yaml").read_text(encoding="utf-8")
    text = text.replace("id: minimal-debt", "id: mine-debt").replace("id: MIN-", "id: MINE-")
    text = re.sub(r"(?m)^title: .*$", "title: 42", text, count=1)
    text = text.replace("    severity: info\n", "    severity: [info]\n", 1)
    (folder / "debt.yaml").write_text(text, encoding="utf-8")
    args = ("check", SAMPLE, "-p", "minimal", "--rulesets", str(folder), "--no-cache")
    done = govcheck(*args, "--lang", "ru")
    assert done.code == 2, done.err
    assert "/title: ожидается строка (текст); указано `42`" in done.err
    assert "/rules/0/severity: ожидается `critical`, `high`, `medium`, `low` или `info`" in done.err
    assert _russian_only(done.err) == []
    english = govcheck(*args).err
    assert "/title: must be a string (text); given: `42`" in english
    assert "must be a string" in " ".join(_russian_only(english))  # the audit finds English
    assert "Input should be" not in english  # pydantic's programmer's English


def test_a_waivers_file_in_russian(govcheck: Run, tmp_path: Path) -> None:
    waiver = (
        "  - rule: EU-DP-DPIA\n    project: kg-bishkek-safe-city\n"
        "    justification: decided by the board\n    approved_by: Board\n"
    )
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(f"waivers:\n{waiver}    expires: soon\n", encoding="utf-8")
    far = tmp_path / "far.yaml"
    far.write_text(
        f"max_horizon_days: 30\nwaivers:\n{waiver}    expires: 2027-12-01\n"
        "    created: 2026-01-01\n",
        encoding="utf-8",
    )
    said = ""
    for path in (wrong, far):
        done = govcheck("check", SAMPLE, "-p", "eu", "--waivers", str(path), "--lang", "ru", "-q")
        assert done.code == 2, done.err
        said += done.err
    assert "/waivers/0/expires: ожидается дата в виде ГГГГ-ММ-ДД; указано `soon`" in said
    assert "истекает через 699 дн. после 2026-01-01; наибольший допустимый срок — 30 дн." in said
    assert _russian_only(said) == []


def test_a_whatif_change_in_russian(govcheck: Run) -> None:
    done = govcheck("whatif", SAMPLE, "--set", "rbi_mode", "-p", "eu", "--lang", "ru")
    assert done.code == 2, done.err
    assert "`rbi_mode` не имеет вида УКАЗАТЕЛЬ=ЗНАЧЕНИЕ" in done.err
    assert _russian_only(done.err) == []
    done = govcheck("whatif", SAMPLE, "--set", "ai_systems/0/nope=1", "-p", "eu", "--lang", "ru")
    assert done.code == 2, done.err
    assert "`nope` — не поле раздела `ai_systems[0]`" in done.err
    assert _russian_only(done.err) == []


def _lesson(tmp_path: Path, minutes: str, pointer: str) -> Path:
    text = (
        "format_version: 1\nid: mine\ntitle: Урок\nsummary: Проба.\n"
        f"project: {SAMPLE}\nprofiles: [eu]\nminutes: {minutes}\nsteps:\n"
        f"  - title: Первый шаг\n    set:\n      {pointer}: post\n"
        "    explanation: Объяснение.\n"
        "    sources:\n      - instrument: Регламент (ЕС) 2024/1689\n        article: ст. 5\n"
    )
    path = tmp_path / f"lesson-{minutes}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_lesson_file_in_russian(govcheck: Run, tmp_path: Path) -> None:
    wrong = _lesson(tmp_path, "twelve", "/ai_systems/0/rbi_mode")
    done = govcheck("lesson", str(wrong), "-f", "text", "--lang", "ru")
    assert done.code == 2, done.err
    assert "/minutes: ожидается целое число; указано `twelve`" in done.err
    assert _russian_only(done.err) == []
    unfit = _lesson(tmp_path, "12", "/ai_systems/0/nope")
    done = govcheck("lesson", str(unfit), "-f", "text", "--lang", "ru")
    assert done.code == 2, done.err
    assert "шаг 1 (Первый шаг): /ai_systems/0/nope: `nope` — не поле раздела" in done.err
    assert _russian_only(re.sub(r"\(в \S+\)", "", done.err)) == []


def test_a_results_file_in_russian(govcheck: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format_version": "2.0"}', encoding="utf-8")
    done = govcheck("diff", str(broken), str(broken), "--lang", "ru")
    assert done.code == 2, done.err
    assert "это не документ результатов govcheck (в /: нет обязательного ключа)" in done.err
    assert _russian_only(done.err) == []
    missing = govcheck("diff", str(tmp_path / "none.json"), str(broken), "--lang", "ru")
    assert "файл результатов не найден" in missing.err
    assert _russian_only(missing.err) == []
    english = govcheck("diff", str(broken), str(broken)).err
    assert "not a govcheck results document" in english


def test_a_screening_import_in_russian(govcheck: Run, tmp_path: Path) -> None:
    wrong = tmp_path / "sdn.csv"
    wrong.write_text("not,the,file\n", encoding="utf-8")
    args = ("screening", "import", "--source", "ofac-sdn", str(wrong), "--to", str(tmp_path))
    done = govcheck(*args, "--lang", "ru")
    assert done.code == 2, done.err
    assert "ожидается файл SDN.CSV OFAC: 12 столбцов, первый — число" in done.err
    assert _russian_only(done.err) == []


def test_pydantic_words_by_type_and_the_fallback() -> None:
    """Each error is worded by its type, in English too; a type not in the set keeps
    pydantic's English in every language; a validator's own words lose
    pydantic's "Value error, " prefix."""
    from typing import Literal

    from pydantic import BaseModel, ValidationError, field_validator

    from checker import i18n
    from checker.i18n.pydantic_words import pydantic_message

    class Probe(BaseModel):
        kind: Literal["a", "b"]
        count: int
        label: str
        score: complex = 0j

        @field_validator("label")
        @classmethod
        def _no_x(cls, label: str) -> str:
            if label == "x":
                raise ValueError(i18n._("expiry {date} is in the past").format(date="2020-01-01"))
            return label

    def errors(data: dict[str, object]) -> dict[str, str]:
        try:
            Probe.model_validate(data)
        except ValidationError as error:
            return {str(e["loc"][0]): pydantic_message(e) for e in error.errors()}
        raise AssertionError("valid")

    wrong = {"kind": "c", "count": "many", "label": "x", "score": "i"}
    english = errors(wrong)
    assert english["count"] == "must be a whole number; given: `many`"
    assert english["label"] == "expiry 2020-01-01 is in the past"  # no "Value error, "
    assert english["score"].startswith("Input should be a valid python complex object")
    i18n.use_language("ru")
    try:
        russian = errors(wrong)
    finally:
        i18n.use_language("en")
    assert russian["kind"] == "ожидается `a` или `b`; указано `c`"
    assert russian["count"] == "ожидается целое число; указано `many`"
    assert russian["label"] == "срок 2020-01-01 уже прошёл"
    assert russian["score"].startswith("Input should be a valid python complex object")


def test_problems_of_project_files_in_russian(govcheck: Run, tmp_path: Path) -> None:
    """A duplicate project id, evidence that names no entry or no document, a missing
    evidence file and a path that does not exist were English sentences in a Russian
    report (`project id ... is already used by`, `no such file or folder`)."""
    from tests.conftest import GOOD

    folder = tmp_path / "projects"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "b.yaml").write_text(
        GOOD + "data_processing: {personal_data: true, dpia: {status: completed, "
        "evidence: [ghost]}}\n"
        "evidence:\n"
        "  - {id: letter, title: A letter}\n"
        "  - {id: dpia, title: The DPIA, path: dpia.pdf}\n",
        encoding="utf-8",
    )
    done = govcheck("check", "projects", "missing.yaml", "-p", "eu", "-q", "--lang", "ru")
    assert done.code == 2, done.err
    lines = [line for line in done.out.splitlines() if " ошибка: " in line or "error:" in line]
    said = "\n".join(line.split(" ошибка: ", 1)[-1] for line in lines)
    assert "идентификатор проекта `good` уже занят проектом projects/a.yaml" in said
    assert "подтверждающего документа `ghost` нет в списке `evidence` проекта" in said
    assert "у подтверждающего документа `letter` нет ни `url`, ни `path`" in said
    assert "файл подтверждающего документа `dpia.pdf` не найден" in said
    assert "нет такого файла или папки" in said
    assert len(lines) == 5, done.out
    assert _russian_only(re.sub(r"\(искали [^)]*\)", "", said)) == []


def test_yaml_problems_of_project_files_in_russian(govcheck: Run, tmp_path: Path) -> None:
    """The loader's own problems (a duplicate key, a top level that is not a mapping, a
    key read as a number, an empty file, a tag, a control character) were English in a
    Russian report; only syntax errors were translated."""
    from tests.conftest import GOOD

    files = {
        "dup.yaml": GOOD + "id: again\n",
        "list.yaml": "- a\n- b\n",
        "key.yaml": GOOD + "1: one\n",
        "empty.yaml": "# nothing yet\n",
        "tag.yaml": GOOD + "summary: !!binary aGVsbG8=\n",
        "bell.yaml": GOOD + "summary: a\x07b\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = govcheck("check", *files, "--schema-only", "--lang", "ru")
    assert done.code == 1, done.err
    said = [line.split(" ошибка: ", 1)[1] for line in done.out.splitlines() if " ошибка: " in line]
    assert len(said) == len(files), done.out
    assert any(s.startswith("повторяющийся ключ `id` (впервые задан в строке 2)") for s in said)
    assert any(s.startswith("верхний уровень должен быть отображением") for s in said)
    assert any(s.startswith("ключ `1` читается как число") for s in said)
    assert "в файле только комментарии; ожидается описание проекта" in said
    assert any(s.startswith("тег `tag:yaml.org,2002:binary` не допускается") for s in said)
    assert any(s.startswith("управляющий символ U+0007") for s in said)
    assert _russian_only("\n".join(said)) == []


def test_the_title_and_fix_of_an_input_problem_are_in_russian(
    govcheck: Run, tmp_path: Path
) -> None:
    """A GitHub annotation or JSON record of a broken file said `YAML syntax error` and
    `How to fix: Fix the YAML at this position ...` in English under `--lang ru`."""
    (tmp_path / "tabs.yaml").write_text("id: x\n\ttitle: y\n", encoding="utf-8")
    github = govcheck("check", "tabs.yaml", "-f", "github", "--lang", "ru").out
    assert "title=yaml.syntax%3A Синтаксическая ошибка YAML::" in github
    assert "Как исправить: Исправьте YAML в этом месте" in github
    document = json.loads(govcheck("check", "tabs.yaml", "-f", "json", "--lang", "ru").out)
    rule = document["input_codes"]["yaml.syntax"]
    assert (rule["title"], rule["remediation"]) == (
        "Синтаксическая ошибка YAML",
        "Исправьте YAML в этом месте; `govcheck init` записывает правильный шаблон.",
    )
    english = json.loads(govcheck("check", "tabs.yaml", "-f", "json").out)
    assert english["input_codes"]["yaml.syntax"]["title"] == "YAML syntax error"


def test_the_systems_and_the_json_parsers_reasons_in_russian(govcheck: Run, tmp_path: Path) -> None:
    """The reason a file cannot be read (the system's `strerror`) and why a JSON file does
    not parse (the parser's "Expecting value") stayed English inside Russian messages."""
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")  # a link to itself: ELOOP on reading
    truncated = tmp_path / "cut.json"
    truncated.write_text('{"format_version": "2.0", "projects": [', encoding="utf-8")

    said = govcheck("diff", str(truncated), str(truncated), "--lang", "ru").err
    assert "это не документ результатов в JSON: не JSON: ошибка в строке 1, столбце" in said
    assert _russian_only(said) == []
    english = govcheck("diff", str(truncated), str(truncated)).err
    assert "not a JSON results document: Expecting value" in english

    looped = govcheck("check", "loop.yaml", "-p", "eu", "-q", "--lang", "ru").out
    assert looped.startswith("loop.yaml:1:1")
    assert looped.rstrip().endswith(
        "файл не удаётся прочитать: слишком много уровней символических ссылок"
    )
    english = govcheck("check", "loop.yaml", "-p", "eu", "-q").out
    assert english.rstrip().endswith("cannot read file: Too many levels of symbolic links")

    from checker import i18n
    from checker.i18n.os_words import os_reason

    denied = PermissionError(13, "Permission denied")
    i18n.use_language("ru")
    try:
        assert os_reason(denied) == "доступ запрещён"
        assert os_reason(OSError(99999, "Something rare")) == "Something rare"
    finally:
        i18n.use_language("en")
    assert os_reason(denied) == "Permission denied"


def test_verify_refusals_in_russian(govcheck: Run, tmp_path: Path) -> None:
    # Every refusal of `govcheck verify` (shared with the TUI's verify form) was English
    # under --lang ru: "`/nope` is not a stated fact of the project", "no evidence entry".
    (tmp_path / "projects").mkdir()
    (tmp_path / "projects" / "b.yaml").write_text(Path(SAMPLE).read_text(encoding="utf-8"))
    ofac = ("--evidence", "ofac-2020-11-30", "--by", "R", "--path", "projects", "--lang", "ru")
    cases = [
        ("kg-bishkek-safe-city", "/nope", *ofac),
        ("kg-bishkek-safe-city", "governance", "--evidence", "nope", *ofac[2:]),
        ("kg-bishkek-safe-city", "governance", *ofac[:3], " ", *ofac[4:]),
        ("kg-bishkek-safe-cty", "governance", *ofac),
        ("kg-bishkek-safe-city", "--finding", "EU-NOPE", *ofac),
        ("kg-bishkek-safe-city", "--finding", "EU-TR-AUDIT", *ofac),
        ("kg-bishkek-safe-city", "--finding", "EU-TR-AUDIT", "-p", "eu", "-p", "minimal", *ofac),
    ]
    for case in cases:
        done = govcheck("verify", *case, cwd=tmp_path)
        assert done.code == 2, (case, done.err)
        assert done.err.startswith("govcheck: ошибка: "), done.err
        assert _russian_only(done.err) == [], done.err
    assert not (tmp_path / "projects" / "govcheck-waivers.yaml").exists()
