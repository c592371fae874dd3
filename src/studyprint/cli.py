"""The ``studyprint`` command line: the only place that prints or picks exit codes.

Exit codes: 0 success, 1 a problem in a deck, layout or output, 2 a usage error.
Heavy modules (ReportLab, pypdf) are imported inside the commands that need
them so that ``studyprint --help`` stays fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from studyprint import __version__
from studyprint.errors import OptionError, Problem, ProblemsError, StudyprintError

if TYPE_CHECKING:
    from studyprint.layouts import Layout
    from studyprint.model import Deck

app = typer.Typer(
    name="studyprint",
    help="Turn study decks written in YAML into printable study sheets, flashcards and quizzes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"studyprint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Turn study decks written in YAML into printable study sheets, flashcards and quizzes."""


def _count(number: int, word: str) -> str:
    """``1 page``, ``3 pages``."""
    return f"{number} {word}{'' if number == 1 else 's'}"


def _fail(error: StudyprintError) -> NoReturn:
    """Report a user-facing error, one line per problem, and exit."""
    if isinstance(error, ProblemsError):
        for problem in error.problems:
            typer.echo(str(problem), err=True)
    else:
        typer.echo(f"error: {error}", err=True)
    raise typer.Exit(2 if isinstance(error, OptionError) else 1)


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
        _fail(OptionError("no deck files found in the folders given"))
    for path in files:
        if path.is_file() and is_manifest(path):
            try:
                manifest = load_manifest(path)
                students = len(load_roster(manifest.roster)) if manifest.roster else 0
            except DeckError as exc:
                failed = True
                _warn(exc.problems)
                continue
            who = f"{students} students" if students else "one class packet"
            count = len(manifest.decks)
            typer.echo(f"ok: {path}: packet of {_count(count, 'deck')}, {who}")
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
        typer.echo(f"ok: {path}: {_count(count, 'term')}")
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


class Paper(StrEnum):
    letter = "letter"
    a4 = "a4"


class SheetStyle(StrEnum):
    guide = "guide"
    glossary = "glossary"


class AnswerPlace(StrEnum):
    inline = "inline"
    end = "end"
    none = "none"


DecksArg = Annotated[
    list[Path], typer.Argument(help="Deck files (or folders of decks).", show_default=False)
]
OutputOpt = Annotated[
    Path | None, typer.Option("-o", "--output", help="The PDF to write.", show_default=False)
]
LayoutOpt = Annotated[
    str | None,
    typer.Option("--layout", help="A built-in layout name (see 'studyprint layouts') or a path."),
]
PaperOpt = Annotated[
    Paper | None, typer.Option("--paper", help="Paper size, overriding the layout's.")
]
TermsOpt = Annotated[
    str | None, typer.Option("--terms", help='Only these terms: "term one, term two".')
]
TagsOpt = Annotated[
    str | None, typer.Option("--tags", help="Only terms with any of these tags: a,b.")
]


def _warn(problems: list[Problem]) -> None:
    for problem in problems:
        typer.echo(str(problem), err=True)


def _load_decks(paths: list[Path], terms: str | None, tags: str | None) -> list[Deck]:
    """Load every deck (reporting all problems of all files), then apply the selection."""
    return _load_decks_and_all(paths, terms, tags)[0]


def _load_decks_and_all(
    paths: list[Path], terms: str | None, tags: str | None
) -> tuple[list[Deck], list[Deck]]:
    """(selected decks, all decks as loaded)."""
    from studyprint.deck import expand_deck_paths, load_decks
    from studyprint.selection import select, split_list

    files = expand_deck_paths(paths)
    if not files:
        _fail(OptionError("no deck files found in the folders given"))
    decks, problems = load_decks(files)
    for deck in decks:
        _warn(list(deck.warnings))
    if problems:
        _fail(ProblemsError(problems))
    try:
        return select(decks, split_list(terms), split_list(tags)), decks
    except StudyprintError as exc:
        _fail(exc)


def _load_layout(name: str | None, paper: Paper | None, default: str = "letter") -> Layout:
    from studyprint.layouts import load_layout

    try:
        return load_layout(name or default, paper.value if paper else None)
    except StudyprintError as exc:
        _fail(exc)


