"""report.csv and report.pdf: items flagged for review first, each with why; then every
item, each version's totals (a histogram), and how well the class knows each term."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import replace
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from studyprint import palette
from studyprint.output import spreadsheet_safe
from studyprint.page.document import Document, PageState, PdfMeta, body_style
from studyprint.read.catalogue import load_words
from studyprint.read.layout import Layout
from studyprint.results.analysis import Analysis, ItemStats, VersionStats
from studyprint.text import fonts
from studyprint.text.setter import TextStyle, paragraph

COLUMNS = ["version", "question", "term", "type", "right", "correct_share", "discrimination",
           "upper_lower", "blanks", "chosen", "flags"]  # fmt: skip


def report_csv(analysis: Analysis) -> str:
    """One row per item per version, flagged ones first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for item in _ordered(analysis.items):
        q = item.question
        writer.writerow([
            q.version, q.number, spreadsheet_safe(q.term), q.kind, q.right,
            _number(item.correct_share), _number(item.discrimination),
            _number(item.upper_lower), item.blanks,
            " ".join(f"{o}:{n}" for o, n in item.chosen.items()),
            spreadsheet_safe("; ".join(item.flags)),
        ])  # fmt: skip
    return buffer.getvalue()


def _place(item: ItemStats) -> tuple[str, int]:
    return item.question.version, item.question.number


def _ordered(items: list[ItemStats]) -> list[ItemStats]:
    return sorted(items, key=lambda i: (not i.flags, i.question.version, i.question.number))


def _number(value: float) -> str:
    return "" if math.isnan(value) else f"{value:.3f}"


def write_report(analysis: Analysis, title: str, layout: Layout, out: Path) -> int:
    """The PDF; returns its pages."""
    words = load_words()
    base = body_style(layout, None, words)
    small = replace(base, size=layout.fonts.small)
    heading = replace(base, size=layout.fonts.heading, bold=True)
    story: list[Flowable] = [paragraph(f"{title} — item analysis", heading).flowable,
                             Spacer(1, base.size)]  # fmt: skip
    flagged = [i for i in _ordered(analysis.items) if i.flags]
    story.append(paragraph(
        f"{len(flagged)} of {len(analysis.items)} questions to look at" if flagged
        else "No question stands out: every item behaved as a fair question does.", base,
    ).flowable)  # fmt: skip
    if flagged:
        rows = [["Version", "Q", "Term", "Right", "Why"]]
        rows += [[i.question.version, str(i.question.number), i.question.term, i.question.right,
                  "; ".join(i.flags)] for i in flagged]  # fmt: skip
        story.append(_table(rows, small, layout, (0.09, 0.06, 0.25, 0.08, 0.52)))
    for version in analysis.versions:
        story += [Spacer(1, base.size),
                  paragraph(f"Version {version.version}", heading).flowable,
                  paragraph(_summary(version), base).flowable,
                  _histogram(version, layout)]  # fmt: skip
    story += [Spacer(1, base.size), paragraph("Every question", heading).flowable]
    rows = [["Version", "Q", "Term", "Right", "Share right", "r (rest)", "Upper-lower", "Chosen"]]
    rows += [[i.question.version, str(i.question.number), i.question.term, i.question.right,
              _number(i.correct_share), _number(i.discrimination), _number(i.upper_lower),
              " ".join(f"{o}:{n}" for o, n in i.chosen.items())]
             for i in sorted(analysis.items, key=_place)]  # fmt: skip
    story.append(_table(rows, small, layout, (0.09, 0.06, 0.27, 0.08, 0.11, 0.1, 0.12, 0.17)))
    story += [
        Spacer(1, base.size),
        paragraph("How well the class knows each term", heading).flowable,
    ]
    terms = sorted(analysis.terms.items(), key=lambda t: (t[1][0], t[0]))
    story.append(_table([["Term", "Share right", "Answers"]]
                        + [[t, f"{share:.0%}", str(n)] for t, (share, n) in terms],
                        small, layout, (0.6, 0.2, 0.2)))  # fmt: skip
    state = PageState(header_left=title, header_right="Item analysis")
    doc = Document(out, layout, PdfMeta(f"{title} — item analysis", "Item analysis"), state,
                   words=words)  # fmt: skip
    doc.build_story(story)
    return int(doc.page)


def _summary(v: VersionStats) -> str:
    return (f"{v.students} students, {v.questions} questions: mean {v.mean:.2f}, median "
            f"{v.median:g}, SD {v.sd:.2f}; reliability ({v.reliability_name}) "
            f"{_number(v.reliability)}, standard error of measurement "
            f"{_number(v.sem)}")  # fmt: skip


def _table(rows: list[list[str]], style: TextStyle, layout: Layout,
           shares: tuple[float, ...]) -> Table:  # fmt: skip
    width = layout.frame[2]
    bold = replace(style, bold=True)
    cells = [[paragraph(text, bold if r == 0 else style).flowable for text in row]
             for r, row in enumerate(rows)]  # fmt: skip
    table = Table(cells, colWidths=[width * s for s in shares], repeatRows=1)
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, HexColor(palette.INK)),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, HexColor(palette.LIGHT_RULE)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    return table


def _histogram(v: VersionStats, layout: Layout) -> Drawing:
    """How many students scored each total (in whole points), drawn by ReportLab's charts."""
    width, height = layout.frame[2], 150.0
    top = math.ceil(max(v.totals, default=0))
    counts = [0] * (max(top, v.questions) + 1)
    for total in v.totals:
        counts[min(len(counts) - 1, math.floor(total))] += 1
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 25, width - 40, height - 35
    chart.data = [counts]
    chart.categoryAxis.categoryNames = [str(n) for n in range(len(counts))]
    face = fonts.face_name(fonts.PRIMARY[layout.fonts.family])
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = face
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = layout.fonts.small
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = max(1, max(counts) // 5)
    chart.bars[0].fillColor = (
        HexColor(palette.ACCENT) if hasattr(palette, "ACCENT") else HexColor("#1d4f91")
    )
    drawing.add(chart)
    return drawing


__all__ = ["COLUMNS", "report_csv", "write_report"]
