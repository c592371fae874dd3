"""``studyprint build``: every deck's sheets, cards and quiz, and every packet, in one run."""

from __future__ import annotations

import os
import shutil
import tempfile
import zlib
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from studyprint.deck import DECK_SUFFIXES, load_decks
from studyprint.errors import DeckError
from studyprint.jobs import Job, run_all
from studyprint.manifest import is_manifest, load_manifests
from studyprint.packet import build_packet

#: What a build makes of each deck: (job kind, file name, settings).
DECK_OUTPUTS: tuple[tuple[str, str, tuple[tuple[str, object], ...]], ...] = (
    ("sheet", "guide.pdf", (("answers", "inline"),)),
    ("glossary", "glossary.pdf", ()),
    ("cards", "cards.pdf", (("mode", "fold"),)),
    ("quiz", "quiz.pdf", ()),
    ("keys", "quiz-key.pdf", ()),
)
QUIZ = (
    ("count", 20),
    ("types", ("mc", "tf", "match", "written", "short")),
    ("points", 1.0),
    ("title", None),
    ("versions", ("A",)),
)


@dataclass(slots=True)
class BuildResult:
    rows: list[tuple[Path, int, float | None]]  # file, pages, seconds (None: bundled)
    warnings: list[str] = field(default_factory=list)


def discover(content: Path) -> tuple[list[Path], list[Path]]:
    """(decks, packet manifests) under ``content``, sorted."""
    files = sorted(
        p for p in content.rglob("*") if p.suffix.lower() in DECK_SUFFIXES and p.is_file()
    )
    manifests = [p for p in files if is_manifest(p)]
    return [p for p in files if p not in manifests], manifests


def _seed(relative: Path) -> int:
    """A fixed seed per deck, so re-running a build gives the same quizzes."""
    return zlib.crc32(relative.as_posix().encode()) % 1_000_000


def build_all(
    content: Path,
    out_dir: Path,
    executor: Executor,
    progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    decks, manifests = discover(content)
    _, problems = load_decks(decks)
    loaded_manifests, manifest_problems = load_manifests(manifests)
    problems += manifest_problems
    if problems:
        raise DeckError(problems)
    out_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".build.", dir=out_dir))
    jobs: list[Job] = []
    finals: list[Path] = []
    try:
        for path in decks:
            relative = path.relative_to(content).with_suffix("")
            for kind, name, settings in DECK_OUTPUTS:
                if kind in ("quiz", "keys"):
                    settings = (*QUIZ, ("seed", _seed(relative)))
                out = scratch / f"{len(jobs):04d}.pdf"
                jobs.append(
                    Job(kind, (str(path),), str(out), f"{path} · {kind}", settings=settings)
                )
                finals.append(out_dir / relative / name)
        results = run_all(jobs, executor, progress)
        rows: list[tuple[Path, int, float | None]] = []
        for result, final in zip(results, finals, strict=True):
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(result.out, final)
            rows.append((final, result.pages, result.seconds))
        warnings = list(dict.fromkeys(w for r in results for w in r.warnings))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for manifest in loaded_manifests:
        packet = build_packet(manifest, out_dir / "packets", executor, progress)
        rows += [(path, pages, None) for path, pages in packet.files]
        warnings += packet.warnings
    return BuildResult(rows, warnings)
