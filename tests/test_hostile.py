"""Files from strangers: what they name must stay in their folder, and be safe to open.

Each test is one thing a hostile or careless deck did before (issue 15), written
from its description with files made here.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PIL import Image

from tests import processes
from tests.helpers import run


def _deck(folder: Path, image: str) -> Path:
    deck = folder / "deck.yaml"
    deck.write_text(
        "title: Cells\nterms:\n"
        f"  - term: Nucleus\n    definition: Holds the DNA\n    image: {image}\n",
        encoding="utf-8",
    )
    return deck


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    """A private photo outside the deck's folder."""
    path = tmp_path / "private" / "photo.png"
    path.parent.mkdir()
    Image.new("RGB", (40, 30), "red").save(path)
    return path


def test_an_image_outside_the_deck_folder_is_refused(tmp_path: Path, picture: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    for name in ("../private/photo.png", str(picture)):
        deck = _deck(folder, name)
        result = run("check", str(deck))
        assert result.exit_code == 1
        assert result.stderr == (
            f"{deck}:5:12: image '{name}': the image is outside the folder of the file that "
            f"names it ({folder.resolve()}); copy it there, or allow its folder with "
            f"--allow-path {picture.parent.resolve()}\n"
        )
        out = tmp_path / "cards.pdf"
        assert run("cards", str(deck), "-o", str(out)).exit_code == 1
        assert not out.exists()
        allowed = ("--allow-path", str(picture.parent))
        assert run("cards", str(deck), "-o", str(out), *allowed).exit_code == 0
        assert out.exists()
        out.unlink()


def test_a_link_out_of_the_deck_folder_is_refused(tmp_path: Path, picture: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "cell.png").symlink_to(picture)
    deck = _deck(folder, "cell.png")
    result = run("check", str(deck))
    assert result.exit_code == 1
    assert "image 'cell.png': the image is outside the folder" in result.stderr


def test_a_link_inside_the_folder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "pictures").mkdir()
    Image.new("RGB", (40, 30), "blue").save(tmp_path / "pictures" / "real.png")
    (tmp_path / "cell.png").symlink_to(tmp_path / "pictures" / "real.png")
    assert run("check", str(_deck(tmp_path, "cell.png"))).exit_code == 0


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder of files a manifest or layout from a stranger should not reach."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "deck.yaml").write_text(
        "title: Private\nterms:\n  - term: Secret\n    definition: Not yours to print\n"
        "  - term: Other\n    definition: Also private\n",
        encoding="utf-8",
    )
    (folder / "roster.csv").write_text("name,id\nAna Ruiz,1\n", encoding="utf-8")
    (folder / "wide.yaml").write_text("extends: letter\nmargins: {left: 1in}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("line", "column", "what", "name"),
    [
        ("decks: [../elsewhere/deck.yaml]", 9, "deck", "../elsewhere/deck.yaml"),
        ("roster: ../elsewhere/roster.csv", 9, "roster", "../elsewhere/roster.csv"),
        ("layout: ../elsewhere/wide.yaml", 9, "layout", "../elsewhere/wide.yaml"),
    ],
)
def test_files_a_manifest_names_stay_in_its_folder(
    tmp_path: Path, elsewhere: Path, line: str, column: int, what: str, name: str
) -> None:
    """A manifest from a stranger read decks, rosters and layouts from anywhere
    (``../``, absolute paths); now they must be beside it, or in an --allow-path."""
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "own.yaml").write_text(
        "title: Own\nterms:\n  - term: A\n    definition: First\n"
        "  - term: B\n    definition: Second\n",
        encoding="utf-8",
    )
    lines = {"title": "P", "decks": "[own.yaml]", "include": "[sheet]"}
    key, value = line.split(": ", 1)
    lines[key] = value
    manifest = folder / "p.yaml"
    manifest.write_text("".join(f"{k}: {v}\n" for k, v in lines.items()), encoding="utf-8")
    row = list(lines).index(key) + 1
    out = tmp_path / "out"
    for command in (["check", str(manifest)], ["packet", str(manifest), "-o", str(out)]):
        result = run(*command)
        assert result.exit_code == 1, result.stderr
        assert result.stderr == (
            f"{manifest}:{row}:{column}: '{name}': the {what} is outside the folder of the "
            f"file that names it ({folder.resolve()}); copy it there, or allow its folder "
            f"with --allow-path {elsewhere.resolve()}\n"
        )
        assert not out.exists() or not any(out.iterdir())
    allowed = ("--allow-path", str(elsewhere))
    assert run("packet", str(manifest), "-o", str(out), "--jobs", "1", *allowed).exit_code == 0
    assert (out / "p" / "packet.pdf").is_file()


