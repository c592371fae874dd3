"""An ``rlbidi``-compatible ``log2vis`` built on python-bidi.

ReportLab's paragraphs already know how to wrap right-to-left text and reorder
each line after wrapping, but only when the ``rlbidi`` module can be imported,
and rlbidi is not on PyPI. python-bidi (which is) implements the same Unicode
bidirectional algorithm; this adapter gives ReportLab the one function it
calls, including the visual-to-logical index map it uses to keep fonts and
styles with their characters. ``studyprint/__init__`` registers it as
``rlbidi`` before ReportLab is imported, unless a real rlbidi is present.
"""

from __future__ import annotations

_LEVELS = {"LTR": 0, "RTL": 1}


def log2vis(
    text: str,
    base_direction: str | None = None,
    clean: bool = True,
    positions_V_to_L: list[int] | None = None,
    **_: object,
) -> str:
    """Reorder one line of logical text into visual (left-to-right) order."""
    from bidi import algorithm as _algorithm  # imported on first right-to-left text

    storage = _algorithm.get_empty_storage()
    direction = base_direction.upper() if base_direction else None
    level = _LEVELS.get(direction) if direction else None
    if level is None:
        level = _algorithm.get_base_level(text)
    storage["base_level"] = level
    storage["base_dir"] = "LR"[level]
    _algorithm.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    _algorithm.explicit_embed_and_overrides(storage, False)
    _algorithm.resolve_weak_types(storage, False)
    _algorithm.resolve_neutral_types(storage, False)
    _algorithm.resolve_implicit_levels(storage, False)
    _algorithm.reorder_resolved_levels(storage, False)
    _algorithm.apply_mirroring(storage, False)
    chars = storage["chars"]
    if positions_V_to_L is not None:
        positions_V_to_L[:] = [char["index"] for char in chars]
    return "".join(char["ch"] for char in chars)
