"""Adding a waiver to the review record without losing anything already written.

Owns the one writer every entry point uses (`govcheck waive`, the TUI form): the new
entry is appended as text (comments, layout, encoding and line breaks survive:
checker/textform.py), the result is re-parsed and
compared before it replaces the file atomically, a file that changed since it was read
is never overwritten, and two writers take turns through a lock on the file's folder
(nothing is left beside the file).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from checker.config import ConfigError, ConfigProblem
from checker.i18n import _, number
from checker.limits import DEFAULT_LIMITS, Limits
from checker.sources import decode, parse_source
from checker.textform import UTF8, TextForm, newline_of, with_newline
from checker.waivers.location import samples_file
from checker.waivers.records import DEFAULT_MAX_HORIZON_DAYS, Waiver
from checker.yamledit import inline


class WaiverConflictError(Exception):
    """The waivers file changed on disk since it was read; nothing was written."""


_HEADER = (
    "# govcheck waivers: reviewer decisions that accept a finding until a date.\n"
    "# Add entries with `govcheck waive` or by hand; see docs/ci.md.\n"
    "max_horizon_days: 365\n"
)


def already_recorded(path: Path, waiver: Waiver, today: date) -> bool:
    """Whether the record at `path` holds this very waiver (whatever day it was recorded):
    the same `govcheck waive` run twice, or the TUI's form saved twice, appended a copy. A
    record that cannot be read is left for the writer to report."""
    from checker.waivers.records import load_waivers

    if not path.is_file():
        return False
    try:
        recorded = load_waivers(path, today).model.waivers
    except ConfigError:
        return False
    same = waiver.model_dump(exclude={"created"})
    return any(w.model_dump(exclude={"created"}) == same for w in recorded)


class ExpiryError(ValueError):
    """The waiver's expiry is in the past or beyond the record's horizon (the CLI says
    `--expires`, the TUI form its Expires field)."""


def add_waiver(
    path: Path,
    waiver: Waiver,
    *,
    today: date,
    check_digest: bool = False,
    expected_digest: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> None:
    """Append `waiver` to the file, atomically, keeping everything already in it.

    With `check_digest`, `expected_digest` is what `digest()` said when the
    caller read the file (None: it did not exist); a file changed since then
    raises WaiverConflictError instead of being overwritten.
    """
    if waiver.expires < today:
        raise ExpiryError(_("expiry {date} is in the past").format(date=waiver.expires.isoformat()))
    path = Path(os.path.realpath(path))  # write through a symlink, never replace the link
    if path == Path(os.path.realpath(samples_file())):
        path.parent.mkdir(parents=True, exist_ok=True)  # the samples' record: govcheck's own
    if not path.parent.is_dir():
        raise OSError(_no_folder(path))
    with _locked(path):
        before = path.read_bytes() if path.exists() else None
        current = hashlib.sha256(before).hexdigest() if before is not None else None
        if check_digest and expected_digest != current:
            raise WaiverConflictError(
                _("{path} changed since it was read; reload and try again").format(path=path)
            )
        text, form = _text_of(before, path)
        horizon = _horizon(text, limits)
        days = (waiver.expires - (waiver.created or today)).days
        if days > horizon:
            raise ExpiryError(
                _("expiry is {days} days away; the maximum horizon is {horizon} days").format(
                    days=number(days), horizon=number(horizon)
                )
            )
        item = waiver.model_dump(mode="json", exclude_none=True)
        updated = _appended(text, "waivers", item, str(path), limits)
        _check_keeps_everything(text, updated, "waivers", item, str(path), limits)
        _replace_if_unchanged(path, form.encode(updated), before)


def _no_folder(path: Path) -> str:
    return _("cannot write {path}: there is no folder {folder}").format(
        path=path, folder=path.parent
    )


def _horizon(text: str, limits: Limits) -> int:
    document = parse_source(text.encode("utf-8"), "waivers", limits)
    value = (document.data or {}).get("max_horizon_days", DEFAULT_MAX_HORIZON_DAYS)
    return value if isinstance(value, int) else DEFAULT_MAX_HORIZON_DAYS


def add_entry(path: Path, key: str, item: dict[str, Any], limits: Limits = DEFAULT_LIMITS) -> None:
    """Append `item` to the record's list `key` (e.g. `verifications`) with the same
    guarantees as a waiver: atomic, everything already written kept, a lock, a re-parse."""
    path = Path(os.path.realpath(path))
    if path == Path(os.path.realpath(samples_file())):
        path.parent.mkdir(parents=True, exist_ok=True)
    if not path.parent.is_dir():
        raise OSError(_no_folder(path))
    with _locked(path):
        before = path.read_bytes() if path.exists() else None
        text, form = _text_of(before, path)
        updated = _appended(text, key, item, str(path), limits)
        _check_keeps_everything(text, updated, key, item, str(path), limits)
        _replace_if_unchanged(path, form.encode(updated), before)


def _text_of(raw: bytes | None, path: Path) -> tuple[str, TextForm]:
    """The record's text and the form to write it back in (a new record: the header, in
    UTF-8); bytes that are not text are a located error, and the file is left as it is."""
    if raw is None:
        return _HEADER, UTF8
    text, form, problem = decode(raw)
    if problem is not None:
        raise ConfigError([ConfigProblem(str(path), problem.line, problem.column, problem.message)])
    return text, form


_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ._/()-]*[A-Za-z0-9.)]$|^\d{4}-\d{2}-\d{2}$")
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"})


def _scalar(value: Any) -> str:
    """A YAML scalar: plain where that is unambiguous, JSON-quoted otherwise."""
    if isinstance(value, str) and _PLAIN.match(value) and value.lower() not in _RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)


def _appended(text: str, key: str, item: dict[str, Any], display: str, limits: Limits) -> str:
    document = parse_source(text.encode("utf-8"), display, limits)
    if document.data is None and document.problems and document.problems[0].code != "yaml.empty":
        raise ConfigError(
            [ConfigProblem(display, p.line, p.column, p.message) for p in document.problems]
        )
    _refuse_foreign(document.data, document, display)
    newline = newline_of(text)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    entry = _plain_lines(item)
    root = document.root
    sequence = _list_node(root, key)
    if sequence is None:
        # A new list goes after the last line of data: comments and blank lines that end
        # the file (a closing note, say) stay at its end.
        at = _after_line(root) if root is not None else len(lines)
        added = with_newline([f"{key}:\n", *_indent(entry, 2)], newline)
        return "".join(lines[:at] + added + lines[at:])
    if sequence.flow_style and sequence.value and _holds_comment(lines, sequence):
        # A flow list with a comment inside: rewriting it as a block would drop the
        # comment, so the entry joins the list as one more flow mapping, right after
        # the last one (a trailing comma and the comments after it stay where they are).
        at = _offset(lines, sequence.value[-1].end_mark.line, sequence.value[-1].end_mark.column)
        joined = "".join(lines)
        return joined[:at] + ", " + inline(json.loads(json.dumps(item))) + joined[at:]
    if sequence.flow_style or not sequence.value:
        # `waivers: []` or a flow list: rewrite just that node as a block list.
        items = [
            *(document.data or {}).get(key, []),
            json.loads(json.dumps(item)),
        ]
        rendered = "".join(
            line for i in items for line in with_newline(_indent(_plain_lines(i), 2), newline)
        )
        start = _offset(lines, sequence.start_mark.line, sequence.start_mark.column)
        end = _offset(lines, sequence.end_mark.line, sequence.end_mark.column)
        joined = "".join(lines)
        head, tail = joined[:start].rstrip(" "), joined[end:].lstrip(" ")
        if tail.startswith("#"):  # `waivers: []  # none yet`: the comment stays on its line
            comment, _, tail = tail.partition("\n")
            head += "  " + comment.rstrip("\r")
        else:
            tail = tail.removeprefix("\r\n") if tail.startswith("\r\n") else tail.removeprefix("\n")
        return head + newline + rendered + tail
    # After the last entry's last line of data (an inline comment on it stays there) and
    # the comments indented inside that entry; a comment at the list's own indentation or
    # less (a closing note, the next section's heading) stays after the new entry.
    column = sequence.start_mark.column
    at = _after_line(sequence.value[-1])
    while at < len(lines) and _comment_inside(lines[at], column):
        at += 1
    block = with_newline(_indent(entry, column), newline)
    return "".join(lines[:at] + block + lines[at:])


def _after_line(node: Any) -> int:
    """The index of the line after the last line holding `node`'s data. A block
    collection's own end mark lies at the next token, which may be past comments and
    blank lines (or the end of the file): its last scalar's end is where its data ends."""
    from yaml.nodes import MappingNode, SequenceNode

    while isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    mark = node.end_mark
    return int(mark.line if mark.column == 0 else mark.line + 1)


