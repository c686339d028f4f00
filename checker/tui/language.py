"""The TUI in the language in use: its keys' words, and what changes when it switches.

Owns translating the key bindings (Textual keeps them as class-level maps that each
screen and widget copies when made, and the footer shows their descriptions as they
are): every binding keeps its English words, marked for the catalog, and is replaced
by a copy in the language in use — on every class when the app starts or the
language changes, and on the live app. Refuses the screens' own texts: they are
worded when composed, so a language change rebuilds the screens.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from checker.i18n import LANGUAGES, N_, _, language

# Textual's own keys, worded with ours: the footer shows "^p palette".
TEXTUAL_WORDS = (N_("palette"), N_("Open the command palette"))

_ENGLISH: dict[int, Binding] = {}
"""Each worded binding's English original, by the worded copy's identity."""
_KEPT: list[Binding] = []
"""The worded copies, kept alive so that their identities stay unique."""


def next_language() -> str:
    """The language after the one in use, in LANGUAGES' order (the switch cycles)."""
    return LANGUAGES[(LANGUAGES.index(language()) + 1) % len(LANGUAGES)]


def worded(binding: Binding) -> Binding:
    """`binding` with its description and tooltip in the language in use."""
    english = _ENGLISH.get(id(binding), binding)
    if not english.description and not english.tooltip:
        return english
    copy = replace(
        english,
        description=_(english.description) if english.description else "",
        tooltip=_(english.tooltip) if english.tooltip else "",
    )
    _ENGLISH[id(copy)] = english
    _KEPT.append(copy)
    return copy


def word(bindings: BindingsMap) -> None:
    """Every binding of `bindings`, in place, in the language in use."""
    for key, items in bindings.key_to_bindings.items():
        bindings.key_to_bindings[key] = [worded(b) for b in items]


def word_classes() -> None:
    """The bindings of every TUI class (app, screens, widgets) in the language in use:
    instances made from now on copy them.

    A class is worded only if it exists: the screens the app imports when first opened
    (project, detail, compare, help …) are imported here first in any language but
    English, or they would be born with English keys. English needs no import: a class
    made later is English already."""
    if language() != "en":
        _import_screens()
    stack: list[type[DOMNode]] = [DOMNode]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        merged = cls._merged_bindings
        if merged is not None and cls.__module__.startswith("checker.tui"):
            word(merged)


def _import_screens() -> None:
    import importlib
    import pkgutil

    from checker.tui import screens, widgets

    for package in (screens, widgets):
        for module in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            importlib.import_module(module.name)
