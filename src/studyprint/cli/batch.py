"""Commands for whole classes and schools: packet, build."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from studyprint.cli.shared import (
    AllowOpt,
    JobsOpt,
    QuietOpt,
    SchedulerOpt,
    allowed,
    app,
    job_executor,
    print_table,
    progress_bar,
    say,
)
from studyprint.errors import OptionError, ProblemsError
from studyprint.resources import shown_path


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
    allow_path: AllowOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Print whole packets (sheets, cards, quizzes) for a class or for every student."""
    import time

    from studyprint.batch.build import clashes
    from studyprint.batch.packet import build_packet, packet_folder
    from studyprint.output import output_folder
    from studyprint.read.manifest import load_manifests

    output_folder(output)
    loaded, problems = load_manifests(manifests, allowed(allow_path))
    problems += clashes([(m.path, packet_folder(output, m).name) for m in loaded])
    if problems:
        raise ProblemsError(problems)
    start = time.perf_counter()
    pool, close = job_executor(jobs, scheduler)
    rows: list[tuple[str, int, float | None]] = []
    try:
        for manifest in loaded:
            with progress_bar(quiet, manifest.path.stem) as update:
                result = build_packet(manifest, output, pool, update, seed)
            for warning in result.warnings:
                say(warning, err=True)
            rows += [(str(path), pages, None) for path, pages in result.files]
            say(f"{shown_path(manifest.path)}: seed {result.seed}", err=True)
    finally:
        close()
    print_table(rows)
    total = sum(pages for _, pages, _ in rows)
    say(f"made {len(rows)} files, {total} pages in {time.perf_counter() - start:.1f} s")


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
    allow_path: AllowOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Build everything: each deck's guide, glossary, cards, quiz and key, and every packet."""
    import time

    from studyprint.batch.build import build_all, how_to_print, prepare_build
    from studyprint.resources import content_dir

    if content is None:
        content = Path("content") if Path("content").is_dir() else content_dir()
    if not content.is_dir():
        raise OptionError(f"{content}: not a folder of decks")
    allow = allowed(allow_path)
    prepared = prepare_build(content, output, allow)  # before the progress bar: messages alone
    start = time.perf_counter()
    pool, close = job_executor(jobs, scheduler)
    try:
        with progress_bar(quiet, "building") as update:
            result = build_all(content, output, pool, update, prepared, allow)
    finally:
        close()
    for warning in result.warnings:
        say(warning, err=True)
    rows = [(_shown(path), pages, seconds) for path, pages, seconds in result.rows]
    print_table(rows)
    total = sum(pages for _, pages, _ in rows)
    say(f"made {len(rows)} files, {total} pages in {time.perf_counter() - start:.1f} s")
    say("")
    say(f"What to print, from {_shown(output)}:")
    for line in how_to_print([path for path, _, _ in result.rows]):
        say(f"  {line}")


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