def _output_path(output: Path | None, decks: list[Path], suffix: str) -> Path:
    if output is not None:
        return output if output.suffix.lower() == ".pdf" else output.with_suffix(".pdf")
    stem = decks[0].stem if len(decks) == 1 and not decks[0].is_dir() else "decks"
    return Path(f"{stem}-{suffix}.pdf")


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

    loaded = _load_decks(decks, terms, tags)
    chosen_layout = _load_layout(layout, paper)
    out = _output_path(output, decks, style.value)
    from studyprint.sheet import build_sheet

    try:
        check_not_input(out, expand_deck_paths(decks))
        with atomic_output(out) as tmp:
            result = build_sheet(
                loaded, tmp, style=style.value, answers=answers.value, layout=chosen_layout
            )
    except StudyprintError as exc:
        _fail(exc)
    _warn(result.warnings)
    typer.echo(f"wrote {out} ({_count(result.pages, 'page')})")


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
        _fail(OptionError(f"--offset takes two millimetre values like 1.5,-1, not '{value}'"))
    if abs(x) > 20 or abs(y) > 20:
        _fail(OptionError("--offset is limited to 20 mm each way; print --calibrate to measure"))
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
    chosen_layout = _load_layout(layout, paper, default_layout)
    if calibrate:
        from studyprint.cards import build_calibration

        out = output or Path("calibration.pdf")
        try:
            with atomic_output(out) as tmp:
                build_calibration(tmp, layout=chosen_layout, flip=flip.value)
        except StudyprintError as exc:
            _fail(exc)
        typer.echo(f"wrote {out} (2 pages: print double-sided, then read the back)")
        return
    if not decks:
        _fail(OptionError("give at least one deck (or --calibrate)"))
    loaded, everything = _load_decks_and_all(decks, terms, tags)
    from studyprint.cards import CardJob, build_cards, card_options, manual_paths
    from studyprint.deck import expand_deck_paths

    try:
        chosen_mode = mode.value if mode else card_options(chosen_layout).mode
    except StudyprintError as exc:
        _fail(exc)
    job = CardJob(
        mode=chosen_mode,
        flip=flip.value,
        offset=_parse_offset(offset),
        front=front.value,
        strict=strict,
        reverse_backs=reverse_backs,
    )
    out = _output_path(output, decks, "cards")
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
        _fail(exc)
    _warn(result.warnings)
    names = " and ".join(str(p) for p in outs)
    typer.echo(f"wrote {names} ({_count(result.cards, 'card')}, {_count(result.pages, 'page')})")


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
        _fail(
            OptionError(
                f"--types takes any of {','.join(TYPES)}; not {','.join(unknown) or 'nothing'}"
            )
        )
    loaded = _load_decks(decks, terms, tags)
    chosen_layout = _load_layout(layout, paper)
    if seed is None:
        seed = secrets.randbelow(1_000_000)
    plan = generate(loaded, count, chosen_types, seed)  # type: ignore[arg-type]
    for warning in plan.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if plan.count == 0:
        _fail(OptionError("no questions could be made from these decks with these --types"))
    arranged = [arrange(plan, letter) for letter in version_letters(versions)]
    out = _output_path(output, decks, "quiz")
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
        _fail(exc)
    questions = plan.count
    made = f"wrote {out} ({_count(questions, 'question')}, {_count(versions, 'version')}, "
    made += f"{_count(result.pages, 'page')}, seed {seed})"
    typer.echo(made)
    if key_out:
        typer.echo(f"wrote {key_out} ({_count(result.key_pages, 'page')})")


