"""Keep govcheck's message catalogs: extract, update, compile, report completeness.

    python scripts/i18n.py            # extract, update every .po, compile every .mo, report
    python scripts/i18n.py --check    # exit 1 if the .pot, a .po or a .mo is out of date
    python scripts/i18n.py --report   # completeness per language only

A developer tool (Babel is in the `dev`/`test` extras; govcheck itself reads the
compiled .mo with the standard library). The catalog lives in
checker/i18n/locale/: govcheck.pot (the template, made from the code) and
<code>/LC_MESSAGES/govcheck.po and .mo per language. docs/i18n.md says how to
add a language.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "checker" / "i18n" / "locale"
TEMPLATE = LOCALE / "govcheck.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
SOURCES = ("checker",)
SCHEMA_FILE = "checker/schemas/project.schema.json"
SCHEMA_KEYS = ("description", "errorMessage", "patternErrorMessage")


def extract() -> Catalog:
    """Every message the code marks, with where it is used."""
    catalog = Catalog(project="govcheck", domain="govcheck", charset="utf-8")
    for source in SOURCES:
        for filename, lineno, message, _comments, _context in extract_from_dir(
            ROOT / source,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=("i18n:",),
            strip_comment_tags=True,
        ):
            catalog.add(message, None, [(f"{source}/{filename}", lineno)])
    for text, pointer in schema_texts():
        # Babel reads `_(description)` as no message: the schema's texts are read here
        # (a text already there gains the comment: Catalog.add merges).
        catalog.add(text, None, [(SCHEMA_FILE, 1)], auto_comments=[f"project schema: #{pointer}"])
    return catalog


def schema_texts() -> list[tuple[str, str]]:
    """(text, JSON pointer) for every `description` of the committed project schema (the
    questions govcheck asks about a field without a hand-written one are made from them,
    checker/question_wording.py) and every `errorMessage`/`patternErrorMessage` (what a
    field accepts, checker/schemawords.py), in the schema's order."""
    found: list[tuple[str, str]] = []

    def walk(node: object, pointer: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in SCHEMA_KEYS and isinstance(value, str):
                    found.append((value, pointer))
                else:
                    walk(value, f"{pointer}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{pointer}/{index}")

    walk(json.loads((ROOT / SCHEMA_FILE).read_text(encoding="utf-8")), "")
    return found


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES").is_dir())


def po_path(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / "govcheck.po"


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=False, no_location=True)
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _fixed(catalog: Catalog) -> Catalog:
    # Dates in headers change every run; keep them out so a re-run changes nothing.
    fixed = datetime(2026, 12, 1, tzinfo=UTC)
    catalog.creation_date = catalog.revision_date = fixed
    catalog.fuzzy = False
    return catalog


def updated(code: str, template: Catalog) -> Catalog:
    """`code`'s catalog brought up to the template (new ids added untranslated; ids no
    longer used dropped; babel's fuzzy guesses refused: a guess is not a translation)."""
    path = po_path(code)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=code, domain="govcheck")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    return _fixed(catalog)


def completeness(catalog: Catalog) -> tuple[int, int, list[str]]:
    """(translated, total, the untranslated ids)."""
    ids = [m for m in catalog if m.id]
    missing = [str(m.id if isinstance(m.id, str) else m.id[0]) for m in ids if not _done(m)]
    return len(ids) - len(missing), len(ids), missing


def _done(message: object) -> bool:
    string = getattr(message, "string", None)
    if isinstance(string, tuple | list):
        return all(string)
    return bool(string) and not getattr(message, "fuzzy", False)


def _same(path: Path, data: bytes) -> bool:
    """Whether `path` holds `data` up to what a Babel version changes (its name in the
    header, the compiled layout): messages, not bytes, are compared."""
    if path.suffix == ".mo":
        from gettext import GNUTranslations

        def messages(raw: bytes) -> dict[object, str]:
            catalog: dict[object, str] = GNUTranslations(io.BytesIO(raw))._catalog  # type: ignore[attr-defined]
            return {k: v for k, v in catalog.items() if k != ""}

        return messages(path.read_bytes()) == messages(data)

    def text(raw: bytes) -> list[bytes]:
        return [line for line in raw.splitlines() if not line.startswith(b'"Generated-By:')]

    return text(path.read_bytes()) == text(data)


