"""Where the bundled layouts and sample decks live, installed or in a checkout.

A wheel carries ``layouts/``, ``languages/`` and ``content/`` inside the package (mapped by the
build config); an editable install or a source checkout has them at the
repository root.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _bundled(name: str) -> Path:
    packaged = Path(str(resources.files("studyprint") / name))
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    return packaged  # missing either way; callers report it


def layouts_dir() -> Path:
    return _bundled("layouts")


def content_dir() -> Path:
    return _bundled("content")


def languages_dir() -> Path:
    return _bundled("languages")


def shown_path(path: Path | str) -> str:
    """A path as messages name it: a bundled sample as ``sample psychology/therapy``
    (not ``…/site-packages/studyprint/content/psychology/therapy.yaml``, nor
    ``packets/../psychology/therapy.yaml``); any other file as given."""
    try:
        inside = Path(path).resolve().relative_to(content_dir().resolve())
    except (ValueError, OSError, RuntimeError):
        return str(path)
    return "sample " + inside.with_suffix("").as_posix()
