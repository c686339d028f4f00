"""The waive form: a reviewer's decision to accept one failing finding until a date.

Owns the form (justification, approved by, expiry, ticket, whether the waiver
is limited to this profile), refusing an empty justification or approver and
a date that is not a calendar date or is in the past before anything is written
(each error names its field and why), and writing through the core's
`add_waiver`, which appends atomically, keeps every other entry and refuses
to overwrite a file that changed since the app read it. The file written is
the one `govcheck check` reads (checker/waivers/location.py); a broken file is
shown as its located errors, on opening and on saving, never as a conflict.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar

from pydantic import ValidationError
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, Input, Label, Static

from checker.config import ConfigError
from checker.findings import Finding
from checker.i18n import N_, _
from checker.i18n.pydantic_words import pydantic_message
from checker.tui.text import plain, safe
from checker.waivers import (
    WAIVABLE,
    Waiver,
    WaiverConflictError,
    add_waiver,
    already_recorded,
    digest,
    load_waivers,
)

DEFAULT_DAYS = 90
LABELS = {
    "justification": N_("Justification"),
    "approved_by": N_("Approved by"),
    "expires": N_("Expires"),
    "ticket": N_("Ticket"),
}
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def date_error(text: str, today: date) -> str | None:
    """What is wrong with an expiry as typed, naming the field and why; None if nothing."""
    found = _ISO.match(text)
    if found is None:
        return _(
            "Expires: “{text}” is not a date; write it as YYYY-MM-DD (e.g. 2027-03-31)."
        ).format(text=text)
    year, month, day = (int(g) for g in found.groups())
    if not 1 <= month <= 12:
        return _("Expires: {text} has no month {month}; months run from 01 to 12.").format(
            text=text, month=month
        )
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        name = calendar.month_name[month]
        return _("Expires: {text} is not a calendar date: {name} {year} has {days} days.").format(
            text=text, name=name, year=year, days=days
        )
    if date(year, month, day) < today:
        return _("Expires: {text} is in the past (today is {today}).").format(
            text=text, today=today.isoformat()
        )
    return None


def open_waive_form(screen: Screen[Any], finding: Finding | None) -> None:
    """Open the form for `finding`, or say why it cannot be waived."""
    from checker.tui.app import GovcheckApp

    app = screen.app
    if not isinstance(app, GovcheckApp) or app.workspace is None:
        return
    # The core says what a waiver can be over, for `govcheck waive` and this form alike.
    if finding is None or finding.profile is None or finding.status not in WAIVABLE:
        screen.notify(
            _("Only a failing rule or a fact not shown can be waived"),
            severity="warning",
            markup=False,
        )
        return
    target = app.options.target_file()
    expected = app.workspace.setup.digests.get(target)
    form = WaiveScreen(finding, target, app.options.day(), expected)

    def written(waiver: Waiver | None) -> None:
        if waiver is not None:
            app.waivers_written()
            app.notify(
                safe(
                    _("{rule} for {project} until {expires} in {target}").format(
                        rule=waiver.rule,
                        project=waiver.project,
                        expires=waiver.expires.isoformat(),
                        target=target,
                    )
                ),
                title=_("Waived"),
                markup=False,
            )

    app.push_screen(form, written)


class WaiveScreen(ModalScreen[Waiver | None]):
    """Record a waiver; dismissed with it once the file is written (None: cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), tooltip=N_("Close the form without writing")),
        Binding(
            "ctrl+s", "save", N_("Save"), tooltip=N_("Write the waiver (Enter in a field too)")
        ),
    ]

    def __init__(self, finding: Finding, target: Path, today: date, expected: str | None) -> None:
        super().__init__()
        self.finding = finding
        self.target = target
        self.today = today
        self.expected = expected
        self.written: Waiver | None = None

    def compose(self) -> ComposeResult:
        finding = self.finding
        with Vertical(id="waive-form"):
            yield Label(
                Text(_("Waive "))
                .append_text(plain(finding.rule, "bold"))
                .append(_(" for "))
                .append_text(plain(finding.project, "bold")),
                id="waive-title",
            )
            yield Static(plain(finding.title, "dim"), id="waive-finding")
            with Grid(id="waive-fields"):
                yield Label(_("Justification"))
                yield Input(
                    id="justification", placeholder=_("why the finding is accepted"), compact=True
                )
                yield Label(_("Approved by"))
                yield Input(id="approved-by", placeholder=_("name or board"), compact=True)
                yield Label(_("Expires"))
                default = (self.today + timedelta(days=DEFAULT_DAYS)).isoformat()
                yield Input(default, id="expires", placeholder=_("YYYY-MM-DD"), compact=True)
                yield Label(_("Ticket"))
                yield Input(
                    id="ticket", placeholder=_("link or reference (optional)"), compact=True
                )
            yield Checkbox(
                Text(_("only under profile ")).append_text(plain(finding.profile or "")),
                value=True,
                id="only-profile",
                compact=True,
            )
            yield Static(id="waive-error")
            yield Static(
                plain(_("writes to {target}").format(target=self.target), "dim"), id="waive-file"
            )
            with Horizontal(id="waive-buttons"):
                yield Button(_("Cancel"), id="cancel", compact=True)
                yield Button(_("Save waiver"), id="save", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#justification", Input).focus()
        self.inspect_file()

    @work(thread=True, exclusive=True, group="waive")
    def inspect_file(self) -> None:
        """A broken waivers file is shown now, before the reviewer types anything."""
        message = _file_errors(self.target, self.today)
        if message:
            self.app.call_from_thread(self.error, message)

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    def error(self, message: str) -> None:
        self.query_one("#waive-error", Static).update(Text(safe(message), style="bold #d9342b"))

    def refuse(self, field: str, message: str) -> None:
        """Say what is wrong and put the cursor in the field it is about."""
        self.error(message)
        self.query_one(f"#{field.replace('_', '-')}", Input).focus()

    def waiver(self) -> Waiver | None:
        """The waiver the form describes, or None after saying what is wrong and where."""
        if not self._value("#justification"):
            self.refuse("justification", _("Justification: a justification is required."))
            return None
        if not self._value("#approved-by"):
            self.refuse("approved_by", _("Approved by: say who approved the waiver."))
            return None
        wrong = date_error(self._value("#expires"), self.today)
        if wrong is not None:
            self.refuse("expires", wrong)
            return None
        expires = date.fromisoformat(self._value("#expires"))
        only = self.query_one("#only-profile", Checkbox).value
        try:
            return Waiver(
                rule=self.finding.rule,
                project=self.finding.project,
                profile=self.finding.profile if only else None,
                justification=self._value("#justification"),
                approved_by=self._value("#approved-by"),
                expires=expires,
                ticket=self._value("#ticket") or None,
                created=self.today,
            )
        except ValidationError as error:
            first = error.errors()[0]
            field = str(first["loc"][0]) if first["loc"] else ""
            label = _(LABELS[field]) if field in LABELS else _("Waiver")
            self.error(f"{label}: {pydantic_message(first)}.")
            if field in LABELS:
                self.query_one(f"#{field.replace('_', '-')}", Input).focus()
            return None

    def action_save(self) -> None:
        waiver = self.waiver()
        if waiver is not None:
            self.error("")
            self.query_one("#save", Button).disabled = True
            self.written = waiver
            self.write(waiver)

    @work(thread=True, exclusive=True, group="waive")
    def write(self, waiver: Waiver) -> None:
        """Append the waiver to the file (atomic; refuses if the file changed meanwhile, and
        shows a broken file's located errors rather than a conflict it cannot resolve)."""
        seen = self.expected
        message = _file_errors(self.target, self.today)
        if not message and already_recorded(self.target, waiver, self.today):
            # Saved twice (or recorded from the command line already): nothing to append.
            self.app.call_from_thread(self._written, "", seen)
            return
        if not message:
            try:
                add_waiver(
                    self.target,
                    waiver,
                    today=self.today,
                    check_digest=True,
                    expected_digest=self.expected,
                )
            except WaiverConflictError:
                message = _(
                    "The waivers file changed on disk since it was read: reloaded, save again."
                )
                seen = digest(self.target)  # read (and valid) now: the next save may write
            except ConfigError as error:
                message = _located(error)
            except (ValueError, OSError) as error:
                message = str(error)
        self.app.call_from_thread(self._written, message, seen)

    def _written(self, message: str, seen: str | None) -> None:
        if not message:
            self.dismiss(self.written)
            return
        self.query_one("#save", Button).disabled = False
        self.error(message)
        self.expected = seen
        app = self.app
        from checker.tui.app import GovcheckApp

        if isinstance(app, GovcheckApp):
            app.waivers_written()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()


def _file_errors(path: Path, today: date) -> str:
    """The waivers file's located errors as one message ("" when it reads, or is new)."""
    if not path.exists():
        return ""
    try:
        load_waivers(path, today)
    except ConfigError as error:
        return _located(error)
    return ""


def _located(error: ConfigError) -> str:
    shown = "\n".join(str(p) for p in error.problems[:3])
    more = (
        _("\n… and {value} more").format(value=len(error.problems) - 3)
        if len(error.problems) > 3
        else ""
    )
    return _("The waivers file has errors; fix it first:\n{shown}{more}").format(
        shown=shown, more=more
    )
