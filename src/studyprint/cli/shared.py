"""The Typer app and what its commands share: the error boundary, options, tables.

The CLI is the only part of studyprint that prints or picks exit codes, and
it picks them in one place, :func:`exit_code`: 0 success, 1 a problem in a
deck, layout or output, 2 a usage error, 3 a bug. Every command runs inside
one boundary (:class:`Boundary`), so no command catches errors itself. Heavy
modules (ReportLab, pypdf) are imported inside the commands that need them so
that ``studyprint --help`` stays fast.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from studyprint import __version__
from studyprint.errors import (
    OptionError,
    Problem,
    ProblemsError,
    StudyprintError,
    shown_bytes,
)
from studyprint.vocab import Ask, ImportFormat, Paper

if TYPE_CHECKING:
    from studyprint.read.imports import ImportOptions
    from studyprint.request import Selection


#: Control characters, bidi controls, and the stand-ins Python uses for the bytes of
#: a file name or argument that is not UTF-8 (shown as \xff rather than raw bytes).
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\udc80-\udcff]"
)


def escape_terminal(text: str) -> str:
    """Control characters as visible escapes: deck text can never clear the screen,
    colour it, reorder it or start a second line that looks like ours."""
    return _CONTROL.sub(_visible, text)


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    if 0xDC80 <= ord(char) <= 0xDCFF:
        return f"\\x{ord(char) - 0xDC00:02x}"  # the byte itself
    return repr(char)[1:-1] if ord(char) < 0x100 else f"\\u{ord(char):04x}"  # \n, \x1b


def say(text: str, err: bool = False) -> None:
    """Print one line (studyprint's only way to the terminal)."""
    typer.echo(escape_terminal(text), err=err)


def exit_code(error: BaseException) -> int:
    """The exit code for an error that ends a command: the only place they are chosen."""
    if isinstance(error, KeyboardInterrupt):
        return 130  # Ctrl-C, or SIGTERM (see main): as shells report an interrupted command
    if isinstance(error, OptionError):
        return 2
    if isinstance(error, StudyprintError | OSError):
        return 1  # OSError: the disk, not studyprint (full, read-only, name too long)
    return 3  # anything else is a bug in studyprint


#: Set once an interruption was reported (so the entry point does not say it twice).
interrupt_reported = False


def report(error: BaseException) -> NoReturn:
    """Say what went wrong, one line per problem, and exit with its code."""
    if isinstance(error, ProblemsError):
        for problem in error.problems:
            say(str(problem), err=True)
    elif isinstance(error, StudyprintError):
        say(f"error: {error}", err=True)
    elif isinstance(error, KeyboardInterrupt):
        global interrupt_reported
        interrupt_reported = True
        say("studyprint: interrupted; no half-written file was kept", err=True)
    elif isinstance(error, OSError):
        say(f"error: {disk_message(error)}", err=True)
    else:
        say(
            f"studyprint: internal error ({type(error).__name__}: {error}). This is a bug; "
            "please report it with the command you ran (STUDYPRINT_DEBUG=1 shows details).",
            err=True,
        )
    raise typer.Exit(exit_code(error))


def disk_message(error: OSError) -> str:
    """A failed read or write in one line, naming the file where the system does."""
    reason = error.strerror or str(error)
    advice = {
        errno.ENOSPC: "; free some space and run it again (nothing half-written was kept)",
        errno.EDQUOT: "; free some space and run it again (nothing half-written was kept)",
        errno.EROFS: "; choose another folder with -o",
        errno.EACCES: "; choose a folder you may write in with -o",
        errno.ENAMETOOLONG: "; choose a shorter name",
        errno.EFBIG: "; the file is larger than this system allows here (nothing was kept)",
    }.get(error.errno or 0, "")
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{reason}{advice}"


#: Paths typed with a trailing slash ("-o handouts/"): a folder is meant, made if missing.
FOLDERS_MEANT: set[str] = set()


def folder_meant(path: Path) -> bool:
    """``path`` names a folder: one that exists, or one typed with a trailing slash."""
    with contextlib.suppress(OSError):  # a name too long is reported when writing
        if path.is_dir():
            return True
    return str(path) in FOLDERS_MEANT


def _argument_problem(command: Any, args: list[str]) -> str | None:
    """A message for the first argument a person cannot have meant: bytes that are not
    UTF-8 where text is wanted (a file name may hold any bytes; a title, a tag or a name
    must be text), or an empty file name (an unset ``$OUT`` would write into the
    current folder). Paths typed with a trailing slash are noted in FOLDERS_MEANT."""
    options = {opt: param for param in command.params for opt in param.opts}
    positional = [p for p in command.params if not p.opts[0].startswith("-")]
    FOLDERS_MEANT.clear()  # this command's own (one process may run several: tests)
    for n, arg in enumerate(args):
        name: str | None = None
        if arg.startswith("--") and "=" in arg:
            name, arg = arg.split("=", 1)
        elif n and args[n - 1] in options and not options[args[n - 1]].is_flag:
            name = args[n - 1]
        elif (arg.startswith("-") and arg != "-") or (n and args[n - 1].startswith("--")):
            continue  # an option's name, a flag, or an unknown option's value (Typer says)
        params = [options[name]] if name in options else positional
        is_path = bool(params) and all(getattr(p.type, "name", "") == "path" for p in params)
        if is_path and arg == "":
            return f"{name or 'a file name'} is empty (is a variable unset?); give a name"
        if is_path and arg.endswith(("/", os.sep)) and arg.strip("/" + os.sep):
            FOLDERS_MEANT.add(str(Path(arg)))
        if not is_path and any("\udc80" <= c <= "\udcff" for c in arg):
            return (
                f"{name or 'an argument'}: '{escape_terminal(shown_bytes(arg))}' is not text "
                "(the bytes shown as \\x.. are not UTF-8); type it again, or set your "
                "terminal to UTF-8"
            )
    return None


class Boundary(TyperGroup):
    """Runs every command; a user's mistake or a bug becomes a message and an exit code."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None and not isinstance(command, TyperGroup):
            problem = _argument_problem(command, rest)
            if problem is not None:
                say(f"error: {problem}", err=True)
                raise typer.Exit(exit_code(OptionError(problem)))
        return name, command, rest

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise  # Typer's own: --help, usage errors, exits
        except (StudyprintError, KeyboardInterrupt, OSError) as exc:
            report(exc)  # an interruption unwound every scratch folder and temporary file
        except Exception as exc:
            if os.environ.get("STUDYPRINT_DEBUG"):
                raise
            report(exc)


app = typer.Typer(
    cls=Boundary,
    name="studyprint",
    help="Turn study decks written in YAML into printable study sheets, flashcards and quizzes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        say(f"studyprint {__version__}")
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


def plural(number: int, word: str) -> str:
    """``1 page``, ``3 pages``."""
    return f"{number} {word}{'' if number == 1 else 's'}"


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
    Paper | None,
    typer.Option("--paper", case_sensitive=False, help="Paper size, overriding the layout's."),
]


PageLanguageOpt = Annotated[
    str | None,
    typer.Option(
        "--page-language",
        help="Language of the words the page prints (Name, instructions, page numbers): "
        "en, es, fr, de, ja, zh, ko, ar, or a catalogue file. Default: the layout's, "
        "else the deck's page_language, else en.",
        show_default=False,
    ),
]


TermsOpt = Annotated[
    str | None, typer.Option("--terms", help='Only these terms: "term one, term two".')
]


TagsOpt = Annotated[
    str | None, typer.Option("--tags", help="Only terms with any of these tags: a,b.")
]


CountOpt = Annotated[
    int | None,
    typer.Option(
        "--count",
        min=1,
        max=500,
        show_default=False,
        help="Number of questions (default: as many as the decks carry without one item "
        "giving another away, up to 20).",
    ),
]
AskOpt = Annotated[
    Ask,
    typer.Option(
        "--ask",
        case_sensitive=False,
        help="term: show definitions, ask terms; definition: the reverse; both.",
    ),
]


RepeatsOpt = Annotated[
    bool,
    typer.Option(
        "--allow-repeats",
        help="Ask a term more than once when the decks are too small for --count.",
    ),
]


def warn(problems: Sequence[Problem]) -> None:
    for problem in problems:
        say(str(problem), err=True)


def selection(
    paths: list[Path],
    terms: str | None,
    tags: str | None,
    imports: ImportOptions | None = None,
    allow: list[Path] | None = None,
) -> Selection:
    """The decks named on the command line, as a request's selection."""
    from studyprint.request import Selection
    from studyprint.selection import split_list

    for option, value in (("--terms", terms), ("--tags", tags)):
        if value is not None and not split_list(value):  # ",,," would select everything
            raise OptionError(f"{option} names nothing; give names separated by commas")
    return Selection(
        tuple(paths), tuple(split_list(terms)), tuple(split_list(tags)), imports, allowed(allow)
    )


AllowOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--allow-path",
        help="Let decks, manifests and layouts name files in this folder too "
        "(by default only in their own folder). Repeatable.",
        show_default=False,
    ),
]


