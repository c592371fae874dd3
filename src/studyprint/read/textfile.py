"""Reading a user's text file: UTF-8 with or without a BOM, or one clear line saying why not.

Decks, layouts, manifests and exports all come through here, so every kind of
file gives the same message for the same mistake; only the advice on how to
save the file again differs (a spreadsheet is exported, a deck is saved).
"""

from __future__ import annotations

import stat
from pathlib import Path

from studyprint.errors import Pos, Problem, UnreadableFile

SAVE_AS_UTF8 = "save it as UTF-8"


#: The largest file studyprint reads: a 10,000-term deck with facts is about 3 MB.
MAX_FILE_BYTES = 50 * 1024 * 1024


def read_bytes(path: Path, shown: str) -> bytes:
    """A user's file, whole, if it is a regular file of a sane size: a FIFO or
    ``/dev/zero`` named as a deck would otherwise hang or fill the memory."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableFile([Problem(None, "is a folder, not a file", path=shown)])
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(
                [Problem(None, "is not a regular file (a device or pipe)", path=shown)]
            )
        if info.st_size > MAX_FILE_BYTES:
            raise UnreadableFile(
                [Problem(None, f"is larger than {MAX_FILE_BYTES // 2**20} MB", path=shown)]
            )
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)[: MAX_FILE_BYTES + 1]
    except FileNotFoundError:
        raise UnreadableFile([Problem(None, "no such file", path=shown)]) from None
    except IsADirectoryError:
        raise UnreadableFile([Problem(None, "is a folder, not a file", path=shown)]) from None
    except OSError as exc:
        raise UnreadableFile([Problem(None, f"cannot read: {exc.strerror}", path=shown)]) from None


def read_text(path: Path, shown: str, advice: str = SAVE_AS_UTF8) -> str:
    """The file's text with line ends as ``\\n``; :class:`UnreadableFile` if it has none."""
    data = read_bytes(path, shown)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile([Problem(Pos(shown, 1, 1), f"file is UTF-16, not UTF-8; {advice}")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"file is not UTF-8 text (byte 0x{data[exc.start]:02X}); {advice}"
        raise UnreadableFile([Problem(Pos(shown, line, col), message)]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
