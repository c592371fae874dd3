"""Fonts that cover the world's scripts, loaded lazily, and per-character fallback.

ReportLab has no font fallback, so each string is split into runs by which
typeface's character map covers each character. The typefaces come from PyPI
packages (never from the system, never committed here):

* FiraGO (``pymupdf-fonts``): Latin, Greek, Cyrillic, Arabic, Hebrew and
  Devanagari in four faces: the main text face.
* Atkinson Hyperlegible (``fontpkg-atkinson-hyperlegible``): Latin, designed for
  low-vision readers; the large-print face, falling back to FiraGO.
* Kurinto Sans JP/SC/TC/KR (``weblate-fonts``): Japanese, Chinese (simplified,
  traditional) and Korean, regular and bold; ordered by the deck's language.
* Kurinto Sans (``weblate-fonts``): a wide fallback for symbols and math.

(The Noto Math and Symbols fonts in ``pymupdf-fonts`` have CFF outlines, which
ReportLab cannot embed, so they are not used.)

Only the typefaces a text actually needs are loaded, so an English handout
never opens a CJK font.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from studyprint.errors import TextError
from studyprint.text import scripts

Loader = Callable[[], "bytes | str"]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "studyprint" / "fonts"


def _pymupdf(function: str) -> Loader:
    """A face from pymupdf-fonts, which stores them lzma-compressed in Python modules.

    Decompressing costs about 20 ms a face at every start, so the plain font
    is kept in the user's cache folder (if it is writable) after the first use.
    """

    def load() -> bytes | str:
        import pymupdf_fonts

        # keyed by the size of the package's own file, so an upgrade is noticed; the
        # name ends in a checksum of the font, so a truncated or junk file is never used
        stamp = Path(pymupdf_fonts.__file__).stat().st_size
        prefix = f"pymupdf-fonts-{stamp}{function}"
        cached = _from_cache(prefix)
        if cached is not None:
            return cached
        data: bytes = getattr(pymupdf_fonts, function)()
        _to_cache(prefix, data)
        return data

    return load


def _checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _from_cache(prefix: str) -> bytes | None:
    """A cached font whose content matches the checksum in its name; anything else
    under that prefix (a half-written or damaged file) is removed."""
    try:
        candidates = sorted(_cache_dir().glob(f"{prefix}-*.ttf"))
    except OSError:
        return None  # an unreadable cache is no cache
    for path in candidates:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if _checksum(data) == path.stem.rsplit("-", 1)[-1]:
            return data
        with contextlib.suppress(OSError):
            path.unlink()
    return None


def _to_cache(prefix: str, data: bytes) -> None:
    """Keep a decompressed font for next time, atomically; a full or read-only disk
    only means decompressing again, and leaves no partial file behind."""
    cached = _cache_dir() / f"{prefix}-{_checksum(data)}.ttf"
    partial = cached.with_name(f"{cached.name}.{os.getpid()}.part")
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, cached)  # atomic: parallel builds never read half a font
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()


def _package_file(package: str, relative: str) -> Loader:
    def load() -> str:
        return str(resources.files(package) / relative)

    return load


def _kurinto(name: str) -> Loader:
    return _package_file("weblate_fonts", f"static/weblate_fonts/kurinto/ttf/{name}.ttf")


def _atkinson(name: str) -> Loader:
    return _package_file("fontpkg_atkinson_hyperlegible", f"files/AtkinsonHyperlegible-{name}.ttf")


@dataclass(frozen=True, slots=True)
class Typeface:
    """One typeface: up to four faces; missing faces fall back to the nearest one."""

    key: str
    regular: Loader
    bold: Loader | None = None
    italic: Loader | None = None
    bold_italic: Loader | None = None


TYPEFACES: dict[str, Typeface] = {
    t.key: t
    for t in (
        Typeface(
            "FiraGO", _pymupdf("_figo"), _pymupdf("_figbo"), _pymupdf("_figit"), _pymupdf("_figbi")
        ),
        Typeface(
            "Atkinson",
            _atkinson("Regular"),
            _atkinson("Bold"),
            _atkinson("Italic"),
            _atkinson("BoldItalic"),
        ),
        Typeface("KurintoJP", _kurinto("KurintoSansJP-Rg"), _kurinto("KurintoSansJP-Bd")),
        Typeface("KurintoSC", _kurinto("KurintoSansSC-Rg"), _kurinto("KurintoSansSC-Bd")),
        Typeface("KurintoTC", _kurinto("KurintoSansTC-Rg"), _kurinto("KurintoSansTC-Bd")),
        Typeface("KurintoKR", _kurinto("KurintoSansKR-Rg"), _kurinto("KurintoSansKR-Bd")),
        Typeface("Kurinto", _kurinto("KurintoSans-Rg"), _kurinto("KurintoSans-Bd")),
    )
}

_CJK = ("KurintoJP", "KurintoSC", "KurintoTC", "KurintoKR")
_CJK_ORDERS = {first: (first, *(k for k in _CJK if k != first)) for first in _CJK}

#: The text face of each layout font family.
PRIMARY = {"sans": "FiraGO", "hyperlegible": "Atkinson"}
_LATE_FALLBACKS = ("Kurinto",)


@cache
def _cjk_first(language: str) -> str | None:
    if language.startswith("ja"):
        return "KurintoJP"
    if language.startswith("ko"):
        return "KurintoKR"
    if language.startswith(("zh-hant", "zh-tw", "zh-hk", "zh-mo")):
        return "KurintoTC"
    if language.startswith("zh"):
        return "KurintoSC"
    return None


def cjk_order(language: str | None, text: str = "") -> tuple[str, ...]:
    """CJK typefaces in the order the deck's language (or the text itself) prefers.

    The same Han character is drawn differently in Japan, mainland China,
    Taiwan and Korea, so the deck's language picks the first choice.
    """
    first = _cjk_first((language or "").lower())
    if first is None:
        if scripts.has_kana(text):
            first = "KurintoJP"
        elif scripts.has_hangul(text) and not language:
            first = "KurintoKR"
        else:
            first = "KurintoSC"
    return _CJK_ORDERS[first]


def stack_for(family: str, language: str | None = None, text: str = "") -> tuple[str, ...]:
    """Typefaces to try, in order, for text in a layout family and deck language."""
    cjk = cjk_order(language, "" if scripts.is_simple(text) else text)
    return _stack(family, cjk)


@cache
def _stack(family: str, cjk: tuple[str, ...]) -> tuple[str, ...]:
    primary = PRIMARY.get(family)
    if primary is None:
        raise TextError(f"unknown font family '{family}'; use one of {', '.join(PRIMARY)}")
    first = (primary,) if primary == "FiraGO" else (primary, "FiraGO")
    return (*first, *cjk, *_LATE_FALLBACKS)


#: Registered faces drawn with their outlines stroked as well (synthetic bold).
SYNTHETIC_BOLD: set[str] = set()


@cache
def synthetic_bold(key: str) -> str:
    """A face for characters its typeface's bold draws at regular weight (kana in the
    Kurinto CJK bolds): the bold face again under another name, which the page's
    canvas strokes as well as fills."""
    typeface = TYPEFACES[key]
    name = _register(f"SP-{key}-Emboldened", typeface.bold or typeface.regular)
    SYNTHETIC_BOLD.add(name)
    return name


def light_in_bold(ch: str) -> bool:
    """Kana: the CJK bold faces shipped give them no bold weight of their own."""
    return "\u3040" <= ch <= "\u30ff" or "\u31f0" <= ch <= "\u31ff" or "\uff66" <= ch <= "\uff9d"


@cache
def face_name(key: str, bold: bool = False, italic: bool = False) -> str:
    """The registered ReportLab name of a face (registering it on first use)."""
    typeface = TYPEFACES[key]
    options = {
        (False, False): (("Regular", typeface.regular),),
        (True, False): (("Bold", typeface.bold), ("Regular", typeface.regular)),
        (False, True): (("Italic", typeface.italic), ("Regular", typeface.regular)),
        (True, True): (
            ("BoldItalic", typeface.bold_italic),
            ("Bold", typeface.bold),
            ("Italic", typeface.italic),
            ("Regular", typeface.regular),
        ),
    }[(bold, italic)]
    for style, loader in options:
        if loader is not None:
            return _register(f"SP-{key}-{style}", loader)
    raise AssertionError("every typeface has a regular face")  # pragma: no cover


@cache
def _register(name: str, loader: Loader) -> str:
    source = loader()
    try:
        font = TTFont(name, io.BytesIO(source) if isinstance(source, bytes) else source)
    except Exception as exc:  # a broken font package is an installation problem
        raise TextError(f"font {name} could not be loaded ({exc}); reinstall studyprint") from exc
    pdfmetrics.registerFont(font)
    return name


@cache
def coverage(key: str) -> frozenset[str]:
    """Every character the typeface's regular face has a glyph for."""
    font = pdfmetrics.getFont(face_name(key))
    return frozenset(chr(c) for c in font.face.charToGlyph)


