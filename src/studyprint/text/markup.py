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
#: The characters that can start inline markup.
SPECIAL = frozenset("*^~\\")
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
        if ch == "\\" and i + 1 < n and text[i + 1] in SPECIAL:
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
    """Pair openers with closers; unpaired markers stay literal text.

    Linear in the number of tokens: the open markers are kept on one stack and,
    per kind, in a list of their places on it, so finding the latest opener of a
    kind, dropping the openers above it and asking whether a span holds a space
    (prefix counts) never scans."""
    spaced = [0]  # spaced[k]: how many of tokens[:k] hold whitespace
    for token in tokens:
        spaced.append(spaced[-1] + (token.marker is None and any(c.isspace() for c in token.text)))
    stack: list[int] = []  # token indexes of open markers, oldest first
    alive: list[bool] = []  # parallel to stack: False once dropped in place
    open_at: dict[str, list[int]] = {marker: [] for marker in MARKERS}  # stack places
    for i, token in enumerate(tokens):
        marker = token.marker
        if marker is None:
            continue
        places = open_at[marker]
        if token.can_close and places:
            place = places[-1]
            opener = stack[place]
            if i > opener + 1:
                if marker in "^~" and spaced[i] - spaced[opener + 1] > 0:
                    places.pop()  # a super/subscript cannot span spaces: that opener is done
                    alive[place] = False
                else:
                    while len(stack) > place:  # markers opened inside stay literal
                        index = stack.pop()
                        if alive.pop():
                            open_at[tokens[index].marker or marker].pop()
                    token.partner, tokens[opener].partner = opener, i
                    continue
        if token.can_open:
            places.append(len(stack))
            stack.append(i)
            alive.append(True)


def parse(text: str) -> list[Span]:
    """Styled spans of plain text, adjacent spans of the same style merged."""
    if not SPECIAL.intersection(text):
        return [Span(text)] if text else []
    tokens = _tokens(text)
    _match(tokens)
    active = {"bold": 0, "italic": 0, "sup": 0, "sub": 0}
    runs: list[tuple[tuple[bool, bool, bool, bool], list[str]]] = []
    for i, token in enumerate(tokens):
        if token.marker is not None and token.partner >= 0:
            active[_FLAGS[token.marker]] += 1 if token.partner > i else -1
            continue
        style = (active["bold"] > 0, active["italic"] > 0, active["sup"] > 0, active["sub"] > 0)
        if runs and runs[-1][0] == style:
            runs[-1][1].append(token.text)  # joined once at the end: no quadratic copies
        else:
            runs.append((style, [token.text]))
    spans = (Span("".join(parts), *style) for style, parts in runs)
    return [s for s in spans if s.text]


def plain(text: str) -> str:
    """The text as it reads once the markup is applied (markers removed)."""
    return "".join(span.text for span in parse(text))
