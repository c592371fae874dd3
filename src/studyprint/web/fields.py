"""A request's form fields as a typed :class:`~studyprint.web.work.Task`.

Every value a stranger can send is checked here, before any work: a product,
layout, paper and page language from fixed lists (a layout is never a path on
the server), numbers within the CLI's ranges. A bad value is a
:class:`FieldError` naming the field, which the API answers with 422.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from studyprint.web.deckform import DeckForm, form_rows
from studyprint.web.work import PRODUCTS, Action, Options, Source, Task, Upload

LAYOUTS = ("letter", "a4", "large-print")
CARD_KINDS = ("fold", "duplex", "avery-5371", "avery-5388")
TYPES = ("mc", "tf", "match", "written", "short")
LANGUAGES = ("", "en", "es", "fr", "de", "ar", "ja", "ko", "zh")


class FieldError(ValueError):
    """A form field a request cannot have; its message names the field."""


@dataclass(frozen=True, slots=True)
class Fields:
    """The text fields (each may repeat: the table's columns) and the uploads."""

    text: Mapping[str, Sequence[str]]
    files: Mapping[str, Sequence[Upload]]

    def one(self, name: str, default: str = "") -> str:
        values = self.text.get(name, ())
        return values[-1] if values else default

    def file(self, name: str) -> Upload | None:
        found = [f for f in self.files.get(name, ()) if f.name or f.data]
        return found[0] if found else None


def task(fields: Fields, action: Action) -> Task:
    return Task(action, source(fields), options(fields), fields.file("roster"))


def source(fields: Fields) -> Source:
    """Where the terms come from: the table when the page sends one, else an uploaded
    deck, pasted terms, or a sample (the page's "Load" picks a source explicitly)."""
    pictures = tuple(p for p in fields.files.get("pictures", ()) if p.name and p.data)
    upload = fields.file("deck")
    pasted = fields.one("terms")
    sample = fields.one("sample")
    if fields.one("source") in ("upload", "paste", "sample") or not _has_table(fields):
        chosen = fields.one("source")
        return Source(
            upload=upload if chosen in ("upload", "") else None,
            pasted=pasted if chosen in ("paste", "") else "",
            sample=sample if chosen in ("sample", "") else "",
            pictures=pictures,
        )
    form = DeckForm(
        title=fields.one("title", "My terms")[:200],
        language=_language(fields.one("language")),
        subject=fields.one("subject")[:200],
        rows=form_rows(fields.text),
    )
    return Source(form=form, pictures=pictures)


def _has_table(fields: Fields) -> bool:
    return any(v.strip() for v in fields.text.get("term", ())) or "title" in fields.text


def options(fields: Fields) -> Options:
    product = _choice(fields, "product", PRODUCTS, "guide")
    paper = _choice(fields, "paper", ("", "letter", "a4"), "")
    layout = _choice(fields, "layout", LAYOUTS, "letter")
    if fields.one("large_print") in ("on", "true", "1"):
        layout = "large-print"
    types = tuple(t for t in fields.one("types").replace(" ", "").split(",") if t)
    types += tuple(t for t in fields.text.get("type", ()) if t)
    for kind in types:
        if kind not in TYPES:
            raise FieldError(f"types: '{kind}' is not a question type; use {', '.join(TYPES)}")
    return Options(
        product=product,
        layout=layout,
        paper=cast(Any, paper or None),
        cards=_choice(fields, "cards", CARD_KINDS, "fold"),
        front=_choice(fields, "front", ("term", "definition"), "term"),
        versions=_number(fields, "versions", 1, 1, 26),
        count=_number(fields, "count", 20, 1, 200),
        types=tuple(dict.fromkeys(types)) or None,
        ask=_choice(fields, "ask", ("both", "term", "definition"), "both"),
        seed=_number(fields, "seed", 1, 0, 2**31 - 1),
        answer_sheet=fields.one("answer_sheet") in ("on", "true", "1"),
        page_language=_choice(fields, "page_language", LANGUAGES, "") or None,
    )


def _language(tag: str) -> str:
    """The terms' language: any tag a deck may carry (the loader checks it too)."""
    from studyprint.read.schema import LANGUAGE_TAG

    tag = tag.strip()
    if tag and not LANGUAGE_TAG.fullmatch(tag):
        raise FieldError(f"language: '{tag[:40]}' is not a language tag such as en, es or pt-BR")
    return tag


def _choice(fields: Fields, name: str, allowed: Sequence[str], default: str) -> Any:
    value = fields.one(name, default).strip() or default
    if value not in allowed:
        shown = ", ".join(a for a in allowed if a)
        raise FieldError(f"{name}: '{value[:40]}' is not one of {shown}")
    return value


def _number(fields: Fields, name: str, default: int, low: int, high: int) -> int:
    text = fields.one(name).strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise FieldError(f"{name}: '{text[:40]}' is not a whole number") from None
    if not low <= value <= high:
        raise FieldError(f"{name}: {value} is not from {low} to {high}")
    return value


__all__ = ["FieldError", "Fields", "options", "source", "task"]
