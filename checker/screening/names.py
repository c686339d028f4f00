"""Name normalisation for screening: the keys under which names are compared.

Owns turning a company or person name, in Latin, Cyrillic or Chinese script,
into comparison keys: case folded, accents and punctuation dropped, Cyrillic
transliterated, "&" read as "and", and legal-form words (Co., Ltd., LLC, ООО,
ТОО, 有限公司 ...) removed, so that "Huawei Technologies Co., Ltd." and
"HUAWEI TECHNOLOGIES" share a key. A parenthesised part is also a name of its
own ("... Corporation (CEIEC)"). Refuses deciding what a match means: that is
checker.screening.index's.

Written here rather than taken from `rigour` (the OpenSanctions normaliser),
which is not available to this project's installs; the table below is small on
purpose and documented in docs/screening.md.
"""

from __future__ import annotations

import re
import unicodedata

# A simple, reversible-enough romanisation (close to BGN/PCGN) used on both sides of a
# comparison, so its exact choices matter less than applying it the same way.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "i", "є": "e", "ґ": "g", "ә": "a", "ғ": "g", "қ": "k",
    "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "ҳ": "h", "ӣ": "i", "ӯ": "u",
    "ҷ": "j", "ў": "u",
}  # fmt: skip
_TRANSLIT = str.maketrans(_CYRILLIC)

# Spelling variants that transliterations of the same name produce ("Yandeks"/"Iandeks",
# "Khikvision"/"Hikvision"): folded to one spelling after romanisation.
_VARIANTS = (("kh", "h"), ("yu", "iu"), ("ya", "ia"), ("iy", "i"), ("yi", "i"), ("j", "dzh"))

_FORMS = """
    co company corp corporation inc incorporated ltd limited llc llp lp plc gmbh ag sa sas
    sarl srl spa bv nv oy ab as aps kg ohg jsc ojsc cjsc pjsc ao oao zao pao ooo too tov
    chp ip fze fzco pte pvt pty sdn bhd
"""
LEGAL_FORMS = frozenset(_FORMS.split())
"""Legal-form words dropped from keys (after romanisation: ООО is `ooo`, ТОО `too`)."""

_CJK_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "公司")
_PUNCTUATION = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACES = re.compile(r"\s+")
_PARENTHESISED = re.compile(r"\(([^()]*)\)")


def _romanise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().translate(_TRANSLIT)
    # Accents: decompose and drop combining marks (é -> e); CJK characters are kept.
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def key(name: str) -> str:
    """The comparison key of one name ("" when nothing is left, e.g. "Ltd.")."""
    text = _romanise(name).replace("&", " and ")
    for form in _CJK_FORMS:
        text = text.replace(form, " ")
    text = _PUNCTUATION.sub(" ", text)
    words = [w for w in _SPACES.split(text) if w and w not in LEGAL_FORMS]
    joined = " ".join(words)
    for variant, canonical in _VARIANTS:
        joined = joined.replace(variant, canonical)
    return joined


def keys(name: str) -> tuple[str, ...]:
    """Every key a name is known by: the whole name, the name without its parenthesised
    parts, and each parenthesised part ("China National ... Corporation (CEIEC)")."""
    found = [key(name)]
    inner = _PARENTHESISED.findall(name)
    if inner:
        found.append(key(_PARENTHESISED.sub(" ", name)))
        found.extend(key(part) for part in inner)
    return tuple(dict.fromkeys(k for k in found if k))


def tokens(text_key: str) -> frozenset[str]:
    """The words of a key, for the weak (partial) comparison."""
    return frozenset(text_key.split())
