"""Commands that print one product from decks: sheet, cards, quiz."""

from __future__ import annotations

import contextlib
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from studyprint.cli.shared import (
    DecksArg,
    LayoutOpt,
    OutputOpt,
    Paper,
    PaperOpt,
    TagsOpt,
    TermsOpt,
    app,
    decks_and_all_from_args,
    decks_from_args,
    fail,
    layout_from_options,
    output_path,
    plural,
    warn,
)
from studyprint.errors import OptionError, StudyprintError


class SheetStyle(StrEnum):
    guide = "guide"
    glossary = "glossary"


class AnswerPlace(StrEnum):
    inline = "inline"
    end = "end"
    none = "none"


@app.command()
def sheet(
    decks: DecksArg,
    output: OutputOpt = None,
    style: Annotated[
        SheetStyle,
        typer.Option("--style", help="guide: a block per term; glossary: fold-to-quiz table."),
    ] = SheetStyle.guide,
    answers: Annotated[
        AnswerPlace,
        typer.Option(
            "--answers",
            help="inline: under each question; end: on a last page; none: lines to write on.",
        ),
    ] = AnswerPlace.inline,
    layout: LayoutOpt = None,
    paper: PaperOpt = None,
    terms: TermsOpt = None,
    tags: TagsOpt = None,
) -> None:
    """Print a study guide (a block per term) or a fold-to-quiz glossary."""
    from studyprint.deck import expand_deck_paths
    from studyprint.output import atomic_output, check_not_input

    loaded = decks_from_args(decks, terms, tags)
    chosen_layout = layout_from_options(layout, paper)
    out = output_path(output, decks, style.value)
    from studyprint.sheet import build_sheet

    try:
        check_not_input(out, expand_deck_paths(decks))
        with atomic_output(out) as tmp:
            result = build_sheet(
                loaded, tmp, style=style.value, answers=answers.value, layout=chosen_layout
            )
    except StudyprintError as exc:
        fail(exc)
    warn(result.warnings)
    typer.echo(f"wrote {out} ({plural(result.pages, 'page')})")


class CardMode(StrEnum):
    fold = "fold"
    fold_horizontal = "fold-horizontal"
    duplex = "duplex"
    manual = "manual"


class FlipEdge(StrEnum):
    long = "long"
    short = "short"


class FrontFace(StrEnum):
    term = "term"
    definition = "definition"


def _parse_offset(value: str | None) -> tuple[float, float]:
    from studyprint.units import mm

    if not value:
        return 0.0, 0.0
    parts = value.replace(" ", "").split(",")
    try:
        if len(parts) != 2:
            raise ValueError
        x, y = (float(p) for p in parts)
    except ValueError:
        fail(OptionError(f"--offset takes two millimetre values like 1.5,-1, not '{value}'"))
    if abs(x) > 20 or abs(y) > 20:
        fail(OptionError("--offset is limited to 20 mm each way; print --calibrate to measure"))
    return mm(x), mm(y)


@app.command()
def cards(
    decks: Annotated[
        list[Path] | None,
        typer.Argument(help="Deck files (or folders of decks).", show_default=False),
    ] = None,
    output: OutputOpt = None,
    mode: Annotated[
        CardMode | None,
        typer.Option(
            "--mode",
            help="fold: fronts and backs on one side, fold in half (default); fold-horizontal; "
            "duplex: double-sided; manual: two files for printers without duplex. "
            "Card-stock layouts default to duplex.",
        ),
    ] = None,
    flip: Annotated[
        FlipEdge, typer.Option("--flip", help="Which edge your printer flips on in duplex.")
    ] = FlipEdge.long,
    layout: LayoutOpt = None,
    paper: PaperOpt = None,
    offset: Annotated[
        str | None,
        typer.Option("--offset", help="Move the backs by X,Y millimetres (see --calibrate)."),
    ] = None,
    front: Annotated[
        FrontFace, typer.Option("--front", help="What the front shows.")
    ] = FrontFace.term,
    terms: TermsOpt = None,
    tags: TagsOpt = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="A card whose text does not fit is an error.")
    ] = False,
    reverse_backs: Annotated[
        bool, typer.Option("--reverse-backs", help="manual mode: backs in reverse page order.")
    ] = False,
    calibrate: Annotated[
        bool,
        typer.Option(
            "--calibrate", help="Print a one-sheet test that shows your printer's flip and offset."
        ),
    ] = False,
) -> None:
    """Print flashcards: fold in half (default), duplex, or two files for manual duplex."""
    from studyprint.output import atomic_output, check_not_input

    default_layout = "a4-2x4" if paper == Paper.a4 else "letter-2x4"
    chosen_layout = layout_from_options(layout, paper, default_layout)
    if calibrate:
        from studyprint.cards import build_calibration

        out = output or Path("calibration.pdf")
        try:
            with atomic_output(out) as tmp:
                build_calibration(tmp, layout=chosen_layout, flip=flip.value)
        except StudyprintError as exc:
            fail(exc)
        typer.echo(f"wrote {out} (2 pages: print double-sided, then read the back)")
        return
    if not decks:
        fail(OptionError("give at least one deck (or --calibrate)"))
    loaded, everything = decks_and_all_from_args(decks, terms, tags)
    from studyprint.cards import CardJob, build_cards, card_options, manual_paths
    from studyprint.deck import expand_deck_paths

    try:
        chosen_mode = mode.value if mode else card_options(chosen_layout).mode
    except StudyprintError as exc:
        fail(exc)
    job = CardJob(
        mode=chosen_mode,
        flip=flip.value,
        offset=_parse_offset(offset),
        front=front.value,
        strict=strict,
        reverse_backs=reverse_backs,
    )
    out = output_path(output, decks, "cards")
    outs = list(manual_paths(out)) if job.mode == "manual" else [out]
    try:
        inputs = expand_deck_paths(decks)
        for path in outs:
            check_not_input(path, inputs)
        with contextlib.ExitStack() as stack:
            temps = [stack.enter_context(atomic_output(path)) for path in outs]
            result = build_cards(
                loaded, temps, layout=chosen_layout, job=job, numbered_from=everything
            )
    except StudyprintError as exc:
        fail(exc)
    warn(result.warnings)
    names = " and ".join(str(p) for p in outs)
    typer.echo(f"wrote {names} ({plural(result.cards, 'card')}, {plural(result.pages, 'page')})")


