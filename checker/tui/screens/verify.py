"""The verify form: a reviewer records that a finding's facts were checked against evidence.

Owns the form: the facts the finding's outcome was decided on (the core's basis facts,
each ticked; untick those not checked), the evidence entry they were checked against
(from the project's own `evidence` list, those that back something), who verified and
a note. What is offered, what is refused and what is written are the core's
(checker/verifying.py), the same as `govcheck verify --finding`: each entry records the
digests of the fact's value and of the evidence, so that editing the fact later makes
it stale. The record written is the one `govcheck check` reads, with the waivers'
guarantees (atomic, comments kept, re-parsed before it replaces the file). Refuses
parsing the project or deciding which facts count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from checker.config import ConfigError
from checker.findings import Finding, Status
from checker.i18n import N_, _
from checker.tui.text import plain, safe
from checker.verifying import (
    EvidenceChoice,
    VerifyError,
    decided_facts,
    entries,
    evidence_choices,
    load_document,
    record,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from checker.resolved import ResolvedProfile


@dataclass(frozen=True, slots=True)
class Verified:
    """What the form wrote: how many facts, against which evidence, where."""

    facts: tuple[str, ...]
    evidence: str
    target: Path


def open_verify_form(screen: Screen[Any], key: str, finding: Finding | None) -> None:
    """Open the form for `finding`, or say why its facts cannot be verified."""
    from checker.tui.app import GovcheckApp

    app = screen.app
    if not isinstance(app, GovcheckApp) or app.workspace is None:
        return
    if finding is None or finding.profile is None or finding.status is Status.OUT_OF_SCOPE:
        screen.notify(
            _("Only a rule's outcome rests on facts to verify"), severity="warning", markup=False
        )
        return
    profile = app.workspace.setup.profile(finding.profile)
    if profile is None:
        return
    target = app.options.target_file()
    form = VerifyScreen(finding, profile, target, app.options.day())

    def written(done: Verified | None) -> None:
        if done is None:
            return
        app.verifications_written(key)
        app.notify(
            safe(
                _("{count} fact(s) of {rule} verified against {evidence} in {target}").format(
                    count=len(done.facts),
                    rule=finding.rule,
                    evidence=done.evidence,
                    target=done.target,
                )
            ),
            title=_("Verified"),
            markup=False,
        )

    app.push_screen(form, written)


class VerifyScreen(ModalScreen[Verified | None]):
    """Record verifications; dismissed with what was written (None: cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), tooltip=N_("Close the form without writing")),
        Binding(
            "ctrl+s", "save", N_("Save"), tooltip=N_("Record the verification (Enter in a field)")
        ),
    ]

    def __init__(
        self, finding: Finding, profile: ResolvedProfile, target: Path, today: date
    ) -> None:
        super().__init__()
        self.finding = finding
        self.profile = profile
        self.target = target
        self.today = today
        self.choices: tuple[EvidenceChoice, ...] = ()
        self.written: Verified | None = None

    def compose(self) -> ComposeResult:
        finding = self.finding
        with Vertical(id="verify-form"):
            yield Label(
                Text(_("Verify the facts of "))
                .append_text(plain(finding.rule, "bold"))
                .append(_(" for "))
                .append_text(plain(finding.project, "bold")),
                id="verify-title",
            )
            yield Static(plain(finding.title, "dim"), id="verify-finding")
            yield Label(_("Facts it was decided on (space: tick or untick)"))
            yield SelectionList[str](id="facts", compact=True)
            with Grid(id="verify-fields"):
                yield Label(_("Evidence"))
                yield Select[str]([], id="evidence", prompt=_("the document checked"), compact=True)
                yield Label(_("Verified by"))
                yield Input(id="by", placeholder=_("the reviewer's name"), compact=True)
                yield Label(_("Note"))
                yield Input(id="note", placeholder=_("what was checked (optional)"), compact=True)
            yield Static(id="verify-error")
            yield Static(
                plain(_("writes to {target}").format(target=self.target), "dim"), id="verify-file"
            )
            with Horizontal(id="verify-buttons"):
                yield Button(_("Cancel"), id="cancel", compact=True)
                yield Button(_("Record"), id="save", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#save", Button).disabled = True
        self.offer()

    @work(thread=True, exclusive=True, group="verify")
    def offer(self) -> None:
        """The facts and the evidence entries, read through the core off the UI thread."""
        try:
            document = load_document(self.finding.path)
            facts = decided_facts(document.data, self.profile, self.finding)
            choices = evidence_choices(document)
        except VerifyError as error:
            self.app.call_from_thread(self.error, str(error))
            return
        self.app.call_from_thread(self._offered, facts, choices)

    def _offered(self, facts: tuple[str, ...], choices: tuple[EvidenceChoice, ...]) -> None:
        self.choices = choices
        listed = self.query_one("#facts", SelectionList)
        listed.add_options([(safe(f), f, True) for f in facts])
        self.query_one("#evidence", Select).set_options(
            (safe(f"{c.id} — {c.title}" if c.title else c.id), c.id) for c in choices
        )
        if not facts:
            self.error(_("This outcome rests on no stated fact: there is nothing to verify."))
        elif not choices:
            self.error(
                _(
                    "The project lists no evidence entry that backs something: add the document "
                    "to its `evidence` list first."
                )
            )
        else:
            self.query_one("#save", Button).disabled = False
            self.query_one("#evidence", Select).focus()

    def error(self, message: str) -> None:
        self.query_one("#verify-error", Static).update(Text(safe(message), style="bold #d9342b"))

    def request(self) -> tuple[tuple[str, ...], str, str, str] | None:
        """(facts, evidence id, by, note) as filled in, or None after saying what is
        missing and putting the cursor there."""
        facts = tuple(self.query_one("#facts", SelectionList).selected)
        chosen = self.query_one("#evidence", Select).value
        by = self.query_one("#by", Input).value.strip()
        if not facts:
            self.error(_("Facts: tick at least one fact that was checked."))
            self.query_one("#facts", SelectionList).focus()
            return None
        if not isinstance(chosen, str):
            self.error(_("Evidence: choose the document the facts were checked against."))
            self.query_one("#evidence", Select).focus()
            return None
        if not by:
            self.error(_("Verified by: say who verified it."))
            self.query_one("#by", Input).focus()
            return None
        return facts, chosen, by, self.query_one("#note", Input).value.strip()

    def action_save(self) -> None:
        if self.query_one("#save", Button).disabled:
            return
        asked = self.request()
        if asked is not None:
            self.error("")
            self.query_one("#save", Button).disabled = True
            self.write(*asked)

    @work(thread=True, exclusive=True, group="verify")
    def write(self, facts: tuple[str, ...], evidence: str, by: str, note: str) -> None:
        """Check the request against the file as it is now and append the entries (the
        core's writer: atomic, everything already in the record kept)."""
        message = ""
        try:
            document = load_document(self.finding.path)
            record(
                self.target,
                entries(document, facts, evidence, by=by, today=self.today, note=note),
            )
            self.written = Verified(facts, evidence, self.target)
        except VerifyError as error:
            message = str(error)
        except ConfigError as error:
            shown = "\n".join(str(p) for p in error.problems[:3])
            message = _("The review record has errors; fix it first:\n{shown}").format(shown=shown)
        except OSError as error:
            message = str(error)
        self.app.call_from_thread(self._written, message)

    def _written(self, message: str) -> None:
        if not message:
            self.dismiss(self.written)
            return
        self.query_one("#save", Button).disabled = False
        self.error(message)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()
