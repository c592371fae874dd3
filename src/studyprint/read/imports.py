"""Reading decks people already have: Quizlet and Anki exports, spreadsheet CSV/TSV.

Everything here is pure Python (``csv``, ``html.parser``): an export becomes
the same :class:`Deck` model a YAML deck does, with problems reported as
``path:line: message``. Anki's HTML becomes studyprint's inline markup or
plain text; no tag is ever interpreted beyond that small list.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

from studyprint.errors import (
    DeckError,
    OptionError,
    Pos,
    Problem,
    UnreadableFile,
    listed,
    shown_bytes,
)
from studyprint.model import Deck, Term
from studyprint.read.encodings import decode, describe
from studyprint.read.schema import LANGUAGE_TAG, MAX_TEXT
from studyprint.read.textfile import read_bytes
from studyprint.vocab import ImportFormat

#: Column names people use, by the deck field they mean (compared case-folded).
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "term": (
        "term",
        "front",
        "word",
        "expression",
        "question",
        "vocab",
        "vocabulary",
        "kanji",
        "mot",
        "terme",
        "palabra",
        "termino",
        "wort",
        "begriff",
        "parola",
        "termine",
    ),
    "definition": (
        "definition",
        "back",
        "meaning",
        "answer",
        "translation",
        "gloss",
        "sens",
        "signification",
        "traduction",
        "significado",
        "definicion",
        "traduccion",
        "bedeutung",
        "erklarung",
        "ubersetzung",
        "significato",
        "traduzione",
    ),
    "reading": (
        "reading",
        "readings",
        "furigana",
        "kana",
        "hiragana",
        "pinyin",
        "romaji",
        "romanization",
        "transliteration",
        "pronunciation",
    ),
    "facts": ("facts", "fact", "notes", "note", "must-know facts"),
    "also": ("also", "also known as", "aka", "synonyms", "alternatives"),
    "tags": ("tags", "tag"),
}
FIELDS = tuple(COLUMN_NAMES)


def fold(name: str) -> str:
    """A column name as compared: case and accents ignored ("Définition" is "definition")."""
    decomposed = unicodedata.normalize("NFKD", name.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


ANKI_SEPARATORS = {
    "tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":",
}  # fmt: skip
EXPORT_AS_UTF8 = "export it as UTF-8 (in Excel: 'CSV UTF-8'; in Google Sheets every CSV is UTF-8)"
_MARKUP = re.compile(r"([\\*^~])")
csv.field_size_limit(4 * MAX_TEXT)  # longer fields are refused by length, with a message
_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.S)


@dataclass(slots=True)
class ImportOptions:
    format: ImportFormat = "auto"
    title: str | None = None
    subject: str | None = None
    term_sep: str | None = None  # quizlet: between term and definition (default tab)
    row_sep: str | None = None  # quizlet: between cards (default newline)
    columns: dict[str, str] = field(default_factory=dict)  # deck field -> column name or number
    skip_bad: bool = False
    encoding: str | None = None  # None: tell from the bytes
    language: str | None = None  # None: guess from the terms


@dataclass(slots=True)
class Imported:
    deck: Deck
    skipped: list[Problem]
    format: str
    encoding: str = "utf-8"
    #: what was decided for the user, said once: the encoding, a missing header,
    #: columns left out, the language guessed
    notes: list[str] = field(default_factory=list)


def parse_columns(spec: str | None) -> dict[str, str]:
    """``term=expression,definition=meaning`` -> {"term": "expression", ...}; a column may
    be named by its header or by its number from 1 (``term=1,definition=3``)."""
    result: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        key = key.strip().casefold()
        if not sep or not value.strip() or key not in FIELDS:
            raise OptionError(
                f"--columns takes FIELD=COLUMN pairs with FIELD one of {', '.join(FIELDS)}; "
                f"not '{part.strip()}'"
            )
        result[key] = value.strip()
    return result


def check_language(tag: str | None) -> str | None:
    """``--language`` as a deck's ``language:`` would accept it."""
    if tag is None:
        return None
    if not LANGUAGE_TAG.match(tag):
        raise OptionError(
            f"--language must be a language tag like en, es, ja or zh-Hant, not '{tag}'"
        )
    return tag


def unescape_separator(text: str) -> str:
    """``\\t``, ``\\n`` and ``tab``/``newline`` as typed on a command line."""
    named = {"tab": "\t", "newline": "\n", "semicolon": ";", "comma": ","}
    if text.casefold() in named:
        return named[text.casefold()]
    return text.replace("\\t", "\t").replace("\\n", "\n")