def _holds_comment(lines: list[str], node: Any) -> bool:
    """Whether the text of a flow collection holds a `#` (a comment, or one inside a
    quoted value: either way, the node is not rewritten)."""
    joined = "".join(lines)
    start = _offset(lines, node.start_mark.line, node.start_mark.column)
    end = _offset(lines, node.end_mark.line, node.end_mark.column)
    return "#" in joined[start:end]


def _comment_inside(line: str, column: int) -> bool:
    """A comment line indented deeper than the list's dashes: written inside its last entry."""
    text = line.lstrip(" ")
    return text.startswith("#") and len(line) - len(text) > column


def _refuse_foreign(data: Any, document: Any, display: str) -> None:
    """ConfigError when the file holds keys a review record does not (a project file
    given as `--file` by mistake): a `waivers:` list appended to a proposal made it
    invalid, and the decision was recorded where no check reads it."""
    from checker.waivers.records import WaiversFile

    foreign = [k for k in data or {} if k not in WaiversFile.model_fields]
    if not foreign:
        return
    where = document.locate(f"/{foreign[0]}")
    said = _(
        "this is not a waivers file: it has {keys}, which a waivers file does not; "
        "nothing was written (give the waivers file, e.g. govcheck-waivers.yaml)"
    ).format(keys=", ".join(f"`{k}`" for k in foreign[:5]))
    raise ConfigError([ConfigProblem(display, where.line, where.column, said)])