def test_a_layout_extends_only_layouts_in_its_folder(tmp_path: Path, elsewhere: Path) -> None:
    (tmp_path / "layouts").mkdir()
    mine = tmp_path / "layouts" / "mine.yaml"
    mine.write_text(f"extends: {elsewhere / 'wide.yaml'}\n", encoding="utf-8")
    deck = elsewhere / "deck.yaml"
    result = run("sheet", str(deck), "--layout", str(mine), "-o", str(tmp_path / "s.pdf"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{mine}:1:10: '{elsewhere / 'wide.yaml'}': the layout is ")
    assert not (tmp_path / "s.pdf").exists()
    allowed = ("--allow-path", str(elsewhere))
    ok = run("sheet", str(deck), "--layout", str(mine), "-o", str(tmp_path / "s.pdf"), *allowed)
    assert ok.exit_code == 0, ok.stderr
    assert run("sheet", str(deck), "--allow-path", str(tmp_path / "none")).stderr == (
        f"error: --allow-path {tmp_path / 'none'}: not a folder; name an existing folder\n"
    )


def test_a_fifo_as_an_image_is_refused_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.png")
    result = run("check", str(_deck(tmp_path, "pipe.png")))
    assert result.exit_code == 1
    assert result.stderr.endswith("image 'pipe.png': the image is not a regular file\n")


def test_a_picture_that_unpacks_to_gigabytes_is_refused(tmp_path: Path) -> None:
    """A few KB of PNG that would be 7,000 x 7,000 pixels in memory."""
    Image.new("1", (7000, 7000)).save(tmp_path / "bomb.png")
    assert (tmp_path / "bomb.png").stat().st_size < 100_000
    deck = _deck(tmp_path, "bomb.png")
    result = run("check", str(deck))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{deck}:5:12: image 'bomb.png': 7000 x 7000 pixels is more than 40 million; "
        "scale it down\n"
    )


def test_deck_text_reaches_the_terminal_escaped_one_line_per_message(tmp_path: Path) -> None:
    """A key that clears the screen and forges an "ok:" line prints as one visible line."""
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        'title: T\n"\\e[2J\\nok: all fine\\u202e": 1\nterms:\n  - term: a\n    definition: b\n',
        encoding="utf-8",
    )
    result = run("check", str(deck))
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert result.stderr.count("\n") == 1  # one message, one line
    assert "unknown key '\\x1b[2J\\nok: all fine\\u202e' in a deck" in result.stderr