def rule_text_report(code: str, detail: bool) -> list[str]:
    """Rule-text completeness in `code` from checker.i18n.rule_texts (the translation
    files of rulesets/translations/), when it is there."""
    sys.path.insert(0, str(ROOT))
    try:
        from checker import load_catalogue
        from checker.i18n.rule_texts import completeness as rule_completeness
    except ImportError:
        return ["rule texts: checker/i18n/rule_texts.py not present"]
    found = rule_completeness(load_catalogue(), code)
    rulesets = [f for f in found.files if f.kind == "ruleset"]
    done = sum(len(f.translated) for f in rulesets)
    total = sum(f.rules for f in rulesets)
    stale = sum(len(f.stale) for f in found.files)
    profiles = [f for f in found.files if f.kind == "profile"]
    summary = (
        f"{code}: {done}/{total} rules' texts translated ({100 * done // max(total, 1)} %), "
        f"{stale} stale; {sum(f.complete for f in profiles)}/{len(profiles)} profiles"
    )
    return [summary, *(f"  {line}" for line in found.lines() if detail)]


def lesson_text_report(code: str, detail: bool) -> list[str]:
    """Lesson-text completeness in `code` (lessons/translations/<code>/, through
    checker.i18n.lesson_texts)."""
    sys.path.insert(0, str(ROOT))
    from checker.i18n.lesson_texts import problems
    from checker.lessons import load_lesson

    lessons = sorted((ROOT / "lessons").glob("*.yaml"))
    found = {
        path: problems(load_lesson(path, language="en").lesson, path, code) for path in lessons
    }
    done = sum(1 for listed in found.values() if not listed)
    summary = f"{code}: {done}/{len(lessons)} lessons' texts translated and current"
    return [summary, *(f"  {line}" for listed in found.values() for line in listed if detail)]


COUNTRY_NAMES = {"ru": {"KG": "Кыргызстан"}}
"""Where a language's usual name for a country in the region's own usage departs from
CLDR's (CLDR says «Киргизия»; the Kyrgyz Republic's laws and its sponsors write
«Кыргызстан»)."""


def country_names(code: str) -> bytes:
    """The language's name for every ISO 3166-1 code govcheck accepts, from the Unicode
    CLDR (Babel's data), for the "did you mean KG (Кыргызстан)?" of a refused code."""
    from babel import Locale

    from checker.countries import COUNTRIES

    cldr = Locale.parse(code).territories
    names = {
        c: COUNTRY_NAMES.get(code, {}).get(c) or cldr.get(c, name) for c, name in COUNTRIES.items()
    }
    return (json.dumps(names, ensure_ascii=False, indent=0, sort_keys=True) + "\n").encode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if anything is stale")
    parser.add_argument("--report", action="store_true", help="completeness only")
    parser.add_argument(
        "--missing", action="store_true", help="list untranslated ids and rule files"
    )
    args = parser.parse_args(argv)
    template = _fixed(extract())
    stale: list[str] = []
    catalogs = {code: updated(code, template) for code in languages() if code != "en"}
    if not args.report:
        wanted = {TEMPLATE: _po_bytes(template)}
        for code, catalog in catalogs.items():
            wanted[po_path(code)] = _po_bytes(catalog)
            wanted[po_path(code).with_suffix(".mo")] = _mo_bytes(catalog)
            wanted[LOCALE / code / "countries.json"] = country_names(code)
        for path, data in wanted.items():
            if not path.exists() or not _same(path, data):
                stale.append(str(path.relative_to(ROOT)))
                if not args.check:
                    path.write_bytes(data)
    for code, catalog in catalogs.items():
        done, total, missing = completeness(catalog)
        print(f"{code}: {done}/{total} code messages translated ({100 * done // max(total, 1)} %)")
        texts = {text for text, _pointer in schema_texts()}
        said = sum(1 for text in texts if (m := catalog.get(text)) is not None and _done(m))
        print(f"{code}: of which {said}/{len(texts)} project-schema texts ({SCHEMA_FILE})")
        if args.missing:
            for message in missing:
                print(f"  {message!r}")
        for line in rule_text_report(code, args.missing):
            print(line)
        for line in lesson_text_report(code, args.missing):
            print(line)
    if args.check and stale:
        print("stale: " + ", ".join(stale) + "\nfix: python scripts/i18n.py", file=sys.stderr)
        return 1
    if stale:
        print("updated: " + ", ".join(stale))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `| head`: the reader went away
        sys.stderr.close()
