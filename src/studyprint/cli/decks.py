"""Commands about decks and the tool itself: check, layouts, import, fonts."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from studyprint.cli.shared import app, fail, plural, warn
from studyprint.errors import OptionError, StudyprintError


@app.command()
def check(
    decks: Annotated[
        list[Path],
        typer.Argument(help="Deck files (or folders of decks) to check.", show_default=False),
    ],
) -> None:
    """Check decks for mistakes and report each one as path:line:col."""
    from studyprint.deck import expand_deck_paths, load_deck
    from studyprint.errors import DeckError
    from studyprint.manifest import is_manifest, load_manifest, load_roster

    failed = False
    files = expand_deck_paths(decks, with_manifests=True)
    if not files:
        fail(OptionError("no deck files found in the folders given"))
    for path in files:
        if path.is_file() and is_manifest(path):
            try:
                manifest = load_manifest(path)
                students = len(load_roster(manifest.roster)) if manifest.roster else 0
            except DeckError as exc:
                failed = True
                warn(exc.problems)
                continue
            who = f"{students} students" if students else "one class packet"
            count = len(manifest.decks)
            typer.echo(f"ok: {path}: packet of {plural(count, 'deck')}, {who}")
            continue
        try:
            deck = load_deck(path)
        except DeckError as exc:
            failed = True
            for problem in exc.problems:
                typer.echo(str(problem), err=True)
            continue
        for warning in deck.warnings:
            typer.echo(str(warning), err=True)
        count = len(deck.terms)
        typer.echo(f"ok: {path}: {plural(count, 'term')}")
    if failed:
        raise typer.Exit(1)


@app.command("layouts")
def list_layouts() -> None:
    """List the built-in layouts (use one with --layout NAME)."""
    from studyprint.layouts import describe_builtin

    rows = describe_builtin()
    width = max((len(name) for name, _ in rows), default=0)
    for name, description in rows:
        typer.echo(f"{name.ljust(width)}  {description}".rstrip())


class ImportFormat(StrEnum):
    auto = "auto"
    quizlet = "quizlet"
    anki = "anki"
    csv = "csv"


@app.command("import")
def import_deck(
    source: Annotated[
        Path, typer.Argument(help="A Quizlet, Anki or spreadsheet export.", show_default=False)
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="The deck to write (.yaml).")
    ] = None,
    format: Annotated[
        ImportFormat, typer.Option("--format", help="What the file is (auto: guess).")
    ] = ImportFormat.auto,
    title: Annotated[str | None, typer.Option("--title", help="The deck's title.")] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="The class or course.")] = None,
    term_sep: Annotated[
        str | None,
        typer.Option("--term-sep", help="Quizlet: between term and definition (default: tab)."),
    ] = None,
    row_sep: Annotated[
        str | None,
        typer.Option("--row-sep", help="Quizlet: between cards (default: new line)."),
    ] = None,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            help="Spreadsheet columns: term=expression,definition=meaning,also=reading.",
        ),
    ] = None,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Import the good rows and say how many were skipped.")
    ] = False,
) -> None:
    """Turn a Quizlet, Anki or spreadsheet export into a deck you can edit and print."""
    from studyprint.deckwriter import to_yaml
    from studyprint.importers import ImportOptions, parse_columns, read_export, unescape_separator
    from studyprint.output import atomic_output, check_not_input

    try:
        options = ImportOptions(
            format=format.value,
            title=title,
            subject=subject,
            term_sep=unescape_separator(term_sep) if term_sep else None,
            row_sep=unescape_separator(row_sep) if row_sep else None,
            columns=parse_columns(columns),
            skip_bad=skip_bad,
        )
        imported = read_export(source, options)
    except StudyprintError as exc:
        fail(exc)
    out = output or Path(f"{source.stem}.yaml")
    if out.suffix.lower() not in (".yaml", ".yml"):
        out = out.with_suffix(".yaml")
    try:
        check_not_input(out, [source])
        with atomic_output(out) as tmp:
            tmp.write_text(to_yaml(imported.deck, source.name), encoding="utf-8")
    except StudyprintError as exc:
        fail(exc)
    if imported.skipped:
        warn(imported.skipped)
        typer.echo(f"skipped {len(imported.skipped)} bad row(s)", err=True)
    count = len(imported.deck.terms)
    typer.echo(f"wrote {out} ({count} terms from a {imported.format} export)")


@app.command("fonts")
def font_specimen(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Where to write the specimen PDF.")
    ] = Path("font-specimen.pdf"),
    family: Annotated[
        str, typer.Option("--family", help="Font family: sans or hyperlegible.")
    ] = "sans",
) -> None:
    """Print a one-page specimen of every script studyprint can print."""
    from studyprint.output import atomic_output

    if family not in ("sans", "hyperlegible"):
        fail(OptionError(f"--family must be sans or hyperlegible, not '{family}'"))
    from studyprint.text.specimen import build_specimen

    try:
        with atomic_output(output) as tmp:
            build_specimen(tmp, family)
    except StudyprintError as exc:
        fail(exc)
    typer.echo(f"wrote {output}")
