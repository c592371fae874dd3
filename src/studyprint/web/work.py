"""What one web request asks studyprint to do, done in a worker process.

A :class:`Task` is plain data (picklable): where the terms come from (the page's
table, an uploaded deck or export, pasted lines or a bundled sample), the
product and its options. :func:`perform` writes the terms into the request's own
scratch folder, loads them with the same loader as the command line, and builds
the same typed request the CLI builds for :func:`studyprint.render.render` (or a
packet for :func:`studyprint.batch.packet.build_packet`). Nothing outside the
scratch folder is read but the bundled samples, layouts and fonts: a deck's
``image:`` must name a picture uploaded with it.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from studyprint.errors import Problem, ProblemsError, StudyprintError
from studyprint.request import Request
from studyprint.web.deckform import DeckForm, DeckText, deck_form, deck_text

Action = Literal["load", "check", "preview", "render"]
Product = Literal["guide", "glossary", "cards", "quiz", "packet"]
PRODUCTS: tuple[Product, ...] = ("guide", "glossary", "cards", "quiz", "packet")

#: The most terms a page or API request may hold (a class deck has tens to hundreds).
MAX_TERMS = 2000
PREVIEW_PAGES = 2
PREVIEW_WIDTH = 600  # pixels across a preview page


@dataclass(frozen=True, slots=True)
class Upload:
    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Source:
    """Where the terms come from: exactly one of these is used, in this order."""

    form: DeckForm | None = None
    upload: Upload | None = None  # a deck (.yaml) or an export (.csv, .tsv, .txt, .apkg)
    pasted: str = ""  # lines of "term<tab>definition" (or " - ", or a comma)
    sample: str = ""  # a bundled sample deck, by name
    pictures: tuple[Upload, ...] = ()


@dataclass(frozen=True, slots=True)
class Options:
    """A product and its options, already checked (see ``web.fields``)."""

    product: Product = "guide"
    layout: str = "letter"  # a built-in layout name, never a path
    paper: Literal["letter", "a4"] | None = None
    cards: Literal["fold", "duplex", "avery-5371", "avery-5388"] = "fold"
    front: Literal["term", "definition"] = "term"
    versions: int = 1
    count: int = 20
    types: tuple[str, ...] | None = None
    ask: Literal["term", "definition", "both"] = "both"
    seed: int = 1
    answer_sheet: bool = False
    page_language: str | None = None


@dataclass(frozen=True, slots=True)
class Task:
    action: Action
    source: Source
    options: Options = field(default_factory=Options)
    roster: Upload | None = None  # a packet's class list (CSV)


@dataclass(frozen=True, slots=True)
class Message:
    text: str  # as the command line prints it: "deck.yaml:3:5: ..."
    row: int | None = None  # the table row it concerns (from 0), if any


@dataclass(frozen=True, slots=True)
class Outcome:
    errors: tuple[Message, ...] = ()
    warnings: tuple[Message, ...] = ()
    form: DeckForm | None = None  # load: the terms, as the page's table
    filename: str = ""
    media_type: str = ""
    data: bytes = b""
    previews: tuple[bytes, ...] = ()  # PNGs of the first pages
    pages: int = 0
    audit: tuple[str, ...] = ()  # a quiz's audit, as `studyprint quiz --audit` prints it


def perform(task: Task, scratch: Path) -> Outcome:
    """Do ``task`` inside ``scratch`` (a fresh folder the caller removes)."""
    from studyprint.read.deck import load_deck

    text = None
    try:
        deck_path, text, shown = _terms(task.source, scratch)
        loaded = load_deck(deck_path, shown=shown)
    except ProblemsError as exc:
        return Outcome(errors=_messages(exc.problems, text, scratch))
    except StudyprintError as exc:
        return Outcome(errors=(Message(_for_the_page(str(exc), scratch)),))
    warnings = _messages(loaded.warnings, text, scratch)
    if len(loaded.terms) > MAX_TERMS:
        return Outcome(errors=(Message(f"{len(loaded.terms)} terms: a page takes at most "
                                       f"{MAX_TERMS}; split the deck"),))  # fmt: skip
    if task.action == "load":
        return Outcome(warnings=warnings, form=deck_form(loaded))
    if task.action == "check":
        return Outcome(warnings=warnings)
    try:
        made = _make(task, deck_path, scratch / "out", _stem(loaded.title))
    except ProblemsError as exc:
        return Outcome(errors=_messages(exc.problems, text, scratch), warnings=warnings)
    except StudyprintError as exc:
        return Outcome(errors=(Message(_for_the_page(str(exc), scratch)),), warnings=warnings)
    files, main, more, audit = made
    warnings += _messages(more, text, scratch)
    if task.action == "preview":
        return Outcome(warnings=warnings, previews=_previews(main), pages=_pages(main),
                       audit=audit)  # fmt: skip
    if len(files) == 1:
        name, path = files[0]
        return Outcome(warnings=warnings, filename=name, media_type="application/pdf",
                       data=path.read_bytes(), pages=_pages(main), audit=audit)  # fmt: skip
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, path in files:
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, path.read_bytes())
    name = f"{_stem(loaded.title)}-{task.options.product}.zip"
    return Outcome(warnings=warnings, filename=name, media_type="application/zip",
                   data=buffer.getvalue(), pages=_pages(main), audit=audit)  # fmt: skip


def _terms(source: Source, scratch: Path) -> tuple[Path, DeckText | None, str]:
    """Write the terms into ``scratch`` as a deck file: (the file, its table text if
    it came from the table, the name messages give it)."""
    from studyprint.read.deck import EXPORT_SUFFIXES, load_deck
    from studyprint.web.paste import pasted_form

    for picture in source.pictures:
        name = _file_name(picture.name)
        if name:
            (scratch / name).write_bytes(picture.data)
    form = source.form
    if form is None and source.upload is None and source.pasted.strip():
        form = pasted_form(source.pasted)
    if form is None and source.upload is None and source.sample:
        from studyprint.web.samples import sample_path

        form = deck_form(load_deck(sample_path(source.sample), shown=f"{source.sample}.yaml"))
    if form is not None:
        text = deck_text(form)
        path = scratch / "deck.yaml"
        path.write_text(text.yaml, encoding="utf-8")
        return path, text, "deck.yaml"
    if source.upload is not None:
        name = _file_name(source.upload.name) or "deck.yaml"
        if Path(name).suffix.lower() not in (".yaml", ".yml", *EXPORT_SUFFIXES):
            name += ".yaml"
        path = scratch / name
        path.write_bytes(source.upload.data)
        return path, None, name
    raise StudyprintError("no terms yet: paste some, upload a deck or choose a sample")


def _file_name(name: str) -> str:
    """An uploaded file's own name, one safe path component (a browser may send a path)."""
    from studyprint.output import safe_name

    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        return safe_name(base, "")
    kept = safe_name(stem, "")
    return f"{kept}.{safe_name(suffix, 'bin').lower()}" if kept else ""


