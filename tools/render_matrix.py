"""Render every sample deck through every product and layout; print a hash per file.

Run it at two commits and compare, to prove a refactor changed structure and
not output:

    python tools/render_matrix.py --out /tmp/new > new.json
    git worktree add /tmp/old OLD_COMMIT
    PYTHONPATH=/tmp/old/src python tools/render_matrix.py --out /tmp/old-out > old.json
    python tools/render_matrix.py --compare old.json new.json

Everything goes through the command line (the one interface both commits
share), in this process, one command after another.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

SHEET_LAYOUTS = ("letter", "a4", "large-print")
CARD_LAYOUTS = ("letter-2x4", "a4-2x4", "avery-5371", "avery-5388", "large-print-cards")
CARD_MODES = (
    ("fold",),
    ("fold-horizontal",),
    ("duplex", "--flip", "long"),
    ("duplex", "--flip", "short"),
    ("manual", "--reverse-backs"),
)


def commands(content: Path) -> Iterator[tuple[str, list[str]]]:
    """(name, arguments) for every render; the name is also the output's stem."""
    decks = sorted(p for p in content.rglob("*.yaml") if "packets" not in p.parts)
    for deck in decks:
        d = deck.stem
        for layout in SHEET_LAYOUTS:
            for answers in ("inline", "end", "none"):
                yield (
                    f"{d}-guide-{answers}-{layout}",
                    ["sheet", str(deck), "--answers", answers, "--layout", layout],
                )
            yield (
                f"{d}-glossary-{layout}",
                ["sheet", str(deck), "--style", "glossary", "--layout", layout],
            )
        yield f"{d}-guide-letter-on-a4", ["sheet", str(deck), "--paper", "a4"]
        for layout in CARD_LAYOUTS:
            for mode, *extra in CARD_MODES:
                yield (
                    f"{d}-cards-{layout}-{mode}-{'-'.join(extra)}",
                    ["cards", str(deck), "--layout", layout, "--mode", mode, *extra],
                )
        yield (
            f"{d}-cards-definition-front",
            ["cards", str(deck), "--front", "definition", "--mode", "duplex", "--offset", "1.5,-1"],
        )
        yield f"{d}-cards-a4-paper", ["cards", str(deck), "--paper", "a4"]
        for layout in SHEET_LAYOUTS:
            yield (
                f"{d}-quiz-{layout}",
                ["quiz", str(deck), "--layout", layout, "--seed", "7", "--versions", "3"],
            )
        yield (
            f"{d}-quiz-key-end",
            [
                "quiz",
                str(deck),
                "--seed",
                "11",
                "--key",
                "end",
                "--count",
                "12",
                "--types",
                "mc,tf,match",
            ],
        )
        yield (
            f"{d}-quiz-written",
            [
                "quiz",
                str(deck),
                "--seed",
                "3",
                "--types",
                "written,short",
                "--points",
                "2",
                "--title",
                "Check-up",
            ],
        )
    pair = [str(decks[0]), str(decks[-1])]
    yield "two-decks-guide", ["sheet", *pair]
    yield "two-decks-cards", ["cards", *pair]
    yield "two-decks-quiz", ["quiz", *pair, "--seed", "5"]
    yield "calibration", ["cards", "--calibrate"]
    yield "calibration-short", ["cards", "--calibrate", "--flip", "short", "--paper", "a4"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def render(out: Path) -> dict[str, str]:
    from typer.testing import CliRunner

    from studyprint.cli import app
    from studyprint.resources import content_dir

    content = content_dir()
    out.mkdir(parents=True, exist_ok=True)
    runner = CliRunner()
    hashes: dict[str, str] = {}
    for name, args in commands(content):
        target = out / f"{name}.pdf"
        result = runner.invoke(app, [*args, "-o", str(target)])
        if result.exit_code != 0:
            hashes[name] = f"exit {result.exit_code}: {result.output.strip()[:200]}"
            continue
        for made in sorted(out.glob(f"{name}*.pdf")):
            hashes[made.stem] = digest(made)
    build = out / "build"
    result = runner.invoke(app, ["build", str(content), "-o", str(build), "--jobs", "1", "--quiet"])
    if result.exit_code != 0:
        hashes["build"] = f"exit {result.exit_code}: {result.output.strip()[:200]}"
    for made in sorted(build.rglob("*")):
        if made.is_file():
            hashes[f"build/{made.relative_to(build).as_posix()}"] = digest(made)
    return hashes


def compare(old_file: Path, new_file: Path) -> int:
    old = json.loads(old_file.read_text())
    new = json.loads(new_file.read_text())
    same = [k for k in old if new.get(k) == old[k]]
    changed = [k for k in old if k in new and new[k] != old[k]]
    missing = [k for k in old if k not in new]
    added = [k for k in new if k not in old]
    print(
        f"{len(same)} identical, {len(changed)} changed, {len(missing)} missing, "
        f"{len(added)} new (of {len(old)} files)"
    )
    for label, names in (("changed", changed), ("missing", missing), ("new", added)):
        for name in names:
            print(f"  {label}: {name}")
    return 0 if not (changed or missing) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="folder for the PDFs")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        parser.error("give --out or --compare")
    json.dump(render(args.out), sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
