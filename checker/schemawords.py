"""Schema problems in a project file, in a reviewer's words, taken from the project schema.

Owns the wording of every schema problem: what a field accepts (`accepts`, also
used for the comments of `govcheck init`'s template), what a value is, where it
is (`data_processing.transfers[0].destination`), the limit it crosses, and the
"did you mean": for keys a close spelling (keys carry no legal meaning), for
values only a word with the same meaning (checker/synonyms.py) or, for
countries, the nearest assigned codes. The words come from the schema's
keywords and its `patternErrorMessage`/`errorMessage` annotations, so a new
field is worded without code here. Never prints a regular expression or a JSON
type name. Refuses validation and locating: documents.py runs the validator
and places the findings. Every sentence is a gettext message (checker.i18n), the
schema's own `errorMessage`s included (scripts/i18n.py extracts them from the
committed schema); values, keys and paths stay as written.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from checker.i18n import N_, _, ngettext, number
from checker.jsonschemas import committed, project_subschema
from checker.pointers import MISSING, join_pointer, value_at
from checker.sources import yaml11_hint
from checker.validators import SchemaError

Problem = tuple[str, str, str]
"""(finding code, JSON pointer, message)."""

_LIMITS = {
    "minimum": N_("at least {number}"),
    "maximum": N_("at most {number}"),
    "exclusiveMinimum": N_("more than {number}"),
    "exclusiveMaximum": N_("less than {number}"),
}
_FACT = [True, False, "unknown"]


def describe(error: SchemaError, data: Any) -> Iterable[Problem]:
    """The findings one validation error becomes: code, pointer, message."""
    pointer = join_pointer(error.path)
    if error.keyword == "additionalProperties":
        return (
            (
                "schema.unknown-key",
                join_pointer([*error.path, key]),
                _("unknown key `{key}` {where}{hint}").format(
                    key=_clip(key), where=_in(error.path), hint=_key_hint(key, error.path)
                ),
            )
            for key in error.extra
        )
    if error.keyword == "required":
        key = error.extra[0] if error.extra else "?"
        said = _("missing required key `{key}` {where}").format(key=key, where=_in(error.path))
        return [("schema.missing-key", pointer, said)]
    value = value_at(data, error.path)
    value = None if value is MISSING else value
    schema = project_subschema(error.path)
    return [("schema.invalid-value", pointer, refusal(error.keyword, error.path, value, schema))]


def refusal(keyword: str, path: Sequence[str | int], value: Any, schema: dict[str, Any]) -> str:
    """Why `value` at `path` is refused by `schema` (failing on `keyword`)."""
    where = f"`{dotted(path)}`" if path else _("the file")
    if keyword in _LIMITS and keyword in schema:
        limit = _(_LIMITS[keyword]).format(number=_number(schema[keyword]))
        return _("{where} is {value}; {limit}").format(where=where, value=shown(value), limit=limit)
    if keyword in ("minLength", "maxLength") and isinstance(value, str):
        size = len(value)
        if not value:
            found = _("{where} is empty").format(where=where)
        else:
            found = ngettext(
                "{where} is {count} character long", "{where} is {count} characters long", size
            ).format(where=where, count=number(size))
        return f"{found}; {_characters(keyword, schema[keyword])}"
    if keyword in ("minItems", "maxItems") and isinstance(value, list):
        bound = N_("at least {number}") if keyword == "minItems" else N_("at most {number}")
        found = ngettext("{where} has {count} item", "{where} has {count} items", len(value))
        limit = _(bound).format(number=number(schema[keyword]))
        return f"{found.format(where=where, count=number(len(value)))}; {limit}"
    if keyword == "uniqueItems":
        return _("{where} lists an item more than once; each item once").format(where=where)
    if keyword == "enum" and isinstance(value, str):
        nearer = _nearer(value, schema.get("enum", []))
        if nearer:
            return _("{where} is {value}, {nearer}").format(
                where=where, value=shown(value), nearer=nearer
            )
    accepted = _must_be().format(accepted=accepts(schema))
    return _("{where} is {value}; {accepted}{hint}").format(
        where=where, value=shown(value), accepted=accepted, hint=_hint(value, schema)
    )


def _must_be() -> str:
    return _("must be {accepted}")


def _characters(keyword: str, limit: int) -> str:
    """ "at least 1 character", "at most 10,000 characters"."""
    if keyword == "minLength":
        said = ngettext("at least {count} character", "at least {count} characters", limit)
    else:
        said = ngettext("at most {count} character", "at most {count} characters", limit)
    return said.format(count=number(limit))


def accepts(schema: dict[str, Any]) -> str:
    """What `schema` accepts, as a noun phrase: "true, false or unknown", "a whole number"."""
    schema = _resolved(schema)
    words = schema.get("patternErrorMessage") or schema.get("errorMessage")
    if isinstance(words, str):
        # The schema's message is "must be ...": the msgid is the English as written
        # (scripts/i18n.py extracts it); its translation starts as "must be {accepted}" does.
        said = _(words)
        if said == words:
            return words.removeprefix("must be ")
        return said.removeprefix(_must_be().split("{accepted}")[0])
    if "enum" in schema:
        return _choices([v for v in schema["enum"] if v is not None])
    if "const" in schema:
        return _("exactly {value}").format(value=_literal(schema["const"]))
    branches = schema.get("anyOf") or schema.get("oneOf")
    if branches:
        said_each = [accepts(b) for b in branches if _resolved(b).get("type") != "null"]
        return _or().join(dict.fromkeys(said_each))
    if schema.get("format") == "date":
        return _("a real date such as 2019-03-15")
    kinds = schema.get("type", [])
    kinds = [k for k in ([kinds] if isinstance(kinds, str) else kinds) if k != "null"]
    return _or().join(_kind_words(kind, schema) for kind in kinds) or _("a value")


def _or() -> str:
    return _(" or ")


def shown(value: Any) -> str:
    """A found value as a reviewer reads it: `text`, 60, true, empty, a list."""
    if value is None:
        return _("empty")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)  # as written: a year is 2025, not 2,025
    if isinstance(value, str):
        return f"`{_clip(value)}`" if value else _("empty text")
    return _("a list") if isinstance(value, list) else _("a mapping")


def dotted(path: Sequence[str | int]) -> str:
    """`data_processing.transfers[0].destination` for a path of keys and indexes."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


