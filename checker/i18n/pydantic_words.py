"""pydantic's own error sentences in the language in use, chosen by the error's `type`.

A ruleset, profile, waivers file, scenario, lesson or screening list that has a value of
the wrong type is refused by pydantic, whose sentence ("Input should be a valid string")
is a programmer's English. `pydantic_message(error)` words the error again from its
`type` and `ctx` (the fixed set in `_BY_TYPE`), in every language, English included
("must be a whole number; given: `lots`"); a type not in the set keeps pydantic's
sentence in every language (no error, nothing reported: the located pointer and
govcheck's words around it are still translated). Refuses locating the error
(checker.config does) and govcheck's own validators' words (those are `_()` where they
are raised).
"""

from __future__ import annotations

from checker.i18n import N_, _

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from collections.abc import Mapping


# The msgids are govcheck's English gloss of each pydantic sentence (for translators);
# placeholders are the error's `ctx` keys plus `input` (the value given, quoted).
_BY_TYPE: dict[str, str] = {
    "missing": N_("a required key is missing"),
    "extra_forbidden": N_("a key that is not allowed here"),
    "string_type": N_("must be a string (text); given: {input}"),
    "string_too_short": N_("must be at least {min_length} character(s) long"),
    "string_too_long": N_("must be at most {max_length} character(s) long"),
    "string_pattern_mismatch": N_("must match the pattern `{pattern}`; given: {input}"),
    "string_unicode": N_(
        "holds bytes that are not UTF-8 text (a file name saved in another encoding?); "
        "given: {input}"
    ),
    "int_type": N_("must be a whole number; given: {input}"),
    "int_parsing": N_("must be a whole number; given: {input}"),
    "int_from_float": N_("must be a whole number, without a fractional part; given: {input}"),
    "float_type": N_("must be a number; given: {input}"),
    "float_parsing": N_("must be a number; given: {input}"),
    "bool_type": N_("must be true or false; given: {input}"),
    "bool_parsing": N_("must be true or false; given: {input}"),
    "literal_error": N_("must be {expected}; given: {input}"),
    "enum": N_("must be {expected}; given: {input}"),
    "list_type": N_("must be a list; given: {input}"),
    "dict_type": N_("must be a mapping (key: value); given: {input}"),
    "model_type": N_("must be a mapping (key: value); given: {input}"),
    "model_attributes_type": N_("must be a mapping (key: value); given: {input}"),
    "greater_than": N_("must be greater than {gt}"),
    "greater_than_equal": N_("must be at least {ge}"),
    "less_than": N_("must be less than {lt}"),
    "less_than_equal": N_("must be at most {le}"),
    "too_short": N_("must have at least {min_length} item(s), not {actual_length}"),
    "too_long": N_("must have at most {max_length} item(s), not {actual_length}"),
    "date_type": N_("must be a date written YYYY-MM-DD; given: {input}"),
    "date_parsing": N_("must be a date written YYYY-MM-DD; given: {input}"),
    "date_from_datetime_parsing": N_("must be a date written YYYY-MM-DD; given: {input}"),
    "date_from_datetime_inexact": N_("must be a date without a time of day; given: {input}"),
    "datetime_type": N_("must be a date and time (YYYY-MM-DDTHH:MM:SSZ); given: {input}"),
    "datetime_parsing": N_("must be a date and time (YYYY-MM-DDTHH:MM:SSZ); given: {input}"),
    "datetime_from_date_parsing": N_(
        "must be a date and time (YYYY-MM-DDTHH:MM:SSZ); given: {input}"
    ),
    "url_type": N_("must be a URL; given: {input}"),
    "url_parsing": N_("must be a URL; given: {input}"),
    "none_required": N_("must be empty (null); given: {input}"),
    "union_tag_invalid": N_("`{tag}` is not one of {expected_tags}"),
    "union_tag_not_found": N_("the key {discriminator} is missing"),
    "invalid_key": N_("keys must be strings"),
}

_BY_PATTERN: dict[str, str] = {
    r"^(/.*)?$": N_(
        "must be a JSON pointer such as /ai_systems/0 (a / before each key); given: {input}"
    ),
    r"^/.+$": N_(
        "must be a JSON pointer such as /ai_systems/0 (a / before each key); given: {input}"
    ),
    r"^sha256:[0-9a-f]{64}$": N_("must be `sha256:` and 64 hexadecimal digits; given: {input}"),
}
"""Patterns of govcheck's own files (the review record) said in words: a reviewer is never
shown a regular expression."""

_SHOWN = 60
"""At most this many characters of a given value are quoted."""


def pydantic_message(error: Mapping[str, object]) -> str:
    """`error` (one item of ValidationError.errors()) worded in the language in use."""
    said = str(error.get("msg", ""))
    kind = str(error.get("type", ""))
    if kind in ("value_error", "assertion_error"):
        # govcheck's own validators raise translated words; drop pydantic's English prefix.
        context = error.get("ctx")
        found = context.get("error") if isinstance(context, dict) else None
        return str(found) if found is not None else said
    template = _BY_TYPE.get(kind)
    if kind == "string_pattern_mismatch":
        context = error.get("ctx")
        pattern = context.get("pattern") if isinstance(context, dict) else None
        template = _BY_PATTERN.get(str(pattern), template)
    if template is None:
        return said
    values = _values(error)
    try:
        return _(template).format(**values)
    except (KeyError, IndexError, ValueError):  # a ctx this pydantic lacks: keep its words
        return said


def _values(error: Mapping[str, object]) -> dict[str, str]:
    context = error.get("ctx")
    values = {str(k): str(v) for k, v in context.items()} if isinstance(context, dict) else {}
    if "expected" in values:
        values["expected"] = _alternatives(values["expected"])
    values["input"] = _quoted(error.get("input"))
    return values


def _alternatives(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" as govcheck quotes values (`a`, `b` or `c`), with the
    language's "or"; a list it did not write that way is left as it is."""
    import re

    items = re.split(r", | or ", expected)
    if not all(re.fullmatch(r"'[^'`]*'|-?\d+(?:\.\d+)?|True|False|None", i) for i in items):
        return expected
    quoted = [f"`{i.strip(chr(39))}`" for i in items]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + _(" or ") + quoted[-1]


def _quoted(value: object) -> str:
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    shown = "null" if value is None else str(value).lower() if isinstance(value, bool) else value
    text = str(shown)
    text = text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
    return f"`{text}`"


__all__ = ["pydantic_message"]
