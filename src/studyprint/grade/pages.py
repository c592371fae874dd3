"""Reading one scanned page: the unit of work of grading, picklable both ways, so a
class set runs here and a school's scans on the local pool or a Dask cluster."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from studyprint.errors import OptionError, StudyprintError
from studyprint.grade.locate import SCALE, Unreadable, locate
from studyprint.grade.marks import MarkRule, Reading, read_sheet
from studyprint.grade.scans import Scan, check_scan_file, page_count, read_page_image

#: The straightened page kept for graded.pdf: pixels per millimetre, JPEG quality.
PREVIEW_SCALE = 4
PREVIEW_QUALITY = 70
#: What a row a person may have to settle is cut out as, for the review page: sharp
#: enough to tell a dot from a fill, or a written 1 from a 7 (the page's own 8 px/mm).
CROP_QUALITY = 85
#: The row number the student-number area is cut out under.
NUMBER = 0


NO_READING = Reading("", False)


@dataclass(frozen=True, slots=True)
class PageJob:
    source: str
    page: int  # 1-based
    plan: str  # the plan file: each worker reads it once
    rule: MarkRule = "strict"  # how a dot, tick, X or circled letter is read (--marks)


@dataclass(frozen=True, slots=True)
class PageRead:
    name: str  # "scans.pdf page 3", for messages and results.csv
    payload: str = ""  # the sheet's code text: its key in the plan
    code: str = ""
    version: str = ""
    sheet: int = 0
    sheets: int = 0
    rows: tuple[Reading, ...] = ()
    number: Reading = NO_READING
    preview: bytes = b""  # the straightened page as a JPEG, for graded.pdf
    problem: str = ""  # why it could not be read ("" if it was)
    source: str = ""  # the scan file it came from
    page: int = 0  # its page in that file (1-based)
    #: what a person may have to settle, cut out of the straightened page as JPEGs:
    #: (row number, picture), NUMBER for the student-number area
    crops: tuple[tuple[int, bytes], ...] = ()
    numbers: tuple[int, ...] = ()  # each row's question number, in the order of ``rows``
    digits: int = 0  # how many digits the student number has


@lru_cache(maxsize=4)
def _sheets(plan: str, stamp: float) -> dict[str, dict[str, Any]]:
    data = json.loads(Path(plan).read_text(encoding="utf-8"))
    return {s["code"]: s for v in data["versions"] for s in v["answer_sheets"]}


def sheets_of(plan: str) -> dict[str, dict[str, Any]]:
    return _sheets(plan, Path(plan).stat().st_mtime)


def pages_of(sources: tuple[Path, ...], plan: Path, rule: MarkRule = "strict") -> list[PageJob]:
    """One job per page of every scan, in order."""
    jobs = []
    for source in sources:
        check_scan_file(source)  # a wrong name or kind of file is said before any work
        try:
            count = page_count(source)
        except OptionError:
            count = 1  # a damaged PDF: reported unread (unread.csv), the run goes on
        jobs += [PageJob(str(source), page, str(plan), rule) for page in range(1, count + 1)]
    return jobs


def read_page(job: PageJob) -> PageRead:
    """Find, straighten and read one page (in whatever process runs it)."""
    import cv2

    try:  # a damaged picture or page is one unreadable page, not the end of the run
        scan: Scan = read_page_image(Path(job.source), job.page)
    except (StudyprintError, OSError, ValueError, RuntimeError) as exc:  # pdfium: Runtime
        pdf = job.source.lower().endswith(".pdf")
        name = f"{job.source} page {job.page}" if pdf else job.source
        why = str(exc).removeprefix(f"{job.source}: ")
        return PageRead(name, problem=why, source=job.source, page=job.page)
    try:
        found, sheet = locate(scan.image, sheets_of(job.plan))
    except Unreadable as exc:
        return PageRead(scan.name, problem=str(exc), source=job.source, page=job.page)
    rows, number = read_sheet(found.page, sheet, job.rule)
    small = cv2.resize(found.page, None, fx=PREVIEW_SCALE / 8, fy=PREVIEW_SCALE / 8,
                       interpolation=cv2.INTER_AREA)  # fmt: skip
    ok, jpeg = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, PREVIEW_QUALITY])
    crops = _crops(found.page, sheet, rows)
    return PageRead(
        scan.name,
        found.payload,
        found.code,
        found.version,
        found.sheet,
        found.sheets,
        tuple(rows),
        number,
        jpeg.tobytes() if ok else b"",
        source=job.source,
        page=job.page,
        crops=crops,
        numbers=tuple(row["number"] for row in sheet["rows"]),
        digits=len(sheet["student_number"]),
    )


def _crops(page: Any, sheet: dict[str, Any], rows: list[Reading]) -> tuple[tuple[int, bytes], ...]:
    """The student-number area, and every row whose reading a person may be asked to
    settle (doubtful, two marks, a teacher's box left unmarked): a handful per page."""
    import cv2

    def cut(x0: float, y0: float, x1: float, y1: float) -> bytes:
        height, width = page.shape[:2]
        left, top = max(0, round(x0 * SCALE)), max(0, round(y0 * SCALE))
        right, bottom = min(width, round(x1 * SCALE)), min(height, round(y1 * SCALE))
        ok, jpeg = cv2.imencode(".jpg", page[top:bottom, left:right],
                                [cv2.IMWRITE_JPEG_QUALITY, CROP_QUALITY])  # fmt: skip
        return jpeg.tobytes() if ok and right > left and bottom > top else b""

    found: list[tuple[int, bytes]] = []
    columns = sheet["student_number"]
    if columns:  # the written boxes above the grid, and the grid
        first, last = columns[0][0], columns[-1][-1]
        found.append((NUMBER, cut(first["x"] - 4, first["y"] - 10, last["x"] + 4, last["y"] + 4)))
    for reading, row in zip(rows, sheet["rows"], strict=True):
        unmarked = row["kind"] == "mark" and reading.value in ("", "*")
        if reading.doubtful or reading.value == "*" or unmarked:
            first, last = row["bubbles"][0], row["bubbles"][-1]
            box = (first["x"] - 12, first["y"] - 3.4, last["x"] + 6, last["y"] + 3.4)
            found.append((row["number"], cut(*box)))
    return tuple((number, jpeg) for number, jpeg in found if jpeg)


__all__ = ["PageJob", "PageRead", "pages_of", "read_page", "sheets_of"]
