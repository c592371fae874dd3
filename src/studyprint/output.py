"""Writing output files safely: all or nothing, and never over an input."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from studyprint.errors import OutputError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def check_not_input(out: Path, inputs: Iterable[Path]) -> None:
    """Refuse an output path that names one of the command's input files."""
    for source in inputs:
        if _same_file(out, source):
            raise OutputError(
                f"{out}: this is one of the input files; choose another output with -o"
            )


def _umask() -> int:
    """The process's umask (reading it means setting it: put it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: Read once, before any worker threads exist.
UMASK = _umask()


#: The longest file or folder name made from a user's words (bytes, well under 255).
NAME_BYTES = 120


def safe_name(name: str, fallback: str) -> str:
    """A name from a stranger's words that stays one path component: letters, digits,
    '-' and '_' (any script), no leading dot, at most NAME_BYTES bytes."""
    cleaned = re.sub(r"[^\w\-]+", "-", name, flags=re.UNICODE).strip("-_.")
    while len(cleaned.encode()) > NAME_BYTES:
        cleaned = cleaned[:-1]
    return cleaned.rstrip("-") or fallback


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will show, never run: one starting like a formula (``=``,
    ``+``, ``-``, ``@``, a tab or a return) gets a leading apostrophe."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def output_folder(out_dir: Path) -> None:
    """``-o`` of packet and build names a folder: an existing file there is a mistake."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: is a file; give a folder for the output")
    refuse_special(out_dir)


def refuse_special(out: Path) -> None:
    """An output must be a regular file (or a new name): writing "over" a device, a
    pipe or a link to one would replace it with a file (as root, /dev/null)."""
    try:
        info = out.stat()  # follows links: a link to /proc/self/fd/1 is a pipe or tty
    except FileNotFoundError:
        if out.is_symlink():
            raise OutputError(f"{out}: is a link to nothing; choose another name") from None
        return
    except OSError:
        return  # the write itself will say what is wrong
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        raise OutputError(
            f"{out}: is not a regular file (a device, pipe or socket); choose a file name"
        )


def named(error: OSError, target: Path, scratch: Path | None = None) -> OSError:
    """``error`` naming ``target``: a failed write deep in ReportLab or pypdf names no
    file, and one in a scratch folder names a file the user never sees."""
    where = error.filename
    if where is None or (scratch is not None and Path(where).is_relative_to(scratch)):
        return OSError(error.errno, error.strerror or str(error), str(target))
    return error


def scratch_folder(out_dir: Path, prefix: str) -> Path:
    """A new hidden folder in ``out_dir`` to build in; a failure names ``out_dir``."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=prefix, dir=out_dir))
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), str(out_dir)) from None


@contextlib.contextmanager
def atomic_output(out: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``out``; it replaces ``out`` only if the block succeeds.

    A failed or interrupted run therefore never leaves a partial file behind,
    and an existing file of the same name survives untouched.
    """
    folder = out.parent if str(out.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot create folder {folder}: {exc.strerror}") from None
    try:
        if len(os.fsencode(out.name)) > os.pathconf(folder, "PC_NAME_MAX"):
            raise OutputError(f"{out.name[:40]}…: the file name is too long; choose a shorter one")
        if out.is_dir():
            raise OutputError(f"{out}: is a folder; give a file name ending in .pdf")
        refuse_special(out)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name[:80]}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write here: {exc.strerror}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        # mkstemp makes the file private (0600); a handout is a normal file that
        # colleagues on a shared drive can read: 0666 less the user's umask
        os.chmod(tmp, 0o666 & ~UMASK)
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise named(exc, out, tmp) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
