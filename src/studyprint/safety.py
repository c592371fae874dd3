"""What a file from a stranger may make studyprint read: containment and sizes.

A deck, manifest or layout names other files (pictures, decks, layouts,
rosters, catalogues). Each must resolve, after symbolic links, inside the
folder of the file that names it, be a regular file (not a device or FIFO,
which would hang or leak), and be of a bounded size; a picture also has a
bounded number of pixels, since a small PNG can unpack to gigabytes.
"""

from __future__ import annotations

import stat
import warnings
from pathlib import Path

#: A picture's file size and pixel count (40 Mpx is a 7,300 x 5,500 photo).
MAX_IMAGE_BYTES = 50 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000


def inside(folder: Path, path: Path, what: str, max_bytes: int) -> str | None:
    """Why ``path`` may not be read for a file in ``folder`` (None: it may)."""
    try:
        real = path.resolve(strict=True)
        root = folder.resolve(strict=True)
        info = real.stat()
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if not real.is_relative_to(root):
        return (
            f"the {what} is outside the folder of the file that names it ({root}); "
            "copy it into that folder"
        )
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
    return None


__all__ = ["MAX_IMAGE_BYTES", "MAX_IMAGE_PIXELS", "image_size_problem", "inside"]
