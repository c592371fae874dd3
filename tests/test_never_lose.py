"""Never lose a user's file (issue 39): each case of the hostile-input pass that still
lost a file, crashed or surprised, as a fixture. Each test failed before its fix."""

from __future__ import annotations

import contextlib
import os
import unicodedata
from pathlib import Path

import pytest

from studyprint.output import PACKET_MARK
from studyprint.read.deck import load_deck
from studyprint.read.deckwriter import quote
from studyprint.read.loader import parse_yaml
from tests.helpers import run, sample_decks
from tests.test_packet import make_packet

DECK = sample_decks()[0]


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


# -- one rule for every writer: replace only what is of the same kind -----------------


def test_a_packet_never_deletes_a_file_where_its_folder_would_go(tmp_path: Path) -> None:
    """``out/unit8`` a teacher's file: the packet exited 0 after deleting it."""
    manifest = make_packet(tmp_path, students=2)
    (tmp_path / "out").mkdir()
    notes = tmp_path / "out" / "unit8"
    notes.write_bytes(b"notes for unit 8")
    result = run("packet", str(manifest), "-o", str(tmp_path / "out"), "--quiet", "--jobs", "1")
    assert result.exit_code == 1, result.stderr
    assert result.stderr == (
        f"error: {notes}: is already there and is not a packet folder (it is a file); "
        "move it away or choose another -o\n"
    )
    assert tree(tmp_path / "out") == {"unit8": b"notes for unit 8"}


def test_a_packet_never_replaces_a_folder_it_did_not_make(tmp_path: Path) -> None:
    manifest = make_packet(tmp_path, students=2)
    mine = tmp_path / "out" / "unit8"
    mine.mkdir(parents=True)
    (mine / "seating plan.docx").write_bytes(b"PK\x03\x04 the seating plan")
    result = run("packet", str(manifest), "-o", str(tmp_path / "out"), "--quiet", "--jobs", "1")
    assert result.exit_code == 1, result.stderr
    assert f"{mine}: is already there and is not a packet folder studyprint made" in result.stderr
    assert tree(tmp_path / "out") == {"unit8/seating plan.docx": b"PK\x03\x04 the seating plan"}


@pytest.mark.parametrize("marked", [True, False], ids=["marked", "from-before-the-mark"])
def test_a_packet_replaces_its_own_earlier_packet(marked: bool, tmp_path: Path) -> None:
    """Last week's packet (with the mark, or made before there was one: only a packet's
    own files) is replaced as a whole, as before."""
    manifest = make_packet(tmp_path, students=2)
    old = tmp_path / "out" / "unit8"
    (old / "students").mkdir(parents=True)
    (old / "packet.pdf").write_bytes(b"%PDF- last week")
    (old / "students" / "03-Gone.pdf").write_bytes(b"%PDF- a student who left")
    if marked:
        (old / PACKET_MARK).write_text("made by studyprint\n", encoding="utf-8")
    result = run("packet", str(manifest), "-o", str(tmp_path / "out"), "--quiet", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert not (old / "students" / "03-Gone.pdf").exists()
    assert (old / "packet.pdf").read_bytes().startswith(b"%PDF-1")
    assert (old / PACKET_MARK).is_file()


def test_build_refuses_a_file_of_another_kind_before_making_anything(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "bio").mkdir(parents=True)
    (content / "bio" / "cells.yaml").write_bytes(DECK.read_bytes())
    out = tmp_path / "out"
    (out / "bio" / "cells").mkdir(parents=True)
    (out / "bio" / "cells" / "quiz.pdf").write_bytes(b"my own quiz, typed in a text editor")
    before = tree(out)
    result = run("build", str(content), "-o", str(out), "--quiet", "--jobs", "1")
    assert result.exit_code == 1, result.stderr
    assert result.stderr == (
        f"error: {out / 'bio' / 'cells' / 'quiz.pdf'}: is already there and is text, not a "
        "PDF; studyprint replaces only a PDF it could have made: move it away or choose "
        "another name\n"
    )
    assert tree(out) == before


def test_a_pdf_replaces_a_pdf_and_nothing_else(tmp_path: Path) -> None:
    photo = tmp_path / "photo.pdf"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n a class photo")
    refused = run("sheet", str(DECK), "-o", str(photo))
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"error: {photo}: is already there and is a PNG picture, not a PDF; studyprint "
        "replaces only a PDF it could have made: move it away or choose another name\n"
    )
    assert photo.read_bytes() == b"\x89PNG\r\n\x1a\n a class photo"
    handout = tmp_path / "handout.pdf"
    assert run("sheet", str(DECK), "-o", str(handout)).exit_code == 0
    assert run("sheet", str(DECK), "-o", str(handout)).exit_code == 0  # a PDF over a PDF