def read_export(
    path: Path, options: ImportOptions | None = None, shown: str | None = None
) -> Imported:
    """Read an export file into a deck; raise :class:`DeckError` with every bad row."""
    options = options or ImportOptions()
    shown = shown if shown is not None else str(path)
    if path.suffix.lower() == ".apkg":  # a package, not text
        return _package(path, options, shown)
    text, encoding = _read(path, shown, options.encoding)
    notes: list[str] = []
    if encoding not in ("utf-8", "utf-8-sig") and options.encoding is None:
        notes.append(f"read as {describe(encoding)} text (--encoding to choose another)")
    kind = options.format
    if kind == "auto":
        kind = _detect(path, text, options)
    if kind == "anki":
        terms, problems, title = _anki(text, shown)
    elif kind == "quizlet":
        terms, problems = _quizlet(text, shown, options, notes)
        title = None
    else:
        terms, problems = _table(
            text, shown, options, "\t" if path.suffix.lower() == ".tsv" else None, notes
        )
        title = None
    if problems and not options.skip_bad:
        raise DeckError(problems)
    if not terms:
        where = problems[0].pos if problems else Pos(shown, 1, 1)
        raise DeckError([*problems, Problem(where, "no terms could be read from this file")])
    language = options.language
    if language is None:
        language, note = guess_language(
            [text for t in terms for text in (t.term, t.reading or "", t.definition, *t.also)]
        )
        if note:
            notes.append(note)
    deck = Deck(
        title=options.title or title or _title_from(path),
        terms=tuple(terms),
        subject=options.subject,
        language=language,
        path=shown,
    )
    return Imported(deck, problems, kind, encoding, notes)


def _package(path: Path, options: ImportOptions, shown: str) -> Imported:
    from studyprint.read.apkg import read_apkg
    from studyprint.read.textfile import read_bytes

    try:
        data = read_bytes(path, shown)
    except UnreadableFile as exc:
        raise DeckError(exc.problems) from None
    terms, problems, title, notes = read_apkg(data, shown)
    if problems and not options.skip_bad:
        raise DeckError(problems)
    if not terms:
        raise DeckError([*problems, Problem(Pos(shown, 1, 1), "no notes could be read")])
    deck = Deck(
        title=options.title or title or _title_from(path),
        terms=tuple(terms),
        subject=options.subject,
        language=options.language or guess_language(t.term + t.definition for t in terms)[0],
        path=shown,
    )
    return Imported(deck, problems, "anki", "utf-8", notes)


#: Scripts that name a language well enough to choose fonts and glyph forms by.
_SCRIPT_LANGUAGE = (
    ("HIRAGANA", "ja", "kana"), ("KATAKANA", "ja", "kana"), ("HANGUL", "ko", "hangul"),
    ("ARABIC", "ar", "Arabic script"), ("HEBREW", "he", "Hebrew script"),
    ("GREEK", "el", "Greek letters"), ("CYRILLIC", "ru", "Cyrillic letters"),
    ("THAI", "th", "Thai script"), ("DEVANAGARI", "hi", "Devanagari"),
)  # fmt: skip


#: A script names the deck's language when this share of its letters are in it, or it
#: is in this share of its terms: one Arabic word in an English list names nothing.
LETTER_SHARE = 0.10
TERM_SHARE = 0.5


def guess_language(texts: Iterable[str]) -> tuple[str | None, str]:
    """(language, the note saying so) from the letters of an export's text (one text a
    term), by the share of its letters in each script.

    Kana means Japanese even beside kanji, hangul Korean; Han characters alone
    could be Japanese or Chinese, which print in different glyph forms, so the
    user is asked. Latin letters say too little to guess from."""
    letters = 0
    count: dict[str, int] = {}  # letters per script ("han" for Chinese characters)
    terms: dict[str, int] = {}  # terms with a letter of the script
    total_terms = 0
    for text in texts:
        total_terms += 1
        here: set[str] = set()
        for char in text:
            if not char.isalpha():
                continue
            letters += 1
            if ord(char) < 0x370:
                continue
            script = _script_of(char)
            if script:
                count[script] = count.get(script, 0) + 1
                here.add(script)
        for script in here:
            terms[script] = terms.get(script, 0) + 1
        if here & {"ja", "han"}:  # kanji and kana write Japanese together
            terms["ja+han"] = terms.get("ja+han", 0) + 1
    count["ja+han"] = count.get("ja", 0) + count.get("han", 0)

    def names_it(script: str) -> bool:
        return count.get(script, 0) >= LETTER_SHARE * letters or (
            terms.get(script, 0) >= TERM_SHARE * total_terms
        )

    if count.get("ja") and names_it("ja+han"):  # kana, even a few, beside the kanji
        return "ja", "language: ja (the text has kana; --language to set another)"
    if names_it("ko"):
        return "ko", "language: ko (the text has hangul; --language to set another)"
    if names_it("han"):
        return None, (
            "the terms are written in Chinese characters only: give --language ja "
            "(Japanese) or --language zh (Chinese) so they print in the right forms"
        )
    named = [c for c in count if c not in ("han", "ja", "ko", "ja+han") and names_it(c)]
    if named:
        code = max(named, key=lambda c: count[c])
        what = next(w for _, c, w in _SCRIPT_LANGUAGE if c == code)
        return code, f"language: {code} (the text has {what}; --language to set another)"
    return None, ""


