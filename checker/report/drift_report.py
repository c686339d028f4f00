"""Rendering a run-versus-run drift as text, JSON or Markdown.

Owns the words and layout of `govcheck diff`; refuses deciding what is new,
fixed or changed (checker/drift.py does).
"""

from __future__ import annotations

import json
from dataclasses import asdict

from checker.drift import Drift, Recorded
from checker.i18n import _
from checker.report.safe import markdown_safe, terminal_safe


def render_drift(drift: Drift, fmt: str) -> str:
    if fmt == "json":
        return (
            json.dumps(
                {
                    "new": [asdict(r) for r in drift.new],
                    "fixed": [asdict(r) for r in drift.fixed],
                    "changed": [
                        {
                            "old": asdict(c.old),
                            "new": asdict(c.new),
                            "fields": list(c.fields),
                            "not_in_old": c.moved,
                        }
                        for c in drift.changed
                    ],
                    "unchanged": drift.unchanged,
                    "not_in_old": len(drift.not_in_old),
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    if fmt == "markdown":
        return _markdown(drift)
    return _text(drift)


def _line(record: Recorded) -> str:
    profile = f"[{record.profile}] " if record.profile else ""
    return terminal_safe(
        f"{record.path}:{record.line}:{record.column}  {record.severity:<8}  "
        f"{record.rule}  {profile}{record.project}: {record.title}"
    )


def _text(drift: Drift) -> str:
    out = []
    for title, records in ((_("New"), drift.new), (_("Fixed"), drift.fixed)):
        out.append(f"{title} ({len(records)}):")
        out.extend(f"  {_line(r)}" for r in records)
    out.append(f"Changed ({len(drift.changed)}):")
    for change in drift.changed:
        what = ", ".join(
            f"{f}: {getattr(change.old, f) or '-'} -> {getattr(change.new, f) or '-'}"
            for f in change.fields
            if f in ("severity", "status", "item", "pointer")
        )
        if change.moved:
            what += _("; not in the old run")
        out.append(f"  {_line(change.new)}" + (f"  ({terminal_safe(what)})" if what else ""))
    out.append(_("{unchanged} unchanged problem(s)").format(unchanged=drift.unchanged))
    moved = len(drift.not_in_old) - len(drift.new)
    if moved:
        out.append(
            _(
                "{count} problem(s) not in the old run: {new} new and {moved} on another item "
                "(what --fail-on-new and check --baseline fail on)"
            ).format(count=len(drift.not_in_old), new=len(drift.new), moved=moved)
        )
    return "\n".join(out) + "\n"


def _markdown(drift: Drift) -> str:
    md = markdown_safe
    out = [
        _(
            "## govcheck drift: {count} new, {count2} fixed, {count3} changed, {unchanged} "
            "unchanged\n"
        ).format(
            count=len(drift.new),
            count2=len(drift.fixed),
            count3=len(drift.changed),
            unchanged=drift.unchanged,
        )
    ]
    for title, records in ((_("New"), drift.new), (_("Fixed"), drift.fixed)):
        if records:
            out.append(
                f"### {title}\n\n"
                + _("| severity | rule | project | profile | where |\n")
                + "|---|---|---|---|---|"
            )
            out.extend(
                f"| {r.severity} | {md(r.rule)} {md(r.title)} | {md(r.project)} | "
                f"{md(r.profile or 'input')} | {md(r.path)}:{r.line} |"
                for r in records
            )
            out.append("")
    if drift.changed:
        out.append(_("### Changed\n\n| rule | project | what changed |\n|---|---|---|"))
        out.extend(
            f"| {md(c.new.rule)} | {md(c.new.project)} | {md(', '.join(c.fields))}"
            + (md(_("; not in the old run")) if c.moved else "")
            + " |"
            for c in drift.changed
        )
    return "\n".join(out) + "\n"
