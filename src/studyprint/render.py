"""The one door into every product: ``render(request, out)``.

The command line, packet and build jobs (inline, in a process pool or on a
Dask worker) and the web page all come through here, so a request prints the
same way whoever asks. The door loads and selects the decks, loads the layout,
refuses to write over an input, writes every file atomically (a failure leaves
nothing behind) and calls the product. It prints nothing and exits nothing:
problems are raised as :class:`~studyprint.errors.StudyprintError`, warnings
are returned.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from studyprint.errors import OptionError, Problem, ProblemsError, QuizError, listed
from studyprint.model import Deck
from studyprint.output import PDF, PLAN, atomic_output, check_not_input
from studyprint.read.catalogue import load_words, resolve_page_language
from studyprint.read.layout import Layout, load_layout
from studyprint.request import (
    CalibrationRequest,
    CardsRequest,
    QuizRequest,
    Request,
    Selection,
    SheetRequest,
)
from studyprint.vocab import Paper, default_layout
from studyprint.words import Words

if TYPE_CHECKING:  # the quiz's modules load only when a quiz is made
    from studyprint.products.quiz.audit import Audit
    from studyprint.products.quiz.generate import QuizPlan, Version
    from studyprint.products.quiz.layout import QuizInfo

__all__ = [
    "CalibrationRequest",
    "CardsRequest",
    "QuizRequest",
    "RenderResult",
    "Request",
    "Selection",
    "SheetRequest",
    "outputs",
    "quiz_title",
    "render",
]


@dataclass(frozen=True, slots=True)
class RenderResult:
    """What a request made: its files (the main one first), pages and warnings."""

    files: tuple[Path, ...]
    pages: int  # of the main file
    warnings: tuple[Problem, ...] = ()
    cards: int = 0
    questions: int = 0
    key_pages: int = 0  # of a separate answer key
    advice: str = ""  # how to print what was made (cards: duplex, flip edge, 100%)
    audit: Audit | None = None  # a quiz's leaks, cues and near-synonyms, steered round or not
    #: each page is a sheet of its own, its back left blank (fold cards, a glossary's
    #: fold sheet): a duplex packet gives it blank backs
    one_sided: bool = False


def outputs(request: Request, out: Path) -> list[Path]:
    """Every file ``request`` writes when asked for ``out``."""
    if isinstance(request, CardsRequest) and request.mode == "manual":
        return [out.with_name(f"{out.stem}-fronts.pdf"), out.with_name(f"{out.stem}-backs.pdf")]
    if isinstance(request, QuizRequest):
        files = [out]
        if request.key == "separate" and not request.keys_only:
            files.append(out.with_name(f"{out.stem}-key.pdf"))
        if request.plan is not None:
            files.append(request.plan)
        return files
    return [out]


#: Told how far a long document has got: (done, out of), in terms or questions.
Progress = Callable[[int, int], None]


def render(request: Request, out: Path, progress: Progress | None = None) -> RenderResult:
    """Print ``request`` to ``out`` (and the files beside it that it names);
    ``progress`` hears how far a sheet or quiz has got as its pages are laid out."""
    targets = outputs(request, out)
    decks: list[Deck] = []
    everything: list[Deck] = []
    warnings: list[Problem] = []
    inputs: list[Path] = []
    if not isinstance(request, CalibrationRequest):
        decks, everything, warnings, inputs = load_selection(request.source)
    layout = _layout(request)
    words = _words(request, layout, decks)
    plan = request.plan if isinstance(request, QuizRequest) else None  # JSON; the rest PDFs
    for target in targets:
        check_not_input(target, inputs)
    with contextlib.ExitStack() as stack:
        temps = [
            stack.enter_context(atomic_output(target, PLAN if target == plan else PDF))
            for target in targets
        ]
        result = _render(request, decks, everything, layout, words, temps, progress)
    return RenderResult(
        files=tuple(targets),
        pages=result.pages,
        warnings=(*warnings, *result.warnings),
        cards=result.cards,
        questions=result.questions,
        key_pages=result.key_pages,
        advice=result.advice,
        audit=result.audit,
        one_sided=result.one_sided,
    )


def load_selection(source: Selection) -> tuple[list[Deck], list[Deck], list[Problem], list[Path]]:
    """(selected decks, all decks, their warnings, the files read) for a selection.

    Every file is read before failing, so one run reports every problem of
    every deck.
    """
    from studyprint.read.deck import expand_deck_paths, load_decks, wrong_kind
    from studyprint.selection import select

    everything: list[Deck] = []
    files: list[Path] = []
    problems: list[Problem] = []
    for ref in source.decks:
        if isinstance(ref, Deck):
            everything.append(ref)
            continue
        mistaken = None if ref.is_dir() else wrong_kind(ref, "deck")
        if mistaken is not None:
            problems.append(mistaken)
            continue
        found = expand_deck_paths([ref])
        loaded, bad = load_decks(found, source.imports, source.allow)
        files += found
        everything += loaded
        problems += bad
    if problems:  # the warnings of the decks that loaded, then every problem
        raise ProblemsError([*(w for deck in everything for w in deck.warnings), *problems])
    if not everything:
        raise OptionError("no deck files found in the folders given")
    warnings = [w for deck in everything for w in deck.warnings]
    chosen = select(everything, list(source.terms), list(source.tags))
    return chosen, everything, warnings, files


def _layout(request: Request) -> Layout:
    paper: Paper | None = request.paper
    cards = isinstance(request, CardsRequest | CalibrationRequest)
    allow = () if isinstance(request, CalibrationRequest) else request.source.allow
    return load_layout(request.layout or default_layout(cards, paper), paper, allow)


def _words(request: Request, layout: Layout, decks: list[Deck]) -> Words:
    """The page language: the request's, else the layout's, else the first deck's."""
    spec = request.page_language
    if spec is not None:
        ref, problem = resolve_page_language(spec, None)
        if ref is None:
            raise OptionError(f"--page-language: {problem}")
        return load_words(ref)
    return load_words(layout.page_language or (decks[0].page_language if decks else None) or "en")


