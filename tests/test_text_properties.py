"""Arbitrary text through markup, fitting and rendering: only our errors, no file reads."""

from __future__ import annotations

import io
import os
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.pdfgen.canvas import Canvas

from studyprint.errors import TextError
from studyprint.text.setter import TextStyle, fit
from tests.test_setter import warm_fonts

FRAGMENTS = [
    "<",
    ">",
    "&",
    "&amp;",
    "&#x41;",
    '<img src="/etc/passwd"/>',
    "<img src='file:///etc/hostname'>",
    "<font size=900>",
    "</b>",
    "<b>",
    "<para>",
    "**",
    "*",
    "^",
    "~",
    "\\",
    "\x00",
    "\x07",
    "\u202e",
    "\ud800",
    "\udfff",
    "😀",
    "\n",
    "שלום",
    "مرحبا",
    "नमस्ते",
    "学校",
    "한국",
]

texts = st.lists(st.one_of(st.text(max_size=40), st.sampled_from(FRAGMENTS)), max_size=12).map(
    "".join
)

_opens: list[str] = []
_watch = [False]


def _hook(event: str, args: tuple[object, ...]) -> None:
    if _watch[0] and event == "open":
        _opens.append(str(args[0]))


sys.addaudithook(_hook)


@settings(
    max_examples=int(os.environ.get("STUDYPRINT_FUZZ", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=texts, size=st.sampled_from([6.0, 11.0, 30.0]), width=st.sampled_from([20.0, 200.0]))
def test_any_text_sets_and_renders(text: str, size: float, width: float) -> None:
    warm_fonts()
    _opens.clear()
    _watch[0] = True
    try:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1)
        try:
            result = fit(text, TextStyle(size=size), width, 100, 5)
            result.draw_on(canvas, 20, 800, width)
            canvas.save()
        except TextError:
            pass
    finally:
        _watch[0] = False
    assert _opens == []
