"""The bundled sample decks a teacher can start from, by name (never a path)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from studyprint.errors import OptionError


@cache
def samples() -> dict[str, Path]:
    """Every bundled sample deck, by its file's stem: therapy, basics, greetings..."""
    from studyprint.read.deck import expand_deck_paths
    from studyprint.resources import content_dir

    return {path.stem: path for path in sorted(expand_deck_paths([content_dir()]))}


def sample_path(name: str) -> Path:
    found = samples().get(name)
    if found is None:
        raise OptionError(f"no sample deck called '{name}'; choose one of: "
                          f"{', '.join(samples())}")  # fmt: skip
    return found