def allowed(folders: list[Path] | None) -> tuple[Path, ...]:
    """``--allow-path`` folders, each an existing folder."""
    for folder in folders or ():
        if not folder.is_dir():
            raise OptionError(f"--allow-path {folder}: not a folder; name an existing folder")
    return tuple(folders or ())


ColumnsOpt = Annotated[
    str | None,
    typer.Option(
        "--columns",
        help="Export columns by name or number: term=1,definition=3,reading=kana.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    ImportFormat,
    typer.Option("--format", case_sensitive=False, help="What an export is (auto: guess)."),
]
TermSepOpt = Annotated[
    str | None,
    typer.Option("--term-sep", help="Quizlet: between term and definition (default: tell)."),
]
RowSepOpt = Annotated[
    str | None, typer.Option("--row-sep", help="Quizlet: between cards (default: new line).")
]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        help="An export's encoding (default: tell UTF-8, UTF-16, Windows-1252, Mac Roman apart).",
        show_default=False,
    ),
]
LanguageOpt = Annotated[
    str | None,
    typer.Option(
        "--language",
        help="An export's language tag (default: guess from its letters).",
        show_default=False,
    ),
]


def import_options(
    columns: str | None = None,
    format: ImportFormat = "auto",
    term_sep: str | None = None,
    row_sep: str | None = None,
    encoding: str | None = None,
    language: str | None = None,
    **more: Any,
) -> ImportOptions:
    """How to read an export, from the options ``import`` and the printing commands share."""
    from studyprint.read.imports import (
        ImportOptions,
        check_language,
        parse_columns,
        unescape_separator,
    )

    return ImportOptions(
        format=format,
        term_sep=unescape_separator(term_sep) if term_sep else None,
        row_sep=unescape_separator(row_sep) if row_sep else None,
        columns=parse_columns(columns),
        encoding=encoding,
        language=check_language(language),
        **more,
    )


