"""Every colour studyprint prints, by what it is for.

Greys and one dark blue: pages are mostly photocopied in greyscale, so every
colour is chosen to stay readable (text) or light (tints, cut lines) there.
Plain ``#RRGGBB`` strings, so pure modules can name them without ReportLab.
"""

from __future__ import annotations

INK = "#000000"  # body text, write-on lines of the quiz header, calibration marks
SOFT_INK = "#444444"  # subtitles, "also called" lines
MUTED = "#555555"  # running header and footer, small print, fold marks, definition rules
CARD_NUMBER = "#666666"  # card numbers and print hints on card sheets
WRITE_LINE = "#777777"  # ruled lines to write quiz answers on
LIGHT_RULE = "#999999"  # ruled lines on study guides, the running header's rule
HAIRLINE = "#BBBBBB"  # separators between blocks, table rows, key grid
CUT = "#AAAAAA"  # cut lines around cards
FOLD = "#333333"  # the dashed fold line of card sheets
TINT = "#EEEEEE"  # definition boxes and table headers (sheet default)
ZEBRA = "#F6F6F6"  # every other row of a vocabulary table: lighter than a header
ACCENT = "#1F3A5F"  # headings (sheet default): dark enough in greyscale