def test_a_plan_replaces_only_a_plan(tmp_path: Path) -> None:
    essay = tmp_path / "essay.json"
    essay.write_text('{"draft": "my essay"}', encoding="utf-8")
    args = ["quiz", str(DECK), "--seed", "1", "-o", str(tmp_path / "q.pdf")]
    refused = run(*args, "--plan", str(essay))
    assert refused.exit_code == 1
    assert "is text, not a quiz plan" in refused.stderr
    assert essay.read_text(encoding="utf-8") == '{"draft": "my essay"}'
    assert not (tmp_path / "q.pdf").exists()  # all or nothing
    plan = tmp_path / "plan.json"
    assert run(*args, "--plan", str(plan)).exit_code == 0
    assert run(*args, "--plan", str(plan)).exit_code == 0  # a plan over a plan


def test_force_never_replaces_a_file_of_another_kind(tmp_path: Path) -> None:
    letter = tmp_path / "letter.apkg"
    letter.write_text("Dear parents,", encoding="utf-8")
    result = run("export", "deck", str(DECK), "--to", "anki", "-o", str(letter), "--force")
    assert result.exit_code == 1
    assert "is text, not a zip package" in result.stderr
    assert letter.read_text(encoding="utf-8") == "Dear parents,"


# -- arguments are text or a clear error -------------------------------------------------


@pytest.mark.parametrize("form", ["separate", "joined"])
def test_an_option_that_is_not_utf8_is_a_located_message(form: str, tmp_path: Path) -> None:
    """``--title $'T\\xff\\xfe'`` ended in "internal error (UnicodeEncodeError…)", exit 3."""
    title = os.fsdecode(b"T\xff\xfe")
    given = ["--title", title] if form == "separate" else [f"--title={title}"]
    result = run("quiz", str(DECK), *given, "-o", str(tmp_path / "q.pdf"))
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --title: 'T\\xff\\xfe' is not text (the bytes shown as \\x.. are not UTF-8); "
        "type it again, or set your terminal to UTF-8\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_export_whose_name_is_not_utf8_imports_with_its_name_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    source = Path(os.fsdecode(b"w\xff.csv"))
    source.write_text("apple,a fruit that grows on trees\npear,a sweet green fruit\n", "utf-8")
    result = run("import", str(source), "-o", "w.yaml")
    assert result.exit_code == 0, result.stderr
    text = Path("w.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Imported by studyprint from w\\xff.csv\ntitle: W\\xff\n")
    assert run("check", "w.yaml").exit_code == 0


# -- imported text that check accepts ---------------------------------------------------

#: Every character Unicode calls a control, format or separator character.
AWKWARD = [
    chr(c)
    for c in range(0x110000)
    if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp", "Zs") or c in (0xFFFE, 0xFFFF)
]


def test_every_separator_and_control_character_reads_back_as_written() -> None:
    """The deck writer's scalars through the loader ``check`` uses: U+2028 and U+2029
    were written bare, and YAML read them as line breaks."""
    assert len(AWKWARD) > 240
    wrong = []
    for char in AWKWARD:
        for text in (f"a{char}b", char, f"{char}x", f"x{char}", f"{char}{char}: #"):
            node = parse_yaml(f"title: {quote(text)}\n", "deck.yaml")
            value = getattr(node.get("title"), "value", None)  # type: ignore[union-attr]
            if value != text:
                wrong.append((f"U+{ord(char):04X}", text, value))
    assert wrong == []


