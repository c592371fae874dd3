"""A deck of awkward text, for exports: quotes, ampersands, things that look like
HTML tags, GIFT's special characters, emoji, Arabic, a 2,000-character definition,
terms of digits only, a tab inside a term, bold and subscripts, and a picture."""

from __future__ import annotations

import json
from pathlib import Path

LONG = " ".join(
    f"Clause {n}: a long, careful definition keeps going so that no export may cut it quietly."
    for n in range(1, 24)
)[:2000]

TERMS = [
    ('Quote "marks"', "She said \"yes\" and 'no' in one breath"),
    ("AT&T", "A company name with an ampersand & another one"),
    ("<sit>", "A made-up tag <sit> that must stay visible, beside <b>bold?</b>"),
    ("<script>alert(1)</script>", "Text that looks like a script and must never run"),
    ("Ratio 3:4", "Curly {braces} ~ tilde = equals # hash : colon \\ backslash"),
    ("Smile 😀", "A face 🙂 drawn with one curve"),
    ("كتاب", "The Arabic word for a book"),
    ("Long one", LONG),
    ("1066", "The year of a famous battle fought near Hastings"),
    ("42", "A number some stories call the answer to everything"),
    ("Tab\there", "A term with a tab inside it"),
    ("Water", "H~2~O, **the** solvent of life"),
    ("Ion", "An atom with a charge such as Na^+^ or Cl^-^"),
    ("Ampersand list", "Salt & pepper & oil, as &amp; would be written in HTML"),
]


def awkward_deck(folder: Path, picture: bool = True) -> Path:
    """The deck (and its picture) written into ``folder``."""
    lines = ["title: Awkward <text> & {friends}", "terms:"]
    for term, meaning in TERMS:
        lines += [
            f"  - term: {json.dumps(term, ensure_ascii=False)}",
            f"    definition: {json.dumps(meaning, ensure_ascii=False)}",
        ]
    if picture:
        from PIL import Image

        (folder / "images").mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (40, 30), "teal").save(folder / "images" / "square.png")
        lines += ["  - term: Teal square", "    definition: A small square painted teal",
                  "    image: images/square.png"]  # fmt: skip
    deck = folder / "awkward.yaml"
    deck.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return deck
