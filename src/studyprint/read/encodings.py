"""Text files from spreadsheets and old computers: UTF-8, UTF-16, Windows-1252, Mac Roman.

Decks are ours and always UTF-8; exports are whatever a teacher's Excel or an
old Mac wrote. UTF-8 (with or without a BOM) and UTF-16 with its BOM are
certain. Otherwise the two 8-bit encodings a Western school meets are both
tried and the one whose letters read like words wins: in "café" saved by Excel
and read as Mac Roman the é becomes "È", a capital inside a lower-case word;
read the other way round, a Mac's é becomes "Ž". General detectors guess
Central European or Icelandic code pages for such short files, which turns
"œ" into "ś", so the choice here is narrow on purpose; ``--encoding`` overrides it.
"""

from __future__ import annotations

import codecs
import unicodedata

from studyprint.errors import OptionError, Pos, Problem, UnreadableFile

#: The 8-bit encodings tried when a file is not UTF-8, most common first.
EIGHT_BIT = ("cp1252", "mac_roman")
NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252 (Excel)",
    "mac_roman": "Mac Roman",
}


def decode(data: bytes, shown: str, encoding: str | None = None) -> tuple[str, str]:
    """(text with ``\\n`` line ends, the encoding it was read as)."""
    if encoding is not None:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise OptionError(
                f"--encoding: unknown encoding '{encoding}'; try utf-8, utf-16, cp1252 or mac_roman"
            ) from None
        try:
            return _lines(data.decode(name)), name
        except UnicodeDecodeError as exc:
            raise UnreadableFile([_bad_byte(data, exc, shown, name)]) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _lines(data.decode("utf-16")), "utf-16"
    try:
        return _lines(data.decode("utf-8-sig")), "utf-8"
    except UnicodeDecodeError:
        pass
    best = max(EIGHT_BIT, key=lambda name: _plausibility(data.decode(name, errors="replace")))
    return _lines(data.decode(best, errors="replace")), best


def _plausibility(text: str) -> float:
    """How much the letters outside ASCII read like words in a Western language."""
    score = 0.0
    for index, char in enumerate(text):
        if ord(char) < 128:
            continue
        before = text[index - 1] if index else " "
        category = unicodedata.category(char)
        if char == "\ufffd" or category in ("Cc", "Co", "Cn"):
            score -= 3
        elif char.isalpha():
            if char.isupper() and before.isalpha() and before.islower():
                score -= 2  # "cafÈ": a capital inside a lower-case word
            else:
                score += 1
        elif category in ("Pi", "Pf", "Pd", "Po", "Zs"):
            score += 0.5  # quotes, dashes, ellipses, no-break spaces
        else:
            score -= 1  # math and box-drawing symbols are rare in word lists
    return score


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _bad_byte(data: bytes, exc: UnicodeDecodeError, shown: str, name: str) -> Problem:
    line = data.count(b"\n", 0, exc.start) + 1
    col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    return Problem(
        Pos(shown, line, col),
        f"byte 0x{data[exc.start]:02X} is not {NAMES.get(name, name)} text; "
        "leave out --encoding to let studyprint tell",
    )


def describe(name: str) -> str:
    return NAMES.get(name, name)


__all__ = ["decode", "describe"]
