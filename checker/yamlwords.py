"""A YAML syntax error in a reviewer's words: what is wrong, on which line, and the fix.

Owns the wording of `yaml.syntax` problems. libyaml says "did not find expected
key (while parsing a block mapping)" or "mapping values are not allowed in this
context"; a policy analyst needs "line 4 is indented 1 space, but the keys of
its section are indented 2" or "the value of `title` contains `: `; put it in
quotes". Each known error is recognised by libyaml's own problem and context
(stable since PyYAML 3) and worded from the text around it; an unknown one keeps
the parser's words. Refuses parsing: checker/sources.py parses and calls this
only when a parse fails.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.i18n import _, ngettext

_SHOWN = 60
"""Characters of a line quoted in a message."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A place libyaml names: 1-based line and column."""

    line: int
    column: int


def syntax_message(
    problem: str, context: str, at: Mark, opened: Mark | None, text: str
) -> tuple[str, Mark]:
    """The message for a parse error and the place to report it: `at` is where libyaml
    stopped, `opened` where the construct it was reading began (its context mark)."""
    lines = text.split("\n")
    row = lines[at.line - 1] if 0 < at.line <= len(lines) else ""
    said = f"{problem} {context}"
    if "expected a single document" in said:
        # An empty document after the first is left out before parsing (sources.py).
        return _("several YAML documents (---) in one file; put one project per file"), at
    if row[at.column - 1 : at.column] == "\t":
        return _("a tab character where YAML needs spaces for indentation"), at
    if problem == "mapping values are not allowed in this context":
        return _colon_in_value(row, at), at
    if problem == "found character that cannot start any token":
        return _cannot_start(row, at), at
    if problem == "block sequence entries are not allowed in this context":
        return _(
            "a `- ` list item on the same line as its key; put each item on its own line "
            "below the key, indented, or write the list as [a, b]"
        ), at
    if problem == "found undefined alias":
        return _("`{alias}` refers to no anchor (`&name`) defined above it").format(
            alias=_token(row, at.column)
        ), at
    if problem == "could not find expected ':'" and opened is not None:
        line = lines[opened.line - 1] if 0 < opened.line <= len(lines) else ""
        return _(
            "line {line} ({shown}) is neither `key: value` nor a `- ` list item; if it "
            "continues the text of the line above, indent it further than that line's key "
            "(or write the text after `>-` on lines of its own)"
        ).format(line=opened.line, shown=_shown(line)), Mark(opened.line, 1)
    if "end of stream" in problem and "quoted scalar" in context and opened is not None:
        return _(
            "the quote opened on line {line} is never closed; close it, or if the text "
            "itself contains that quote, write it twice ('') or use the other quote"
        ).format(line=opened.line), opened
    if problem.startswith("did not find expected ','") and opened is not None:
        closing = "]" if "]" in problem else "}"
        return _(
            "the `{opening}` opened on line {line} is not closed with `{closing}` where "
            "expected (or two items lack the comma between them)"
        ).format(opening="[" if closing == "]" else "{", closing=closing, line=opened.line), at
    if problem in ("did not find expected key", "did not find expected '-' indicator"):
        return _indentation(lines, row, at, opened, problem), at
    if problem.startswith("expected <block end>"):
        return _indentation(lines, row, at, opened, problem), at
    return (f"{problem} ({context})" if context else problem) or _("invalid YAML"), at


def _colon_in_value(row: str, at: Mark) -> str:
    key, colon, value = row.strip().partition(": ")
    if colon and ": " in value and not value.startswith(("'", '"', "[", "{")):
        quoted = value.replace("\\", "\\\\").replace('"', '\\"')
        return _(
            "the value of `{key}` contains `: `, which YAML reads as the start of another "
            'key; put the value in quotes: {key}: "{quoted}"'
        ).format(key=key.lstrip("- "), quoted=quoted)
    return _(
        "a `key: value` where YAML expected a value or the next line: quote a value that "
        "contains `: `, or check the indentation of line {line} ({shown})"
    ).format(line=at.line, shown=_shown(row))


def _cannot_start(row: str, at: Mark) -> str:
    key, colon, value = row.strip().partition(": ")
    character = row[at.column - 1 : at.column]
    # A backtick cannot be shown between backticks.
    what = _("a backtick") if character == "`" else f"`{character}`"
    if colon and value:
        quoted = value.replace("\\", "\\\\").replace('"', '\\"')
        return _(
            'a YAML value cannot start with {what}; put it in quotes: {key}: "{quoted}"'
        ).format(what=what, key=key.lstrip("- "), quoted=quoted)
    return _("a YAML value cannot start with {what}; put it in quotes").format(what=what)


def _indentation(lines: list[str], row: str, at: Mark, opened: Mark | None, problem: str) -> str:
    """Wrong indentation (the usual cause), or text after a closed value on one line."""
    indent = len(row) - len(row.lstrip(" "))
    if at.column - 1 > indent:  # the parser stopped inside the line, not at its start
        return _(
            "unexpected text after the value on line {line} ({shown}); if the value "
            "itself contains quotes or brackets, put the whole value in quotes"
        ).format(line=at.line, shown=_shown(row))
    if opened is not None and 0 < opened.line <= len(lines):
        expected = opened.column - 1
        if indent == expected and row.lstrip().startswith("-"):
            return _(
                "line {line} ({shown}) is a `- ` list item among the keys of a section "
                "(from line {start}); a list goes under a key of its own, its items "
                "indented below it"
            ).format(line=at.line, shown=_shown(row), start=opened.line)
        if problem == "did not find expected '-' indicator":
            said = ngettext(
                "line {line} ({shown}) is indented {found} space, but the list it continues "
                "(from line {start}) has its `- ` items indented {expected}",
                "line {line} ({shown}) is indented {found} spaces, but the list it continues "
                "(from line {start}) has its `- ` items indented {expected}",
                indent,
            )
        else:
            said = ngettext(
                "line {line} ({shown}) is indented {found} space, but the keys of the "
                "section it is in (from line {start}) are indented {expected}",
                "line {line} ({shown}) is indented {found} spaces, but the keys of the "
                "section it is in (from line {start}) are indented {expected}",
                indent,
            )
        if indent != expected:
            return said.format(
                line=at.line, shown=_shown(row), found=indent, start=opened.line, expected=expected
            ) + _("; YAML reads the structure from the indentation")
    return _(
        "line {line} ({shown}) does not fit the indentation of the lines above it; YAML "
        "reads the structure from the indentation"
    ).format(line=at.line, shown=_shown(row))


def _shown(line: str) -> str:
    text = line.strip()
    return f"`{text}`" if len(text) <= _SHOWN else f"`{text[: _SHOWN - 3]}...`"


def _token(row: str, column: int) -> str:
    rest = row[column - 1 :]
    return rest.split()[0] if rest.split() else rest


__all__ = ["Mark", "syntax_message"]