def _in(path: Sequence[str | int]) -> str:
    return _("in `{path}`").format(path=dotted(path)) if path else _("at the top level")


def _kind_words(kind: str, schema: dict[str, Any]) -> str:
    if kind == "integer":
        return _("a whole number") + _range(schema)
    if kind == "number":
        return _("a number") + _range(schema)
    if kind == "string":
        return _("text") + _length(schema)
    if kind == "boolean":
        return _("true or false")
    if kind == "object":
        return _("a mapping (key: value lines)")
    if kind == "array":
        items = _resolved(schema.get("items", {}))
        if items.get("type") == "object":
            return _("a list of mappings (key: value lines)")
        each = _(", each item {accepted}").format(accepted=accepts(items)) if items else ""
        return _("a list") + each
    return _("a value")


def _range(schema: dict[str, Any]) -> str:
    low = next((k for k in ("minimum", "exclusiveMinimum") if k in schema), None)
    high = next((k for k in ("maximum", "exclusiveMaximum") if k in schema), None)
    if low == "minimum" and high == "maximum":
        return _(" from {low} to {high}").format(
            low=_number(schema[low]), high=_number(schema[high])
        )
    said = [_(_LIMITS[k]).format(number=_number(schema[k])) for k in (low, high) if k]
    return ", " + _(" and ").join(said) if said else ""


def _length(schema: dict[str, Any]) -> str:
    low, high = schema.get("minLength", 0), schema.get("maxLength")
    if high is None:
        return _(", not empty") if low == 1 else ""
    if low == 1:
        return _(", not empty") + ", " + _characters("maxLength", high)
    return ", " + _characters("maxLength", high)


def _choices(options: list[Any]) -> str:
    if options == _FACT:
        return _("true, false or unknown")
    if len(options) == 1:
        return _literal(options[0])
    return _("one of: {values}").format(values=", ".join(_literal(o) for o in options))


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _number(value) if isinstance(value, int | float) else str(value)


def _nearer(value: str, options: list[Any]) -> str:
    """What follows "`x` is `value`" when a word with the same meaning is accepted."""
    if len(options) > 100 and all(isinstance(o, str) and len(o) == 2 for o in options):
        from checker.countries import nearest_countries
        from checker.i18n.countries import country_name

        codes = [c for c in nearest_countries(value) if c in options]
        if not codes:
            return ""
        said = [f"{c} ({country_name(c)})" for c in codes]
        listed = said[0] if len(said) == 1 else ", ".join(said[:-1]) + _or() + said[-1]
        return _("not an ISO 3166-1 alpha-2 country code; did you mean {codes}?").format(
            codes=listed
        )
    from checker.synonyms import meant

    found = meant(value, options)
    if not found:
        return ""
    said = [f"`{v}` ({why})" if why else f"`{v}`" for v, why in found]
    return _("not an accepted value; did you mean {values}?").format(values=_or().join(said))