def _stem(title: str) -> str:
    from studyprint.output import safe_name

    return safe_name(title, "deck")[:60]


def _messages(
    problems: Iterable[Problem], text: DeckText | None, scratch: Path
) -> tuple[Message, ...]:
    """Messages as the CLI words them, each with its table row; file names as the
    teacher knows them (the server's scratch folder never shows)."""
    out = []
    for problem in problems:
        row = None
        if text is not None and problem.pos is not None and problem.pos.path == "deck.yaml":
            row = text.row_of(problem.pos.line)
        out.append(Message(_for_the_page(str(problem), scratch), row))
    return tuple(out)


#: The CLI's advice for a picture outside the deck's folder (``safety.outside_message``),
#: which on a server would name its scratch folder and an option nobody can give.
_OUTSIDE = re.compile(r"is outside the folder of the file that names it \(.*?\); copy it there, "
                      r"or allow its folder with --allow-path .*$")  # fmt: skip


def _for_the_page(text: str, scratch: Path) -> str:
    """A message as the page shows it: files named as uploaded, advice a teacher can take."""
    text = _OUTSIDE.sub("is not among the files uploaded with the deck; upload it with the "
                        "deck and name it by its file name alone", text)  # fmt: skip
    return text.replace(f"{scratch.resolve()}/", "").replace(f"{scratch}/", "")


