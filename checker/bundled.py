"""Where govcheck's own files are: the bundled rulesets, sample projects and lessons,
installed or in a checkout, and the user's govcheck data folder.

Owns the lookup only. In a wheel they are package data under checker/_data/;
in a source checkout they are the top-level rulesets/, projects/ and lessons/ folders
(a lesson names its project relative to itself, so the two keep their layout).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def rulesets_dir() -> Path:
    """The bundled rulesets and profiles."""
    return _first_existing(_PACKAGE / "_data" / "rulesets", _PACKAGE.parent / "rulesets")


def projects_dir() -> Path:
    """The bundled sample projects."""
    return _first_existing(_PACKAGE / "_data" / "projects", _PACKAGE.parent / "projects")


def lessons_dir() -> Path:
    """The bundled trainer's lessons."""
    return _first_existing(_PACKAGE / "_data" / "lessons", _PACKAGE.parent / "lessons")


def user_data_dir() -> Path:
    """The platform's user data folder for govcheck (as platformdirs would): imported
    reference lists, the bundled samples' waivers file."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "govcheck"
