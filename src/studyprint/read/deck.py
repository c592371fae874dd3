"""Loading decks: YAML file -> located nodes -> validated :class:`Deck`."""

from __future__ import annotations

import re
import stat
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from studyprint.errors import DeckError, Pos, Problem, UnreadableFile, gather
from studyprint.model import Deck, Question, Term
from studyprint.read.catalogue import check_page_language
from studyprint.read.loader import ListNode, MapNode, Node, load_yaml_file
from studyprint.read.schema import LANGUAGE_TAG, Checker
from studyprint.resources import shown_path
from studyprint.safety import (
    MAX_IMAGE_BYTES,
    Allowed,
    image_size_problem,
    inside,
    outside,
    outside_message,
)

if TYPE_CHECKING:
    from studyprint.read.imports import ImportOptions

DECK_KEYS = ("title", "subject", "unit", "language", "page_language", "terms")
TERM_KEYS = ("term", "reading", "definition", "facts", "questions", "also", "image", "tags")
QUESTION_KEYS = ("q", "a", "choices", "answer", "shuffle")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif")
#: Quizlet, Anki and spreadsheet exports, read by ``importers``.
EXPORT_SUFFIXES = (".csv", ".tsv", ".txt", ".apkg")


def load_deck(
    path: Path | str,
    shown: str | None = None,
    imports: ImportOptions | None = None,
    allow: Allowed = (),
) -> Deck:
    """Load and validate one deck; raise :class:`DeckError` with every problem found.

    Pictures and catalogues it names must lie in its folder or in ``allow``.

    Warnings (such as a term given twice) do not fail the load; they travel on
    ``Deck.warnings`` for the caller to show.
    """
    path = Path(path)
    shown = shown if shown is not None else shown_path(path)
    if path.suffix.lower() in EXPORT_SUFFIXES:  # a Quizlet, Anki or spreadsheet export
        from studyprint.read.imports import read_export  # csv and html parsing only when needed

        imported = read_export(path, imports, shown=shown)
        notes = tuple(Problem(None, n, path=shown, severity="note") for n in imported.notes)
        return replace(imported.deck, warnings=(*notes, *imported.skipped))
    check = Checker(shown)
    terms = _Terms(check, path.parent, allow)
    try:  # each term is checked and made as it is read; its nodes are not kept
        root = load_yaml_file(path, shown, sinks={"terms": terms.add})
    except UnreadableFile as exc:
        raise DeckError(exc.problems) from None
    deck = _deck(check, root, path.parent, allow, terms)
    if check.failed or deck is None:
        raise DeckError(check.sorted_problems())
    return deck


class _Terms:
    """The deck's terms, each checked and made from its nodes as soon as it is read."""

    def __init__(self, check: Checker, folder: Path, allow: Allowed) -> None:
        self.check = check
        self.folder = folder
        self.allow = allow
        self.terms: list[Term] = []
        self.seen: dict[str, Pos] = {}

    def add(self, item: Node) -> None:
        term = _term(self.check, item, self.folder, self.allow)
        if term is None or term.pos is None:
            return
        key = term.term.casefold()
        first = self.seen.get(key)
        if first is not None:
            self.check.warn(
                term.pos, f"term '{term.term}' is given twice (also at line {first.line})"
            )
        else:
            self.seen[key] = term.pos
        self.terms.append(term)


def _deck(check: Checker, root: Node, folder: Path, allow: Allowed, made: _Terms) -> Deck | None:
    top = check.mapping(
        root, "a deck", DECK_KEYS, hint="; a deck starts with 'title:' and 'terms:'"
    )
    if top is None:
        return None
    title = check.text(check.required(top, "title", "the deck"), "title", required=True)
    subject = check.text(top.get("subject"), "subject")
    unit = check.text(top.get("unit"), "unit")
    language = check.text(top.get("language"), "language")
    language_node = top.get("language")
    if language and language_node and not LANGUAGE_TAG.match(language):
        check.error(
            language_node.pos,
            f"'language' must be a language tag like en, es or ja, found '{language}'",
        )
    page_language = check_page_language(check, top.get("page_language"), folder, allow)
    terms_node = check.required(top, "terms", "the deck")
    if terms_node is not None:
        if not isinstance(terms_node, ListNode):
            check.error(
                terms_node.pos,
                "'terms' must be a list of terms, each starting with '- term: ...'",
            )
        elif not terms_node.items and not terms_node.handed_on:
            check.error(terms_node.pos, "the deck has no terms; add at least one '- term: ...'")
        else:
            for item in terms_node.items:  # a list not read into ``made`` (an alias's)
                made.add(item)
    terms = made.terms
    if title is None or check.failed:
        return None
    return Deck(
        title=title,
        terms=tuple(terms),
        subject=subject,
        unit=unit,
        language=language,
        page_language=page_language,
        path=check.path,
        warnings=tuple(check.sorted_problems()),
    )


