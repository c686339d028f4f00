"""Resource limits for untrusted input, in one place so they are documented and configurable.

Owns the numbers; refuses to enforce anything itself (sources.py and the
engine do). Every limit fails fast with a located message rather than letting
a hostile file eat memory or time.
"""

from __future__ import annotations

from checker.values import Frozen, set_field


class Limits(Frozen):
    """Bounds applied to every project, ruleset, profile and waivers file."""

    __slots__ = ("max_depth", "max_file_bytes", "max_int_digits", "max_nodes", "max_problems")

    max_file_bytes: int
    """Larger files are refused before parsing (50 MB of YAML needs ~1.7 GB)."""
    max_depth: int
    """Nesting deeper than this is refused (pydantic stops at 254, recursion at ~490)."""
    max_nodes: int
    """Nodes after alias expansion; bounds alias bombs to a fraction of a second."""
    max_int_digits: int
    """Longer integers are refused (Python refuses more than 4,300 digits anyway)."""
    max_problems: int
    """Input problems reported per file; past this one finding says the rest were cut,
    so that 95,000 unknown keys cost milliseconds and a readable report, not minutes."""

    def __init__(
        self,
        max_file_bytes: int = 5_000_000,
        max_depth: int = 64,
        max_nodes: int = 200_000,
        max_int_digits: int = 64,
        max_problems: int = 1_000,
    ) -> None:
        set_field(self, "max_file_bytes", max_file_bytes)
        set_field(self, "max_depth", max_depth)
        set_field(self, "max_nodes", max_nodes)
        set_field(self, "max_int_digits", max_int_digits)
        set_field(self, "max_problems", max_problems)


DEFAULT_LIMITS = Limits()
