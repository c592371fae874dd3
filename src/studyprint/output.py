"""Writing output files safely: all or nothing, and never over an input."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Kind:
    """What a writer makes, told from a file's first bytes: an output that is already
    there is replaced only if it is of the same kind (a PDF for a PDF), so a mistyped
    ``-o`` can never delete a photo, a spreadsheet or a letter."""

    name: str
    signatures: tuple[bytes, ...] = ()  # none: text
    mark: bytes = b""  # text that must be near the start

    def holds(self, head: bytes) -> bool:
        if self.mark and self.mark not in head:
            return False
        if self.signatures:
            return head.startswith(self.signatures)
        return _describe(head) == "text"


PDF = Kind("a PDF", (b"%PDF-",))
ZIP = Kind("a zip package", (b"PK\x03\x04", b"PK\x05\x06"))
TEXT = Kind("a text file")
PLAN = Kind("a quiz plan", (b"{",), b'"studyprint-quiz-plan/')

_SIGNATURES = {
    b"%PDF-": "a PDF",
    b"PK": "a zip file (a .docx, .xlsx, .apkg or the like)",
    b"\x89PNG": "a PNG picture",
    b"\xff\xd8\xff": "a JPEG picture",
    b"GIF8": "a GIF picture",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}


def _describe(head: bytes) -> str:
    for signature, what in _SIGNATURES.items():
        if head.startswith(signature):
            return what
    return "other data" if b"\0" in head else "text"


def kind_for(path: Path) -> Kind:
    """The kind a writer makes under this name, for writers named by their ending."""
    suffix = path.suffix.lower()
    return PDF if suffix == ".pdf" else ZIP if suffix in (".apkg", ".xlsx", ".zip") else TEXT


def check_replaceable(out: Path, kind: Kind) -> None:
    """Refuse to replace an existing file that is not ``kind`` (an empty one holds nothing)."""
    try:
        with out.open("rb") as existing:
            head = existing.read(4096)
    except (FileNotFoundError, IsADirectoryError):
        return
    except OSError:
        return  # unreadable: the write itself will say what is wrong
    if head and not kind.holds(head):
        raise OutputError(
            f"{out}: is already there and is {_describe(head)}, not {kind.name}; studyprint "
            f"replaces only {kind.name} it could have made: move it away or choose another name"
        )


#: Inside every packet folder: it says the folder is studyprint's to replace as a whole.
PACKET_MARK = ".studyprint-packet"
_PACKET_FILES = {"packet.pdf", "keys.pdf", "quizzes.pdf", "assignments.csv", "plan.json"}


def check_packet_folder(target: Path) -> None:
    """A packet folder is replaced as a whole, so whatever is there must be one: a folder
    with studyprint's mark in it (or, from before the mark, only a packet's own files)."""
    if not target.exists() and not target.is_symlink():
        return
    if target.is_symlink() or not target.is_dir():
        raise OutputError(
            f"{target}: is already there and is not a packet folder (it is a file); "
            "move it away or choose another -o"
        )
    if (target / PACKET_MARK).is_file() or _only_packet_files(target):
        return
    raise OutputError(
        f"{target}: is already there and is not a packet folder studyprint made (it has no "
        f"{PACKET_MARK}); a new packet replaces the whole folder: move it away or choose "
        "another -o"
    )


def _only_packet_files(folder: Path) -> bool:
    for entry in folder.iterdir():
        if entry.name == "students" and entry.is_dir() and not entry.is_symlink():
            if any(not (s.is_file() and s.suffix == ".pdf") for s in entry.iterdir()):
                return False
        elif not (entry.name in _PACKET_FILES and entry.is_file() and not entry.is_symlink()):
            return False
    return True


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


def scratch_folder(out_dir: Path, prefix: str) -> tuple[Path, list[Path]]:
    """A new hidden folder in ``out_dir`` to build in, and the folders made for it (for
    :func:`remove_if_empty` when the run fails); a failure names ``out_dir``."""
    try:
        made = make_folders(out_dir)
        return Path(tempfile.mkdtemp(prefix=prefix, dir=out_dir)), made
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), str(out_dir)) from None


@contextlib.contextmanager
def atomic_output(out: Path, kind: Kind) -> Iterator[Path]:
    """Yield a temporary path beside ``out``; it replaces ``out`` only if the block succeeds,
    and only if what is there is ``kind`` too (:func:`check_replaceable`).

    A failed or interrupted run therefore never leaves a partial file behind,
    and an existing file of the same name survives untouched.
    """
    folder = out.parent if str(out.parent) else Path(".")
    try:
        made = make_folders(folder)
    except OSError as exc:
        raise OutputError(f"{out}: cannot create folder {folder}: {exc.strerror}") from None
    try:
        yield from _replacing(out, folder, kind)
    except BaseException:
        remove_if_empty(made)  # a failed run leaves no folders of its own behind
        raise


def make_folders(folder: Path) -> list[Path]:
    """Make ``folder`` and its missing parents; the ones made, deepest first."""
    missing = []
    probe = folder
    while not probe.exists() and not probe.is_symlink() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    folder.mkdir(parents=True, exist_ok=True)
    return missing


def remove_if_empty(folders: list[Path]) -> None:
    """Remove the folders a run made (deepest first) while they are empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


def _replacing(out: Path, folder: Path, kind: Kind) -> Iterator[Path]:
    try:
        if len(os.fsencode(out.name)) > os.pathconf(folder, "PC_NAME_MAX"):
            raise OutputError(f"{out.name[:40]}…: the file name is too long; choose a shorter one")
        if out.is_dir():
            raise OutputError(f"{out}: is a folder; give a file name ending in .pdf")
        refuse_special(out)
        check_replaceable(out, kind)
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
