"""YAML text -> (plain data, position tree), with every problem located.

Owns reading bytes, decoding, parsing with libyaml once (nodes and data from
the same parse), the YAML 1.2 core typing that keeps `NO` a string and `010`
the number ten, and the structural checks PyYAML skips: duplicate keys, alias
expansion, nesting depth, non-text keys and non-JSON tags. Refuses anything
beyond plain JSON data: no Python tags, no timestamps, no sets, no binary.
Every problem becomes a `SourceProblem` at a line and column; nothing raises.
"""

from __future__ import annotations

import gc
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from checker.findings import Position
from checker.i18n import N_, _, number
from checker.limits import Limits
from checker.pointers import escape, split_pointer
from checker.textform import BOMS, FORMS, UTF8, TextForm

try:  # libyaml is ~8x faster; the pure parser is a correct but slow fallback.
    from yaml._yaml import CParser as _Parser

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    HAVE_LIBYAML = False

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_ALLOWED_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, _MAP, _SEQ, _MERGE})
_YAML11_BOOLEANS = frozenset(
    {"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "n"}
)


_NOTHING: dict[Any, Any] = {}


class CoreResolver(BaseResolver):
    """YAML 1.2 core schema: only true/false are booleans, no octal `010`,
    no sexagesimal `1:30`, and dates stay text (the models parse them).

    libyaml's composer calls `resolve` for every node and the two path hooks
    around every child; they are a fifth of parsing, so they are specialised
    here (no path resolvers are ever registered) instead of PyYAML's generic
    table walk. `resolve` gives the same tags as that walk over the implicit
    resolvers registered below (a test compares the two).
    """

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """A plain scalar's tag is a word's (true, null, ...), a number's, else text's."""
        if kind is not ScalarNode:
            return _MAP if kind is MappingNode else _SEQ
        if not implicit[0]:  # quoted or block text
            return _STR
        word = _WORDS.get(value)
        if word is not None:
            return word
        if value[0] in _NUMBER_START:  # "" is a word: value[0] exists here
            if _INT_PATTERN.match(value):
                return _INT
            if _FLOAT_PATTERN.match(value):
                return _FLOAT
        return _STR

    # The hooks around every child are C callables that do nothing (an empty mapping's
    # lookup, its length), not Python methods: a Python frame for each node, twice, was
    # 1 % of parsing a project file. Builtin methods do not bind, so `self.hook(...)`
    # calls them as they are. (What they return, the composer drops.)
    descend_resolver = _NOTHING.get  # type: ignore[assignment]
    ascend_resolver = _NOTHING.__len__  # type: ignore[assignment]


# The same patterns check explicitly tagged scalars (`!!bool hello` must not reach
# PyYAML's YAML 1.1 constructors, which raise KeyError or accept `yes` and `1_000`).
_CORE_PATTERNS: dict[str, re.Pattern[str]] = {}
for _tag, _pattern, _first in (
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        _FLOAT,
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (_MERGE, r"^(?:<<)$", "<"),
):
    _CORE_PATTERNS[_tag] = re.compile(_pattern)
    CoreResolver.add_implicit_resolver(_tag, _CORE_PATTERNS[_tag], list(_first))

_WORDS = {
    **dict.fromkeys(("true", "True", "TRUE", "false", "False", "FALSE"), _BOOL),
    **dict.fromkeys(("~", "null", "Null", "NULL", ""), _NULL),
    "<<": _MERGE,
}
_WORD_VALUES: dict[str, tuple[str, bool | None]] = {
    word: (tag, word[0] in "tT" if tag == _BOOL else None)
    for word, tag in _WORDS.items()
    if tag != _MERGE
}
"""Each word's tag and value (`True` -> bool, true; `~` -> null, None)."""
_NUMBER_START = frozenset("-+.0123456789")
_INT_PATTERN, _FLOAT_PATTERN = _CORE_PATTERNS[_INT], _CORE_PATTERNS[_FLOAT]


def _core_int(text: str) -> int:
    """An integer the way YAML 1.2 and JSON read it (no octal `010`)."""
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    if digits.startswith("0o"):
        return sign * int(digits[2:], 8)
    if digits.startswith("0x"):
        return sign * int(digits[2:], 16)
    return sign * int(digits, 10)


def _core_float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return -math.inf if lowered.startswith("-") else math.inf
    if lowered == ".nan":
        return math.nan
    return float(lowered)


if HAVE_LIBYAML:

    class _Loader(_Parser, CoreResolver):
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            CoreResolver.__init__(self)

else:  # pragma: no cover
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Loader(Reader, Scanner, Parser, Composer, CoreResolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            CoreResolver.__init__(self)


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """Something wrong with the file itself, before any rule runs."""

    code: str
    message: str
    line: int = 1
    column: int = 1
    pointer: str = ""


@dataclass(slots=True)
class SourceDocument:
    """A parsed YAML file: its data, its node tree and its problems.

    `data` is None when the file could not be turned into a mapping at all.
    """

    path: str
    data: dict[str, Any] | None
    root: Node | None
    problems: list[SourceProblem] = field(default_factory=list)
    text: str = ""
    form: TextForm = UTF8
    """How the file's bytes encode `text`, to write an edit back in the same form."""
    _located: dict[str, Position] = field(default_factory=dict, repr=False, compare=False)

    def locate(self, pointer: str) -> Position:
        """Where the node at `pointer` is, or its nearest existing ancestor."""
        # Failures of several rules point at the same few places (the section a
        # missing safeguard belongs to): each is walked to once per document.
        position = self._located.get(pointer)
        if position is None:
            position = self._located[pointer] = locate(self.root, pointer)
        return position


def read_source(path: Path, display: str, limits: Limits) -> SourceDocument:
    """Read and parse one file; file-system problems become located problems."""
    try:
        raw = _read_regular(path, limits.max_file_bytes)
    except IsADirectoryError:
        return _failed(display, "file.unreadable", _("is a directory, not a file"))
    except _NotRegularError as error:
        said = _("is {kind}, not a regular file").format(kind=error)
        return _failed(display, "file.unreadable", said)
    except OSError as error:
        from checker.i18n.os_words import os_reason  # only when a file cannot be read

        said = _("cannot read file: {reason}").format(reason=os_reason(error))
        return _failed(display, "file.unreadable", said)
    if raw is None:
        return _failed(
            display,
            "file.too-large",
            _(
                "file is larger than the limit of {count} bytes (raise it with --max-file-size)"
            ).format(count=number(limits.max_file_bytes)),
        )
    return parse_source(raw, display, limits)


class _NotRegularError(OSError):
    """A FIFO, socket or device: reading it could block forever or never end."""


def _read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file, or None when it holds more than `limit` bytes.

    Opened without blocking and checked on the open descriptor, so that a FIFO
    named `x.yaml` cannot hang the run and `/dev/zero` cannot fill the memory;
    at most `limit + 1` bytes are read even if the file grows meanwhile.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket or device"
            raise _NotRegularError(kind)
        if os.fstat(descriptor).st_size > limit:
            return None
        raw = handle.read(limit + 1)
    return raw if len(raw) <= limit else None


def parse_source(raw: bytes, display: str, limits: Limits) -> SourceDocument:
    """Parse bytes into a mapping; never raises for bad input."""
    if len(raw) > limits.max_file_bytes:
        said = _("input exceeds {count} bytes").format(count=number(limits.max_file_bytes))
        return _failed(display, "file.too-large", said)
    text, form, problem = decode(raw)
    if problem is not None:
        return SourceDocument(display, None, None, [problem])
    body = _without_empty_documents_after(text)
    try:
        loader = _Loader(body)
    except yaml.reader.ReaderError as error:
        line, column = line_column(text, error.position)
        problem = SourceProblem("yaml.encoding", _reader_message(error, raw), line, column)
        return SourceDocument(display, None, None, [problem], text)
    try:
        too_many = _count_events(body, limits)
        if too_many is not None:
            return SourceDocument(display, None, None, [too_many], text)
        root = loader.get_single_node()
        if root is None:
            return SourceDocument(display, None, None, [_empty_problem(text)], text)
        problems = check_tree(root, limits)
        if any(p.code in _FATAL for p in problems):
            if any(p.code == "yaml.recursion" for p in problems):
                _unlink(root)
            return SourceDocument(display, None, root, problems, text)
        data = construct(root)
    except yaml.MarkedYAMLError as error:
        if "&" in text:
            gc.collect()  # nodes composed before the error may form a cycle (`&a [*a]`)
        return SourceDocument(display, None, None, [_syntax_problem(error, text)], text)
    except yaml.reader.ReaderError as error:
        line, column = line_column(text, error.position)
        return SourceDocument(
            display,
            None,
            None,
            [SourceProblem("yaml.encoding", _reader_message(error, raw), line, column)],
            text,
        )
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        return SourceDocument(
            display,
            None,
            None,
            [SourceProblem("yaml.syntax", _("cannot parse: {error}").format(error=error))],
            text,
        )
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        kind = _ROOT_KINDS.get(type(data), type(data).__name__)
        line, column = _mark(root)
        problems.append(
            SourceProblem(
                "yaml.root",
                _("the top level must be a mapping of keys, not {kind}").format(kind=_(kind)),
                line,
                column,
            )
        )
        return SourceDocument(display, None, root, problems, text, form)
    return SourceDocument(display, data, root, problems, text, form)


_ROOT_KINDS = {
    list: N_("a list"),
    str: N_("text"),
    int: N_("a number"),
    float: N_("a number"),
    bool: N_("true or false"),
}
_ROOT_KINDS[type(None)] = N_("an empty document")


def _without_empty_documents_after(text: str) -> str:
    """`text` up to a `---` after which it holds only document markers, comments and blank
    lines: the empty document tools that join YAML files leave at the end. There is
    nothing in it to lose, and a proposal is not refused for it; a second document with
    anything in it is still one project too many. Lines and columns are unchanged (only
    the tail is left out), and the document keeps the whole text for edits."""
    end = len(text)
    cut = -1
    while end > 0:
        start = text.rfind("\n", 0, end - 1) + 1 if end > 1 else 0
        row = text[start:end].rstrip()  # a marker is one at the start of its line
        if row == "---" or row.startswith("--- #"):
            cut = start
        elif row.lstrip() and not row.lstrip().startswith("#") and row != "...":
            break
        if start == 0:
            return text  # markers and comments only: the empty file is said as such
        end = start - 1
    return text if cut <= 0 else text[:cut]


def _count_events(text: str, limits: Limits) -> SourceProblem | None:
    """Refuse a document with too many nodes before any node object is built.

    libyaml counts the parser events in C (about 0.4 µs each, no Python
    objects); building the node tree costs ~10x that and ~400 bytes a node,
    so a dense 5 MB file would otherwise take a minute and gigabytes before
    `max_nodes` could be checked. Every node is at least one event and a
    collection two, so more than `2 * max_nodes` events (plus the four of the
    stream and document) means more than `max_nodes` nodes: nothing under the
    limit is refused. Short texts cannot hold that many events and skip this.
    Syntax errors raise here as they would while composing.
    """
    if not HAVE_LIBYAML or len(text) <= limits.max_nodes // 4:
        return None
    events = _Parser(text).raw_parse()
    if events <= 2 * limits.max_nodes + 4:
        return None
    return SourceProblem(
        "yaml.limit",
        _("more than {count} nodes ({events} parser events); the document is too large").format(
            count=number(limits.max_nodes), events=number(events)
        ),
    )


def decode(raw: bytes) -> tuple[str, TextForm, SourceProblem | None]:
    """Bytes -> text: UTF-8 (BOM optional) or UTF-16/32 with a BOM; with the form to
    write it back in (checker/textform.py)."""
    if raw[:1] in BOM_STARTS:
        for bom, codec in BOMS:
            if raw.startswith(bom):
                try:
                    return raw[len(bom) :].decode(codec), FORMS[bom], None
                except UnicodeDecodeError as error:
                    error.start += len(bom)  # an offset into the file, not past its BOM
                    said = _("not valid {codec}").format(codec=codec)
                    return "", UTF8, _decode_problem(raw, error, said)
    try:
        return raw.decode("utf-8"), UTF8, None
    except UnicodeDecodeError as error:
        hint = _("not valid UTF-8")
        if raw[1:40:2].count(0) > 5 or raw[0:40:2].count(0) > 5:
            hint = _("looks like UTF-16 without a byte-order mark; save it as UTF-8")
        elif _cyrillic_8bit(raw):
            hint = _("looks like Windows-1251 (Cyrillic in an 8-bit encoding); save it as UTF-8")
        return "", UTF8, _decode_problem(raw, error, hint)


def _cyrillic_8bit(raw: bytes) -> bool:
    """Whether bytes that are not UTF-8 read as Russian, Kazakh or Kyrgyz text saved in
    Windows-1251 (the letters А-я are 0xC0-0xFF there, Ё/ё 0xA8/0xB8): a proposal from the
    region written in an older editor. UTF-8's own continuation bytes (0x80-0xBF) keep
    nearly all of a UTF-8 text out of that range."""
    sample = raw[:65536]
    high = [b for b in sample if b >= 0x80]
    letters = sum(1 for b in high if b >= 0xC0 or b in (0xA8, 0xB8))
    if len(high) < 4 or letters < 0.9 * len(high):
        return False
    # A Cyrillic word is all high bytes; an accented Latin letter (é in Windows-1252, in
    # the same range) sits among ASCII ones.
    from itertools import pairwise  # only for a file that is not UTF-8

    paired = sum(1 for a, b in pairwise(sample) if a >= 0xC0 and b >= 0xC0)
    return paired >= 0.5 * letters


BOM_STARTS = frozenset(bom[:1] for bom, _codec in BOMS)


def _decode_problem(raw: bytes, error: UnicodeDecodeError, hint: str) -> SourceProblem:
    before = raw[: error.start]
    line = before.count(b"\n") + 1
    column = error.start - (before.rfind(b"\n") + 1) + 1
    byte = raw[error.start : error.start + 1].hex()
    return SourceProblem(
        "yaml.encoding",
        _("byte 0x{byte} at offset {offset}: {hint}").format(
            byte=byte, offset=error.start, hint=hint
        ),
        line,
        column,
    )


_FATAL = frozenset(
    {"yaml.tag", "yaml.limit", "yaml.key-type", "yaml.recursion", "yaml.number", "yaml.syntax"}
)


def check_tree(root: Node, limits: Limits) -> list[SourceProblem]:
    """Check what PyYAML does not, in one pass over the unique nodes.

    This runs for every file, so it is kept lean: no pointers are built unless
    a problem is found. Only documents that use aliases get a second pass that
    measures their expanded size and depth and refuses recursion, so that an
    alias bomb is refused here instead of exploding later in a validator.

    Most files hold nothing unusual: `_plain_data` checks such a tree and builds
    its data in the same pass, which `construct` then hands over (one walk of the
    nodes instead of two); at the first unusual thing this full check runs instead.
    """
    plain = _plain_data(root, limits)
    if plain is not _UNUSUAL:
        root._govcheck_data = plain  # type: ignore[attr-defined]  # construct hands it over
        return []
    return full_check(root, limits)


def full_check(root: Node, limits: Limits) -> list[SourceProblem]:
    """`check_tree` without its plain pass: every node looked at, every problem named."""
    problems: list[SourceProblem] = []
    seen: set[int] = set()
    aliased = False
    scalars = 0
    stack: list[tuple[Node, int]] = [(root, 1)]
    max_depth, max_nodes = limits.max_depth, limits.max_nodes
    while stack:
        node, depth = stack.pop()
        if depth > max_depth:
            where = pointer_to(root, node)
            problems.append(
                _at(
                    node,
                    "yaml.limit",
                    _("nesting deeper than {count} levels").format(count=max_depth),
                    where,
                )
            )
            return problems
        tag = node.tag
        if node.__class__ is ScalarNode:
            scalars += 1
            if tag != _STR:
                problem = _check_scalar(node, root, limits)
                if problem is not None:
                    problems.append(problem)
            continue
        if id(node) in seen:
            aliased = True
            continue
        seen.add(id(node))
        if len(seen) > max_nodes:
            problems.append(_too_many(node, max_nodes))
            return problems
        if tag not in _ALLOWED_TAGS:
            problems.append(_tag_problem(node, pointer_to(root, node)))
            continue
        depth += 1
        if node.__class__ is MappingNode:
            pairs = node.value
            if not _plain_unique_keys(pairs):
                problems.extend(_check_keys(node, pointer_to(root, node)))
            children = [value for _key, value in pairs]
        else:
            children = node.value
        if depth > max_depth:  # the children are too deep: reported when popped
            stack.extend((child, depth) for child in children)
        else:
            scalars += _push_children(
                children, depth, stack, root=root, limits=limits, problems=problems
            )
    if len(seen) + scalars > max_nodes:
        return [*problems, _too_many(root, max_nodes)]
    if aliased and not problems:
        problems.extend(_alias_problems(root, limits))
    return problems


def _push_children(
    children: list[Node],
    depth: int,
    stack: list[tuple[Node, int]],
    *,
    root: Node,
    limits: Limits,
    problems: list[SourceProblem],
) -> int:
    """Stack the collections among `children`; check the scalars here and count them.

    Most nodes are plain text scalars: they never go through the stack.
    """
    scalars = 0
    for child in children:
        if child.__class__ is not ScalarNode:
            stack.append((child, depth))
            continue
        scalars += 1
        if child.tag != _STR:
            problem = _check_scalar(child, root, limits)
            if problem is not None:
                problems.append(problem)
    return scalars


def construct(root: Node) -> Any:
    """Plain data from a node tree that `check_tree` accepted.

    A lean replacement for PyYAML's generic constructor (a fifth of a check's
    time): tags are already known to be plain JSON types, keys plain text, and
    the tree free of recursion, so each node is one dictionary lookup away
    from its value. Aliases share one object, as in PyYAML; merge keys (`<<`)
    follow the YAML merge rules (explicit keys win, then earlier sources).
    The data of a plain tree was built by `check_tree` already: it is handed over.
    """
    built = root.__dict__.pop("_govcheck_data", _UNUSUAL)
    if built is not _UNUSUAL:
        return built
    return _value(root, {})


_UNUSUAL = object()
"""What `_plain_data` gives for a tree it leaves to the full check."""


class _UnusualError(Exception):
    """Raised by the plain pass at the first thing it leaves to the full check."""


def _plain_data(root: Node, limits: Limits) -> Any:
    """The data of a tree in which `check_tree` would find nothing at all — every mapping
    has distinct plain-text keys (no merge keys), every collection is used once (no
    aliases) and tagged as what it is, every scalar is text or a valid number, boolean
    or null, at most `max_nodes` nodes, none deeper than `max_depth` — built the way
    `construct` builds it; `_UNUSUAL` at the first thing outside that, without saying
    what (the full check then does, as it always did)."""
    if root.__class__ is ScalarNode:
        return _UNUSUAL
    walk = _PlainWalk(limits)
    try:
        return walk.collection(root, 1)
    except _UnusualError:
        return _UNUSUAL


class _PlainWalk:
    """One plain pass: the nodes counted and the collections met so far."""

    __slots__ = ("left", "limits", "max_depth", "max_int_digits", "seen")

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.max_depth = limits.max_depth
        self.max_int_digits = limits.max_int_digits
        self.left = limits.max_nodes - 1  # nodes still allowed: the root is one
        self.seen: set[int] = set()

    def collection(self, node: Node, depth: int) -> Any:
        children = node.value
        # Children would lie deeper than the limit, or the node itself does.
        if depth > self.max_depth or (depth >= self.max_depth and children):
            raise _UnusualError
        if id(node) in self.seen:  # an alias: the full check measures what it expands to
            raise _UnusualError
        self.seen.add(id(node))
        self.left -= len(children)  # each node is counted once, as its parent's child
        if self.left < 0:
            raise _UnusualError
        depth += 1
        if node.__class__ is MappingNode:
            if node.tag != _MAP:
                raise _UnusualError
            mapping: dict[str, Any] = {}
            for key, value in children:
                if key.__class__ is not ScalarNode or key.tag != _STR:
                    raise _UnusualError
                if value.__class__ is not ScalarNode:
                    mapping[key.value] = self.collection(value, depth)
                elif value.tag == _STR:
                    mapping[key.value] = value.value
                else:
                    mapping[key.value] = self.scalar(value)
            if len(mapping) != len(children):  # a key given twice
                raise _UnusualError
            return mapping
        if node.tag != _SEQ:
            raise _UnusualError
        items: list[Any] = []
        for item in children:
            if item.__class__ is not ScalarNode:
                items.append(self.collection(item, depth))
            elif item.tag == _STR:
                items.append(item.value)
            else:
                items.append(self.scalar(item))
        return items

    def scalar(self, node: Node) -> Any:
        tag, text = node.tag, node.value
        # The commonest forms first, valid as they are: a word of its own tag (`true`,
        # `null`...), a whole number of plain digits within the digit limit, and digits
        # around one point (`0.35`, `1.`, `.5`; under 300 characters, so finite).
        word = _WORD_VALUES.get(text)
        if word is not None and word[0] == tag:
            return word[1]
        if text.isascii():
            if tag == _INT and text.isdigit() and len(text) <= self.max_int_digits:
                return int(text)
            if tag == _FLOAT and text.replace(".", "", 1).isdigit() and len(text) < 300:
                return float(text)
        convert = _SCALARS.get(tag)
        if convert is None or _scalar_issue(tag, text, self.limits) is not None:
            raise _UnusualError
        return convert(text)


def _value(node: Node, shared: dict[int, Any]) -> Any:
    cls = node.__class__
    if cls is ScalarNode:
        tag = node.tag
        if tag == _STR:
            return node.value
        return _SCALARS[tag](node.value)
    known = shared.get(id(node))
    if known is not None:
        return known
    if cls is SequenceNode:
        items: list[Any] = []
        shared[id(node)] = items
        for item in node.value:
            # Text scalars (most nodes) inline: no call per node.
            if item.__class__ is ScalarNode and item.tag == _STR:
                items.append(item.value)
            else:
                items.append(_value(item, shared))
        return items
    mapping: dict[str, Any] = {}
    shared[id(node)] = mapping
    for key, value in node.value:
        if key.tag == _MERGE:
            return _merged_mapping(node, mapping, shared)
        if value.__class__ is ScalarNode and value.tag == _STR:
            mapping[key.value] = value.value
        else:
            mapping[key.value] = _value(value, shared)
    return mapping


def _merged_mapping(node: Node, mapping: dict[str, Any], shared: dict[int, Any]) -> Any:
    """A mapping with `<<` merge keys: explicit keys win, then earlier merge sources."""
    mapping.clear()  # the same object: aliases to this node may already hold it
    merged = [value for key, value in node.value if key.tag == _MERGE]
    for source in reversed(merged):
        for part in reversed(source.value) if source.__class__ is SequenceNode else [source]:
            mapping.update(_value(part, shared))
    for key, value in node.value:
        if key.tag != _MERGE:
            mapping[key.value] = _value(value, shared)
    return mapping


_SCALARS: dict[str, Any] = {
    _INT: _core_int,
    _FLOAT: _core_float,
    _BOOL: lambda text: text[0] in "tT",
    _NULL: lambda _text: None,
    _MERGE: str,  # `<<` as a value is text (only a key merges); it raised KeyError
}


def _plain_unique_keys(pairs: list[tuple[Node, Node]]) -> bool:
    """The common case: every key is a plain string and none repeats."""
    keys = {key.value for key, _value in pairs if key.tag == _STR and key.__class__ is ScalarNode}
    return len(keys) == len(pairs)


def _too_many(node: Node, limit: int) -> SourceProblem:
    return _at(
        node,
        "yaml.limit",
        _(
            "more than {count} nodes (after expanding aliases); "
            "the document is too large or an alias bomb"
        ).format(count=number(limit)),
    )


def _alias_problems(root: Node, limits: Limits) -> list[SourceProblem]:
    """Recursion, expanded size and expanded depth of a document that uses aliases.

    A depth-first walk over the unique containers (grey while on the path, so
    an alias to an ancestor is found), computing each container's expanded
    size and height once, from its children's.
    """
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    grey: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if node.__class__ is ScalarNode:
            continue
        children = _children(node)
        if leaving:
            grey.discard(id(node))
            total = 1 + sum(size.get(id(c), 1) for c in children)
            size[id(node)] = total
            height[id(node)] = 1 + max((height.get(id(c), 1) for c in children), default=0)
            if total > limits.max_nodes:
                return [_too_many(node, limits.max_nodes)]
            continue
        if id(node) in grey:
            return [_at(node, "yaml.recursion", "an alias refers to its own ancestor")]
        if id(node) in size:
            continue
        grey.add(id(node))
        stack.append((node, True))
        stack.extend((c, False) for c in children if c.__class__ is not ScalarNode)
    if height.get(id(root), 1) > limits.max_depth:
        return [
            _at(
                root,
                "yaml.limit",
                _("nesting deeper than {count} levels once aliases are expanded").format(
                    count=limits.max_depth
                ),
            )
        ]
    return []


def _unlink(root: Node) -> None:
    """Empty every collection of a recursive node graph, so that reference counting
    frees it even while the cyclic garbage collector is paused (checking.py pauses it)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.__class__ is not ScalarNode and node.value:
            children = _children(node)
            node.value = []
            stack.extend(children)


def _children(node: Node) -> list[Node]:
    if node.__class__ is MappingNode:
        return [part for pair in node.value for part in pair]
    if node.__class__ is SequenceNode:
        return list(node.value)
    return []


def pointer_to(root: Node, target: Node) -> str:
    """The JSON pointer of `target` in the tree (only computed when reporting a problem)."""
    stack: list[tuple[Node, str]] = [(root, "")]
    visited: set[int] = set()
    while stack:
        node, pointer = stack.pop()
        if node is target:
            return pointer
        if node.__class__ is ScalarNode or id(node) in visited:
            continue
        visited.add(id(node))
        if node.__class__ is MappingNode:
            for key, value in node.value:
                part = "" if key.tag == _MERGE else f"/{escape(str(key.value))}"
                stack.append((value, pointer + part))
        else:
            stack.extend((item, f"{pointer}/{i}") for i, item in enumerate(node.value))
    return ""


def _check_scalar(node: ScalarNode, root: Node, limits: Limits) -> SourceProblem | None:
    tag = node.tag
    if tag not in _ALLOWED_TAGS or tag in (_MAP, _SEQ):
        return _tag_problem(node, pointer_to(root, node))
    issue = _scalar_issue(tag, node.value, limits)
    if issue is None:
        return None
    return _at(node, *issue, pointer_to(root, node))


def _scalar_issue(tag: str, text: str, limits: Limits) -> tuple[str, str] | None:
    """(code, message) of what is wrong with a scalar of an allowed tag, or None."""
    pattern = _CORE_PATTERNS.get(tag)
    if pattern is not None and tag != _MERGE and not pattern.fullmatch(text):
        shown = text if len(text) <= 40 else text[:37] + "..."
        tag_name = tag.rsplit(":", 1)[-1]
        said = _("`{value}` is not a valid {kind} for its tag `!!{tag}`").format(
            value=shown, kind=_kind(tag), tag=tag_name
        )
        return "yaml.tag", said
    if tag == _INT and len(text) > limits.max_int_digits:
        return (
            "yaml.number",
            _("a whole number of {count} digits exceeds the {limit}-digit limit").format(
                count=len(text), limit=limits.max_int_digits
            ),
        )
    lowered = text.lower()
    if tag == _FLOAT and (lowered.endswith((".inf", ".nan")) or not math.isfinite(float(lowered))):
        # `.nan`, `.inf`, and literals such as 1e999 that overflow to infinity.
        shown = text if len(text) <= 40 else text[:37] + "..."
        return "yaml.number", _("`{value}` is not a finite number").format(value=shown)
    return None


def _check_keys(node: MappingNode, pointer: str) -> list[SourceProblem]:
    problems: list[SourceProblem] = []
    first_seen: dict[str, Node] = {}
    for key, value in node.value:
        if key.tag == _MERGE:
            sources = value.value if value.__class__ is SequenceNode else [value]
            wrong = next((n for n in sources if n.__class__ is not MappingNode), None)
            if wrong is not None:
                problems.append(
                    _at(
                        wrong,
                        "yaml.syntax",
                        _(
                            "expected a mapping for merging "
                            "(`<<` takes a mapping or a list of mappings)"
                        ),
                        pointer,
                    )
                )
            continue
        if not isinstance(key, ScalarNode):
            problems.append(
                _at(key, "yaml.key-type", _("keys must be plain text, not a collection"), pointer)
            )
            continue
        if key.tag != _STR:
            problems.append(
                _at(
                    key,
                    "yaml.key-type",
                    _(
                        'key `{key}` is read as a {kind}; quote it ("{key}") if it is meant as text'
                    ).format(key=key.value, kind=_kind(key.tag)),
                    pointer,
                )
            )
            continue
        earlier = first_seen.get(key.value)
        if earlier is None:
            first_seen[key.value] = key
            continue
        line, _column = _mark(earlier)
        problems.append(
            _at(
                key,
                "yaml.duplicate-key",
                _(
                    "duplicate key `{key}` (first defined on line {line}); YAML would "
                    "silently keep only this later value"
                ).format(key=key.value, line=line),
                f"{pointer}/{escape(str(key.value))}",
            )
        )
    return problems


def _kind(tag: str) -> str:
    # Reviewer words, not YAML's or JSON's type names.
    words = {
        _INT: N_("number"),
        _FLOAT: N_("number"),
        _BOOL: N_("true/false value"),
        _NULL: N_("empty value"),
    }
    return _(words[tag]) if tag in words else tag


def _tag_problem(node: Node, pointer: str) -> SourceProblem:
    return _at(
        node,
        "yaml.tag",
        _(
            "tag `{tag}` is not allowed: project files hold plain "
            "text, numbers, booleans, lists and mappings"
        ).format(tag=node.tag),
        pointer,
    )


def yaml11_hint(value: Any) -> str:
    """A hint for text that YAML 1.1 tools would have read as a boolean."""
    if isinstance(value, str) and value in _YAML11_BOOLEANS:
        meant = "true" if value.lower() in ("yes", "on", "y") else "false"
        return f" (YAML 1.2 reads `{value}` as text, not as {meant})"
    return ""


def locate(root: Node | None, pointer: str) -> Position:
    """Position of the node at a JSON pointer, or of its nearest existing ancestor.

    A mapping entry is located at its key (where a reader looks), a list item
    at the item itself.
    """
    if root is None:
        return Position()
    node: Node = root
    anchor = root
    for part in split_pointer(pointer):
        found = _child(node, part)
        if found is None:
            break
        anchor, node = found
    line, column = _mark(anchor)  # read once, where the walk ends
    return Position(line, column)


def _child(node: Node, part: str) -> tuple[Node, Node] | None:
    if node.__class__ is MappingNode:
        found = _key_index(node).get(part)
        if found is not None:
            return found
        for key, value in node.value:
            if key.tag != _MERGE:
                continue
            for source in value.value if isinstance(value, SequenceNode) else [value]:
                merged = _child(source, part)
                if merged is not None:
                    return merged
    elif isinstance(node, SequenceNode) and part.isdigit() and int(part) < len(node.value):
        item = node.value[int(part)]
        return item, item
    return None


def _key_index(node: MappingNode) -> dict[str, tuple[Node, Node]]:
    """Keys of a mapping node, indexed once: a document's failures look up the same few."""
    index: dict[str, tuple[Node, Node]] | None = getattr(node, "_govcheck_index", None)
    if index is None:
        index = {}
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.tag != _MERGE:
                index[str(key.value)] = (key, value)  # the last duplicate wins, as in the data
        node._govcheck_index = index  # type: ignore[attr-defined]
    return index


def line_column(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _at(node: Node, code: str, message: str, pointer: str = "") -> SourceProblem:
    line, column = _mark(node)
    return SourceProblem(code, message, line, column, pointer)


def _failed(display: str, code: str, message: str) -> SourceDocument:
    return SourceDocument(display, None, None, [SourceProblem(code, message)])


def _empty_problem(text: str) -> SourceProblem:
    said = (
        _("the file holds only comments; expected a project description")
        if text.strip()
        else _("the file is empty; expected a project description")
    )
    return SourceProblem("yaml.empty", said)


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> SourceProblem:
    from checker.yamlwords import Mark, syntax_message  # only when a parse fails

    mark = error.problem_mark or error.context_mark
    at = Mark(mark.line + 1, mark.column + 1) if mark is not None else Mark(1, 1)
    begun = error.context_mark if error.problem_mark is not None else None
    opened = Mark(begun.line + 1, begun.column + 1) if begun is not None else None
    message, where = syntax_message(error.problem or "", error.context or "", at, opened, text)
    return SourceProblem("yaml.syntax", message, where.line, where.column)


def _reader_message(error: yaml.reader.ReaderError, raw: bytes) -> str:
    if error.character == 0 or b"\x00" in raw[:64]:
        return _(
            "NUL bytes in the text; is this a binary file or UTF-16 without a byte-order mark?"
        )
    code = error.character if isinstance(error.character, int) else ord(str(error.character)[0])
    return _("control character U+{code} is not allowed in YAML text").format(code=f"{code:04X}")
