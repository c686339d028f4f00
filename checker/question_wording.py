"""How a missing fact is asked: a plain-language question and the answers it accepts.

Owns the wording of `govcheck questions`: a small hand-written table for the
facts most often missing (DATA: a sentence per field, nothing computed), and
for every other field a question made from the committed project schema's
`description`, with the accepted answers read from the same schema (enum
values, true/false/unknown, number ranges, dates). Refuses regular expressions
and JSON type names in anything it returns: a reviewer sends this to a sponsor.
Pure: reads only the committed schema (package data), never a project file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from checker.i18n import N_, _
from checker.jsonschemas import committed

# Hand-written questions, keyed by pointer with `*` for a list index. A question about
# an item (a vendor, an AI system) is prefixed with the item ("Vendor “X”: ..."), so
# those start in lower case.
QUESTIONS: dict[str, str] = {
    "/ai_systems": N_(
        "Does the project use any AI systems, for example face recognition, "
        "licence-plate recognition or video analytics? If so, which ones (if none, say so)?"
    ),
    "/sustainability": N_(
        "What is the project's environmental footprint: for a data centre, "
        "its installed IT power, energy and water efficiency, share of renewable energy and use "
        "of waste heat; and is there a plan to recycle the equipment at the end of its life?"
    ),
    "/other_sectors": N_(
        "Does the project touch other sectors, for example a data centre "
        "inside a safe-city project?"
    ),
    "/parties/operator": N_("Who will operate the system once it is delivered?"),
    "/parties/financiers/*/terms": N_(
        "what are the terms of the financing, as far as they are "
        "known: interest rate, maturity, grace period, collateral, tied procurement, and any "
        "confidentiality, cancellation or stabilisation clauses?"
    ),
    "/parties/vendors/*/remote_access": N_(
        "does it have remote access to the system, for example for maintenance or support?"
    ),
    "/parties/vendors/*/data_access": N_(
        "what data can it reach in operation: none, metadata only, personal data, or everything?"
    ),
    "/parties/vendors/*/processor_agreement": N_(
        "has it signed a written data-processing agreement with the controller?"
    ),
    "/parties/vendors/*/subject_to_foreign_access_law": N_(
        "can the law of its home country "
        "compel it to cooperate with state intelligence or to hand over data?"
    ),
    "/data_processing/police_use": N_(
        "Will the police or other law-enforcement bodies use "
        "the system or its data? If so, which bodies, under which statute, and is every access "
        "logged?"
    ),
    "/data_processing/breach_notification": N_(
        "What happens when personal data are breached: "
        "is there a procedure, and within how many hours are the authority and the people "
        "concerned told?"
    ),
    "/data_processing/transfers": N_(
        "Are personal data transferred to, or reachable from, "
        "another country? If so, which countries, which recipients, and on what legal basis "
        "(if none, say so)?"
    ),
    "/data_processing/third_party_access": N_(
        "Can vendors or foreign authorities reach the "
        "system or its data? If so, who, how, and under whose control (if none, say so)?"
    ),
    "/data_processing/legal_basis": N_(
        "On what legal basis are the personal data processed "
        "(consent, a statute, a public task...)? Please name the law where there is one."
    ),
    "/data_processing/controller": N_(
        "Who is the controller: who decides why and how the personal data are processed?"
    ),
    "/data_processing/privacy_notice_url": N_("Where is the public privacy notice published?"),
    "/parties/financiers/*/terms/borrower_type": N_(
        "whose debt is it: the state's, a region's "
        "or city's, a state-owned enterprise's, or a company's?"
    ),
    "/data_processing/dpo": N_("Has a data protection officer been designated? If so, who?"),
    "/data_processing/data_subject_rights": N_(
        "How can people see, correct or delete their "
        "data or object to its use, and how fast are their requests answered?"
    ),
    "/data_processing/retention": N_(
        "How long are identifying data kept, why that long, and "
        "are they deleted automatically when the period ends?"
    ),
    "/data_processing/dpia/status": N_(
        "What is the status of the data protection impact assessment (DPIA)?"
    ),
    "/human_rights/impact_assessment/status": N_(
        "What is the status of the human-rights impact assessment?"
    ),
    "/cybersecurity/risk_assessment/status": N_(
        "What is the status of the cybersecurity risk assessment?"
    ),
    "/ai_systems/*/fundamental_rights_impact_assessment/status": N_(
        "what is the status of its fundamental-rights impact assessment?"
    ),
    "/cybersecurity/incident_response": N_(
        "How are security incidents handled and reported, and to which national body (CERT)?"
    ),
    "/cybersecurity/access_control": N_(
        "Who can reach what: is access granted by role, on a "
        "need-to-know basis, and with multi-factor authentication?"
    ),
    "/cybersecurity/encryption": N_(
        "Are the data encrypted at rest and in transit, under a "
        "documented cryptography and key-management policy?"
    ),
    "/governance/independent_oversight": N_(
        "Which body, independent of the operator and of "
        "the government bodies that use the system, oversees its use, and with what powers?"
    ),
    "/governance/public_consultation": N_(
        "Were the public and civil society consulted before "
        "the decision to go ahead? If so, when, how, and which groups?"
    ),
    "/governance/audit": N_(
        "Is the project audited by an auditor independent of the sponsor, "
        "the operator and the vendors?"
    ),
    "/governance/grievance_mechanism": N_(
        "How can people affected by the project complain and obtain a remedy?"
    ),
    "/governance/beneficial_ownership": N_(
        "Who ultimately owns the contractors, suppliers and special-purpose vehicles?"
    ),
    "/human_rights/export_control": N_(
        "Were the exported items screened under dual-use export "
        "rules, and is any of them a cyber-surveillance item?"
    ),
    # Facts whose description is not a sentence a question can be made of (a noun
    # phrase, or more than one sentence): asked in words of their own.
    "/parties/vendors/*/sanctions_listed": N_(
        "is it on a sanctions list (EU, UN or the US OFAC SDN list)? Export-control lists "
        "such as the US Entity List are not sanctions."
    ),
    "/human_rights/due_diligence": N_(
        "Is human-rights due diligence carried on throughout the project: are risks "
        "identified, prevented, mitigated and tracked, and is it reported on?"
    ),
    "/human_rights/export_control/end_use_due_diligence": N_(
        "Was end-use and end-user due diligence done on the surveillance items, whoever "
        "exports them: who will use them, for what, and what is that user's human-rights "
        "record?"
    ),
    "/human_rights/export_control/eu_services": N_(
        "Does a person in the Union broker the supply or give technical assistance for it "
        "(installation, training, maintenance; Arts 6 and 8 of Regulation (EU) 2021/821)?"
    ),
    "/cybersecurity/secure_communications": N_(
        "Are voice, video, text and emergency communications secured where appropriate?"
    ),
    "/cybersecurity/secure_development": N_(
        "Is security built into the acquisition, development and maintenance of the systems?"
    ),
    "/cybersecurity/eu_scheme_certification": N_(
        "Are the ICT products or services that carry the system's risk certified under a "
        "European cybersecurity certification scheme (Regulation (EU) 2019/881, for example "
        "EUCC)?"
    ),
    "/sustainability/host_permit": N_("Has the host country's environmental permit been obtained?"),
}

# What an item of a list is called in a question ("Vendor “CEIEC”: ...").
ITEM_NOUNS: dict[str, str] = {
    "/parties/vendors": N_("Vendor"),
    "/parties/financiers": N_("Financier"),
    "/ai_systems": N_("AI system"),
    "/data_processing/transfers": N_("Transfer"),
    "/data_processing/purposes": N_("Purpose"),
    "/components": N_("Component"),
    "/evidence": N_("Evidence"),
}

# Descriptions that are already a question's words ("Who authorises each use"), in the
# languages the descriptions are translated into (checker/i18n/locale).
_WH = (
    *("what ", "who ", "whose ", "which ", "where ", "when ", "how ", "why ", "whether "),
    *("кто ", "что ", "чей ", "чья ", "чьё ", "чьи ", "какой ", "какая ", "какое ", "какие "),
    *("каков", "где ", "когда ", "как ", "почему ", "зачем ", "сколько ", "откуда "),
)
_MANY_VALUES = 16


def question_text(parts: Sequence[str]) -> str:
    """The question for the field at `parts` (a split JSON pointer), without its subject."""
    from checker.i18n import language

    return _question_text(_pattern(parts), language())


def accepted_answers(parts: Sequence[str]) -> str:
    """What the field accepts, in words: never a pattern or a JSON type name."""
    from checker.i18n import language

    return _accepted_answers(_pattern(parts), language())


def _pattern(parts: Sequence[str]) -> tuple[str, ...]:
    """List indexes as `*`: every vendor's field is worded once (a portfolio asks the
    same few hundred fields thousands of times)."""
    return tuple("*" if p.isdigit() else p for p in parts)


@functools.cache
def _question_text(parts: tuple[str, ...], language: str) -> str:
    """Cached per language: the words differ."""
    del language
    pattern = "/" + "/".join(parts)
    if pattern in QUESTIONS:
        return _(QUESTIONS[pattern])
    outer, value = field_schema(parts)
    if parts and parts[-1] == "status" and "enum" in value:
        parent, _value = field_schema(parts[:-1])
        about, _said = _described(parent)
        about = about or _words(parts[-2] if len(parts) > 1 else "")
        return _("What is the status of the {value}?").format(value=_lower(about))
    about, translated = _described(outer)
    about = about or _words(parts[-1] if parts else "")
    # "the" belongs to the English sentence only: a translated description comes as
    # its language writes it after "please state:".
    the = _lower if translated else _the
    if _kind(value) == "fact":
        return f"{about}?"
    if _kind(value) == "section":
        return _("Please describe {value}.").format(value=the(about))
    if _kind(value) == "list":
        return _("Please list {value}, or say that there are none.").format(value=the(about))
    if about.lower().startswith(_WH):
        return f"{about}?"
    return _("Please state {value}.").format(value=the(about))


@functools.cache
def _accepted_answers(parts: tuple[str, ...], language: str) -> str:
    del language
    _declared, value = field_schema(parts)
    return _answers(value) or _("see `govcheck schema project`")


def field_schema(parts: Sequence[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The schema where the field is declared (its description) and of its value,
    references and nullable unions followed; ({}, {}) where the path leaves the schema."""
    root = committed("project")
    outer: dict[str, Any] = root
    value = _deref(root, root)
    for part in parts:
        if part.isdigit() or part == "*":
            outer = value.get("items", {})
        else:
            outer = value.get("properties", {}).get(part, {})
        value = _deref(root, outer)
    return outer, value