#: Characters that need no glyph of their own (they are spaces or joiners).
_INVISIBLE = frozenset("\n \u00a0\u200c\u200d")


@cache
def _neutral(ch: str) -> bool:
    """Spaces and punctuation stay in the font of the run around them."""
    return ch in _INVISIBLE or unicodedata.category(ch)[0] in "ZP"


@dataclass(frozen=True, slots=True)
class Runs:
    """A string split by typeface, and the characters no typeface covers."""

    runs: tuple[tuple[str, str], ...]  # (typeface key, text)
    missing: frozenset[str]


REPLACEMENT = "\u25a1"  # WHITE SQUARE: printed where no font has the character


def split_runs(text: str, stack: Sequence[str]) -> Runs:
    """Split ``text`` into runs of one typeface each, trying ``stack`` in order.

    A character no typeface covers is replaced by a white square and reported
    in ``missing``, never silently dropped.
    """
    primary = stack[0]
    covered = coverage(primary)
    if covered.issuperset(text):
        return Runs(((primary, text),) if text else (), frozenset())
    runs: list[tuple[str, list[str]]] = []
    missing: set[str] = set()
    for ch in text:
        current = runs[-1][0] if runs else None
        if current is not None and ch in coverage(current) and (_neutral(ch) or current == primary):
            key: str | None = current
        elif ch in covered:
            key = primary
        elif ch in _INVISIBLE:
            key = current or primary
        else:
            key = next((k for k in stack[1:] if ch in coverage(k)), None)
        if key is None:
            missing.add(ch)
            key, ch = primary, REPLACEMENT if REPLACEMENT in covered else "?"
        if runs and runs[-1][0] == key:
            runs[-1][1].append(ch)
        else:
            runs.append((key, [ch]))
    return Runs(_opening_marks(runs), frozenset(missing))


def _opening_marks(runs: list[tuple[str, list[str]]]) -> tuple[tuple[str, str], ...]:
    """Give punctuation that opens a word (a quote, a bracket after a space) to the
    run of the word it opens: shaped text separates a change of face with a space,
    which would otherwise fall between the mark and its word (``" morning``)."""
    joined = [(key, "".join(chars)) for key, chars in runs]
    for i in range(len(joined) - 1):
        (key, text), (next_key, next_text) = joined[i], joined[i + 1]
        if not next_text or next_text[0].isspace():
            continue
        start = len(text)
        while start > 0 and _neutral(text[start - 1]) and not text[start - 1].isspace():
            start -= 1
        if start == len(text) or (start > 0 and not text[start - 1].isspace()):
            continue  # no marks, or they close the word before them ("word,")
        moved = text[start:]
        if set(moved) <= coverage(next_key):
            joined[i], joined[i + 1] = (key, text[:start]), (next_key, moved + next_text)
    return tuple((k, t) for k, t in joined if t)
