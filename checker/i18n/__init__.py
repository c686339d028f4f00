"""The language govcheck speaks: which one, and its words for the code's own strings.

Owns choosing the language (`use_language`, else GOVCHECK_LANG, else the
locale's LC_ALL / LC_MESSAGES / LANG) and translating the strings the code
writes (`_`, `ngettext`, `N_` to mark a string translated later). The words
live in gettext catalogs under checker/i18n/locale/<code>/LC_MESSAGES/
govcheck.mo, compiled from the `.po` beside them by scripts/i18n.py (Babel is
a developer tool only; at run time the standard library reads the `.mo`).
Refuses rule texts: those are translation files read by checker.i18n.rule_texts.

English needs no catalog: `_` returns its argument, so an English run loads
nothing. Another language's catalog is read on its first word. A message the
catalog lacks falls back to the English, never to an error.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from gettext import NullTranslations

LANGUAGES = ("en", "ru")
"""The languages govcheck speaks; English is the source language."""

DOMAIN = "govcheck"
LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")


class UnknownLanguageError(ValueError):
    """A language code govcheck has no catalog for."""

    def __init__(self, code: str, where: str = "") -> None:
        self.code = code
        said = f"{where}: " if where else ""
        super().__init__(f"{said}unknown language `{code}`; available: {', '.join(LANGUAGES)}")


class _State:
    """The language in use and its catalog (one per process, like the locale)."""

    chosen: str | None = None
    translations: NullTranslations | None = None


_state = _State()
_words: dict[str, str] = {}
"""The catalog's singular messages: `_` is one dictionary lookup."""
_listeners: list[Callable[[], None]] = []


def language() -> str:
    """The language in use: the one chosen, else GOVCHECK_LANG, else the locale, else en."""
    if _state.chosen is None:
        use_language(requested_language(os.environ))
    assert _state.chosen is not None
    return _state.chosen


def requested_language(environ: Mapping[str, str], given: str | None = None) -> str:
    """The language a run asks for: `given` (--lang), else GOVCHECK_LANG, else the
    locale (a name starting with a language code govcheck speaks), else en.

    Raises UnknownLanguageError for a `given` or GOVCHECK_LANG code govcheck does not
    speak; an unknown locale is simply English (the locale is not a choice made for
    govcheck)."""
    if given is not None:
        return _known(given, "--lang")
    explicit = environ.get("GOVCHECK_LANG", "").strip()
    if explicit:
        return _known(explicit, "GOVCHECK_LANG")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:  # the first one set decides, as for every other program
            code = value.split("_", 1)[0].split(".", 1)[0].lower()
            return code if code in LANGUAGES else "en"
    return "en"


def _known(code: str, where: str) -> str:
    normal = code.strip().lower().replace("-", "_").split("_", 1)[0]
    if normal not in LANGUAGES:
        raise UnknownLanguageError(code, where)
    return normal


def use_language(code: str) -> None:
    """Speak `code` from now on; raises UnknownLanguageError. Listeners (memoised texts) hear
    of a change."""
    if code not in LANGUAGES:
        raise UnknownLanguageError(code)
    if code == _state.chosen:
        return
    changed = _state.chosen is not None
    _state.chosen = code
    _state.translations = None
    _words.clear()
    if code != "en":
        _load(code)
    if changed:
        for listener in list(_listeners):
            listener()


def on_change(listener: Callable[[], None]) -> None:
    """Call `listener` whenever the language changes (memoised worded texts forget)."""
    _listeners.append(listener)


def _load(code: str) -> None:
    """Read `code`'s catalog; a missing or broken one leaves every word English."""
    from gettext import GNUTranslations

    path = os.path.join(LOCALE_DIR, code, "LC_MESSAGES", f"{DOMAIN}.mo")
    try:
        with open(path, "rb") as handle:
            translations = GNUTranslations(handle)
    except (OSError, ValueError):
        return
    # GNUTranslations keeps singular messages by their text and plural forms by
    # (text, n); a plain dict lookup is the cheapest `_` there is.
    _state.translations = translations
    catalog: dict[object, str] = translations._catalog  # type: ignore[attr-defined]
    _words.update((k, v) for k, v in catalog.items() if type(k) is str and k and v)


def _(message: str) -> str:
    """`message` in the language in use (itself in English, or when not translated)."""
    if _state.chosen is None:
        language()
    return _words.get(message, message)


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name
    """Mark `message` for the catalog without translating it yet (module-level tables)."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural of a message for `count`, in the language in use."""
    if _state.chosen is None:
        language()
    if _state.translations is None:
        return singular if count == 1 else plural
    return _state.translations.ngettext(singular, plural, count)


_GROUPING = {"ru": "\u00a0"}
"""How a language groups the digits of a large number, where it differs from English's
comma: Russian writes 10 000 (a no-break space, so a number never breaks at a line end)."""


def number(value: int | float, digits: int = 0) -> str:
    """`value` as the language in use writes it: 10,000 in English, 10 000 in Russian;
    `digits` places after the decimal point (a comma in Russian: 1,5)."""
    said = f"{value:,.{digits}f}" if digits or isinstance(value, float) else f"{value:,}"
    separator = _GROUPING.get(language())
    if separator is None:
        return said
    return said.replace(",", separator).replace(".", ",")


__all__ = [
    "LANGUAGES",
    "N_",
    "UnknownLanguageError",
    "_",
    "language",
    "ngettext",
    "number",
    "on_change",
    "requested_language",
    "use_language",
]
