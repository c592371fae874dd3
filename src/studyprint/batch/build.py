"""``studyprint build``: every deck's sheets, cards and quiz, and every packet, in one run."""

from __future__ import annotations

import os
import shutil
import zlib
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from pathlib import Path

from studyprint.batch.jobs import Job, run_all
from studyprint.batch.packet import build_packet, packet_folder
from studyprint.errors import DeckError, Problem
from studyprint.output import (
    PDF,
    check_packet_folder,
    check_replaceable,
    named,
    output_folder,
    remove_if_empty,
    scratch_folder,
)
from studyprint.read.deck import expand_deck_paths, load_decks
from studyprint.read.manifest import Manifest, load_manifests
from studyprint.request import CardsRequest, QuizRequest, Request, Selection, SheetRequest
from studyprint.safety import Allowed


def deck_outputs(path: Path, seed: int, allow: Allowed = ()) -> list[tuple[str, Request]]:
    """What a build makes of one deck: (file name, request), in order."""
    source = Selection((path,), allow=allow)
    quiz = QuizRequest(source, seed=seed, key="none")
    return [
        ("guide.pdf", SheetRequest(source, style="guide")),
        ("glossary.pdf", SheetRequest(source, style="glossary")),
        ("cards.pdf", CardsRequest(source, mode="fold")),
        ("quiz.pdf", quiz),
        ("quiz-key.pdf", replace(quiz, keys_only=True)),
    ]


#: What to do with each kind of file a build makes, said once after the table.
PRINTING = (
    ("guide.pdf", "study guides: print double-sided; answers are on the last page"),
    ("glossary.pdf", "glossaries: one-sided, fold along the dashed line to quiz yourself"),
    ("cards.pdf", "cards: print at actual size (100%), one-sided; fold on the dashed line, "
     "then cut along the grey lines"),
    ("quiz.pdf", "quizzes: one per student; quiz-key.pdf is for the teacher"),
    ("packet.pdf", "packets: print packet.pdf double-sided (each student starts on a new "
     "sheet; one file per student in students/); keys.pdf is for the teacher"),
)  # fmt: skip


def how_to_print(files: list[Path]) -> list[str]:
    """One line for each kind of file made, in the order above."""
    names = {path.name for path in files}
    return [line for name, line in PRINTING if name in names]


@dataclass(slots=True)
class BuildResult:
    rows: list[tuple[Path, int, float | None]]  # file, pages, seconds (None: bundled)
    warnings: list[str] = field(default_factory=list)


def discover(content: Path) -> tuple[list[Path], list[Path]]:
    """(decks, packet manifests) under ``content``, sorted."""
    return expand_deck_paths([content]), expand_deck_paths([content], kinds=("manifest",))


def _seed(relative: Path) -> int:
    """A fixed seed per deck, so re-running a build gives the same quizzes."""
    # fsencode: a file name that is not UTF-8 keeps its bytes (encode() raised)
    return zlib.crc32(os.fsencode(relative.as_posix())) % 1_000_000


def clashes(outputs: list[tuple[Path, str]]) -> list[Problem]:
    """Two inputs that would write the same output (``a.yaml`` and ``a.yml``, two
    manifests named alike): an error each, never one silently over the other."""
    first: dict[str, Path] = {}
    problems = []
    for path, name in outputs:
        key = name.casefold()  # a.pdf and A.pdf are one file on many disks
        if key in first:
            problems.append(
                Problem(
                    None,
                    f"would write the same output as {first[key]} ({name}); rename one of them",
                    path=str(path),
                )
            )
        else:
            first[key] = path
    return problems


def prepare_build(
    content: Path, out_dir: Path, allow: Allowed = ()
) -> tuple[list[Path], list[Manifest]]:
    """Everything a build reads, read and checked before anything is made: its decks,
    its manifests, and that no two of them would write the same output.

    The files they name may come from anywhere in ``content`` (the folder the
    user chose to build) and from ``allow``.
    """
    decks, manifests = require_content(content)
    output_folder(out_dir)
    roots = (content, *allow)
    _, problems = load_decks(decks, allow=roots)
    loaded_manifests, manifest_problems = load_manifests(manifests, roots)
    problems += manifest_problems
    problems += clashes(
        [(path, str(path.relative_to(content).with_suffix(""))) for path in decks]
        + [(m.path, packet_folder(out_dir / "packets", m).name) for m in loaded_manifests]
    )
    if problems:
        raise DeckError(problems)
    for manifest in loaded_manifests:  # refused now, before any deck's files are made
        check_packet_folder(packet_folder(out_dir / "packets", manifest))
    return decks, loaded_manifests


def require_content(content: Path) -> tuple[list[Path], list[Path]]:
    """(decks, manifests) under ``content``; an error if there are none at all."""
    decks, manifests = discover(content)
    if not decks and not manifests:
        raise DeckError(
            [
                Problem(
                    None,
                    "no decks or packet manifests here (YAML files with 'terms:' or "
                    "'decks:'); start a deck with 'studyprint new DECK.yaml'",
                    path=str(content),
                )
            ]
        )
    return decks, manifests


def build_all(
    content: Path,
    out_dir: Path,
    executor: Executor,
    progress: Callable[[int, int], None] | None = None,
    prepared: tuple[list[Path], list[Manifest]] | None = None,
    allow: Allowed = (),
) -> BuildResult:
    decks, loaded_manifests = prepared or prepare_build(content, out_dir, allow)
    scratch, made = scratch_folder(out_dir, ".build.")
    jobs: list[Job] = []
    finals: list[Path] = []
    finished = False
    try:
        for path in decks:
            relative = path.relative_to(content).with_suffix("")
            for name, request in deck_outputs(path, _seed(relative), (content, *allow)):
                out = scratch / f"{len(jobs):04d}.pdf"
                optional = isinstance(request, QuizRequest)  # a starter deck may be too small
                jobs.append(Job(request, str(out), f"{path} · {Path(name).stem}", optional))
                finals.append(out_dir / relative / name)
                check_replaceable(finals[-1], PDF)  # before anything is made
        results = run_all(jobs, executor, progress)
        rows: list[tuple[Path, int, float | None]] = []
        for result, final in zip(results, finals, strict=True):
            if not result.out:
                continue  # skipped: its warning says why
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(result.out, final)
            rows.append((final, result.pages, result.seconds))
        warnings = list(dict.fromkeys(w for r in results for w in r.warnings))
        finished = True
    except OSError as exc:
        raise named(exc, out_dir, scratch) from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if not finished:
            remove_if_empty(made)
    for manifest in loaded_manifests:
        packet = build_packet(manifest, out_dir / "packets", executor, progress)
        rows += [(path, pages, None) for path, pages in packet.files]
        warnings += packet.warnings
    return BuildResult(rows, warnings)