def _make(
    task: Task, deck: Path, out: Path, stem: str
) -> tuple[list[tuple[str, Path]], Path, list[Problem], tuple[str, ...]]:
    """Print the product: (files to send by name, the main PDF, warnings, a quiz's audit)."""
    from studyprint.render import render

    out.mkdir()
    o = task.options
    if o.product == "packet":
        return _packet(task, deck, out)
    request = _request(o, deck)
    target = out / f"{o.product}.pdf"
    result = render(request, target)
    names = [(f"{stem}-{o.product}{f.name.removeprefix(o.product)}", f) for f in result.files]
    if o.product == "cards" and o.cards == "fold":
        names = names[:1]
    audit = tuple(result.audit.lines()) if result.audit is not None else ()
    return names, result.files[0], list(result.warnings), audit


def _request(o: Options, deck: Path) -> Request:
    from studyprint.request import CardsRequest, QuizRequest, Selection, SheetRequest
    from studyprint.vocab import version_letters

    source = Selection((deck,))
    common = {"paper": o.paper, "page_language": o.page_language}
    if o.product in ("guide", "glossary"):
        return SheetRequest(source, style=o.product, layout=o.layout, **common)  # type: ignore[arg-type]
    if o.product == "cards":
        layout = o.cards if o.cards.startswith("avery") else _cards_layout(o.layout)
        mode = None if o.cards.startswith("avery") else o.cards
        return CardsRequest(source, mode=mode, front=o.front, layout=layout, **common)  # type: ignore[arg-type]
    return QuizRequest(source, seed=o.seed, count=o.count, types=o.types, ask=o.ask,
                       versions=tuple(version_letters(o.versions)), layout=o.layout,
                       answer_sheet=o.answer_sheet, **common)  # type: ignore[arg-type]  # fmt: skip


def _cards_layout(layout: str) -> str:
    return "large-print-cards" if layout == "large-print" else layout


def _packet(
    task: Task, deck: Path, out: Path
) -> tuple[list[tuple[str, Path]], Path, list[Problem], tuple[str, ...]]:
    from studyprint.batch.jobs import InlineExecutor
    from studyprint.batch.packet import build_packet
    from studyprint.read.manifest import load_manifest

    o = task.options
    folder = deck.parent
    cards_layout = o.cards if o.cards.startswith("avery") else _cards_layout(o.layout)
    lines = ["title: Packet", f"decks: [{deck.name}]", f"layout: {o.layout}",
             f"quiz: {{count: {o.count}, versions: {o.versions}, seed: {o.seed}, "
             f"ask: {o.ask}{', answer_sheet: true' if o.answer_sheet else ''}"
             + (f", types: [{', '.join(o.types)}]" if o.types else "") + "}",
             f"cards: {{mode: {'fold' if o.cards == 'fold' else 'duplex'}, "
             f"layout: {cards_layout}}}"]  # fmt: skip
    if o.paper:
        lines.append(f"paper: {o.paper}")
    if task.roster is not None:
        (folder / "roster.csv").write_bytes(task.roster.data)
        lines.append("roster: roster.csv")
    manifest_path = folder / "packet.yaml"
    manifest_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    manifest = load_manifest(manifest_path, shown="packet.yaml")
    result = build_packet(manifest, out, InlineExecutor(), seed=o.seed)
    files = sorted(p for p in result.folder.rglob("*") if p.is_file())
    named = [(str(p.relative_to(result.folder)), p) for p in files]
    main = result.folder / "packet.pdf"
    warnings = [Problem(None, w) for w in result.warnings]
    return named, main, warnings, ()


def _pages(pdf: Path) -> int:
    from studyprint.batch.bundle import page_count

    return page_count(pdf)


def _previews(pdf: Path) -> tuple[bytes, ...]:
    """The first pages as PNGs, for the page's preview (rendered here, not by the browser)."""
    import pypdfium2 as pdfium

    images = []
    document = pdfium.PdfDocument(str(pdf))
    try:
        for index in range(min(PREVIEW_PAGES, len(document))):
            page = document[index]
            scale = PREVIEW_WIDTH / page.get_width()
            bitmap = page.render(scale=scale)
            buffer = io.BytesIO()
            bitmap.to_pil().save(buffer, format="PNG", optimize=True)
            images.append(buffer.getvalue())
    finally:
        document.close()
    return tuple(images)