JobsOpt = Annotated[
    int | None,
    typer.Option("--jobs", min=1, max=64, help="Parallel jobs (default: the number of cores)."),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", help="Run jobs on a Dask cluster: tcp://HOST:PORT."),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", help="No progress bar.")]


@contextlib.contextmanager
def _progress(quiet: bool, label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich progress bar on stderr for long runs; nothing when quiet."""
    if quiet:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        f"[bold]{label}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _table(rows: list[tuple[str, int, float | None]]) -> None:
    """The summary table: file, pages and (for files made by one job) time."""
    width = max([len(name) for name, _, _ in rows] + [4])
    typer.echo(f"{'file'.ljust(width)}  {'pages':>5}  {'time':>7}")
    for name, pages, seconds in rows:
        shown = f"{seconds:6.2f}s" if seconds is not None else ""
        typer.echo(f"{name.ljust(width)}  {pages:>5}  {shown:>7}")


def _executor(jobs: int | None, scheduler: str | None) -> tuple[Any, Callable[[], None]]:
    from studyprint.jobs import make_executor

    try:
        return make_executor(jobs or os.cpu_count() or 1, scheduler)
    except StudyprintError as exc:
        _fail(exc)


@app.command()
def packet(
    manifests: Annotated[
        list[Path], typer.Argument(help="Packet manifest files.", show_default=False)
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder for the packets.")] = Path(
        "out"
    ),
    jobs: JobsOpt = None,
    scheduler: SchedulerOpt = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Quiz seed, if the manifest gives none.")
    ] = None,
    quiet: QuietOpt = False,
) -> None:
    """Print whole packets (sheets, cards, quizzes) for a class or for every student."""
    import time

    from studyprint.manifest import load_manifests
    from studyprint.packet import build_packet

    loaded, problems = load_manifests(manifests)
    if problems:
        _fail(ProblemsError(problems))
    start = time.perf_counter()
    executor, close = _executor(jobs, scheduler)
    rows: list[tuple[str, int, float | None]] = []
    try:
        for manifest in loaded:
            with _progress(quiet, manifest.path.stem) as update:
                result = build_packet(manifest, output, executor, update, seed)
            for warning in result.warnings:
                typer.echo(warning, err=True)
            rows += [(str(path), pages, None) for path, pages in result.files]
            typer.echo(f"{manifest.path}: seed {result.seed}", err=True)
    except StudyprintError as exc:
        _fail(exc)
    finally:
        close()
    _table(rows)
    total = sum(pages for _, pages, _ in rows)
    typer.echo(f"made {len(rows)} files, {total} pages in {time.perf_counter() - start:.1f} s")


@app.command()
def build(
    content: Annotated[
        Path | None,
        typer.Argument(
            help="Folder of decks and packet manifests (default: ./content, else the samples).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Folder for everything made.")
    ] = Path("out"),
    jobs: JobsOpt = None,
    scheduler: SchedulerOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Build everything: each deck's guide, glossary, cards, quiz and key, and every packet."""
    import time

    from studyprint.build import build_all
    from studyprint.resources import content_dir

    if content is None:
        content = Path("content") if Path("content").is_dir() else content_dir()
    if not content.is_dir():
        _fail(OptionError(f"{content}: not a folder of decks"))
    start = time.perf_counter()
    executor, close = _executor(jobs, scheduler)
    try:
        with _progress(quiet, "building") as update:
            result = build_all(content, output, executor, update)
    except StudyprintError as exc:
        _fail(exc)
    finally:
        close()
    for warning in result.warnings:
        typer.echo(warning, err=True)
    rows = [(_shown(path), pages, seconds) for path, pages, seconds in result.rows]
    _table(rows)
    total = sum(pages for _, pages, _ in rows)
    typer.echo(f"made {len(rows)} files, {total} pages in {time.perf_counter() - start:.1f} s")


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


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
        _fail(exc)
    out = output or Path(f"{source.stem}.yaml")
    if out.suffix.lower() not in (".yaml", ".yml"):
        out = out.with_suffix(".yaml")
    try:
        check_not_input(out, [source])
        with atomic_output(out) as tmp:
            tmp.write_text(to_yaml(imported.deck, source.name), encoding="utf-8")
    except StudyprintError as exc:
        _fail(exc)
    if imported.skipped:
        _warn(imported.skipped)
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
        _fail(OptionError(f"--family must be sans or hyperlegible, not '{family}'"))
    from studyprint.text.specimen import build_specimen

    try:
        with atomic_output(output) as tmp:
            build_specimen(tmp, family)
    except StudyprintError as exc:
        _fail(exc)
    typer.echo(f"wrote {output}")


def main() -> None:
    """Console-script entry point; a traceback reaching the user is a bug, so say so."""
    try:
        app()
    except StudyprintError as exc:  # pragma: no cover - commands catch their own
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except Exception as exc:
        if os.environ.get("STUDYPRINT_DEBUG"):
            raise
        typer.echo(
            f"studyprint: internal error ({type(exc).__name__}: {exc}). This is a bug; "
            "please report it with the command you ran (STUDYPRINT_DEBUG=1 shows details).",
            err=True,
        )
        sys.exit(3)