def deck_stem(decks: list[Path]) -> str:
    """What an output is named after when -o is not given: the one deck, else "decks"."""
    return decks[0].stem if len(decks) == 1 and not decks[0].is_dir() else "decks"


def output_path(output: Path | None, decks: list[Path], suffix: str) -> Path:
    """``-o`` as given (``.pdf`` added), the usual name inside it if it names an
    existing folder, else a name from the deck: ``therapy-guide.pdf``."""
    from studyprint.output import refuse_special

    usual = Path(f"{deck_stem(decks)}-{suffix}.pdf")
    if output is None:
        return usual
    if folder_meant(output):
        return output / usual
    if output.name.lower() == ".pdf":  # not a hidden file called .pdf: a name was left out
        raise OptionError(f"-o {output}: give the file a name before .pdf")
    refuse_special(output)  # as typed: "-o /dev/full" is not "/dev/full.pdf"
    if output.suffix.lower() in NOT_PDF:  # "-o deck.yaml" is a slip, not a wish for deck.pdf
        raise OptionError(f"-o {output}: this command writes a PDF; give a name ending in .pdf")
    return output if output.suffix.lower() == ".pdf" else output.with_name(output.name + ".pdf")


#: Suffixes of files studyprint reads or other programs own: never a PDF's name.
NOT_PDF = (".yaml", ".yml", ".csv", ".tsv", ".txt", ".json", ".png", ".jpg", ".jpeg", ".gif",
           ".docx", ".xlsx", ".apkg", ".html")  # fmt: skip


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
def progress_bar(quiet: bool, label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich progress bar on stderr for long runs; nothing when quiet, and nothing
    when stderr is a log or a pipe (it left a blank line before an error there)."""
    from rich.console import Console

    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

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


def print_table(rows: list[tuple[str, int, float | None]]) -> None:
    """The summary table: file, pages and (for files made by one job) time."""
    width = max([len(name) for name, _, _ in rows] + [4])
    say(f"{'file'.ljust(width)}  {'pages':>5}  {'time':>7}")
    for name, pages, seconds in rows:
        shown = f"{seconds:6.2f}s" if seconds is not None else ""
        say(f"{name.ljust(width)}  {pages:>5}  {shown:>7}")


def job_executor(jobs: int | None, scheduler: str | None) -> tuple[Any, Callable[[], None]]:
    from studyprint.batch.jobs import make_executor

    return make_executor(jobs or os.cpu_count() or 1, scheduler)
