"""The reviewer's terminal UI (`govcheck tui`), built with Textual on the core's public API.

Layout: `app.py` (the App: global keys, workers, palette, themes) and
`app.tcss`; `background.py` (what the worker threads do: check, watch files,
re-read waivers), `messages.py`, `commands.py` (palette), `exports.py`;
`screens/` (portfolio, project, detail, compare, waive form, rules, help) and
`widgets/` (project table, findings tree, filter bar, source view). The
view-model (`model.py`, `outline.py`, `topics.py`), the session's files and
results (`workspace.py`, `watch.py`) and the text helpers (`text.py`) never
import Textual. Nothing here parses YAML or evaluates a rule.
"""
