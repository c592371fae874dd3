"""What a file from a stranger may make studyprint read: containment and sizes.

A deck, manifest or layout names other files (pictures, decks, layouts,
rosters, catalogues). Each must resolve, after symbolic links, inside the
folder of the file that names it or inside a folder the user allowed
(``--allow-path DIR``; ``build`` allows the folder it builds), be a regular
file (not a device or FIFO, which would hang or leak), and be of a bounded
size; a picture also has a bounded number of pixels, since a small PNG can
unpack to gigabytes.
"""

from __future__ import annotations

import stat
import warnings
from pathlib import Path

#: A picture's file size and pixel count (40 Mpx is a 7,300 x 5,500 photo).
MAX_IMAGE_BYTES = 50 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000


#: Folders the user allowed files named in decks, manifests and layouts to come from.
Allowed = tuple[Path, ...]


def outside(folder: Path, path: Path, allow: Allowed = ()) -> bool:
    """Does ``path`` (after links) lie outside ``folder`` and every allowed folder?"""
    real = path.resolve()
    return not any(real.is_relative_to(root.resolve()) for root in (folder, *allow))


def outside_message(what: str, folder: Path, path: Path) -> str:
    """Why ``path`` is refused, and the two ways to accept it."""
    return (
        f"the {what} is outside the folder of the file that names it ({_shown(folder)}); "
        f"copy it there, or allow its folder with --allow-path {_shown(path.resolve().parent)}"
    )


def _shown(folder: Path) -> str:
    real = folder.resolve()
    try:
        return str(real.relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(real)


def inside(folder: Path, path: Path, what: str, max_bytes: int, allow: Allowed = ()) -> str | None:
    """Why ``path`` may not be read for a file in ``folder`` (None: it may)."""
    try:
        real = path.resolve(strict=True)
        info = real.stat()
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if outside(folder, real, allow):
        return outside_message(what, folder, real)
    if not stat.S_ISREG(info.st_mode):
        return f"the {what} is not a regular file"
    if info.st_size > max_bytes:
        return f"the {what} is larger than {max_bytes // (1024 * 1024)} MB; make it smaller"
    return None


def image_size_problem(path: Path) -> str | None:
    """Why a picture may not be printed: unreadable, or too many pixels to unpack."""
    from PIL import Image  # only decks with pictures pay for it

    try:
        with warnings.catch_warnings():  # Pillow warns of "decompression bombs": we say it
            warnings.simplefilter("ignore")
            with Image.open(path) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        return f"has more than {MAX_IMAGE_PIXELS // 1_000_000} million pixels; scale it down"
    except Exception:  # Pillow raises many kinds for a broken or foreign file
        return "cannot be read as a picture; save it as PNG or JPEG"
    if width * height > MAX_IMAGE_PIXELS:
        return (
            f"{width} x {height} pixels is more than {MAX_IMAGE_PIXELS // 1_000_000} million; "
            "scale it down"
        )
    try:  # its pixels too, now that their number is known to be sane: a picture whose
        # header is fine but whose data is cut or damaged failed later, mid-PDF
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as image:
                image.load()
    except Exception:
        return "is damaged (its pixels cannot be read); save it again as PNG or JPEG"
    return None


__all__ = [
    "MAX_IMAGE_BYTES",
    "MAX_IMAGE_PIXELS",
    "Allowed",
    "image_size_problem",
    "inside",
    "outside",
    "outside_message",
]