def test_line_and_paragraph_separators_import_into_a_deck_check_accepts(tmp_path: Path) -> None:
    source = tmp_path / "sep.csv"
    source.write_text(
        "term,definition\nfirst\u2028line,one\u2029two\nnext line,a tab\there\n", "utf-8"
    )
    deck = tmp_path / "sep.yaml"
    result = run("import", str(source), "-o", str(deck))
    assert result.exit_code == 0, result.stderr
    checked = run("check", str(deck))
    assert checked.exit_code == 0, checked.stderr
    terms = load_deck(deck).terms
    assert [(t.term, t.definition) for t in terms] == [
        ("first\u2028line", "one\u2029two"),
        ("next line", "a tab\there"),
    ]


# -- output paths as a person means them ------------------------------------------------


def test_an_empty_output_name_is_an_error_not_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``-o "$OUT"`` with OUT unset wrote into the working folder."""
    monkeypatch.chdir(tmp_path)
    result = run("sheet", str(DECK), "-o", "")
    assert result.exit_code == 2
    assert result.stderr == "error: -o is empty (is a variable unset?); give a name\n"
    assert list(tmp_path.iterdir()) == []


def test_a_trailing_slash_means_a_folder_made_if_missing(tmp_path: Path) -> None:
    """``sheet -o newdir/`` wrote ``newdir.pdf``."""
    result = run("sheet", str(DECK), "-o", f"{tmp_path / 'newdir'}/")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "newdir" / f"{DECK.stem}-guide.pdf").is_file()
    assert not (tmp_path / "newdir.pdf").exists()
    exported = run("export", "deck", str(DECK), "--to", "csv", "-o", f"{tmp_path / 'bank'}/")
    assert exported.exit_code == 0, exported.stderr
    assert [p.parent.name for p in (tmp_path / "bank").iterdir()] == ["bank"]


def test_dot_pdf_alone_is_not_a_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``-o .pdf`` wrote ``.pdf.pdf``."""
    monkeypatch.chdir(tmp_path)
    result = run("sheet", str(DECK), "-o", ".pdf")
    assert result.exit_code == 2
    assert result.stderr == "error: -o .pdf: give the file a name before .pdf\n"
    assert list(tmp_path.iterdir()) == []


def test_a_failed_strict_run_removes_the_folders_it_made(tmp_path: Path) -> None:
    deck = tmp_path / "long.yaml"
    words = " ".join(f"word{n}" for n in range(900))
    deck.write_text(f"title: Long\nterms:\n  - term: A\n    definition: {words}\n", "utf-8")
    result = run("cards", str(deck), "--strict", "-o", str(tmp_path / "new" / "sub" / "c.pdf"))
    assert result.exit_code == 1, result.stderr
    assert not (tmp_path / "new").exists()


def test_a_failed_packet_removes_the_folders_it_made(tmp_path: Path) -> None:
    manifest = make_packet(tmp_path, students=2)
    (tmp_path / "roster.csv").write_text("name,id\nAna,1\nAna,1\n", encoding="utf-8")  # refused
    made = tmp_path / "new" / "packets"
    result = run("packet", str(manifest), "-o", str(made), "--quiet", "--jobs", "1")
    assert result.exit_code == 1
    assert not (tmp_path / "new").exists()


# -- messages of human size -------------------------------------------------------------


def test_a_million_unused_columns_are_named_with_a_count(tmp_path: Path) -> None:
    """A CSV with a million columns printed one 8.9 MB "not used" line."""
    header = ["term", "definition", *(f"extra{n}" for n in range(100_000))]
    source = tmp_path / "wide.csv"
    row = ["apple", "a fruit", *([""] * 100_000)]
    source.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    result = run("import", str(source), "-o", str(tmp_path / "wide.yaml"))
    assert result.exit_code == 0, result.stderr
    (note,) = [line for line in result.stderr.splitlines() if "not used" in line]
    assert "extra0, extra1" in note and "and 99,992 more" in note
    assert len(note) < 300


