"""Country names in the language in use, for wording a refused country code.

Owns reading `locale/<code>/countries.json`: every ISO 3166-1 code govcheck accepts
with the language's usual name, generated from the Unicode CLDR by scripts/i18n.py
(Babel is a developer tool; at run time this is one JSON file, read on the first
name asked for). Refuses the list of codes and the "did you mean": checker.countries
owns them, and matches what was written against the English names and these. A
language without the file, or a code without a name in it, says the English name.
"""

from __future__ import annotations

import json
import os
from functools import cache

from checker.i18n import LOCALE_DIR, language


def country_name(code: str) -> str:
    """The usual name of an assigned code in the language in use ("" for any other)."""
    from checker.countries import country_name as english

    said = english(code)
    if not said or language() == "en":
        return said
    return _names(language()).get(code, said)


def country_names() -> dict[str, str]:
    """Every code's name in the language in use ({} in English: checker.countries has
    those), for matching what a writer gave as a country."""
    code = language()
    return {} if code == "en" else _names(code)


@cache
def _names(code: str) -> dict[str, str]:
    path = os.path.join(LOCALE_DIR, code, "countries.json")
    try:
        with open(path, encoding="utf-8") as handle:
            names = json.load(handle)
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in names.items() if isinstance(k, str) and isinstance(v, str)}