def _deref(root: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    for _step in range(10):
        if "$ref" in schema:
            schema = root.get("$defs", {}).get(schema["$ref"].rsplit("/", 1)[-1], {})
        elif "anyOf" in schema:
            schema = next((s for s in schema["anyOf"] if s.get("type") != "null"), {})
        else:
            break
    return schema


def _kind(value: dict[str, Any]) -> str:
    kinds = _types(value)
    values = [v for v in value.get("enum", ()) if v is not None]
    if "boolean" in kinds or (
        values and all(isinstance(v, bool) or v == "unknown" for v in values)
    ):
        return "fact"
    if "object" in kinds or "properties" in value:
        return "section"
    if "array" in kinds or "items" in value:
        return "list"
    return "value"


def _types(value: dict[str, Any]) -> set[str]:
    kind = value.get("type")
    return {kind} if isinstance(kind, str) else set(kind or ())


def _answers(value: dict[str, Any]) -> str:
    """Allowed values as written in the file, the keys of a section, what a list holds;
    for a single value, the words of every schema message (checker/schemawords.py), so
    that a question and the error for a wrong answer describe the field alike."""
    wording = value.get("errorMessage") or value.get("patternErrorMessage")
    values = [v for v in value.get("enum", ()) if v is not None]
    if values and not isinstance(wording, str):
        if len(values) > _MANY_VALUES:
            return _("one of {count} codes (see `govcheck schema project`)").format(
                count=len(values)
            )
        return _either([_choice(v) for v in values])
    kinds = _types(value)
    if "array" in kinds or "items" in value:
        return _list(value)
    if "object" in kinds or "properties" in value:
        return _section(value)
    if not value:
        return ""
    from checker.schemawords import accepts  # imports the YAML loader: only when asked

    return accepts(value)


def _list(value: dict[str, Any]) -> str:
    root = committed("project")
    item = _deref(root, value.get("items", {}))
    values = [v for v in item.get("enum", ()) if v is not None]
    if values and len(values) <= _MANY_VALUES:
        each = _("any of {value}").format(value=_either([_choice(v) for v in values]))
    elif "properties" in item:
        section = _section(item)
        head = _("a section with {shown}").format(shown="\0").split("\0")[0]
        each = _("entries, each with {keys}").format(keys=section.removeprefix(head))
    else:
        each = _answers(item) or _("entries")
        if each.startswith(("a ", "an ", "text")):  # "a list, each an ISO 3166-1 ... code"
            return _("a list, each {each}; an empty list if there are none").format(each=each)
    return _("a list of {each}; an empty list if there are none").format(each=each)


def _section(value: dict[str, Any]) -> str:
    keys = list(value.get("properties", {}))
    required = [k for k in value.get("required", ()) if k in keys]
    shown = ", ".join(f"`{k}`" for k in keys[:8]) + (", ..." if len(keys) > 8 else "")
    text = _("a section with {shown}").format(shown=shown)
    if required:
        needed = _either([f"`{k}`" for k in required], _("and"))
        text += _(" ({keys} required)").format(keys=needed)
    return text


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _choice(value: object) -> str:
    """An accepted value as written in the file: true, false and unknown as words, other
    values as `code` (they are typed exactly so)."""
    if isinstance(value, bool) or value == "unknown":
        return _scalar(value)
    return f"`{_scalar(value)}`"


def _either(values: Sequence[str], word: str = "") -> str:
    word = word or _("or")
    if len(values) <= 1:
        return "".join(values)
    return f"{', '.join(values[:-1])} {word} {values[-1]}"


def _described(schema: dict[str, Any]) -> tuple[str, bool]:
    """The first sentence of the field's description in the language in use, and whether
    it is translated. The msgid is the schema's whole English description: scripts/i18n.py
    extracts every description of the committed project schema into the catalog."""
    description = schema.get("description", "")
    if not isinstance(description, str) or not description:
        return "", False  # `_("")` is the catalog's header
    said = _(description)
    return _sentence(said), said != description


def _sentence(description: str) -> str:
    """The first sentence of a description, without its full stop. An abbreviation's full
    stop ("e.g. EUCC", "Art. 5") ends no sentence: cut there, a question read "(e.g?"."""
    text = " ".join(description.split())
    first = _SENTENCE_END.split(text, maxsplit=1)[0]
    return first.rstrip(".;").strip()


_SENTENCE_END = re.compile(
    r"(?<=[.;])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bArt\.)(?<!\bArts\.)(?<!\bNo\.)(?<!\bcf\.)"
    r"(?<!\bст\.)(?<!\bнапр\.)(?<!\bср\.)(?<!\bсм\.)(?<!\bт\.е\.)\s+(?=[A-ZА-ЯЁ`[])"
)


def _lower(text: str) -> str:
    """Lower-case the first letter, unless the word is an acronym (AI, IT, CERT...)."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _the(text: str) -> str:
    """A description as the object of "please state": "the installed IT power ..."."""
    lowered = _lower(text)
    if lowered.lower().startswith(_DETERMINERS):
        return lowered
    return f"the {lowered}"


_DETERMINERS = ("the ", "a ", "an ", "its ", "their ", "any ", "each ", "every ")


def _words(key: str) -> str:
    return key.replace("_", " ").capitalize()


def lowered(text: str) -> str:
    """`text` continued after a subject ("Vendor X: has ..."), first letter lowered."""
    return _lower(text)