def test_numbered_names_are_padded_to_the_rosters_width(tmp_path: Path) -> None:
    """A class of 5,000 named files 10-, 100-, 1000- (sorted wrong)."""
    from studyprint.batch.packet import plan_packet
    from studyprint.read.manifest import load_manifest

    manifest = load_manifest(make_packet(tmp_path, students=1200))
    plan = plan_packet(manifest, tmp_path / "parts", seed=1)
    names = [a.folder_name for a in plan.assignments]
    assert names[0].startswith("0001-") and names[99].startswith("0100-")
    assert names == sorted(names)
    (tmp_path / "s").mkdir()
    small = plan_packet(load_manifest(make_packet(tmp_path / "s", students=6)), tmp_path, 1)
    assert [a.folder_name[:3] for a in small.assignments][:2] == ["01-", "02-"]


def test_a_library_error_is_said_in_the_users_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A port that answered with other bytes gave "…Unable to allocate 3.07 EiB…"."""
    import socket
    import threading

    pytest.importorskip("distributed")
    from studyprint.batch import jobs

    monkeypatch.setattr(jobs, "CONNECT_SECONDS", 5.0)
    manifest = make_packet(tmp_path, students=2)
    with socket.socket() as service:
        service.bind(("127.0.0.1", 0))
        service.listen()
        port = service.getsockname()[1]

        def answer() -> None:
            with contextlib.suppress(OSError):
                while True:
                    client, _ = service.accept()
                    with client:
                        client.sendall(b"\xff" * 64 + b"HTTP/1.1 200 OK\r\n\r\nhello" * 10)

        threading.Thread(target=answer, daemon=True).start()
        address = f"tcp://127.0.0.1:{port}"
        result = run("packet", str(manifest), "-o", str(tmp_path / "out"), "--scheduler", address)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: cannot reach the Dask scheduler at {address}; something answered there, "
        "but not like a Dask scheduler (is it running, and is that its address?)\n"
    )


# -- a quiz from a deck whose definitions are one template --------------------------------


def templated(path: Path, terms: int) -> Path:
    lines = ["title: Templated", "terms:"]
    for i in range(terms):
        # the number is not the term's own (that would be a cue the planner rightly avoids)
        number = i * 7 + 3
        lines += [
            f"  - term: Word {i}",
            f"    definition: definition number {number} with a few words",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_templated_deck_costs_the_same_searches_whatever_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """100,000 such terms with --count 500 --versions 5 ran past four minutes: every
    subject was tried for definitions the deck cannot offer, each try copying the deck.
    Counted, not timed: the searches a 20-question quiz makes, and the entries they
    look at, must not grow with the deck (benchmarks/quiz_scale.py times it)."""
    from studyprint.products.quiz import bank

    looked: list[int] = []
    same_kind = bank.Bank.same_kind

    def counted(self: bank.Bank, *args: object, **kwargs: object) -> list[bank.Entry]:
        found = same_kind(self, *args, **kwargs)  # type: ignore[arg-type]
        looked.append(len(found))
        return found

    monkeypatch.setattr(bank.Bank, "same_kind", counted)
    costs = []
    for terms in (1_500, 6_000):
        looked.clear()
        deck = templated(tmp_path / f"t{terms}.yaml", terms)
        result = run("quiz", str(deck), "--count", "20", "--seed", "3", "-o", str(deck) + ".pdf")
        assert result.exit_code == 0, result.stderr
        costs.append((len(looked), sum(looked)))
    (small_calls, small_seen), (big_calls, big_seen) = costs
    assert big_calls < 600 and big_calls <= small_calls * 1.2, costs
    assert big_seen <= small_seen * 1.2, costs
