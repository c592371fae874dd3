"""The page templates, every value escaped (user text is never markup)."""

from __future__ import annotations

from typing import Any


def templates() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("studyprint.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )


__all__ = ["templates"]