def _term(check: Checker, node: Node, folder: Path, allow: Allowed) -> Term | None:
    entry = check.mapping(node, "a term", TERM_KEYS, hint="; each term starts with '- term: ...'")
    if entry is None:
        return None
    name = check.text(check.required(entry, "term", "this term"), "term", required=True)
    definition = check.text(
        check.required(entry, "definition", f"term '{name}'" if name else "this term"),
        "definition",
        required=True,
    )
    reading = check.text(entry.get("reading"), "reading")
    facts = check.text_list(entry.get("facts"), "facts")
    also = check.text_list(entry.get("also"), "also")
    tags = check.text_list(entry.get("tags"), "tags")
    questions = _questions(check, entry.get("questions"))
    image = _image(check, entry.get("image"), folder, allow)
    if name is None or definition is None:
        return None
    return Term(
        term=name,
        definition=definition,
        facts=tuple(facts or ()),
        questions=tuple(questions),
        also=tuple(also or ()),
        image=image,
        tags=tuple(tags or ()),
        pos=entry.pos,
        reading=reading,
    )


def _questions(check: Checker, node: Node | None) -> list[Question]:
    if node is None:
        return []
    if not isinstance(node, ListNode):
        check.error(node.pos, "'questions' must be a list, each item starting with '- q: ...'")
        return []
    result = []
    for item in node.items:
        question = _question(check, item)
        if question is not None:
            result.append(question)
    return result


def _question(check: Checker, node: Node) -> Question | None:
    entry = check.mapping(node, "a question", QUESTION_KEYS, hint="; write '- q: ...' and 'a: ...'")
    if entry is None:
        return None
    prompt = check.text(check.required(entry, "q", "this question"), "q", required=True)
    choices_node = entry.get("choices")
    if choices_node is None:
        return _open_question(check, entry, prompt)
    choices = check.text_list(choices_node, "choices")
    answer_node = entry.get("answer")
    if entry.get("a") is not None:
        check.error(
            entry.entries["a"][0],
            "a multiple-choice question takes 'answer:' (one of the choices), not 'a:'",
        )
        return None
    if answer_node is None:
        check.error(entry.pos, "this question has choices but no 'answer'; add 'answer: ...'")
        return None
    answer = check.text(answer_node, "answer", required=True)
    if choices is None or answer is None or prompt is None:
        return None
    if len(choices) < 2:
        check.error(choices_node.pos, "a multiple-choice question needs at least 2 choices")
        return None
    folded = [c.casefold() for c in choices]
    for i, choice in enumerate(folded):
        if choice in folded[:i]:
            check.error(choices_node.pos, f"choice '{choices[i]}' is given twice")
            return None
    if answer.casefold() not in folded:
        check.error(
            answer_node.pos,
            f"answer '{answer}' is not one of the choices; copy it exactly from 'choices'",
        )
        return None
    answer = choices[folded.index(answer.casefold())]
    shuffle = check.boolean(entry.get("shuffle"), "shuffle")
    return Question(prompt, answer, tuple(choices), entry.pos, shuffle is not False)


def _open_question(check: Checker, entry: MapNode, prompt: str | None) -> Question | None:
    if entry.get("shuffle") is not None:
        check.error(entry.entries["shuffle"][0], "'shuffle:' goes with 'choices:'; remove it here")
    if entry.get("answer") is not None and entry.get("a") is None:
        check.error(
            entry.entries["answer"][0],
            "'answer:' goes with 'choices:'; an open question's model answer is 'a: ...'",
        )
        return None
    answer = check.text(check.required(entry, "a", "this question"), "a", required=True)
    if prompt is None or answer is None:
        return None
    return Question(prompt, answer, (), entry.pos)


