"""The inline markup: what becomes bold, italic, super- and subscript, and what stays literal."""

from __future__ import annotations

import pytest

from studyprint.text.markup import Span, parse, plain


def styles(text: str) -> list[tuple[str, str]]:
    return [
        (s.text, "".join(k for k, on in zip("BIPS", s.style, strict=True) if on))
        for s in parse(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**bold** and *it*", [("bold", "B"), (" and ", ""), ("it", "I")]),
        ("H~2~O and x^2^", [("H", ""), ("2", "S"), ("O and x", ""), ("2", "P")]),
        ("***both***", [("both", "BI")]),
        ("**a *b* c**", [("a ", "B"), ("b", "BI"), (" c", "B")]),
        ("5 * 3 * 2", [("5 * 3 * 2", "")]),
        ("about ~5 min and ~10 min", [("about ~5 min and ~10 min", "")]),
        ("**unbalanced", [("**unbalanced", "")]),
        ("unbalanced**", [("unbalanced**", "")]),
        ("*half **open", [("*half **open", "")]),
        (r"\*not italic\*", [("*not italic*", "")]),
        (r"a \\ b \^ c \~ d", [(r"a \ b ^ c ~ d", "")]),
        (r"C:\path\file", [(r"C:\path\file", "")]),
        (
            "<b>x</b> &amp; <img src='/etc/passwd'/>",
            [("<b>x</b> &amp; <img src='/etc/passwd'/>", "")],
        ),
        ("", []),
        ("****", [("****", "")]),
        ("x^2 y^", [("x^2 y^", "")]),
    ],
)
def test_parse(text: str, expected: list[tuple[str, str]]) -> None:
    assert styles(text) == expected


def test_plain_removes_only_matched_markers() -> None:
    assert plain("**Goals**, *tasks* and 3 * 4") == "Goals, tasks and 3 * 4"


def test_spans_are_merged() -> None:
    assert parse("a*b*c") == [Span("a"), Span("b", italic=True), Span("c")]