class KeyPlaceOpt(StrEnum):
    separate = "separate"
    end = "end"
    none = "none"


@app.command()
def quiz(
    decks: DecksArg,
    output: OutputOpt = None,
    count: Annotated[
        int, typer.Option("--count", min=1, max=500, help="Number of questions.")
    ] = 20,
    types: Annotated[
        str, typer.Option("--types", help="Question types, any of mc,tf,match,written,short.")
    ] = "mc,tf,match,written,short",
    versions: Annotated[
        int, typer.Option("--versions", min=1, max=99, help="Versions A, B, C… (shuffled).")
    ] = 1,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Seed for a reproducible quiz (printed on it).")
    ] = None,
    key: Annotated[
        KeyPlaceOpt,
        typer.Option("--key", help="separate: OUT-key.pdf; end: after the quizzes; none."),
    ] = KeyPlaceOpt.separate,
    points: Annotated[
        float, typer.Option("--points", min=0.25, max=100, help="Points per question.")
    ] = 1.0,
    title: Annotated[str | None, typer.Option("--title", help="Title printed on the quiz.")] = None,
    layout: LayoutOpt = None,
    paper: PaperOpt = None,
    terms: TermsOpt = None,
    tags: TagsOpt = None,
) -> None:
    """Print a practice quiz in shuffled versions, each with a matching answer key."""
    import secrets

    from studyprint.deck import expand_deck_paths
    from studyprint.output import atomic_output, check_not_input
    from studyprint.quizgen import TYPES, arrange, generate, version_letters
    from studyprint.selection import split_list

    chosen_types = split_list(types)
    unknown = [t for t in chosen_types if t not in TYPES]
    if unknown or not chosen_types:
        fail(
            OptionError(
                f"--types takes any of {','.join(TYPES)}; not {','.join(unknown) or 'nothing'}"
            )
        )
    loaded = decks_from_args(decks, terms, tags)
    chosen_layout = layout_from_options(layout, paper)
    if seed is None:
        seed = secrets.randbelow(1_000_000)
    plan = generate(loaded, count, chosen_types, seed)  # type: ignore[arg-type]
    for warning in plan.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if plan.count == 0:
        fail(OptionError("no questions could be made from these decks with these --types"))
    arranged = [arrange(plan, letter) for letter in version_letters(versions)]
    out = output_path(output, decks, "quiz")
    key_out = out.with_name(f"{out.stem}-key.pdf") if key == KeyPlaceOpt.separate else None
    first = loaded[0]
    from studyprint.quiz import QuizInfo, build_quiz

    info = QuizInfo(
        title=title or (first.title if len(loaded) == 1 else " / ".join(d.title for d in loaded)),
        subtitle=" · ".join(x for x in (first.subject, first.unit) if x),
        seed=seed,
        points=points,
        language=first.language,
    )
    outs = [out] + ([key_out] if key_out else [])
    try:
        inputs = expand_deck_paths(decks)
        for path in outs:
            check_not_input(path, inputs)
        with contextlib.ExitStack() as stack:
            temps = [stack.enter_context(atomic_output(path)) for path in outs]
            result = build_quiz(
                arranged,
                info,
                temps[0],
                temps[1] if key_out else None,
                layout=chosen_layout,
                key=key.value,
            )
    except StudyprintError as exc:
        fail(exc)
    questions = plan.count
    made = f"wrote {out} ({plural(questions, 'question')}, {plural(versions, 'version')}, "
    made += f"{plural(result.pages, 'page')}, seed {seed})"
    typer.echo(made)
    if key_out:
        typer.echo(f"wrote {key_out} ({plural(result.key_pages, 'page')})")
