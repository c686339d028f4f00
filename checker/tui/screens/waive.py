"""The waive form: a reviewer's decision to accept one failing finding until a date.

Owns the form (justification, approved by, expiry, ticket, whether the waiver
is limited to this profile), refusing an empty justification or approver and
a date in the past before anything is written, and writing through the core's
`add_waiver`, which appends atomically, keeps every other entry and refuses
to overwrite a file that changed since the app read it.
"""

from __future__ import annotations

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
from checker.tui.model import Review, review
from checker.tui.text import plain, safe
from checker.waivers import Waiver, WaiverConflictError, add_waiver

DEFAULT_DAYS = 90
WAIVABLE = (Review.FAIL, Review.EXPIRED, Review.WAIVED)


def open_waive_form(screen: Screen[Any], finding: Finding | None) -> None:
    """Open the form for `finding`, or say why it cannot be waived."""
    from checker.tui.app import GovcheckApp

    app = screen.app
    if not isinstance(app, GovcheckApp) or app.workspace is None:
        return
    if finding is None or finding.profile is None or review(finding) not in WAIVABLE:
        screen.notify("Only a failing rule can be waived", severity="warning", markup=False)
        return
    target = app.options.target_file()
    expected = app.workspace.setup.digests.get(target)
    form = WaiveScreen(finding, target, app.options.day(), expected)

    def written(waiver: Waiver | None) -> None:
        if waiver is not None:
            app.waivers_written()
            app.notify(
                safe(
                    f"{waiver.rule} for {waiver.project} until {waiver.expires.isoformat()} "
                    f"in {target}"
                ),
                title="Waived",
                markup=False,
            )

    app.push_screen(form, written)


class WaiveScreen(ModalScreen[Waiver | None]):
    """Record a waiver; dismissed with it once the file is written (None: cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close the form without writing"),
        Binding("ctrl+s", "save", "Save", tooltip="Write the waiver (Enter in a field too)"),
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
                Text("Waive ")
                .append_text(plain(finding.rule, "bold"))
                .append(" for ")
                .append_text(plain(finding.project, "bold")),
                id="waive-title",
            )
            yield Static(plain(finding.title, "dim"), id="waive-finding")
            with Grid(id="waive-fields"):
                yield Label("Justification")
                yield Input(
                    id="justification", placeholder="why the finding is accepted", compact=True
                )
                yield Label("Approved by")
                yield Input(id="approved-by", placeholder="name or board", compact=True)
                yield Label("Expires")
                default = (self.today + timedelta(days=DEFAULT_DAYS)).isoformat()
                yield Input(default, id="expires", placeholder="YYYY-MM-DD", compact=True)
                yield Label("Ticket")
                yield Input(id="ticket", placeholder="link or reference (optional)", compact=True)
            yield Checkbox(
                Text("only under profile ").append_text(plain(finding.profile or "")),
                value=True,
                id="only-profile",
                compact=True,
            )
            yield Static(id="waive-error")
            yield Static(plain(f"writes to {self.target}", "dim"), id="waive-file")
            with Horizontal(id="waive-buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Save waiver", id="save", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#justification", Input).focus()

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    def error(self, message: str) -> None:
        self.query_one("#waive-error", Static).update(Text(safe(message), style="bold #d9342b"))

    def waiver(self) -> Waiver | None:
        """The waiver the form describes, or None after saying what is wrong."""
        if not self._value("#justification"):
            self.error("A justification is required.")
            self.query_one("#justification", Input).focus()
            return None
        if not self._value("#approved-by"):
            self.error("Say who approved the waiver.")
            self.query_one("#approved-by", Input).focus()
            return None
        try:
            expires = date.fromisoformat(self._value("#expires"))
        except ValueError:
            self.error("The expiry must be a date: YYYY-MM-DD.")
            return None
        if expires < self.today:
            self.error(f"The expiry {expires.isoformat()} is in the past.")
            self.query_one("#expires", Input).focus()
            return None
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
            self.error(str(error.errors()[0]["msg"]))
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
        """Append the waiver to the file (atomic; refuses if the file changed meanwhile)."""
        try:
            add_waiver(
                self.target,
                waiver,
                today=self.today,
                check_digest=True,
                expected_digest=self.expected,
            )
        except WaiverConflictError:
            message = "The waivers file changed on disk since it was read: reloaded, save again."
        except ConfigError as error:
            message = "; ".join(str(p) for p in error.problems)
        except (ValueError, OSError) as error:
            message = str(error)
        else:
            message = ""
        self.app.call_from_thread(self._written, message)

    def _written(self, message: str) -> None:
        if not message:
            self.dismiss(self.written)
            return
        self.query_one("#save", Button).disabled = False
        self.error(message)
        app = self.app
        from checker.tui.app import GovcheckApp

        if isinstance(app, GovcheckApp):
            app.waivers_written()
            workspace = app.workspace
            self.expected = workspace.setup.digests.get(self.target) if workspace else None

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()
