"""The messages a new user meets first, each asserted as the exact line printed.

Every one leads to the fix: the slip named in words, the command that fits,
a near name suggested. (The located deck mistakes, forgotten dash and
indentation included, are in the broken-deck corpus: tests/data/broken.)
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run, sample_decks

CONTENT = Path(__file__).resolve().parents[1] / "content"
THERAPY = CONTENT / "psychology" / "therapy.yaml"
MANIFEST = CONTENT / "packets" / "psychology-unit8.yaml"


def test_a_deck_given_to_packet_says_which_command_fits(tmp_path: Path) -> None:
    result = run("packet", str(THERAPY), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{THERAPY}: this is not a packet manifest; it is a deck: print it with "
        "'studyprint sheet', 'cards' or 'quiz', or list it under 'decks:' in a packet "
        "manifest\n"
    )
    assert not (tmp_path / "out").exists()


def test_a_manifest_or_layout_given_to_sheet_says_which_command_fits(tmp_path: Path) -> None:
    result = run("sheet", str(MANIFEST), "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{MANIFEST}: this is not a deck; it is a packet manifest: print it with "
        f"'studyprint packet {MANIFEST}'\n"
    )
    layout = CONTENT.parent / "layouts" / "letter.yaml"
    result = run("quiz", str(layout), "-o", str(tmp_path / "x.pdf"))
    assert (
        result.stderr
        == f"{layout}: this is not a deck; it is a layout: use it with --layout {layout}\n"
    )
    assert not (tmp_path / "x.pdf").exists()


def test_a_manifest_missing_decks_is_still_checked_as_a_manifest(tmp_path: Path) -> None:
    manifest = tmp_path / "unit.yaml"
    manifest.write_text("title: Unit 3\ndeks: [a.yaml]\n", encoding="utf-8")
    result = run("packet", str(manifest), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "unknown key 'deks' in a packet manifest; did you mean 'decks'?" in result.stderr


def test_build_with_no_decks_says_so_and_fails(tmp_path: Path) -> None:
    empty = tmp_path / "content"
    empty.mkdir()
    result = run("build", str(empty), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{empty}: no decks or packet manifests here (YAML files with 'terms:' or 'decks:'); "
        "start a deck with 'studyprint new DECK.yaml'\n"
    )


def test_build_ends_with_what_to_print(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "deck.yaml").write_text(
        "title: Words\nterms:\n"
        + "".join(f"  - term: word {i}\n    definition: meaning number {i}\n" for i in range(6)),
        encoding="utf-8",
    )
    result = run("build", str(folder), "-o", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 0, result.stderr
    tail = result.stdout.split("What to print, from ", 1)[1].splitlines()
    assert tail[1:] == [
        "  study guides: print double-sided; answers are on the last page",
        "  glossaries: one-sided, fold along the dashed line to quiz yourself",
        "  cards: print at actual size (100%), one-sided; fold on the dashed line, then cut "
        "along the grey lines",
        "  quizzes: one per student; quiz-key.pdf is for the teacher",
    ]


def test_choices_are_case_insensitive(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    result = run("sheet", str(THERAPY), "--paper", "A4", "--style", "Glossary", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    from pypdf import PdfReader

    width = float(PdfReader(str(out)).pages[0].mediabox.width)
    assert abs(width - 595.28) < 0.1  # A4, not Letter
    assert run("cards", str(THERAPY), "--mode", "DUPLEX", "-o", str(out)).exit_code == 0


def test_typos_in_terms_and_tags_get_suggestions(tmp_path: Path) -> None:
    out = str(tmp_path / "x.pdf")
    result = run("sheet", str(THERAPY), "--terms", "Empaty, Transferance", "-o", out)
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --terms: no term named 'Empaty', 'Transferance' in the decks given; "
        "did you mean 'Empathy' or 'Transference'?\n"
    )
    result = run("sheet", str(THERAPY), "--tags", "humanistc", "-o", out)
    assert (
        result.stderr
        == "error: --tags: no term is tagged 'humanistc'; did you mean 'humanistic'?\n"
    )
    result = run("sheet", str(THERAPY), "--tags", "zzzz", "-o", out)
    assert result.stderr == "error: --tags: no term is tagged 'zzzz'\n"


def test_an_unquoted_last_first_roster_row_is_an_error_on_its_line(tmp_path: Path) -> None:
    """`O'Brien, Sean,2005,2` used to make a student "O'Brien" with id "Sean"."""
    (tmp_path / "deck.yaml").write_text(THERAPY.read_text(encoding="utf-8"), encoding="utf-8")
    roster = tmp_path / "period2.csv"
    roster.write_text(
        'name,id,period\nAda Lovelace,1001,2\nO\'Brien, Sean,2005,2\n"Nguyen, Linh",2006,2\n'
        "Grace Hopper,1003\n",
        encoding="utf-8",
    )
    manifest = tmp_path / "unit.yaml"
    manifest.write_text(
        "title: Unit 8\ndecks: [deck.yaml]\nroster: period2.csv\n", encoding="utf-8"
    )
    result = run("check", str(manifest))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{roster}:3:1: this row has 4 fields but the header has 3; a name with a comma in "
        'it must be in double quotes: "O\'Brien, Sean"\n'
        f"{roster}:5:1: this row has 2 fields but the header has 3; add the missing commas "
        "(an empty field is fine: Ada Lovelace,,2)\n"
    )


def test_new_writes_a_starter_deck_that_checks_and_prints(tmp_path: Path) -> None:
    deck = tmp_path / "cells.yaml"
    result = run("new", str(deck))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"wrote {deck} (a starter deck: fill in your terms); check it with: "
        f"studyprint check {deck}\n"
    )
    assert "title: Cells" in deck.read_text(encoding="utf-8")
    assert run("check", str(deck)).stdout == f"ok: {deck}: 3 terms\n"
    assert run("sheet", str(deck), "-o", str(tmp_path / "s.pdf")).exit_code == 0
    before = deck.read_bytes()
    again = run("new", str(deck))
    assert again.exit_code == 2
    assert (
        again.stderr == f"error: {deck} already exists; choose another name (it is left as it is)\n"
    )
    assert deck.read_bytes() == before


def test_new_from_an_export(tmp_path: Path) -> None:
    source = tmp_path / "words.csv"
    source.write_text("word,meaning\nel horno,the oven\nla olla,the pot\n", encoding="utf-8")
    deck = tmp_path / "kitchen"
    result = run("new", str(deck), "--from", str(source), "--title", "En la cocina")
    assert result.exit_code == 0, result.stderr
    made = tmp_path / "kitchen.yaml"
    assert result.stdout.startswith(f"wrote {made} (2 terms from words.csv)")
    assert run("check", str(made)).stdout == f"ok: {made}: 2 terms\n"
    assert "title: En la cocina" in made.read_text(encoding="utf-8")


def test_import_never_replaces_a_deck_unasked(tmp_path: Path) -> None:
    """Found by the fuzz suite: ``import -o biology.yaml`` replaced a hand-edited deck."""
    export = tmp_path / "set.txt"
    export.write_text("uno\tone\ndos\ttwo\n", encoding="utf-8")
    deck = tmp_path / "biology.yaml"
    deck.write_text("title: Mine\nterms:\n  - term: cell\n    definition: unit\n", "utf-8")
    result = run("import", str(export), "-o", str(deck))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {deck} already exists and may hold your edits; choose another name, "
        "or add --force to replace it\n"
    )
    assert deck.read_text(encoding="utf-8").startswith("title: Mine")
    assert run("import", str(export), "-o", str(deck), "--force").exit_code == 0
    assert "uno" in deck.read_text(encoding="utf-8")
    folder = tmp_path / "decks"
    folder.mkdir()
    made = run("import", str(export), "-o", str(folder))
    assert made.exit_code == 0, made.stderr
    assert (folder / "set.yaml").is_file() and not (tmp_path / "decks.yaml").exists()


def test_a_pdf_is_never_named_like_a_deck(tmp_path: Path) -> None:
    """``quiz deck.txt -o notes.yaml`` wrote notes.pdf and notes-key.pdf."""
    deck = next(p for p in sample_decks() if p.stem == "kitchen")
    for name in ("notes.yaml", "roster.csv", "plan.json"):
        result = run("quiz", str(deck), "--seed", "1", "-o", str(tmp_path / name))
        assert result.exit_code == 2
        assert result.stderr == (
            f"error: -o {tmp_path / name}: this command writes a PDF; give a name ending in .pdf\n"
        )
    assert list(tmp_path.iterdir()) == []
    assert run("sheet", str(deck), "-o", str(tmp_path / "unit8.v2")).exit_code == 0
    assert (tmp_path / "unit8.v2.pdf").is_file()


def test_build_skips_the_quiz_of_a_deck_too_small_for_one(tmp_path: Path) -> None:
    """A starter deck whose only definition repeats its term gives no fair question:
    the build makes its guide, glossary and cards, says why there is no quiz, and
    goes on (it failed as a whole)."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "starter.yaml").write_text(
        "title: Starter\nterms:\n  - term: cell\n    definition: cell\n", encoding="utf-8"
    )
    (content / "kitchen.yaml").write_bytes(
        next(p for p in sample_decks() if p.stem == "kitchen").read_bytes()
    )
    result = run("build", str(content), "-o", str(tmp_path / "out"), "--jobs", "1", "--quiet")
    assert result.exit_code == 0, result.stderr
    assert f"{content / 'starter.yaml'} · quiz: skipped: no questions could be made" in (
        result.stderr
    )
    made = sorted(p.relative_to(tmp_path / "out").as_posix()
                  for p in (tmp_path / "out").rglob("*.pdf"))  # fmt: skip
    assert "starter/guide.pdf" in made and "starter/quiz.pdf" not in made
    assert "kitchen/quiz.pdf" in made and "kitchen/quiz-key.pdf" in made


def test_building_the_samples_warns_of_nothing(tmp_path: Path) -> None:
    """A new user's first build printed seven "only 9 of 20 questions" warnings: with no
    count given, a quiz asks what its deck carries cleanly (issue 31)."""
    from studyprint.resources import content_dir

    result = run("build", str(content_dir()), "-o", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    quizzes = sorted((tmp_path / "out").rglob("quiz.pdf"))
    assert len(quizzes) == 6 and all(q.stat().st_size > 1000 for q in quizzes)