def _plain_lines(item: dict[str, Any]) -> list[str]:
    return [f"{k}: {_scalar(v)}" for k, v in item.items()]


def _indent(entry: list[str], column: int) -> list[str]:
    pad = " " * column
    return [f"{pad}- {entry[0]}\n", *(f"{pad}  {line}\n" for line in entry[1:])]


def _list_node(root: Any, name: str) -> Any:
    from yaml.nodes import MappingNode, SequenceNode

    if not isinstance(root, MappingNode):
        return None
    for key, value in root.value:
        if getattr(key, "value", None) == name and isinstance(value, SequenceNode):
            return value
    return None


def _offset(lines: list[str], line: int, column: int) -> int:
    return sum(len(x) for x in lines[:line]) + column


def _check_keeps_everything(  # noqa: PLR0917
    before: str, after: str, key: str, item: dict[str, Any], display: str, limits: Limits
) -> None:
    old = parse_source(before.encode("utf-8"), display, limits).data or {}
    new = parse_source(after.encode("utf-8"), display, limits).data
    expected = [*old.get(key, []), json.loads(json.dumps(item))]
    if (
        new is None
        or new.get(key) != expected
        or {k: v for k, v in new.items() if k != key} != {k: v for k, v in old.items() if k != key}
    ):
        raise ConfigError(
            [
                ConfigProblem(
                    display,
                    1,
                    1,
                    _(
                        "could not add to `{key}` without changing existing content; "
                        "edit the file by hand"
                    ).format(key=key),
                )
            ]
        )


def _replace_if_unchanged(path: Path, data: bytes, before: bytes | None) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        now = path.read_bytes() if path.exists() else None
        if now != before:
            raise WaiverConflictError(
                _("{path} changed while the waiver was being added; try again").format(path=path)
            )
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An advisory lock on the file's folder, so that two govcheck writers take turns.

    The folder, not the file: the file is replaced (a new inode) by every write, and a
    lock file beside it would be litter in the reviewer's tree.
    """
    handle = os.open(path.parent, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)
