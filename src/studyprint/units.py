"""Lengths as users write them (``18mm``, ``0.5in``, ``12pt``) turned into PDF points."""

from __future__ import annotations

import re

POINTS_PER = {"pt": 1.0, "in": 72.0, "mm": 72.0 / 25.4, "cm": 72.0 / 2.54}

PAPER_SIZES: dict[str, tuple[float, float]] = {
    "letter": (612.0, 792.0),
    "a4": (595.2755905511812, 841.8897637795277),
}

_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|in|mm|cm)?\s*$")


def parse_length(text: str) -> float | None:
    """Points for a length like ``18mm``; a bare number is points. None if unreadable."""
    match = _LENGTH.match(text)
    if not match:
        return None
    return float(match.group(1)) * POINTS_PER[match.group(2) or "pt"]


def mm(value: float) -> float:
    return value * POINTS_PER["mm"]
