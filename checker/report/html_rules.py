"""The HTML report's "Rules cited" appendix: each cited rule's fixed texts, once.

A portfolio's report repeated, for every project, each failing or unshown rule's
requirement, how to fix it and its legal references: 75 KB a project, 755 MB at
10,000 projects, more than a browser opens. In a report of more than one project
those texts are written once here, one entry per (profile, rule) cited, and each
finding row links to its entry; the rows keep what varies from project to project.
A report of one project keeps them inline (html_report.py). `Cited` collects the
keys while the projects are streamed (a few hundred at most, whatever the portfolio),
and the entries are written at the end from the profiles' rule metadata.

Refuses the rest of the report (html_report.py) and deciding anything: the texts
are the rules' own, in the language in use.
"""

from __future__ import annotations

import html

from checker.findings import ProfileSummary, RuleInfo
from checker.i18n import _
from checker.report.safe import terminal_safe
from checker.report.verdicts import applies_when_words, severity_word


def escape(text: object) -> str:
    """`text` safe in HTML text and attribute values (and free of terminal controls)."""
    return html.escape(terminal_safe(str(text)), quote=True)


def anchor(profile: str, rule: str) -> str:
    """The appendix entry's id: stable across runs, so a link to it can be shared."""
    return escape(f"rule-{profile}-{rule}".replace(" ", "_"))


def reference_link(instrument: str, article: str, url: str | None) -> str:
    text = f"{escape(instrument)}, {escape(article)}"
    if url and url.startswith(("https://", "http://")):
        return f'<a href="{escape(url)}">{text}</a>'
    return text


def references(info: RuleInfo) -> str:
    return "<br>".join(reference_link(r.instrument, r.article, r.url) for r in info.references)


class Cited:
    """The (profile, rule) pairs the rows link to, in the order first cited."""

    __slots__ = ("keys",)

    def __init__(self) -> None:
        self.keys: dict[tuple[str, str], None] = {}

    def link(self, profile: str | None, rule: str) -> str:
        """The rule's id, linked to its entry (and the entry noted as needed)."""
        code = f"<code>{escape(rule)}</code>"
        if profile is None:
            return code
        self.keys[profile, rule] = None
        return f'<a href="#{anchor(profile, rule)}">{code}</a>'


def appendix(cited: Cited, profiles: tuple[ProfileSummary, ...]) -> str:
    """Every cited rule's requirement, when it applies, how to fix it and its sources, by
    profile in the report's order and by rule id within each."""
    if not cited.keys:
        return ""
    out = [
        '<h2 id="rules-cited">' + escape(_("Rules cited")) + "</h2>",
        "<p>"
        + escape(
            _(
                "What each rule cited above requires, when it applies, how to meet it and its "
                "legal sources, once for the whole report; the rule ids in the project "
                "sections link here."
            )
        )
        + "</p>",
    ]
    heads = (_("rule"), _("requirement"), _("how to fix"), _("references"))
    for profile in profiles:
        wanted = sorted(rule for p, rule in cited.keys if p == profile.id)
        if not wanted:
            continue
        infos = {info.id: info for info in profile.rules}
        out.append(
            "<h3>"
            + _("Under <code>{profile}</code>").format(profile=escape(profile.id))
            + "</h3><table><tr>"
            + "".join(f"<th>{escape(h)}</th>" for h in heads)
            + "</tr>"
        )
        out.extend(_entry(profile.id, infos[rule]) for rule in wanted if rule in infos)
        out.append("</table>")
    return "\n".join(out)


def _entry(profile: str, info: RuleInfo) -> str:
    label = f"{escape(info.label)}: " if info.label else ""
    applies = _("Applies when: {applies_when}").format(
        applies_when=applies_when_words(info.applies_when)
    )
    return (
        f'<tr id="{anchor(profile, info.id)}"><td><code>{escape(info.id)}</code><br>'
        f'{escape(info.title)}<br><span class="sev {info.severity.value}">'
        f"{escape(severity_word(info.severity))}</span></td>"
        f'<td>{label}{escape(info.requirement)}<br><span class="muted">{escape(applies)}'
        f"</span></td><td>{escape(info.remediation)}</td><td>{references(info)}</td></tr>"
    )
