"""A stranger's form, field by field (issue 18): whatever a request sends, the web
door answers with messages, never an exception, never a server path, and writes
nothing outside the request's own scratch folder."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import event, given
from hypothesis import strategies as st

from studyprint.web.fields import FieldError, Fields, task
from studyprint.web.work import Upload, perform

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
KEYS = ["product", "layout", "paper", "cards", "front", "count", "versions", "types", "type",
        "ask", "seed", "answer_sheet", "page_language", "title", "language", "term",
        "definition", "reading", "also", "tags", "facts", "questions", "image", "terms",
        "sample", "source", "large_print"]  # fmt: skip
GOOD = {
    "product": st.sampled_from(["guide", "glossary", "cards", "quiz", "packet"]),
    "count": st.sampled_from(["1", "3", "8"]),
    "cards": st.sampled_from(["fold", "duplex", "avery-5388"]),
    "layout": st.sampled_from(["letter", "a4", "large-print"]),
    "language": st.sampled_from(["ja", "ar", "pt-BR", ""]),
    "source": st.sampled_from(["paste", "sample", "upload", ""]),
    "sample": st.sampled_from(["therapy", "basics", "../../etc/passwd", ""]),
    "terms": st.sampled_from(["a\tb\nc - d\ne, f\n", "only words", "x\ty\n" * 5, ""]),
    "image": st.sampled_from(["/etc/passwd", "../x.png", "pic.png", ""]),
    "term": st.sampled_from(["osmosis", "<b>x</b>", "**bold** ~2~", ""]),
    "definition": st.sampled_from(["water moving", "", "x" * 300]),
    "questions": st.sampled_from(["Q => A", "Q => a | b | c", "Q", "=> | |"]),
}
DECKS = st.sampled_from([
    b"title: T\nterms:\n  - term: a\n    definition: b\n    image: pic.png\n",
    b"title: T\nterms:\n  - {term: a, definition: b}\n  - {term: c, definition: d}\n",
    b"\xff\xfe garbage", b"term,definition\n=cmd(),x\n", b"", b"terms: [",
])  # fmt: skip


@given(
    values=st.one_of(
        st.just({}),
        st.dictionaries(st.sampled_from(KEYS[13:]), st.lists(TEXT, max_size=3), max_size=3),
    ),
    odd=st.dictionaries(st.sampled_from(KEYS[:13]), TEXT, max_size=1),
    chosen=st.fixed_dictionaries({}, optional={k: v for k, v in GOOD.items()}),
    deck=st.one_of(st.none(), DECKS),
    deck_name=st.sampled_from(["d.yaml", "../../d.yaml", "x.csv", "x.apkg", ".hidden", ""]),
    action=st.sampled_from(["load", "check", "preview", "render"]),
)
def test_any_form_gets_an_answer(
    values: dict[str, list[str]], odd: dict[str, str], chosen: dict[str, str],
    deck: bytes | None, deck_name: str, action: str,
) -> None:  # fmt: skip
    text = {**values, **{k: [v] for k, v in chosen.items()}, **{k: [v] for k, v in odd.items()}}
    files: dict[str, list[Upload]] = {"pictures": [Upload("pic.png", b"\x89PNG not really")]}
    if deck is not None:
        files["deck"] = [Upload(deck_name, deck)]
    try:
        request = task(Fields(text, files), action)  # type: ignore[arg-type]
    except FieldError as exc:
        event("field error")
        assert str(exc).split(":", 1)[0] in KEYS or str(exc).startswith("types")
        return
    with tempfile.TemporaryDirectory() as outer:
        scratch = Path(outer) / "scratch"
        scratch.mkdir()
        outcome = perform(request, scratch)
        event("errors" if outcome.errors else f"{action} done")
        for message in (*outcome.errors, *outcome.warnings):
            assert str(scratch) not in message.text and outer not in message.text, message
            assert "Traceback" not in message.text and "internal error" not in message.text
        assert sorted(p.name for p in Path(outer).iterdir()) == ["scratch"]
        if not outcome.errors and action == "render":
            assert outcome.data[:4] in (b"%PDF", b"PK\x03\x04")
