"""The footer every screen shows: every key on the line, at any width and in any language.

Textual's footer docks the `^p palette` hint on the right and lets it cover the
last keys when the line is too short, and cuts what does not fit: at 80 columns
in Russian the portfolio lost `q` and `?`, the project screen `q` and `?` too.
Here, while the keys do not fit, the palette hint is left out first (Ctrl+P
still opens the palette and `?` lists it), then the keys from the right show
their key alone (`/`, `q`, `?` say what they do by convention; hovering shows
the description); everything comes back as the terminal grows.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    """A compact footer whose keys always show, the least needed words left out first."""

    DEFAULT_CSS = """
    KeysFooter.-crowded FooterKey.-command-palette {
        display: none;
    }
    """

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._said: dict[FooterKey, str] = {}
        """Each key's description as the screen gave it (a bare key's is emptied)."""

    def on_resize(self) -> None:
        self._fit()

    def on_mount(self) -> None:
        self.call_after_refresh(self._fit)

    async def recompose(self) -> None:
        await super().recompose()
        self._fit()

    def _fit(self) -> None:
        width = self.size.width
        keys = list(self.query(FooterKey))
        if not width or not keys:
            return
        self._said = {key: self._said.get(key, key.description) for key in keys}
        for key in keys:
            key.description = self._said[key]
        crowded = _needed(keys) > width
        self.set_class(crowded, "-crowded")
        plain = [key for key in keys if not key.has_class("-command-palette")]
        needed = _needed(plain)
        for key in reversed(plain):
            if needed <= width:
                break
            if key.description:
                needed -= 1 + cell_len(key.description)
                key.description = ""
        for key in keys:
            key.refresh(layout=True)


def _needed(keys: list[FooterKey]) -> int:
    """Cells the keys take in the compact style: the key, a space and the description,
    a cell between keys; the palette hint has a border cell on its left."""
    cells = 0
    for key in keys:
        cells += cell_len(key.key_display) + 1
        if key.description:
            cells += 1 + cell_len(key.description)
        if key.has_class("-command-palette"):
            cells += 1
    return cells
