"""Commands about decks and the tool itself: check, layouts, import, fonts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from studyprint.cli.shared import (
    AllowOpt,
    ColumnsOpt,
    EncodingOpt,
    FormatOpt,
    LanguageOpt,
    RowSepOpt,
    TermSepOpt,
    allowed,
    app,
    import_options,
    plural,
    say,
    warn,
)
from studyprint.errors import OptionError, Problem, ProblemsError, shown_bytes
from studyprint.vocab import FontFamily


@app.command()
def check(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Decks, packet manifests or layout files (or folders of them) to check.",
            show_default=False,
        ),
    ],
    allow_path: AllowOpt = None,
) -> None:
    """Check decks, packet manifests, layouts and page-language catalogues; report each
    mistake as path:line:col."""
    from studyprint.read.deck import expand_deck_paths, file_kind

    failed = False
    # a folder named here is the user's choice: what its files name may come from it
    allow = allowed(allow_path) + tuple(f for f in files if f.is_dir())
    found = expand_deck_paths(files, kinds=("deck", "manifest", "layout", "catalogue"))
    if not found:
        raise OptionError("no deck files found in the folders given")
    for path in found:
        try:
            summary, warnings = _check_one(path, file_kind(path), allow)
        except ProblemsError as exc:
            failed = True
            warn(exc.problems)
            continue
        warn(warnings)
        say(f"ok: {path}: {summary}")
    if failed:
        raise typer.Exit(1)


def _check_one(path: Path, kind: str, allow: tuple[Path, ...]) -> tuple[str, list[Problem]]:
    """(what the file holds, its warnings) or the file's problems raised."""
    if kind == "manifest":
        from studyprint.read.manifest import load_manifest, load_roster

        manifest = load_manifest(path, allow=allow)
        students = len(load_roster(manifest.roster)) if manifest.roster else 0
        who = f"{students} students" if students else "one class packet"
        return f"packet of {plural(len(manifest.decks), 'deck')}, {who}", []
    if kind == "catalogue":
        from studyprint.read.catalogue import load_words, resolve_page_language

        ref, problem = resolve_page_language(str(path), None)
        if ref is None:
            raise OptionError(problem)
        words = load_words(ref)
        own = len(words.messages)
        return f"page language {words.code}, {own} of {len(words.fallback)} messages", []
    if kind == "layout":
        from studyprint.read.layout import load_layout

        layout = load_layout(str(path), allow=allow)
        width, height = (round(x / 72 * 25.4) for x in layout.page_size)
        return f"layout, {width} x {height} mm, {layout.fonts.body:g} pt text", []
    from studyprint.read.deck import load_deck

    deck = load_deck(path, allow=allow)
    return plural(len(deck.terms), "term"), list(deck.warnings)


@app.command("layouts")
def list_layouts() -> None:
    """List the built-in layouts (use one with --layout NAME)."""
    from studyprint.read.layout import describe_builtin

    rows = describe_builtin()
    width = max((len(name) for name, _ in rows), default=0)
    for name, description in rows:
        say(f"{name.ljust(width)}  {description}".rstrip())


@app.command("import")
def import_deck(
    source: Annotated[
        Path, typer.Argument(help="A Quizlet, Anki or spreadsheet export.", show_default=False)
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="The deck to write (.yaml).")
    ] = None,
    format: FormatOpt = "auto",
    title: Annotated[str | None, typer.Option("--title", help="The deck's title.")] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="The class or course.")] = None,
    term_sep: TermSepOpt = None,
    row_sep: RowSepOpt = None,
    columns: ColumnsOpt = None,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Import the good rows and say how many were skipped.")
    ] = False,
    encoding: EncodingOpt = None,
    language: LanguageOpt = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the deck file if it exists.")
    ] = False,
) -> None:
    """Turn a Quizlet, Anki or spreadsheet export into a deck you can edit and print."""
    from studyprint.output import TEXT, atomic_output, check_not_input, refuse_special
    from studyprint.read.deckwriter import to_yaml
    from studyprint.read.imports import read_export

    options = import_options(
        columns,
        format,
        term_sep,
        row_sep,
        encoding,
        language,
        title=title,
        subject=subject,
        skip_bad=skip_bad,
    )
    imported = read_export(source, options)
    out = output or Path(f"{source.stem}.yaml")
    refuse_special(out)  # as typed: "-o /dev/null" is not "/dev/null.yaml"
    if out.is_dir():
        out = out / f"{source.stem}.yaml"
    elif out.suffix.lower() not in (".yaml", ".yml"):
        out = out.with_name(out.name + ".yaml")
    check_not_input(out, [source])
    if out.exists() and not force:  # a deck is edited by hand: never replace one unasked
        raise OptionError(
            f"{out} already exists and may hold your edits; choose another name, "
            "or add --force to replace it"
        )
    with atomic_output(out, TEXT) as tmp:
        tmp.write_text(to_yaml(imported.deck, shown_bytes(source.name)), encoding="utf-8")
    for note in imported.notes:
        say(f"note: {note}", err=True)
    if imported.skipped:
        warn(imported.skipped)
        say(f"skipped {len(imported.skipped)} bad row(s)", err=True)
    count = len(imported.deck.terms)
    kind = {"anki": "an Anki", "quizlet": "a Quizlet"}.get(imported.format, "a spreadsheet")
    say(f"wrote {out} ({plural(count, 'term')} from {kind} export)")


@app.command("new")
def new_deck(
    deck: Annotated[Path, typer.Argument(help="The deck file to write.", show_default=False)],
    source: Annotated[
        Path | None,
        typer.Option(
            "--from", help="Start from a spreadsheet, Quizlet or Anki export.", show_default=False
        ),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="The deck's title.")] = None,
) -> None:
    """Write a starter deck to fill in, with comments on every key (or convert an export)."""
    from studyprint.output import TEXT, atomic_output, check_not_input, refuse_special
    from studyprint.read.deckwriter import starter, to_yaml

    refuse_special(deck)  # as typed: "new /dev/null" is not "/dev/null.yaml"
    out = deck if deck.suffix.lower() in (".yaml", ".yml") else deck.with_suffix(".yaml")
    if out.exists():
        raise OptionError(f"{out} already exists; choose another name (it is left as it is)")
    name = title or out.stem.replace("-", " ").replace("_", " ").strip().capitalize() or "My deck"
    if source is not None:
        from studyprint.read.imports import read_export

        check_not_input(out, [source])
        imported = read_export(source, import_options(title=title))
        for note in imported.notes:
            say(f"note: {note}", err=True)
        text = to_yaml(imported.deck, shown_bytes(source.name))
        what = f"{len(imported.deck.terms)} terms from {source.name}"
    else:
        text = starter(out.name, name)
        what = "a starter deck: fill in your terms"
    with atomic_output(out, TEXT) as tmp:
        tmp.write_text(text, encoding="utf-8")
    say(f"wrote {out} ({what}); check it with: studyprint check {out}")


@app.command("fonts")
def font_specimen(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Where to write the specimen PDF.")
    ] = Path("font-specimen.pdf"),
    family: Annotated[
        FontFamily, typer.Option("--family", help="Font family: sans or hyperlegible.")
    ] = "sans",
) -> None:
    """Print a one-page specimen of every script studyprint can print."""
    from studyprint.output import PDF, atomic_output
    from studyprint.text.specimen import build_specimen

    with atomic_output(output, PDF) as tmp:
        build_specimen(tmp, family)
    say(f"wrote {output}")