def _script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    if name.startswith("CJK UNIFIED IDEOGRAPH"):
        return "han"
    for prefix, code, _ in _SCRIPT_LANGUAGE:
        if name.startswith(prefix):
            return code
    return ""


def _read(path: Path, shown: str, encoding: str | None) -> tuple[str, str]:
    try:
        data = read_bytes(path, shown)
    except UnreadableFile as exc:
        raise DeckError(exc.problems) from None
    text, name = decode(data, shown, encoding)
    if not text.strip():
        raise DeckError([Problem(Pos(shown, 1, 1), "file is empty")])
    return text, name


def _detect(path: Path, text: str, options: ImportOptions) -> ImportFormat:
    head = text.lstrip()[:2000]
    if head.startswith("#") and re.search(
        r"^#(separator|html|columns|deck|notetype|tags column)", head, re.M | re.I
    ):
        return "anki"
    first = text.split("\n", 1)[0]
    if path.suffix.lower() in (".csv", ".tsv") or _header_fields(first) or options.columns:
        return "csv"
    return "quizlet"


def _header_fields(line: str) -> bool:
    cells = [fold(c.strip().strip('"')) for c in re.split(r"[\t,;]", line)]
    names = {name for names in COLUMN_NAMES.values() for name in names}
    return sum(1 for c in cells if c in names) >= 2


def _title_from(path: Path) -> str:
    stem = shown_bytes(path.stem)  # a name in another encoding: its bytes shown, not lost
    return re.sub(r"[_\-]+", " ", stem).strip().capitalize() or "Imported deck"


def _items(text: str, separators: str) -> tuple[str, ...]:
    """A cell's list: one item a line when it has lines (so an item may hold a ';'),
    else split at ``separators``."""
    return _split_list(text, "\n" if "\n" in text else separators)


def _tags(text: str) -> tuple[str, ...]:
    """Tags in a cell: split at commas or semicolons when there are any (so a tag may
    hold a space, "common factors"), else at spaces (Anki's way)."""
    return _split_list(text, ";,\n" if re.search("[;,]", text) else " \n")


def _split_list(text: str, separators: str = ";|\n") -> tuple[str, ...]:
    parts = re.split("[" + re.escape(separators) + "]", text)
    return tuple(p.strip() for p in parts if p.strip())


def _term(
    name: str, definition: str, pos: Pos, reading: str | None = None, **more: Iterable[str]
) -> Term:
    return Term(
        term=name,
        definition=definition,
        facts=tuple(more.get("facts", ())),
        also=tuple(more.get("also", ())),
        tags=tuple(more.get("tags", ())),
        pos=pos,
        reading=reading or None,
    )


# -- Quizlet ---------------------------------------------------------------------


def _quizlet(
    text: str, shown: str, options: ImportOptions, notes: list[str]
) -> tuple[list[Term], list[Problem]]:
    row_sep = options.row_sep or "\n"
    term_sep = options.term_sep or _quizlet_separator(text, row_sep)
    if options.term_sep is None and term_sep != "\t":
        notes.append(f"terms and definitions separated by {_SEP_NAMES[term_sep]}")
    terms: list[Term] = []
    problems: list[Problem] = []
    offset = 0
    for row in text.split(row_sep):
        line = text.count("\n", 0, offset) + 1 + (len(row) - len(row.lstrip("\n")))
        offset += len(row) + len(row_sep)
        if not row.strip():
            continue
        pos = Pos(shown, line, 1)
        if term_sep not in row:
            problems.append(
                Problem(
                    pos,
                    f"no {_SEP_NAMES.get(term_sep, repr(term_sep))} between term and definition "
                    "on this row; if the file uses another separator, give it with --term-sep "
                    '(for example --term-sep ",")',
                )
            )
            continue
        name, definition = (part.strip() for part in row.split(term_sep, 1))
        if not name:
            problems.append(Problem(pos, "this row has no term"))
        elif not definition:
            problems.append(Problem(pos, f"term '{name}' has no definition"))
        else:
            terms.append(_term(_escape(name), _escape(definition), pos))
    return terms, problems


