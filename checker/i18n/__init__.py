"""The language govcheck speaks (minimal: the code's own strings are issue 19's next part).

Owns which language is in use. Rule texts are translation files read by
checker.i18n.rule_texts.
"""

from __future__ import annotations

LANGUAGES = ("en", "ru")
"""The languages govcheck speaks; English is the source language."""


def language() -> str:
    """The language in use."""
    return "en"