def _hint(value: Any, schema: dict[str, Any]) -> str:
    """Why YAML read what was written as something else: `yes` is text, 2025 a number."""
    kinds = schema.get("type", [])
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if True in schema.get("enum", []) or "boolean" in kinds:
        if value in ("true", "false"):
            return _quoted(value)
        if not yaml11_hint(value) or not isinstance(value, str):
            return ""
        meant = "true" if value.lower() in ("yes", "on", "y") else "false"
        return _(" (YAML 1.2 reads `{value}` as text, not as {meant})").format(
            value=value, meant=meant
        )
    if isinstance(value, int | float) and not isinstance(value, bool) and "string" in kinds:
        return _(
            ' (YAML reads {value} as a number; to write it as text, quote it: "{value}")'
        ).format(value=value)
    if isinstance(value, str) and {"integer", "number"} & set(kinds) and "string" not in kinds:
        if _NUMBER.fullmatch(value.strip()):
            return _quoted(value)
        if _GROUPED.fullmatch(value.strip()):  # 10,000,000 or 10 000 000: read as text
            bare = re.sub(r"[,\s\u00a0\u202f']", "", value.strip())
            return _(" (write the number without separators: {bare})").format(bare=bare)
    return ""


_GROUPED = re.compile(r"[-+]?\d{1,3}(?:[,\s\u00a0\u202f']\d{3})+(?:\.\d+)?")
"""A number with thousands separators (comma, space, apostrophe), which YAML reads as text."""


_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def _quoted(value: str) -> str:
    """`"30"` or `"true"` in quotes: text, where the field wants the value itself."""
    return _(" (in quotes, `{value}` is text; write it without quotes: {bare})").format(
        value=f'"{value}"', bare=value.strip()
    )


def meant_key(key: str, path: Sequence[str | int]) -> str | None:
    """The key of the object at `path` that an unknown `key` was probably meant as: keys
    carry no legal meaning, so spelling may guide. None when nothing is close, or when
    `key` is a key of a few other objects (it is then misplaced, not misspelt)."""
    if 0 < len(_homes().get(key, ())) <= _MOST_HOMES:
        return None
    candidates = list(project_subschema(path).get("properties", {}))
    close = difflib.get_close_matches(key, candidates, n=1, cutoff=0.6)
    if not close:  # `dpia_status` for `dpia`: a known key with something added
        close = [c for c in candidates if len(c) >= 3 and (key.startswith(c) or c.startswith(key))]
    return close[0] if close else None


def inside_misspelt(problem: str, key: str, meant: str) -> str:
    """A problem found in the content of an unknown `key` by reading it as `meant`."""
    return _("inside `{key}`, read as `{meant}`: {problem}").format(
        key=_clip(key), meant=meant, problem=problem
    )


def _key_hint(key: str, path: Sequence[str | int]) -> str:
    homes = _homes().get(key, ())
    if homes and len(homes) <= _MOST_HOMES:
        named = [f"`{home}`" if home else _("the top level") for home in homes]
        places = (
            named[0]
            if len(named) == 1
            else _("{some} or {last}").format(some=", ".join(named[:-1]), last=named[-1])
        )
        return _(" (it belongs under {places})").format(places=places)
    meant = meant_key(key, path)
    return _(" (did you mean `{key}`?)").format(key=meant) if meant else ""


_MOST_HOMES = 3
"""A key known in more objects than this (`name`, `status`) says nothing of where it goes."""


@cache
def _homes() -> dict[str, tuple[str, ...]]:
    """Every key of the project schema -> the objects it is a key of, as dotted paths
    (`data_processing`, `parties.vendors[]`; the file's top level is "")."""
    root = committed("project")
    found: dict[str, set[str]] = {}
    stack: list[tuple[dict[str, Any], str, frozenset[str]]] = [(root, "", frozenset())]
    while stack:
        schema, where, seen = stack.pop()
        reference = schema.get("$ref")
        if isinstance(reference, str):
            name = reference.rsplit("/", 1)[-1]
            if name not in seen:  # a recursive definition is walked once a branch
                stack.append((root["$defs"][name], where, seen | {name}))
            continue
        for branch in schema.get("anyOf", []) + schema.get("oneOf", []):
            stack.append((branch, where, seen))
        items = schema.get("items")
        if isinstance(items, dict):
            stack.append((items, f"{where}[]", seen))
        for key, sub in schema.get("properties", {}).items():
            found.setdefault(key, set()).add(where)
            stack.append((sub, f"{where}.{key}" if where else key, seen))
    return {key: tuple(sorted(places)) for key, places in found.items()}


def _resolved(schema: dict[str, Any]) -> dict[str, Any]:
    for _step in range(10):
        reference = schema.get("$ref")
        if not isinstance(reference, str):
            break
        schema = committed("project")["$defs"][reference.rsplit("/", 1)[-1]]
    return schema


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return number(value) if isinstance(value, int) else str(value)


def _clip(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."
