"""Reading one scanned page: the unit of work of grading, picklable both ways, so a
class set runs here and a school's scans on the local pool or a Dask cluster."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from studyprint.errors import OptionError, StudyprintError
from studyprint.grade.locate import Unreadable, locate
from studyprint.grade.marks import MarkRule, Reading, read_sheet
from studyprint.grade.scans import Scan, check_scan_file, page_count, read_page_image

#: The straightened page kept for graded.pdf: pixels per millimetre, JPEG quality.
PREVIEW_SCALE = 4
PREVIEW_QUALITY = 70


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
    )


__all__ = ["PageJob", "PageRead", "pages_of", "read_page", "sheets_of"]