_SEP_NAMES = {"\t": "tab", ",": "comma", ";": "semicolon", " - ": "' - '"}


def _quizlet_separator(text: str, row_sep: str) -> str:
    """Quizlet lets people choose: tab (its default), comma or a custom string. The
    separator that splits the most rows wins (tab on a tie)."""
    rows = [row for row in text.split(row_sep)[:200] if row.strip()]
    counts = {sep: sum(1 for row in rows if sep in row) for sep in ("\t", ",", ";", " - ")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > counts["\t"] else "\t"


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escape(text: str) -> str:
    """Exported text is literal: keep *, ^, ~ and \\ from becoming markup, and drop
    control characters (a bell or a form feed from an old export), which no page can
    print and which a deck may not hold."""
    return _MARKUP.sub(r"\\\1", _CONTROL.sub("", text))


# -- spreadsheets ----------------------------------------------------------------


def _table(
    text: str, shown: str, options: ImportOptions, delimiter: str | None, notes: list[str]
) -> tuple[list[Term], list[Problem]]:
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = max(("\t", ",", ";"), key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise DeckError([Problem(Pos(shown, 1, 1), "file is empty")]) from None
    except csv.Error as exc:
        raise DeckError([_csv_problem(shown, reader.line_num or 1, exc)]) from None
    index, has_header = _map_columns(header, shown, options.columns, notes)
    terms: list[Term] = []
    problems: list[Problem] = []
    width = len(header)
    rows: Iterable[list[str]] = reader
    first_row = "header" if has_header else "first row"
    line = reader.line_num + 1
    if not has_header:  # the first row is a term too
        rows = itertools.chain([header], reader)
        line = 1
    for row in _rows(rows, reader, shown, problems):
        pos = Pos(shown, line, 1)
        line = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if any(len(cell) > MAX_TEXT for cell in row):
            problems.append(Problem(pos, f"a field on this row is longer than {MAX_TEXT:,} "
                                    "characters; split it"))  # fmt: skip
            continue
        if len(row) != width:
            problems.append(
                Problem(
                    pos,
                    f"this row has {len(row)} fields, the {first_row} has {width}; "
                    "check for a separator inside an unquoted field",
                )
            )
            continue
        values = {key: row[i].strip() for key, i in index.items()}
        # a list cell keeps its line breaks: they say "one item a line"
        lists = {key: row[index[key]].strip(" \t") for key in ("facts", "also") if key in index}
        name, definition = values.get("term", ""), values.get("definition", "")
        if not name:
            problems.append(Problem(pos, "this row has no term"))
            continue
        if not definition:
            problems.append(Problem(pos, f"term '{name}' has no definition"))
            continue
        terms.append(
            _term(
                _escape(name),
                _escape(definition),
                pos,
                reading=_escape(values.get("reading", "")),
                facts=[_escape(f) for f in _items(lists.get("facts", ""), ";|")],
                also=[_escape(a) for a in _items(lists.get("also", ""), ";|,")],
                tags=_tags(values.get("tags", "")),
            )
        )
    return terms, problems


def _rows(
    rows: Iterable[list[str]], reader: Any, shown: str, problems: list[Problem]
) -> Iterator[list[str]]:
    """The rows, stopping with a located problem where the CSV cannot be read on (an
    unclosed quote running to the end, a field past the reader's limit)."""
    iterator = iter(rows)
    while True:
        try:
            yield next(iterator)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(_csv_problem(shown, reader.line_num, exc))
            return


def _csv_problem(shown: str, line: int, exc: csv.Error) -> Problem:
    reason = str(exc)
    if "field larger than field limit" in reason:
        reason = (
            f"a field runs past {4 * MAX_TEXT:,} characters; split it, or close the quote "
            "that opens it"
        )
    elif "EOF" in reason or "unexpected end of data" in reason:
        reason = "a quote opened here is never closed; close it or remove it"
    return Problem(Pos(shown, max(1, line), 1), reason)


def _names_a_field(cell: str) -> bool:
    return any(fold(cell) in names for names in COLUMN_NAMES.values())


def _map_columns(
    header: list[str], shown: str, chosen: dict[str, str], notes: list[str]
) -> tuple[dict[str, int], bool]:
    """Which column holds which field, and whether the first row is a header.

    Columns are named by their header or their number (from 1); without names,
    the header's own words are matched to the fields. A first row that names no
    field is a term like the others when the file has two or three columns."""
    folded = [fold(h) for h in header]
    has_header = any(_names_a_field(h) for h in header) or any(
        not column.isdigit() for column in chosen.values()
    )
    index: dict[str, int] = {}
    for key, column in chosen.items():
        if column.isdigit():
            number = int(column)
            if not 1 <= number <= len(header):
                raise OptionError(
                    f"--columns: {key}={column}, but the file has {len(header)} columns"
                )
            index[key] = number - 1
        elif fold(column) in folded:
            index[key] = folded.index(fold(column))
        else:
            raise DeckError(
                [
                    Problem(
                        Pos(shown, 1, 1),
                        f"--columns: no column named '{column}' in the first row "
                        f"({listed([h.strip() for h in header])}); name a column by its "
                        "header or its number (term=1)",
                    )
                ]
            )
    if has_header:
        for key, names in COLUMN_NAMES.items():
            if key in index:
                continue
            for i, name in enumerate(folded):
                if name in names and i not in index.values():
                    index[key] = i
                    break
    elif not chosen and len(header) in (2, 3):
        index = {"term": 0, "definition": 1, **({"facts": 2} if len(header) == 3 else {})}
        extra = " and column 3 as a note" if len(header) == 3 else ""
        notes.append(
            f"no header row: column 1 read as the term, column 2 as the definition{extra} "
            "(--columns to choose others)"
        )
    missing = [k for k in ("term", "definition") if k not in index]
    if missing:
        raise DeckError([Problem(Pos(shown, 1, 1), _no_columns(header, missing, has_header))])
    unused = [
        header[i].strip() or f"column {i + 1}"
        for i in range(len(header))
        if i not in index.values()
    ]
    if unused and has_header:
        notes.append(
            f"not used: {listed(unused)} (keep one with --columns facts=COLUMN or also=COLUMN)"
        )
    return index, has_header


def _no_columns(header: list[str], missing: list[str], has_header: bool) -> str:
    """What to write instead: the names that are understood, and a ``--columns``
    made from this file's own first row, ready to paste."""
    accepted = "; ".join(
        f"{key}: {', '.join(COLUMN_NAMES[key][:5])}" for key in ("term", "definition")
    )
    if has_header and len(header) >= 2:
        first, second = (h.strip() for h in header[:2])
        ready = f'--columns "term={first},definition={second}"'
    else:
        ready = "--columns term=1,definition=2"
    found = ", ".join(h.strip() for h in header) or "nothing"
    return (
        f"no {' or '.join(missing)} column in the first row ({found}); "
        f"column names understood are {accepted}; or choose them: {ready}"
    )


# -- Anki ------------------------------------------------------------------------

#: The highest column number an Anki header may name (Anki notes have a few dozen).
MAX_ANKI_COLUMN = 1000


def _anki(text: str, shown: str) -> tuple[list[Term], list[Problem], str | None]:
    lines = text.split("\n")
    headers: dict[str, str] = {}
    where: dict[str, Pos] = {}  # each header's line, for messages
    body_start = 0
    for i, line in enumerate(lines):
        if line.startswith("#") and ":" in line:
            key, _, value = line[1:].partition(":")
            headers[key.strip().casefold()] = value.strip()
            where[key.strip().casefold()] = Pos(shown, i + 1, 1)
            body_start = i + 1
        else:
            break
    separator = headers.get("separator", "tab")
    delimiter = ANKI_SEPARATORS.get(separator.casefold(), separator[:1] or "\t")
    if delimiter in ('"', "\r", "\n"):
        at = where.get("separator", Pos(shown, 1, 1))
        return [], [Problem(at, f"'#separator:{separator}' cannot separate fields; "
                                "use tab, comma, semicolon, pipe or space")], None  # fmt: skip
    is_html = headers.get("html", "false").casefold() == "true"
    columns = (
        [c.strip().casefold() for c in headers.get("columns", "").split(delimiter)]
        if "columns" in headers
        else []
    )
    special: dict[str, int] = {}
    for field_name in ("tags", "guid", "notetype", "deck"):
        number = headers.get(f"{field_name} column")
        if number is None:
            continue
        if not (number.isascii() and number.isdigit()) or not 1 <= int(number) <= MAX_ANKI_COLUMN:
            at = where[f"{field_name} column"]
            return [], [Problem(at, f"'#{field_name} column:' must be a column number from 1 "
                                    f"to {MAX_ANKI_COLUMN}, found '{number}'")], None  # fmt: skip
        special[field_name] = int(number) - 1
    if columns:
        content = [i for i, name in enumerate(columns) if i not in special.values()]
    else:
        content = [i for i in range(MAX_ANKI_COLUMN + 2) if i not in special.values()][:2]
    if len(content) < 2:
        at = where.get("columns", Pos(shown, 1, 1))
        return [], [Problem(at, f"the export names {len(content)} field(s) besides tags, deck, "
                                "note type and guid; a note needs a front and a back "
                                "(check its '#columns:' line)")], None  # fmt: skip
    if columns:
        front = next((i for i in content if columns[i] in COLUMN_NAMES["term"]), content[0])
        back = next(
            (i for i in content if columns[i] in COLUMN_NAMES["definition"] and i != front),
            next(i for i in content if i != front),
        )
    else:
        front, back = content[0], content[1]
    reader = csv.reader(io.StringIO("\n".join(lines[body_start:])), delimiter=delimiter)
    terms: list[Term] = []
    problems: list[Problem] = []
    row_line = body_start + 1
    for row in reader:
        pos = Pos(shown, row_line, 1)
        row_line = body_start + reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(front, back):
            fields = "1 field" if len(row) == 1 else f"{len(row)} fields"
            problems.append(
                Problem(
                    pos,
                    f"this note has {fields}; its front and back should be fields "
                    f"{front + 1} and {back + 1} (check the separator)",
                )
            )
            continue
        name = _anki_field(row[front], is_html)
        definition = _anki_field(row[back], is_html)
        tags: tuple[str, ...] = ()
        if "tags" in special and special["tags"] < len(row):
            tags = tuple(t for t in row[special["tags"]].split() if t)
        if _CLOZE.search(name):
            name, definition = _cloze(name, definition)
        if not name:
            problems.append(Problem(pos, "this note has an empty front"))
            continue
        if not definition:
            problems.append(Problem(pos, f"note '{name}' has an empty back"))
            continue
        terms.append(_term(name, definition, pos, tags=tags))
    return terms, problems, headers.get("deck") or None


def _anki_field(value: str, is_html: bool) -> str:
    return from_html(value) if is_html else _escape(value.strip())


def _cloze(text: str, extra: str) -> tuple[str, str]:
    """A cloze note: the text with each cloze blanked, and the answers as the definition."""
    answers: list[str] = []

    def blank(match: re.Match[str]) -> str:
        answers.append(match.group(2))
        hint = match.group(3)
        return f"____ ({hint})" if hint else "____"

    term = _CLOZE.sub(blank, text)
    definition = "; ".join(answers)
    if extra:
        definition = f"{definition} — {extra}"
    return term, definition


class _HtmlToMarkup(HTMLParser):
    """A few tags become our markup or line breaks; every other tag is dropped."""

    MARKS: ClassVar[dict[str, str]] = {
        "b": "**", "strong": "**", "i": "*", "em": "*", "sub": "~", "sup": "^",
    }  # fmt: skip
    BREAKS: ClassVar[frozenset[str]] = frozenset({"br", "div", "p", "li"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.MARKS:
            self.out.append(self.MARKS[tag])
        elif tag in self.BREAKS and self.out and not self.out[-1].endswith("\n"):
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.MARKS:
            self.out.append(self.MARKS[tag])
        elif tag in ("div", "p", "li"):
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        self.out.append(_escape(data.replace("\u00a0", " ")))


def from_html(text: str) -> str:
    """Anki field HTML as studyprint text: **bold**, *italic*, ^sup^, ~sub~, line breaks."""
    parser = _HtmlToMarkup()
    parser.feed(text)
    parser.close()
    result = "".join(parser.out)
    result = re.sub(r"[ \t]+", " ", result)
    result = re.sub(r" *\n *", "\n", result)
    result = re.sub(r"\*\*\*\*|\*\*(\s*)\*\*", r"\1", result)  # empty bold from editors
    return result.strip()