def _image(check: Checker, node: Node | None, folder: Path, allow: Allowed) -> Path | None:
    name = check.text(node, "image")
    if name is None or node is None:
        return None
    if "://" in name:
        check.error(node.pos, "images must be local files next to the deck, not web addresses")
        return None
    path = folder / name
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        check.error(node.pos, f"image '{name}' is not a PNG, JPEG or GIF file; convert it to PNG")
        return None
    if outside(folder, path, allow):  # before looking: a stranger's deck learns nothing
        check.error(node.pos, f"image '{name}': {outside_message('image', folder, path)}")
        return None
    if not path.exists():
        check.error(
            node.pos, f"image file '{name}' not found (looked in {path.parent}); check the name"
        )
        return None
    problem = inside(folder, path, "image", MAX_IMAGE_BYTES, allow)
    if problem is None:
        problem = image_size_problem(path)
    if problem is not None:
        check.error(node.pos, f"image '{name}': {problem}")
        return None
    return path.resolve()


DECK_SUFFIXES = (".yaml", ".yml")
#: How much of a file is read to tell what it is (top-level keys come first).
MAX_SNIFF = 1024 * 1024


FileKind = Literal["deck", "manifest", "layout", "catalogue"]

_TOP_KEY = re.compile(
    r"^(terms|decks|messages|extends|paper|margins|fonts|sheet|cards|quiz)\s*:", re.M
)
_LAYOUT_ONLY = {"extends", "paper", "margins", "fonts", "sheet", "cards", "quiz"}


def _top_keys(path: Path) -> set[str]:
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return set()  # a pipe or device: never read here (it could block forever)
        with path.open(encoding="utf-8-sig", errors="replace") as handle:
            text = handle.read(MAX_SNIFF)
    except OSError:
        return set()
    return {match.group(1) for match in _TOP_KEY.finditer(text)}


def file_kind(path: Path) -> FileKind:
    """Whether a YAML file is a deck, a packet manifest, a layout or a message catalogue,
    from its top-level keys.

    Reads the text rather than parsing the YAML: folders of large decks are
    scanned often, and parsing each file twice would double the time. A file
    that is none of them counts as a deck, whose checks then say what is wrong.
    """
    if path.suffix.lower() not in DECK_SUFFIXES:
        return "deck"
    keys = _top_keys(path)
    if "terms" in keys:
        return "deck"
    if "decks" in keys:
        return "manifest"
    if "messages" in keys:  # a page language's catalogue (next to the decks that use it)
        return "catalogue"
    return "layout" if keys & _LAYOUT_ONLY else "deck"


def expand_deck_paths(paths: list[Path], kinds: tuple[FileKind, ...] = ("deck",)) -> list[Path]:
    """The files named, with folders replaced by the YAML files of ``kinds`` inside them.

    Files named directly are kept whatever they hold; a folder gives its
    files sorted.
    """
    result: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in DECK_SUFFIXES and p.is_file()
            )
            result.extend(p for p in found if file_kind(p) in kinds)
        else:
            result.append(path)
    return result


#: What to do with a file given where another kind was expected.
_INSTEAD = {
    "deck": "it is a deck: print it with 'studyprint sheet', 'cards' or 'quiz', or list it "
    "under 'decks:' in a packet manifest",
    "manifest": "it is a packet manifest: print it with 'studyprint packet {path}'",
    "layout": "it is a layout: use it with --layout {path}",
    "catalogue": "it is a page-language catalogue: use it with --page-language {path}",
}


def wrong_kind(path: Path, wanted: FileKind) -> Problem | None:
    """One clear line for a manifest given to ``sheet``, a deck given to ``packet``
    (instead of a dozen "unknown key" lines), or None if the file is what is wanted."""
    kind = file_kind(path)
    if kind == wanted or path.suffix.lower() not in DECK_SUFFIXES:
        return None
    if kind == "deck" and "terms" not in _top_keys(path):
        return None  # not clearly a deck (a manifest missing 'decks:'): its own checks say why
    what = {"deck": "a deck", "manifest": "a packet manifest"}.get(wanted, wanted)
    return Problem(None, f"this is not {what}; " + _INSTEAD[kind].format(path=path), path=str(path))


def load_decks(
    paths: list[Path], imports: ImportOptions | None = None, allow: Allowed = ()
) -> tuple[list[Deck], list[Problem]]:
    """Every deck that loads, and every problem of those that do not (all files read);
    ``imports``: how to read exports among them (``--columns``, ``--encoding``...)."""
    return gather(paths, lambda path: load_deck(path, imports=imports, allow=allow))
