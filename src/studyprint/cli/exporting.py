"""Exports for learning platforms: export quiz."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from studyprint.cli.shared import AllowOpt, TagsOpt, TermsOpt, app, deck_stem, say, selection
from studyprint.export.run import DeckFormat, QuizFormat

export_app = typer.Typer(
    name="export",
    help="The same quiz for a learning platform (Moodle XML, QTI, GIFT, the plan as JSON).",
    no_args_is_help=True,
)
app.add_typer(export_app)


@export_app.command("quiz")
def export_quiz_command(
    decks: Annotated[list[Path], typer.Argument(help="Deck files or folders.", show_default=False)],
    to: Annotated[
        QuizFormat,
        typer.Option("--to", case_sensitive=False, help="moodle (XML), qti (Canvas), gift, json."),
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="The file to write.")
    ] = None,
    count: Annotated[int, typer.Option("--count", min=1, max=500, help="Questions.")] = 20,
    types: Annotated[
        str | None, typer.Option("--types", help="Question types, as for quiz: mc,tf,...")
    ] = None,
    versions: Annotated[
        int, typer.Option("--versions", min=1, max=26, help="Versions, one category each.")
    ] = 1,
    seed: Annotated[
        int | None, typer.Option("--seed", help="The seed of the printed quiz (same items).")
    ] = None,
    points: Annotated[
        float, typer.Option("--points", min=0.25, max=100, help="Points per question.")
    ] = 1.0,
    title: Annotated[str | None, typer.Option("--title", help="The quiz's title.")] = None,
    terms: TermsOpt = None,
    tags: TagsOpt = None,
    allow_path: AllowOpt = None,
) -> None:
    """Export a quiz (the same items as `studyprint quiz` with the same seed)."""
    from studyprint.export.run import default_name, export_quiz
    from studyprint.products.quiz.generate import new_seed
    from studyprint.request import QuizRequest
    from studyprint.selection import split_list
    from studyprint.vocab import version_letters

    request = QuizRequest(
        selection(decks, terms, tags, None, allow_path),
        seed=seed if seed is not None else new_seed(),
        count=count,
        types=tuple(split_list(types)) if types is not None else None,
        versions=tuple(version_letters(versions)),
        points=points,
        title=title,
    )
    out = output or default_name(deck_stem(decks), to)
    result = export_quiz(request, to, out)
    for note in result.notes:
        say(f"note: {note}", err=True)
    say(
        f"wrote {result.file} ({result.questions} questions, {result.versions} version(s), "
        f"seed {result.seed})"
    )


@export_app.command("deck")
def export_deck_command(
    decks: Annotated[list[Path], typer.Argument(help="Deck files or folders.", show_default=False)],
    to: Annotated[
        DeckFormat,
        typer.Option("--to", case_sensitive=False, help="anki (.apkg), csv or quizlet."),
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="The file to write.")
    ] = None,
    terms: TermsOpt = None,
    tags: TagsOpt = None,
    allow_path: AllowOpt = None,
) -> None:
    """Export the terms of decks for Anki, a spreadsheet or Quizlet (import reads them back)."""
    from studyprint.export.decks import SUFFIXES
    from studyprint.export.run import export_deck

    out = output or Path(f"{deck_stem(decks)}-{to}{SUFFIXES[to]}")
    result = export_deck(selection(decks, terms, tags, None, allow_path), to, out)
    for note in result.notes:
        say(f"note: {note}", err=True)
    say(f"wrote {result.file} ({result.terms} terms)")