def test_roster_names_never_become_spreadsheet_formulas(tmp_path: Path) -> None:
    import csv

    content = Path(__file__).resolve().parents[1] / "content"
    (tmp_path / "deck.yaml").write_text(
        (content / "spanish" / "kitchen.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "roster.csv").write_text(
        'name,id,period\n"=HYPERLINK(""http://example.invalid"",""x"")",1,2\n'
        "Ada Lovelace,@SUM(A1),-3\n",
        encoding="utf-8",
    )
    manifest = tmp_path / "unit.yaml"
    manifest.write_text(
        "title: Unit 5\ndecks: [deck.yaml]\nroster: roster.csv\ninclude: [sheet]\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run("packet", str(manifest), "-o", str(out), "--jobs", "1", "--quiet", "--seed", "1")
    assert result.exit_code == 0, result.stderr
    with (out / "unit" / "assignments.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][0] == '\'=HYPERLINK("http://example.invalid","x")'
    assert rows[2][:3] == ["Ada Lovelace", "'@SUM(A1)", "'-3"]


@pytest.mark.parametrize("kind", ["fifo", "device", "link to a device"])
def test_output_onto_a_device_or_pipe_is_refused_and_left_alone(kind: str, tmp_path: Path) -> None:
    deck = Path(__file__).resolve().parents[1] / "content" / "spanish" / "kitchen.yaml"
    if kind == "fifo":
        target = tmp_path / "pipe"
        os.mkfifo(target)
        shown = target
    elif kind == "device":
        target = shown = Path("/dev/null")
    else:
        target = tmp_path / "null.pdf"
        target.symlink_to("/dev/null")
        shown = target
    for command in (["sheet"], ["cards"], ["quiz", "--seed", "1"]):
        result = run(*command, str(deck), "-o", str(target))
        assert result.exit_code == 1, (command, result.stderr)
        assert result.stderr == (
            f"error: {shown}: is not a regular file (a device, pipe or socket); "
            "choose a file name\n"
        )
    export = tmp_path / "set.txt"
    export.write_text("uno\tone\ndos\ttwo\n", encoding="utf-8")
    for command in (["import", str(export)], ["new"]):  # decks, not PDFs
        args = [*command, "-o", str(target)] if command[0] == "import" else [*command, str(target)]
        result = run(*args)
        assert result.exit_code == 1, (command, result.stderr)
        assert "is not a regular file (a device, pipe or socket)" in result.stderr
    assert Path("/dev/null").is_char_device()
    assert not Path(f"{target}.pdf").exists() and not Path("/dev/null.pdf").exists()
    assert not Path(f"{target}.yaml").exists() and not Path("/dev/null.yaml").exists()


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        ("fonts: {body: nan}", "2:15: 'body' must be a finite number, found 'nan'"),
        ("fonts: {heading: inf}", "2:18: 'heading' must be a finite number, found 'inf'"),
        (
            "quiz: {key_columns: -.inf}",
            "2:21: 'key_columns' must be a number, found '-.inf'",
        ),
    ],
)
def test_nan_and_infinity_in_a_layout_are_located(
    layout: str, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(f"extends: letter\n{layout}\n", encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"{path}:{message}\n"


def test_nan_in_a_manifest_is_located(tmp_path: Path) -> None:
    content = Path(__file__).resolve().parents[1] / "content"
    (tmp_path / "deck.yaml").write_text(
        (content / "spanish" / "kitchen.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    manifest = tmp_path / "unit.yaml"
    manifest.write_text("title: U\ndecks: [deck.yaml]\nquiz: {count: nan}\n", encoding="utf-8")
    result = run("check", str(manifest))
    assert result.exit_code == 1
    assert result.stderr == f"{manifest}:3:15: 'count' must be a finite number, found 'nan'\n"


def test_a_chain_of_layouts_1500_deep_is_a_message(tmp_path: Path) -> None:
    for i in range(1500):
        parent = f"x{i + 1}.yaml" if i < 1499 else "letter"
        (tmp_path / f"x{i}.yaml").write_text(f"extends: {parent}\n", encoding="utf-8")
    result = run("check", str(tmp_path / "x0.yaml"))
    assert result.exit_code == 1
    assert result.stderr == (  # a parent layout is named as its child wrote it
        "x16.yaml:1:10: layouts extend each other more than 16 deep; "
        "extend a built-in layout directly\n"
    )


CONTENT = Path(__file__).resolve().parents[1] / "content"


def _unit(
    folder: Path, name: str = "unit.yaml", roster: str = "roster.csv", students: int = 3
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deck.yaml").write_text(
        (CONTENT / "spanish" / "kitchen.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    rows = "".join(f"Student {i},{i},2\n" for i in range(students))
    (folder / roster).write_text(f"name,id,period\n{rows}", encoding="utf-8")
    manifest = folder / name
    manifest.write_text(
        f"title: Unit\ndecks: [deck.yaml]\nroster: {roster}\ninclude: [glossary]\n",
        encoding="utf-8",
    )
    return manifest


def _packet(manifest: Path, out: Path) -> object:
    return run("packet", str(manifest), "-o", str(out), "--jobs", "1", "--quiet", "--seed", "1")


def test_a_manifest_named_dots_writes_inside_the_output_folder(tmp_path: Path) -> None:
    manifest = _unit(tmp_path / "in", name="...yaml")
    out = tmp_path / "out" / "inner"
    result = _packet(manifest, out)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert (out / "packet" / "packet.pdf").is_file()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["inner"]


def test_a_roster_kept_in_the_packet_folder_is_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "out"
    manifest = _unit(out / "unit", roster="assignments.csv")
    before = (out / "unit" / "assignments.csv").read_bytes()
    result = _packet(manifest, out)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "is inside the packet folder" in result.stderr  # type: ignore[attr-defined]
    assert (out / "unit" / "assignments.csv").read_bytes() == before


def test_a_smaller_roster_leaves_no_old_student_behind(tmp_path: Path) -> None:
    out = tmp_path / "out"
    manifest = _unit(tmp_path / "in", students=4)
    assert _packet(manifest, out).exit_code == 0  # type: ignore[attr-defined]
    assert len(list((out / "unit" / "students").iterdir())) == 4
    _unit(tmp_path / "in", students=2)
    assert _packet(manifest, out).exit_code == 0  # type: ignore[attr-defined]
    assert len(list((out / "unit" / "students").iterdir())) == 2
    assert [p.name for p in out.iterdir()] == ["unit"]  # no scratch left either


def test_two_inputs_that_would_write_one_output_are_refused(tmp_path: Path) -> None:
    first = _unit(tmp_path / "a")
    second = _unit(tmp_path / "b")
    result = run("packet", str(first), str(second), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{second}: would write the same output as {first} (unit); rename one of them\n"
    )
    content = tmp_path / "content"
    content.mkdir()
    for name in ("words.yaml", "words.yml"):
        (content / name).write_text("title: W\nterms:\n  - term: a\n    definition: b\n",
                                    encoding="utf-8")  # fmt: skip
    result = run("build", str(content), "-o", str(tmp_path / "built"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{content / 'words.yml'}: would write the same output as {content / 'words.yaml'} "
        "(words); rename one of them\n"
    )


def test_packet_and_build_into_an_existing_file_are_messages(tmp_path: Path) -> None:
    manifest = _unit(tmp_path / "in")
    taken = tmp_path / "taken"
    taken.write_text("keep me", encoding="utf-8")
    for command in (["packet", str(manifest)], ["build", str(tmp_path / "in")]):
        result = run(*command, "-o", str(taken))
        assert result.exit_code == 1, result.stderr
        assert result.stderr == f"error: {taken}: is a file; give a folder for the output\n"
    assert taken.read_text(encoding="utf-8") == "keep me"


def test_empty_term_and_tag_lists_are_refused(tmp_path: Path) -> None:
    deck = CONTENT / "spanish" / "kitchen.yaml"
    for option in ("--terms", "--tags"):
        result = run("sheet", str(deck), option, ",,,", "-o", str(tmp_path / "x.pdf"))
        assert result.exit_code == 2
        assert result.stderr == f"error: {option} names nothing; give names separated by commas\n"


def test_a_text_longer_than_a_field_may_hold_is_located(tmp_path: Path) -> None:
    deck = tmp_path / "long.yaml"
    deck.write_text(
        f"title: Long\nterms:\n  - term: a\n    definition: {'word ' * 5000}\n", encoding="utf-8"
    )
    result = run("check", str(deck))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{deck}:4:17: 'definition' is 24,999 characters long; the most one text may hold "
        "is 20,000: split it\n"
    )


def test_an_unclosed_quote_in_a_roster_is_named(tmp_path: Path) -> None:
    manifest = _unit(tmp_path / "in")
    roster = tmp_path / "in" / "roster.csv"
    roster.write_text('name,id,period\nAda,1,2\n"Bob, Jr,2,2\nCy,3,2\n', encoding="utf-8")
    result = run("check", str(manifest))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{roster}:3:1: this row has 1 fields but the header has 3; a quote opened on this "
        "row is never closed, so it swallows the rows after it\n"
    )


def test_a_huge_csv_field_is_a_message_not_a_crash(tmp_path: Path) -> None:
    source = tmp_path / "big.csv"
    source.write_text('term,definition\nword,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    result = run("import", str(source), "-o", str(tmp_path / "big.yaml"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{source}:2:1: a field runs past 80,000 characters; split it, or close the quote "
        "that opens it\n"
    )
    result = run("cards", str(source), "-o", str(tmp_path / "big.pdf"))
    assert result.exit_code == 1 and "internal error" not in result.stderr


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_pipe_or_device_named_as_a_deck_is_refused_without_hanging(
    kind: str, tmp_path: Path
) -> None:
    if kind == "fifo":
        deck = tmp_path / "deck.yaml"
        os.mkfifo(deck)
    else:
        deck = Path("/dev/zero")
    for command in (["check"], ["sheet", "-o", str(tmp_path / "x.pdf")]):
        result = run(*command, str(deck))
        assert result.exit_code == 1, result.stderr
        assert result.stderr.endswith(f"{deck}: is not a regular file (a device or pipe)\n")
    source = tmp_path / "words.csv"
    os.mkfifo(source)
    result = run("import", str(source), "-o", str(tmp_path / "w.yaml"))
    assert result.stderr == f"{source}: is not a regular file (a device or pipe)\n"


def test_an_excel_roster_is_read(tmp_path: Path) -> None:
    manifest = _unit(tmp_path / "in")
    (tmp_path / "in" / "roster.csv").write_bytes(
        "name,id,period\nZoë Ramírez,1,2\n".encode("cp1252")
    )
    out = tmp_path / "out"
    assert _packet(manifest, out).exit_code == 0  # type: ignore[attr-defined]
    assert (out / "unit" / "students" / "01-Zoë-Ramírez.pdf").is_file()


def test_aliases_are_counted_in_characters(tmp_path: Path) -> None:
    """A 100 KB text named once and repeated 3,000 times by alias would be 300 MB of
    text from a file of 150 KB: refused at once, on the alias that crosses 1 MB (the 12th)."""
    deck = tmp_path / "deck.yaml"
    lines = ["title: Big", f"long: &text {'x' * 100_000}", "terms:"]
    lines += ["  - term: a", "    definition: b", "    facts:"]
    lines += ["      - *text"] * 3000
    deck.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert deck.stat().st_size < 200_000
    result = run("check", str(deck))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{deck}:18:9: aliases here expand to far too many values; remove the '&'/'*' aliases\n"
    )


def test_a_damaged_font_cache_heals_and_an_unreadable_one_is_skipped(tmp_path: Path) -> None:
    """A truncated or junk font in the cache broke every later run ("reinstall
    studyprint", which could not fix it); a cache that cannot be read or written
    is simply not used."""
    import sys

    import pymupdf_fonts

    cache = tmp_path / "cache"
    fonts = cache / "studyprint" / "fonts"
    fonts.mkdir(parents=True)
    stamp = Path(pymupdf_fonts.__file__).stat().st_size
    junk = fonts / f"pymupdf-fonts-{stamp}_figo-0123456789abcdef.ttf"
    junk.write_bytes(b"\x00\x01\x00\x00 not really a font")
    (fonts / f"pymupdf-fonts-{stamp}_figo-0123456789abcdef.ttf.99.part").write_bytes(b"half")
    deck = CONTENT / "spanish" / "kitchen.yaml"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    script = "from studyprint.cli import main; main()"
    out = tmp_path / "s.pdf"
    done = processes.run(
        [sys.executable, "-c", script, "sheet", str(deck), "-o", str(out)],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not junk.exists()  # removed, and a good copy cached in its place
    assert any(fonts.glob(f"pymupdf-fonts-{stamp}_figo-*.ttf"))
    fonts.chmod(0o000)
    try:
        done = processes.run(
            [sys.executable, "-c", script, "sheet", str(deck), "-o", str(out)],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
    finally:
        fonts.chmod(0o755)
    assert done.returncode == 0, done.stderr


def test_an_import_never_writes_a_deck_that_check_refuses(tmp_path: Path) -> None:
    """Control characters in an old export (a bell, a form feed) used to reach the
    YAML, which `check` then rejected."""
    source = tmp_path / "old.csv"
    source.write_bytes(b"term,definition\nbell\x07,a ringing\x0c thing\nquiet,no \x1b[31msound\n")
    out = tmp_path / "old.yaml"
    result = run("import", str(source), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"wrote {out} (2 terms from a spreadsheet export)\n"
    assert run("check", str(out)).stdout == f"ok: {out}: 2 terms\n"
    text = out.read_text(encoding="utf-8")
    assert "\x07" not in text and "\x1b" not in text and "a ringing thing" in text


def test_a_full_disk_is_a_message_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last step of every write fails as a full disk would: one line, exit 1, no
    "internal error", no partial file (checked by hand on a 64 KB tmpfs too)."""
    import errno

    import studyprint.output

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(studyprint.output.os, "replace", full)
    deck = CONTENT / "spanish" / "kitchen.yaml"
    for command in (["sheet"], ["cards"], ["quiz", "--seed", "1"]):
        result = run(*command, str(deck), "-o", str(tmp_path / "out.pdf"))
        assert result.exit_code == 1, result.stderr
        assert re.fullmatch(  # names the file: out.pdf, or the quiz's out-key.pdf
            f"error: {re.escape(str(tmp_path))}/out(-key)?\\.pdf: No space left on device; "
            "free some space and run it again \\(nothing half-written was kept\\)\n",
            result.stderr,
        ), result.stderr
        assert "internal error" not in result.stderr
        assert list(tmp_path.iterdir()) == []


def test_a_read_only_folder_is_named() -> None:
    import errno

    from studyprint.cli.shared import disk_message

    error = OSError(errno.EROFS, "Read-only file system", "/mnt/ro/p")
    assert disk_message(error) == "/mnt/ro/p: Read-only file system; choose another folder with -o"


# -- the rest of what was seen: internal errors and silent acceptance ------------------


def test_dot_empty_and_unwritable_outputs_are_not_internal_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``-o .`` writes the usual name in this folder; ``-o ''`` is a message (an unset
    ``$OUT`` is a slip, not a wish for this folder: issue 39); a folder that cannot be
    written in is a message."""
    monkeypatch.chdir(tmp_path)
    deck = str(CONTENT / "spanish" / "kitchen.yaml")
    result = run("sheet", deck, "-o", ".")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "wrote kitchen-guide.pdf (2 pages)\n"
    empty = run("sheet", deck, "-o", "")
    assert empty.exit_code == 2
    assert empty.stderr == "error: -o is empty (is a variable unset?); give a name\n"
    for command in (
        ["sheet", deck],
        [
            "packet",
            str(CONTENT / "packets" / "psychology-unit8.yaml"),
            "--allow-path",
            str(CONTENT),
        ],
        ["build", str(CONTENT)],
    ):
        result = run(*command, "-o", "/proc", "--jobs", "1") if command[0] != "sheet" else (
            run(*command, "-o", "/proc")
        )  # fmt: skip
        assert result.exit_code == 1, result.stderr
        (line,) = result.stderr.splitlines()
        assert line.startswith("error: /proc") and "internal error" not in line, line


def test_a_student_name_longer_than_a_file_name_may_be(tmp_path: Path) -> None:
    (tmp_path / "deck.yaml").write_bytes((CONTENT / "spanish" / "kitchen.yaml").read_bytes())
    (tmp_path / "roster.csv").write_text(
        f"name,id\n{'Ñ' * 200},1\n{'x' * 300},2\n", encoding="utf-8"
    )
    manifest = tmp_path / "p.yaml"
    manifest.write_text(
        "title: P\ndecks: [deck.yaml]\ninclude: [sheet]\nroster: roster.csv\n", encoding="utf-8"
    )
    result = run("packet", str(manifest), "-o", str(tmp_path / "out"), "--jobs", "1", "--quiet")
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out" / "p" / "students").iterdir())
    assert len(names) == 2
    assert all(len(name.encode()) <= 130 for name in names), names
    assert names[0].startswith("01-ÑÑÑ") and names[1].startswith("02-xxx")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["cards", "--offset", "nan,1"], "error: --offset takes two millimetre values like "
         "1.5,-1, not 'nan,1'"),
        (["cards", "--offset", "1,inf"], "error: --offset takes two millimetre values like "
         "1.5,-1, not '1,inf'"),
        (["quiz", "--points", "nan"], "error: --points must be a number from 0.25 to 100, not nan"),
    ],
)  # fmt: skip
def test_nan_and_infinity_in_options_are_refused(
    args: list[str], message: str, tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    result = run(args[0], str(CONTENT / "spanish" / "kitchen.yaml"), *args[1:], "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == message + "\n"
    assert not out.exists()


@pytest.mark.parametrize(
    ("cards", "message"),
    [
        ("{width: 0in, height: 2in}", "2:16: a card's 'width' must be at least 0.5in (13mm); "
         "make it larger"),
        ("{width: 3in, height: 0.1in}", "2:29: a card's 'height' must be at least 0.5in (13mm); "
         "make it larger"),
        ("{width: 2in, height: 2in, padding: 3in}", "2:43: the card 'padding' leaves no room for "
         "text; make it smaller"),
    ],
)  # fmt: skip
def test_cards_that_cannot_be_drawn_are_located(cards: str, message: str, tmp_path: Path) -> None:
    layout = tmp_path / "tiny.yaml"
    layout.write_text(f"extends: letter\ncards: {cards}\n", encoding="utf-8")
    out = tmp_path / "c.pdf"
    result = run("cards", str(CONTENT / "spanish" / "kitchen.yaml"), "--layout", str(layout),
                 "-o", str(out))  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == f"{layout}:{message}\n"
    assert not out.exists()


def test_a_paper_100000_inches_wide_is_refused(tmp_path: Path) -> None:
    layout = tmp_path / "huge.yaml"
    layout.write_text("extends: letter\npaper: {width: 100000in, height: 11in}\n", encoding="utf-8")
    out = tmp_path / "s.pdf"
    result = run("sheet", str(CONTENT / "spanish" / "kitchen.yaml"), "--layout", str(layout),
                 "-o", str(out))  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        f"{layout}:2:8: a custom 'paper' must be between 1 in and 60 in each way\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("#columns:Front", "2:1: the export names 1 field(s) besides tags, deck, note type and "
         "guid; a note needs a front and a back (check its '#columns:' line)"),
        ("#columns:", "2:1: the export names 1 field(s) besides tags, deck, note type and guid; "
         "a note needs a front and a back (check its '#columns:' line)"),
        ("#notetype column:1\n#columns:Type\tFront", "3:1: the export names 1 field(s) besides "
         "tags, deck, note type and guid; a note needs a front and a back (check its "
         "'#columns:' line)"),
        ("#tags column:0", "2:1: '#tags column:' must be a column number from 1 to 1000, "
         "found '0'"),
        ("#guid column:99999999999999999999", "2:1: '#guid column:' must be a column number "
         "from 1 to 1000, found '99999999999999999999'"),
        ("#deck column:²", "2:1: '#deck column:' must be a column number from 1 to 1000, "
         "found '²'"),
        ('#separator:"', "2:1: '#separator:\"' cannot separate fields; use tab, comma, "
         "semicolon, pipe or space"),
        ("#tags column:1\n#deck column:2", "4:1: this note has 2 fields; its front and back "
         "should be fields 3 and 4 (check the separator)"),
    ],
)  # fmt: skip
def test_anki_header_edge_cases_are_located(header: str, message: str, tmp_path: Path) -> None:
    """``#columns:`` naming fewer than two fields ended in StopIteration (exit 3)."""
    export = tmp_path / "anki.txt"
    export.write_text(f"#separator:tab\n{header}\nuno\tone\ndos\ttwo\n", encoding="utf-8")
    result = run("import", str(export), "-o", str(tmp_path / "d.yaml"))
    assert result.exit_code == 1, result.stderr
    assert result.stderr.splitlines()[0] == f"{export}:{message}"
    assert not (tmp_path / "d.yaml").exists()


def test_file_names_and_arguments_that_are_not_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A deck called b'k\\xe9\\xff.yaml' (Latin-1 bytes) made ``build`` fail with
    UnicodeEncodeError; names are now shown with visible escapes."""
    import subprocess
    import sys

    folder = tmp_path / "decks"
    folder.mkdir()
    name = os.fsdecode(b"k\xe9\xff.yaml")
    (folder / name).write_bytes((CONTENT / "spanish" / "kitchen.yaml").read_bytes())

    def studyprint(*args: str) -> subprocess.CompletedProcess[bytes]:
        return processes.run([sys.executable, "-m", "studyprint", *args], cwd=tmp_path,
                              capture_output=True)  # fmt: skip

    built = studyprint("build", "decks", "-o", "out", "--jobs", "1", "--quiet")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / os.fsdecode(b"k\xe9\xff") / "quiz.pdf").is_file()
    assert b"k\\xe9\\xff" in built.stdout and b"\xff" not in built.stdout
    sheet = studyprint("sheet", f"decks/{name}", "-o", os.fsdecode(b"o\xff.pdf"))
    assert sheet.returncode == 0 and sheet.stdout == b"wrote o\\xff.pdf (2 pages)\n"
    terms = studyprint("quiz", f"decks/{name}", "--terms", os.fsdecode(b"\xff"))
    assert terms.returncode == 2 and terms.stderr.count(b"\n") == 1, terms.stderr
    assert b"Traceback" not in built.stderr + sheet.stderr + terms.stderr


def test_very_long_texts_end_quickly(tmp_path: Path) -> None:
    """A 240 KB definition of hostile markup ran past 60 s in the parser, a 400 KB one
    28 s in the line breaker: now the field limit answers at once, and the parser
    and line breaker themselves take seconds for such texts (``benchmarks/
    linear_text.py`` measures them; this only guards against a hang)."""
    import time

    from studyprint.text import markup
    from studyprint.text.setter import TextStyle, paragraph

    deck = tmp_path / "long.yaml"
    text = ("*a " * 80_000) + ("b~ " * 80_000)
    deck.write_text(
        f"title: Long\nterms:\n  - term: A\n    definition: '{text}'\n"
        "  - term: B\n    definition: short\n",
        encoding="utf-8",
    )
    result = run("sheet", str(deck), "-o", str(tmp_path / "s.pdf"))
    assert result.exit_code == 1
    assert "is 20,000: split it" in result.stderr
    started = time.process_time()  # work done: a busy machine doesn't change it
    markup.parse(text)
    paragraph(("photosynthesis makes sugar " * 16_000), TextStyle(size=10)).flowable.wrap(400, 800)
    assert time.process_time() - started < 30  # quadratic code took minutes


def test_a_picture_with_damaged_pixels_is_located_before_printing(tmp_path: Path) -> None:
    """Found by the fuzz suite: a PNG whose header is fine but whose data is damaged
    passed ``check`` and failed mid-PDF with ReportLab's two-line message."""
    Image.new("RGB", (30, 20), "teal").save(tmp_path / "good.png")
    data = (tmp_path / "good.png").read_bytes()
    (tmp_path / "cell.png").write_bytes(data[:-20] + b"\x00" * 8 + data[-12:])
    deck = _deck(tmp_path, "cell.png")
    for command in (["check"], ["sheet", "-o", str(tmp_path / "s.pdf")]):
        result = run(command[0], str(deck), *command[1:])
        assert result.exit_code == 1
        assert result.stderr == (
            f"{deck}:5:12: image 'cell.png': is damaged (its pixels cannot be read); "
            "save it again as PNG or JPEG\n"
        )
    assert not (tmp_path / "s.pdf").exists()


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("sheet: {gap: 20in}", "2:14: 'gap' is 20.00 in tall, too tall for this page's 9.58 in "
         "of text; keep it under 2.40 in"),
        ("sheet: {image_height: 30in}", "2:23: 'image_height' is 30.00 in tall, too tall for "
         "this page's 9.58 in of text; keep it under 4.79 in"),
        ("fonts: {body: 80, heading: 200}", "2:28: a 'heading' line is 3.61 in tall, too tall "
         "for this page's 9.58 in of text; keep it under 1.20 in"),
    ],
)  # fmt: skip
def test_spacing_and_fonts_taller_than_the_page_are_located(
    block: str, message: str, tmp_path: Path
) -> None:
    """Found while checking layout geometry: a 20 in gap or a 200 pt heading ended in
    ReportLab's LayoutError ("internal error", exit 3) mid-PDF."""
    layout = tmp_path / "tall.yaml"
    layout.write_text(f"extends: letter\n{block}\n", encoding="utf-8")
    for command in ("sheet", "quiz", "cards"):
        out = tmp_path / f"{command}.pdf"
        result = run(command, str(CONTENT / "biology" / "cells.yaml"), "--layout", str(layout),
                     "-o", str(out))  # fmt: skip
        assert result.exit_code == 1, result.stderr
        assert result.stderr == f"{layout}:{message}\n"
        assert not out.exists()


def test_a_page_that_cannot_hold_a_line_is_a_message_not_an_internal_error(
    tmp_path: Path,
) -> None:
    """What the layout checks cannot foresee still ends in one line, exit 1."""
    layout = tmp_path / "huge.yaml"
    layout.write_text("extends: letter\nfonts: {heading: 40, body: 40}\n", encoding="utf-8")
    out = tmp_path / "q.pdf"
    result = run("quiz", str(CONTENT / "biology" / "cells.yaml"), "--layout", str(layout),
                 "--seed", "1", "--types", "match", "-o", str(out))  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: something on a page is taller than the page with layout 'huge'; use smaller "
        "fonts or spacing in the layout"
    )
    assert not out.exists()
