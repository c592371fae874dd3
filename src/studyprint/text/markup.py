"""The tiny inline markup of deck text: ``**bold**``, ``*italic*``, ``^sup^``, ``~sub~``.

Parsing yields styled spans of *plain* text; nothing in user text is ever
markup for ReportLab. A marker without a partner prints as typed, and a
backslash escapes a marker character (``\\*``). As in Markdown, an opening
marker must be followed, and a closing marker preceded, by a non-space, so
``5 * 3 * 2`` stays arithmetic; super- and subscripts cannot contain spaces,
so ``about ~5 min and ~10 min`` stays as typed.
"""

from __future__ import annotations

from dataclasses import dataclass

MARKERS = ("**", "*", "^", "~")
_SPECIAL = frozenset("*^~\\")
_FLAGS = {"**": "bold", "*": "italic", "^": "sup", "~": "sub"}


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    sup: bool = False
    sub: bool = False

    @property
    def style(self) -> tuple[bool, bool, bool, bool]:
        return (self.bold, self.italic, self.sup, self.sub)


@dataclass(slots=True)
class _Token:
    text: str
    marker: str | None = None  # the marker kind, for delimiter tokens
    can_open: bool = False
    can_close: bool = False
    partner: int = -1  # index of the matching delimiter, once matched


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    buf: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in _SPECIAL:
            buf.append(text[i + 1])
            i += 2
            continue
        if ch in "*^~":
            run = 3 if text.startswith("***", i) else 2 if text.startswith("**", i) else 1
            if ch != "*":
                run = 1
            if buf:
                tokens.append(_Token("".join(buf)))
                buf = []
            before = text[i - 1] if i > 0 else " "
            after = text[i + run] if i + run < n else " "
            can_open, can_close = not after.isspace(), not before.isspace()
            # "***" opens bold then italic, and closes italic then bold.
            parts = {1: [ch], 2: ["**"], 3: ["*", "**"] if can_close else ["**", "*"]}[run]
            for marker in parts:
                tokens.append(_Token(marker, marker, can_open, can_close))
            i += run
            continue
        buf.append(ch)
        i += 1
    if buf:
        tokens.append(_Token("".join(buf)))
    return tokens


def _match(tokens: list[_Token]) -> None:
    """Pair openers with closers; unpaired markers stay literal text."""
    stack: list[int] = []
    for i, token in enumerate(tokens):
        if token.marker is None:
            continue
        opener = next((j for j in reversed(stack) if tokens[j].marker == token.marker), None)
        if token.can_close and opener is not None and i > opener + 1:
            inner = "".join(t.text for t in tokens[opener + 1 : i])
            if token.marker in "^~" and any(c.isspace() for c in inner):
                stack.remove(opener)  # a super/subscript cannot span spaces
            else:
                del stack[stack.index(opener) :]  # markers opened inside stay literal
                token.partner, tokens[opener].partner = opener, i
                continue
        if token.can_open:
            stack.append(i)


def parse(text: str) -> list[Span]:
    """Styled spans of plain text, adjacent spans of the same style merged."""
    if not _SPECIAL.intersection(text):
        return [Span(text)] if text else []
    tokens = _tokens(text)
    _match(tokens)
    active = {"bold": 0, "italic": 0, "sup": 0, "sub": 0}
    spans: list[Span] = []
    for i, token in enumerate(tokens):
        if token.marker is not None and token.partner >= 0:
            active[_FLAGS[token.marker]] += 1 if token.partner > i else -1
            continue
        span = Span(
            token.text,
            bold=active["bold"] > 0,
            italic=active["italic"] > 0,
            sup=active["sup"] > 0,
            sub=active["sub"] > 0,
        )
        if spans and spans[-1].style == span.style:
            spans[-1] = Span(spans[-1].text + span.text, *span.style)
        else:
            spans.append(span)
    return [s for s in spans if s.text]


def plain(text: str) -> str:
    """The text as it reads once the markup is applied (markers removed)."""
    return "".join(span.text for span in parse(text))
