"""Profiles by name, resolved the one way every entry point resolves them.

Owns turning profile names (and `--rulesets` folders) into resolved profiles for
the CLI commands and the reviewer TUI alike: from the compiled-profile cache when
it is current (checker/cache.py), else by loading the rulesets. Because every entry
point comes through here, a profile carries the same content key everywhere, and
the result cache a `govcheck check` filled is the one the TUI opens with. Also
owns the list of ruleset files those profiles depend on (what the TUI watches) and
a catalogue loaded only when some screen needs the full rule models.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from checker.values import replace

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.profiles import Catalogue
    from checker.resolved import ResolvedProfile


def ruleset_folders(extra: Sequence[str | Path] = ()) -> list[Path]:
    """The bundled rulesets, then the `--rulesets` folders or files."""
    from checker.bundled import rulesets_dir

    return [rulesets_dir(), *(Path(e) for e in extra)]


def ruleset_files(extra: Sequence[str | Path] = ()) -> list[Path]:
    """Every ruleset, profile and translation file the profiles may be read from (what a
    catalogue loads and what the profile cache's key covers); raises ConfigError for a
    folder that does not exist."""
    from checker.config import config_files

    return config_files(ruleset_folders(extra))


def load_catalogue(extra: Sequence[str | Path] = ()) -> Catalogue:
    """The bundled rulesets plus `extra`; raises ConfigError."""
    from checker.profiles import load_catalogue as load

    return load(ruleset_folders(extra))


def known_rule_ids(extra: Sequence[str | Path] = ()) -> frozenset[str] | None:
    """The id of every rule of the bundled rulesets and `extra`, for judging a waiver's
    rule (checker/waivers/applying.py); None when the rulesets cannot be read (the run
    that resolved its profiles from the cache says why elsewhere)."""
    from checker.config import ConfigError

    try:
        return frozenset(load_catalogue(extra).rules)
    except ConfigError:
        return None


def resolved_profiles(
    names: Sequence[str],
    extra: Sequence[str | Path] = (),
    *,
    use_cache: bool = True,
    language: str | None = None,
) -> list[ResolvedProfile]:
    """Resolve profiles by name, from the compiled-profile cache when it is current, their
    rule texts in `language` (default: the language in use) where translated. Raises
    ConfigError (a broken ruleset, an unknown name)."""
    from checker.cache import load_profiles, profile_key, store_profiles
    from checker.i18n import language as language_in_use

    language = language or language_in_use()
    names = list(dict.fromkeys(names))  # a profile named twice is checked once
    by_name = not any(n.lower().endswith((".yaml", ".yml")) or "/" in n for n in names)
    key = ""
    if use_cache and by_name:
        key = profile_key(ruleset_files(extra), [*names, "\0", *map(str, extra)], language)
        cached = load_profiles(key, lambda: _in_language(load_catalogue(extra), language))
        if cached is not None:
            return [replace(p, content_key=f"{key}:{p.id}") for p in cached]
    from checker.profiles import resolve_profile

    loaded = load_catalogue(extra)
    if language != "en" and by_name:
        from checker.i18n.rule_texts import resolve_in_language

        resolved = resolve_in_language(loaded, names, language)
    else:
        resolved = [resolve_profile(loaded, name) for name in names]
    if language != "en" and not by_name:
        from checker.i18n.rule_texts import localise_profiles

        resolved = localise_profiles(resolved, loaded, language)
    if key:
        store_profiles(key, resolved)
        resolved = [replace(p, content_key=f"{key}:{p.id}") for p in resolved]
    return resolved


def _in_language(loaded: Catalogue, language: str) -> Catalogue:
    """The catalogue whose rule models carry `language`'s texts (what a cached profile's
    rules load when some code asks for the full rule, e.g. its rationale)."""
    if language == "en":
        return loaded
    from checker.i18n.rule_texts import localised_catalogue

    return localised_catalogue(loaded, language)


class LazyCatalogue:
    """A catalogue loaded on first use, once, whichever thread asks first: a session that
    opens from the profile cache never pays for the full rule models unless a screen
    shows them."""

    def __init__(self, extra: Sequence[str | Path] = (), given: Catalogue | None = None) -> None:
        self._extra = tuple(extra)
        self._loaded = given
        self.given = given is not None
        """Made from a catalogue the caller loaded (tests, embedding): profiles come from it."""
        import threading  # the TUI's sessions make one; a command line check does not

        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._loaded is not None

    def get(self) -> Catalogue:
        """The catalogue (raises ConfigError when the rulesets no longer load)."""
        if self._loaded is None:
            with self._lock:
                if self._loaded is None:
                    self._loaded = load_catalogue(self._extra)
        return self._loaded
