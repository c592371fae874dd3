"""Zip packages (QTI, Anki, xlsx) with a fixed date on every entry, so the same
quiz or deck gives the same bytes (a zip entry otherwise carries the time it was
written)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

FIXED = (2000, 1, 1, 0, 0, 0)


def entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def redate(path: Path, mend: Mapping[str, Callable[[bytes], bytes]] | None = None) -> None:
    """Rewrite a package another library wrote, every entry with the fixed date;
    ``mend``: entries whose content carries a date of its own, and how to fix it."""
    mend = mend or {}
    with zipfile.ZipFile(path) as package:
        entries = [(info.filename, package.read(info)) for info in package.infolist()]
    with zipfile.ZipFile(path, "w") as package:
        for name, data in entries:
            package.writestr(entry(name), mend[name](data) if name in mend else data)
