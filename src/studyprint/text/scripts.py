"""What a string needs from the typesetter: cleaning, direction and shaping.

Pure functions; the checks start with a cheap test so Latin text pays almost
nothing.
"""

from __future__ import annotations

import re
import unicodedata

#: Scripts whose letters change shape with their neighbours (HarfBuzz needed).
_SHAPED = re.compile(
    "[\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufeff"  # Arabic, Syriac, Thaana, NKo, forms
    "\u0900-\u0dff"  # Devanagari ... Sinhala
    "\u0f00-\u0fff\u1000-\u109f\u1780-\u18af]"  # Tibetan, Myanmar, Khmer, Mongolian
)
#: Right-to-left letters (Hebrew, Arabic and neighbours, their presentation forms).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
#: Chinese, Japanese and Korean: lines may break between any two characters.
_CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fff\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
)
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")

#: Format characters we keep: zero-width (non-)joiners change how scripts join.
_KEEP_FORMAT = frozenset("\u200c\u200d")


def clean(text: str) -> str:
    """Text safe to set: no control or stray format characters, no lone surrogates.

    Newlines are kept (they become line breaks); tabs become spaces.
    """
    if text.isprintable():  # the common case, decided in C
        return text
    out = []
    for ch in text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "):
        if ch == "\n" or ch.isprintable() or ch in _KEEP_FORMAT or ch == "\u00a0":
            out.append(ch)
            continue
        category = unicodedata.category(ch)
        if category == "Cs":
            out.append("\ufffd")  # a lone surrogate cannot be encoded in a PDF
        elif category.startswith("Z"):
            out.append(" ")
        # other controls and format characters are dropped
    return "".join(out)


def is_simple(text: str) -> bool:
    """True for text below Hebrew in Unicode: no RTL, shaping or CJK work needed."""
    return not text or max(text) < "\u0590"


def needs_shaping(text: str) -> bool:
    return not is_simple(text) and _SHAPED.search(text) is not None


def has_rtl(text: str) -> bool:
    return not is_simple(text) and _RTL.search(text) is not None


def has_cjk(text: str) -> bool:
    return not is_simple(text) and _CJK.search(text) is not None


def has_kana(text: str) -> bool:
    return _KANA.search(text) is not None


def has_hangul(text: str) -> bool:
    return _HANGUL.search(text) is not None


def base_direction(text: str) -> str:
    """ "RTL" if the first letter with a direction is right-to-left, else "LTR"."""
    if is_simple(text):
        return "LTR"
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "RTL"
        if kind == "L":
            return "LTR"
    return "LTR"
