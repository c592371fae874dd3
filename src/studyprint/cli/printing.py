"""Commands that print one product from decks: sheet, cards, quiz.

Each parses its options into a request, hands it to ``render`` (the door the
batch jobs use too) and says what it wrote.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated

import typer

from studyprint.cli.shared import (
    AllowOpt,
    AskOpt,
    ColumnsOpt,
    CountOpt,
    DecksArg,
    EncodingOpt,
    FormatOpt,
    LanguageOpt,
    LayoutOpt,
    OutputOpt,
    PageLanguageOpt,
    PaperOpt,
    RepeatsOpt,
    RowSepOpt,
    TagsOpt,
    TermSepOpt,
    TermsOpt,
    app,
    import_options,
    output_path,
    plural,
    progress_bar,
    say,
    selection,
    warn,
)
from studyprint.errors import OptionError
from studyprint.vocab import AnswerPlace, CardMode, Flip, FrontSide, KeyPlace, SheetStyle


@app.command()
def sheet(
    decks: DecksArg,
    output: OutputOpt = None,
    style: Annotated[
        SheetStyle,
        typer.Option(
            "--style",
            case_sensitive=False,
            help="guide: a block per term; glossary: fold-to-quiz table.",
        ),
    ] = "guide",
    answers: Annotated[
        AnswerPlace,
        typer.Option(
            "--answers",
            case_sensitive=False,
            help="end: on a last page (the default, for handouts); inline: under each question "
            "(a teacher's copy); none: lines to write on.",
        ),
    ] = "end",
    layout: LayoutOpt = None,
    paper: PaperOpt = None,
    page_language: PageLanguageOpt = None,
    terms: TermsOpt = None,
    tags: TagsOpt = None,
    allow_path: AllowOpt = None,
    columns: ColumnsOpt = None,
    format: FormatOpt = "auto",
    term_sep: TermSepOpt = None,
    row_sep: RowSepOpt = None,
    encoding: EncodingOpt = None,
    language: LanguageOpt = None,
) -> None:
    """Print a study guide (a block per term) or a fold-to-quiz glossary."""
    from studyprint.render import SheetRequest, render

    request = SheetRequest(
        selection(
            decks,
            terms,
            tags,
            import_options(columns, format, term_sep, row_sep, encoding, language),
            allow_path,
        ),
        style=style,
        answers=answers,
        layout=layout,
        paper=paper,
        page_language=page_language,
    )
    with progress_bar(False, "laying out terms") as update:
        result = render(request, output_path(output, decks, style), progress=update)
    warn(result.warnings)
    say(f"wrote {result.files[0]} ({plural(result.pages, 'page')})")


def _parse_offset(value: str | None) -> tuple[float, float]:
    """``--offset 1.5,-1`` in millimetres."""
    if not value:
        return 0.0, 0.0
    parts = value.replace(" ", "").split(",")
    try:
        if len(parts) != 2:
            raise ValueError
        x, y = (float(p) for p in parts)
        if not (math.isfinite(x) and math.isfinite(y)):
            raise ValueError
    except ValueError:
        raise OptionError(
            f"--offset takes two millimetre values like 1.5,-1, not '{value}'"
        ) from None
    if not (abs(x) <= 20 and abs(y) <= 20):  # also refuses nan
        raise OptionError("--offset is limited to 20 mm each way; print --calibrate to measure")
    return x, y


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
            case_sensitive=False,
            help="fold: fronts and backs on one side, fold in half (default); fold-horizontal; "
            "duplex: double-sided; manual: two files for printers without duplex. "
            "Card-stock layouts default to duplex.",
        ),
    ] = None,
    flip: Annotated[
        Flip,
        typer.Option(
            "--flip", case_sensitive=False, help="Which edge your printer flips on in duplex."
        ),
    ] = "long",
    layout: LayoutOpt = None,
    paper: PaperOpt = None,
    page_language: PageLanguageOpt = None,
    offset: Annotated[
        str | None,
        typer.Option("--offset", help="Move the backs by X,Y millimetres (see --calibrate)."),
    ] = None,
    front: Annotated[
        FrontSide, typer.Option("--front", case_sensitive=False, help="What the front shows.")
    ] = "term",
    terms: TermsOpt = None,
    tags: TagsOpt = None,
    allow_path: AllowOpt = None,
    columns: ColumnsOpt = None,
    format: FormatOpt = "auto",
    term_sep: TermSepOpt = None,
    row_sep: RowSepOpt = None,
    encoding: EncodingOpt = None,
    language: LanguageOpt = None,
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
    from studyprint.render import CalibrationRequest, CardsRequest, render

    if calibrate:
        calibration = CalibrationRequest(flip=flip, layout=layout, paper=paper)
        made = render(calibration, output or Path("calibration.pdf"))
        say(f"wrote {made.files[0]} (2 pages: print double-sided, then read the back)")
        return
    if not decks:
        raise OptionError("give at least one deck (or --calibrate)")
    request = CardsRequest(
        selection(
            decks,
            terms,
            tags,
            import_options(columns, format, term_sep, row_sep, encoding, language),
            allow_path,
        ),
        mode=mode,
        flip=flip,
        offset_mm=_parse_offset(offset),
        front=front,
        strict=strict,
        reverse_backs=reverse_backs,
        layout=layout,
        paper=paper,
        page_language=page_language,
    )
    result = render(request, output_path(output, decks, "cards"))
    warn(result.warnings)
    names = " and ".join(str(p) for p in result.files)
    say(f"wrote {names} ({plural(result.cards, 'card')}, {plural(result.pages, 'page')})")
    say(result.advice)


@app.command()
def quiz(
    decks: DecksArg,
    output: OutputOpt = None,
    count: CountOpt = None,
    types: Annotated[
        str | None,
        typer.Option(
            "--types", help="Question types, any of mc,tf,match,written,short.", show_default=False
        ),
    ] = None,
    versions: Annotated[
        int, typer.Option("--versions", min=1, max=99, help="Versions A, B, C… (shuffled).")
    ] = 1,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Seed for a reproducible quiz (printed on it).")
    ] = None,
    key: Annotated[
        KeyPlace,
        typer.Option(
            "--key",
            case_sensitive=False,
            help="separate: OUT-key.pdf; end: after the quizzes; none.",
        ),
    ] = "separate",
    points: Annotated[
        float, typer.Option("--points", min=0.25, max=100, help="Points per question.")
    ] = 1.0,
    title: Annotated[str | None, typer.Option("--title", help="Title printed on the quiz.")] = None,
    ask: AskOpt = "both",
    allow_repeats: RepeatsOpt = False,
    plan: Annotated[
        Path | None,
        typer.Option("--plan", help="Also write the quiz plan (items, answers) as JSON."),
    ] = None,
    answer_sheet: Annotated[
        bool,
        typer.Option(
            "--answer-sheet",
            help="Add an answer sheet to each copy, for grading from scans (keep --plan).",
        ),
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Fewer questions than --count, or a changed mix of --types, is an error.",
        ),
    ] = False,
    audit: Annotated[
        bool,
        typer.Option(
            "--audit", help="Also list every leak, cue and near-synonym the planner steered round."
        ),
    ] = False,
    layout: LayoutOpt = None,
    paper: PaperOpt = None,
    page_language: PageLanguageOpt = None,
    terms: TermsOpt = None,
    tags: TagsOpt = None,
    allow_path: AllowOpt = None,
    columns: ColumnsOpt = None,
    format: FormatOpt = "auto",
    term_sep: TermSepOpt = None,
    row_sep: RowSepOpt = None,
    encoding: EncodingOpt = None,
    language: LanguageOpt = None,
) -> None:
    """Print a practice quiz in shuffled versions, each with a matching answer key."""
    from studyprint.products.quiz.generate import DEFAULT_COUNT, new_seed
    from studyprint.render import QuizRequest, render
    from studyprint.selection import split_list
    from studyprint.vocab import version_letters

    chosen_seed = seed if seed is not None else new_seed()
    request = QuizRequest(
        selection(
            decks,
            terms,
            tags,
            import_options(columns, format, term_sep, row_sep, encoding, language),
            allow_path,
        ),
        seed=chosen_seed,
        count=count,
        types=tuple(split_list(types)) if types is not None else None,
        versions=tuple(version_letters(versions)),
        key=key,
        ask=ask,
        allow_repeats=allow_repeats,
        plan=plan,
        points=points,
        title=title,
        layout=layout,
        paper=paper,
        page_language=page_language,
        answer_sheet=answer_sheet,
        strict=strict,
    )
    with progress_bar(False, "laying out versions") as update:
        result = render(request, output_path(output, decks, "quiz"), progress=update)
    warn(result.warnings)
    carried = "" if count is not None else ": all the decks carry cleanly"
    if count is None and result.questions >= DEFAULT_COUNT:
        carried = ""
    say(
        f"wrote {result.files[0]} ({plural(result.questions, 'question')}{carried}, "
        f"{plural(versions, 'version')}, {plural(result.pages, 'page')}, seed {chosen_seed})"
    )
    for made in result.files[1:]:
        if made == plan:
            say(f"wrote {made} (the quiz plan)")
        else:
            say(f"wrote {made} ({plural(result.key_pages, 'page')})")
    if audit and result.audit is not None:
        for line in result.audit.lines():
            say(line)