def quiz_title(decks: list[Deck], title: str | None) -> str:
    """The title a quiz prints: the one asked for, or its decks' titles."""
    return title or " / ".join(deck.title for deck in decks)


@dataclass(frozen=True, slots=True)
class _Made:
    pages: int
    warnings: tuple[Problem, ...] = ()
    cards: int = 0
    questions: int = 0
    key_pages: int = 0
    advice: str = ""
    audit: Audit | None = None
    one_sided: bool = False


def _render(
    request: Request,
    decks: list[Deck],
    everything: list[Deck],
    layout: Layout,
    words: Words,
    outs: list[Path],
    progress: Progress | None = None,
) -> _Made:
    if isinstance(request, SheetRequest):
        from studyprint.products.sheet import build_sheet

        sheet = build_sheet(
            decks,
            outs[0],
            style=request.style,
            answers=request.answers,
            layout=layout,
            student=request.owner,
            period=request.owner_period,
            words=words,
            progress=progress,
        )
        # a glossary is folded along its dashed line to quiz yourself: one side
        return _Made(sheet.pages, tuple(sheet.warnings), one_sided=request.style == "glossary")
    if isinstance(request, CardsRequest):
        from studyprint.products.cards.draw import build_cards

        cards = build_cards(
            decks, outs, layout=layout, job=request, numbered_from=everything, words=words
        )
        return _Made(cards.pages, tuple(cards.warnings), cards=cards.cards, advice=cards.advice,
                     one_sided=cards.one_sided)  # fmt: skip
    if isinstance(request, CalibrationRequest):
        from studyprint.products.cards.calibration import build_calibration

        return _Made(build_calibration(outs[0], layout=layout, flip=request.flip))
    return _quiz(request, decks, layout, words, outs, progress)


def quiz_versions(
    request: QuizRequest, decks: list[Deck]
) -> tuple[QuizPlan, list[Version], QuizInfo]:
    """The quiz a request asks for: generated, arranged into its versions, and what
    it says about itself; the PDF, the key, the plan file and every export use these."""
    from studyprint.products.quiz.generate import DEFAULT_COUNT, arrange, generate
    from studyprint.products.quiz.layout import QuizInfo

    if not (math.isfinite(request.points) and 0.25 <= request.points <= 100):
        raise OptionError(f"--points must be a number from 0.25 to 100, not {request.points:g}")
    plan = generate(
        decks,
        request.count or DEFAULT_COUNT,
        request.types,
        request.seed,
        ask=request.ask,
        allow_repeats=request.allow_repeats,
        ceiling=request.count is None,
    )
    if plan.count == 0:
        raise OptionError("no questions could be made from these decks with these --types")
    if request.strict and (plan.changed or plan.warnings):
        problem = plan.changed or plan.warnings[0]
        raise QuizError(f"{problem} (--strict; without it the quiz is printed so)")
    first = decks[0]
    info = QuizInfo(
        title=quiz_title(decks, request.title),
        subtitle=" · ".join(x for x in (first.subject, first.unit) if x),
        seed=request.seed,
        points=request.points,
        language=first.language,
        student=request.owner,
        period=request.owner_period,
        student_id=request.owner_id,
    )
    versions = [arrange(plan, letter) for letter in request.versions]
    return plan, versions, info


def _quiz(
    request: QuizRequest,
    decks: list[Deck],
    layout: Layout,
    words: Words,
    outs: list[Path],
    progress: Progress | None = None,
) -> _Made:
    from studyprint.products.quiz.audit import audit
    from studyprint.products.quiz.layout import answer_sheets, build_quiz
    from studyprint.products.quiz.planfile import plan_json

    plan, versions, info = quiz_versions(request, decks)
    checked = audit(plan, versions, decks)
    separate = request.key == "separate" and not request.keys_only
    quiz = build_quiz(
        versions,
        info,
        outs[0],
        outs[1] if separate else None,
        layout=layout,
        key="only" if request.keys_only else request.key,
        words=words,
        answer_sheets=request.answer_sheet and not request.keys_only,
        progress=progress,
    )
    if request.plan is not None:  # the same versions the PDF and the key were printed from
        sheets = (
            {v.letter: answer_sheets(v, layout, words) for v in versions}
            if request.answer_sheet
            else None
        )
        text = plan_json(
            versions,
            title=info.title,
            seed=request.seed,
            points=request.points,
            sheets=sheets,
            audit=checked.as_data(),
        )
        outs[-1].write_text(text, encoding="utf-8")
    where = listed([str(p) for p in dict.fromkeys(d.path for d in decks if d.path)], most=3)
    warnings = tuple(Problem(None, w, path=where, severity="warning") for w in plan.warnings)
    if plan.changed:
        warnings += (Problem(None, plan.changed, path=where, severity="note"),)
    return _Made(
        quiz.pages, warnings, questions=plan.count, key_pages=quiz.key_pages, audit=checked
    )
