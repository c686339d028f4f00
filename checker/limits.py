"""Resource limits for untrusted input, in one place so they are documented and configurable.

Owns the numbers; refuses to enforce anything itself (sources.py and the
engine do). Every limit fails fast with a located message rather than letting
a hostile file eat memory or time.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds applied to every project, ruleset, profile and waivers file."""

    max_file_bytes: int = 5_000_000
    """Larger files are refused before parsing (50 MB of YAML needs ~1.7 GB)."""
    max_depth: int = 64
    """Nesting deeper than this is refused (pydantic stops at 254, recursion at ~490)."""
    max_nodes: int = 200_000
    """Nodes after alias expansion; bounds alias bombs to a fraction of a second."""
    max_int_digits: int = 64
    """Longer integers are refused (Python refuses more than 4,300 digits anyway)."""
    max_problems: int = 1_000
    """Input problems reported per file; past this one finding says the rest were cut,
    so that 95,000 unknown keys cost milliseconds and a readable report, not minutes."""


DEFAULT_LIMITS = Limits()
