"""Exports for learning platforms: export quiz."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from studyprint.cli.shared import (
    NOT_PDF,
    AllowOpt,
    AskOpt,
    Boundary,
    CountOpt,
    RepeatsOpt,
    TagsOpt,
    TermsOpt,
    app,
    deck_stem,
    folder_meant,
    say,
    selection,
)
from studyprint.errors import OptionError
from studyprint.export.run import DeckFormat, ExportResult, QuizFormat

export_app = typer.Typer(
    cls=Boundary,
    name="export",
    help="The same quiz or deck for another tool: Moodle, Canvas (QTI), GIFT, Kahoot, Anki...",
    no_args_is_help=True,
)
app.add_typer(export_app)

ForceOpt = Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")]

#: Endings of files studyprint reads or other programs own: never another format's.
KNOWN = (*NOT_PDF, ".pdf", ".xml", ".zip", ".gift", ".yml")


def export_path(output: Path | None, usual: Path, fmt: str, force: bool) -> Path:
    """Where an export goes: ``-o`` with the format's ending (added when it has none),
    the usual name inside a folder; never another format's file, never a file that
    exists unless ``--force`` (a spreadsheet or a bank may hold someone's edits)."""
    from studyprint.export.run import ENDINGS
    from studyprint.output import refuse_special

    out = usual if output is None else output
    if output is not None:
        refuse_special(output)  # as typed: "-o /dev/null" is not "/dev/null.xml"
        if folder_meant(output):
            out = output / usual
        elif output.suffix.lower() in KNOWN and output.suffix.lower() not in ENDINGS[fmt]:
            raise OptionError(
                f"-o {output}: --to {fmt} writes a {ENDINGS[fmt][0]} file; "
                f"give a name ending in {ENDINGS[fmt][0]}"
            )
        elif output.suffix.lower() not in ENDINGS[fmt]:
            out = output.with_name(output.name + usual.suffix)
    if out.exists() and not force:
        raise OptionError(f"{out} already exists; choose another name, or add --force to "
                          "replace it")  # fmt: skip
    return out


@export_app.command("quiz")
def export_quiz_command(
    decks: Annotated[list[Path], typer.Argument(help="Deck files or folders.", show_default=False)],
    to: Annotated[
        QuizFormat,
        typer.Option(
            "--to",
            case_sensitive=False,
            help="moodle (XML), canvas (QTI 1.2 for Canvas), qti (QTI 2.1 for other platforms), "
            "gift, kahoot (xlsx), json.",
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="The file to write.")
    ] = None,
    count: CountOpt = None,
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
    ask: AskOpt = "both",
    allow_repeats: RepeatsOpt = False,
    terms: TermsOpt = None,
    tags: TagsOpt = None,
    allow_path: AllowOpt = None,
    force: ForceOpt = False,
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
        ask=ask,
        allow_repeats=allow_repeats,
    )
    out = export_path(output, default_name(deck_stem(decks), to), to, force)
    result = export_quiz(request, to, out)
    for note in result.notes:
        say(f"note: {note}", err=True)
    say(f"wrote {result.file} ({held(result)})")


def held(result: ExportResult) -> str:
    """What an exported quiz file holds, as its last line says it: every question, or
    how many of them and what became of the rest (each said in a note above)."""
    versions = f"{result.versions} version" + ("s" if result.versions != 1 else "")
    if result.questions == result.of:  # counted over every version
        each = result.questions // max(result.versions, 1)
        where = "" if result.versions == 1 else " in each of"
        text = f"{each} questions{where}{',' if not where else ''} {versions}, seed {result.seed}"
    else:
        text = f"{result.questions} of {result.of} questions, {versions}, seed {result.seed}"
        text += f"; {result.of - result.questions} left out"
    if result.cut:
        text += f"; {result.cut} text(s) cut"
    if result.notes:
        text += "; see the notes above"
    return text


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
    force: ForceOpt = False,
) -> None:
    """Export the terms of decks for Anki, a spreadsheet or Quizlet (import reads them back)."""
    from studyprint.export.decks import SUFFIXES
    from studyprint.export.run import export_deck

    out = export_path(output, Path(f"{deck_stem(decks)}-{to}{SUFFIXES[to]}"), to, force)
    result = export_deck(selection(decks, terms, tags, None, allow_path), to, out)
    for note in result.notes:
        say(f"note: {note}", err=True)
    say(f"wrote {result.file} ({result.terms} terms)")
