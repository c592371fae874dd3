"""Flashcards read back: every back behind its front, for every mode, flip and preset."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from studyprint.errors import CardGridError
from studyprint.model import Deck
from studyprint.products.cards.geometry import Grid, fronts_per_sheet, plan
from studyprint.read.deck import load_deck
from studyprint.read.layout import load_layout
from studyprint.render import CardsRequest, Selection, outputs
from studyprint.render import render as render_request
from studyprint.text.markup import plain
from studyprint.text.scripts import has_rtl
from studyprint.units import mm
from tests.helpers import pdf_text, run, sample_decks

TOL = 0.5
PRESETS = ["letter-2x4", "a4-2x4", "avery-5371", "avery-5388", "large-print-cards"]
MODES = ["fold", "fold-horizontal", "duplex", "manual"]


@dataclass
class FaceSeen:
    page: int
    x0: float
    top: float  # pdfplumber: distance from the top of the page
    x1: float
    bottom: float
    number: str
    text: str
    rotated: bool


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def same_face_text(seen: str, written: str) -> bool:
    """The face shows the text: letter for letter, or for right-to-left text (drawn
    shaped, in visual order) the same letters once presentation forms are undone."""
    if not has_rtl(written):
        return squash(seen) == squash(written)
    return Counter(squash(unicodedata.normalize("NFKC", seen))) == Counter(squash(written))


def read_faces(path: Path, card: tuple[float, float]) -> list[FaceSeen]:
    """Every card face on every page: its rectangle (the cut lines), number and text."""
    seen = []
    with pdfplumber.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            for rect in page.rects:
                if abs(rect["width"] - card[0]) > TOL or abs(rect["height"] - card[1]) > TOL:
                    continue
                inside = [
                    c
                    for c in page.chars
                    if rect["x0"] - 0.1 <= (c["x0"] + c["x1"]) / 2 <= rect["x1"] + 0.1
                    and rect["top"] - 0.1 <= (c["top"] + c["bottom"]) / 2 <= rect["bottom"] + 0.1
                ]
                rotated = bool(inside) and inside[0]["matrix"][0] < 0

                # the card number: 7 pt, in a corner strip along the card's bottom edge
                # (its top edge when the face is turned)
                def corner(
                    c: dict[str, float], rect: dict[str, float] = rect, rotated: bool = rotated
                ) -> bool:
                    near = (
                        c["top"] - rect["top"] < 20
                        if rotated
                        else rect["bottom"] - c["bottom"] < 20
                    )
                    return abs(c["size"] - 7.0) < 0.01 and near

                small = [c for c in inside if corner(c)]
                body = [c for c in inside if not corner(c)]
                seen.append(
                    FaceSeen(
                        index,
                        rect["x0"],
                        rect["top"],
                        rect["x1"],
                        rect["bottom"],
                        _number(small, rotated),
                        _read(body, rotated),
                        rotated,
                    )
                )
    return seen


def _number(chars: list[dict], rotated: bool) -> str:  # type: ignore[type-arg]
    """The card number ("3/13") among the small print along the card's foot: the unit
    label shares that strip, in the other corner, so the strip is cut at its gaps."""
    groups: list[list[dict]] = []  # type: ignore[type-arg]
    for c in sorted(chars, key=lambda c: c["x0"]):
        if groups and c["x0"] - groups[-1][-1]["x1"] < 4:
            groups[-1].append(c)
        else:
            groups.append([c])
    texts = [_read(group, rotated) for group in groups]
    return next((t for t in texts if re.fullmatch(r"\d+/\d+", t)), "".join(texts))


def _read(chars: list[dict], rotated: bool) -> str:  # type: ignore[type-arg]
    """Characters in reading order; sub- and superscripts stay on their line."""
    lines: list[list[dict]] = []  # type: ignore[type-arg]
    for c in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        middle = (c["top"] + c["bottom"]) / 2
        if lines:
            last = lines[-1]
            base = max(last, key=lambda d: d["size"])
            if abs(middle - (base["top"] + base["bottom"]) / 2) < 0.7 * base["size"]:
                last.append(c)
                continue
        lines.append([c])
    if rotated:
        lines.reverse()
    return "".join(
        "".join(c["text"] for c in sorted(line, key=lambda c: c["x0"], reverse=rotated))
        for line in lines
    )


def deck_of(count: int, tmp_path: Path) -> Path:
    lines = ["title: Generated", "language: en", "terms:"]
    for i in range(count):
        lines += [f"  - term: Term {i + 1}", f"    definition: Definition of card {i + 1} here."]
    path = tmp_path / "gen.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def with_cut_lines(preset: str, folder: Path) -> Path:
    path = folder / f"{preset}-lined.yaml"
    path.write_text(f"extends: {preset}\ncards:\n  perforated: false\n", encoding="utf-8")
    return path


def render(
    deck: Deck,
    tmp_path: Path,
    preset: str,
    mode: str,
    flip: str = "long",
    offset: tuple[float, float] = (0, 0),
    front: str = "term",
    reverse_backs: bool = False,
) -> tuple[list[Path], Grid]:
    out = tmp_path / f"{preset}-{mode}-{flip}.pdf"
    layout = preset
    if load_layout(preset).cards.perforated:
        # precut stock prints no cut lines, which is how these tests find a face: the
        # same preset with lines (same geometry; test_perforated_stock compares them)
        layout = str(with_cut_lines(preset, tmp_path))
    request = CardsRequest(
        Selection((deck,)),
        mode=mode,  # type: ignore[arg-type]
        flip=flip,  # type: ignore[arg-type]
        offset_mm=offset,
        front=front,  # type: ignore[arg-type]
        reverse_backs=reverse_backs,
        layout=layout,
    )
    result = render_request(request, out)
    assert list(result.files) == outputs(request, out)
    return list(result.files), load_layout(preset).card_grid()


def pairs(outs: list[Path], grid: Grid) -> dict[str, tuple[FaceSeen, FaceSeen]]:
    card = (grid.card_width, grid.card_height)
    if len(outs) == 2:
        fronts = read_faces(outs[0], card)
        backs = read_faces(outs[1], card)
    else:
        faces = read_faces(outs[0], card)
        fronts, backs = [], []
        for face in faces:
            (fronts if face.number not in {f.number for f in fronts} else backs).append(face)
    return {f.number: (f, next(b for b in backs if b.number == f.number)) for f in fronts}


COMBOS = [
    (preset, mode, flip)
    for preset in PRESETS
    for mode in MODES
    for flip in (["long", "short"] if mode in ("duplex", "manual") else ["long"])
]


def compatible(preset: str, mode: str) -> bool:
    options = load_layout(preset).cards
    if mode == "fold":
        return options.columns % 2 == 0
    if mode == "fold-horizontal":
        return options.rows % 2 == 0
    return True


@pytest.mark.parametrize(("preset", "mode", "flip"), COMBOS, ids=["-".join(c) for c in COMBOS])
def test_backs_lie_behind_fronts(preset: str, mode: str, flip: str, tmp_path: Path) -> None:
    if not compatible(preset, mode):
        with pytest.raises(CardGridError):
            fronts_per_sheet(load_layout(preset).card_grid(), mode)  # type: ignore[arg-type]
        return
    deck = load_deck(deck_of(13, tmp_path))
    outs, grid = render(deck, tmp_path, preset, mode, flip)
    found = pairs(outs, grid)
    assert len(found) == 13
    W, H = grid.page_width, grid.page_height
    safe = grid.safe_margin
    for number, (front, back) in found.items():
        n = int(number.split("/")[0])
        assert number == f"{n}/13"
        # the text on each face belongs to the same term
        assert squash(front.text) == squash(f"Term {n}")
        assert squash(back.text) == squash(f"Definition of card {n} here.")
        if mode == "fold" or (mode in ("duplex", "manual") and flip == "long"):
            assert back.x0 == pytest.approx(W - front.x1, abs=TOL)
            assert back.top == pytest.approx(front.top, abs=TOL)
        else:
            assert back.x0 == pytest.approx(front.x0, abs=TOL)
            assert back.top == pytest.approx(H - front.bottom, abs=TOL)
        assert back.rotated == (mode == "fold-horizontal")
        for face in (front, back):
            assert face.x0 >= safe - TOL and face.x1 <= W - safe + TOL
            assert face.top >= safe - TOL and face.bottom <= H - safe + TOL
        if mode.startswith("fold"):
            assert front.page == back.page
        elif mode == "duplex":
            assert back.page == front.page + 1


@pytest.mark.parametrize("mode", MODES)
def test_offset_moves_backs_exactly(mode: str, tmp_path: Path) -> None:
    deck = load_deck(deck_of(5, tmp_path))
    plain_outs, grid = render(
        deck, tmp_path / "a" if (tmp_path / "a").mkdir() is None else tmp_path, "letter-2x4", mode
    )
    moved_outs, _ = render(
        deck,
        tmp_path / "b" if (tmp_path / "b").mkdir() is None else tmp_path,
        "letter-2x4",
        mode,
        offset=(1.5, -1),
    )
    before, after = pairs(plain_outs, grid), pairs(moved_outs, grid)
    for number, (front, back) in before.items():
        front2, back2 = after[number]
        assert (front2.x0, front2.top) == pytest.approx((front.x0, front.top), abs=0.01)
        assert back2.x0 - back.x0 == pytest.approx(mm(1.5), abs=0.05)
        assert back2.top - back.top == pytest.approx(mm(1), abs=0.05)  # y down is "top" up


@pytest.mark.parametrize(("mode", "axis"), [("fold", "x"), ("fold-horizontal", "y")])
def test_fold_line_is_at_the_exact_half(mode: str, axis: str, tmp_path: Path) -> None:
    deck = load_deck(deck_of(3, tmp_path))
    outs, grid = render(deck, tmp_path, "letter-2x4", mode)
    with pdfplumber.open(outs[0]) as pdf:
        page = pdf.pages[0]
        dashed = [ln for ln in page.lines if ln.get("dash") and ln["dash"][0]]
    assert dashed, "no dashed fold line"
    line = dashed[0]
    if axis == "x":
        assert line["x0"] == pytest.approx(grid.page_width / 2, abs=0.01)
        assert line["x1"] == pytest.approx(grid.page_width / 2, abs=0.01)
    else:
        assert line["top"] == pytest.approx(grid.page_height / 2, abs=0.01)


def test_cut_lines_only_around_real_cards(tmp_path: Path) -> None:
    deck = load_deck(deck_of(3, tmp_path))
    outs, grid = render(deck, tmp_path, "letter-2x4", "fold")
    with pdfplumber.open(outs[0]) as pdf:
        rects = [
            r
            for r in pdf.pages[0].rects
            if abs(r["width"] - grid.card_width) < TOL and abs(r["height"] - grid.card_height) < TOL
        ]
    assert len(rects) == 6  # 3 fronts and 3 backs; the fourth slot stays blank


def test_every_sheet_has_the_print_hint(tmp_path: Path) -> None:
    deck = load_deck(deck_of(9, tmp_path))
    outs, _ = render(deck, tmp_path, "avery-5371", "duplex")
    for page in PdfReader(str(outs[0])).pages:
        assert "Print at actual size (100%)" in (page.extract_text() or "")


def test_front_definition_swaps_faces(tmp_path: Path) -> None:
    deck = load_deck(deck_of(2, tmp_path))
    outs, grid = render(deck, tmp_path, "letter-2x4", "duplex", front="definition")
    for number, (front, back) in pairs(outs, grid).items():
        n = number.split("/")[0]
        assert squash(front.text) == squash(f"Definition of card {n} here.")
        assert squash(back.text) == f"Term{n}"


def test_manual_reverse_backs(tmp_path: Path) -> None:
    deck = load_deck(deck_of(20, tmp_path))
    outs, grid = render(deck, tmp_path, "letter-2x4", "manual", reverse_backs=True)
    card = (grid.card_width, grid.card_height)
    backs = read_faces(outs[1], card)
    first_page_numbers = sorted(int(f.number.split("/")[0]) for f in backs if f.page == 0)
    assert first_page_numbers == list(range(17, 21))  # the last sheet's backs come first
    assert len(PdfReader(str(outs[0])).pages) == len(PdfReader(str(outs[1])).pages) == 3


def test_every_sample_deck_prints_cards(tmp_path: Path) -> None:
    for deck_path in sample_decks():
        deck = load_deck(deck_path)
        outs, grid = render(deck, tmp_path, "letter-2x4", "fold")
        found = pairs(outs, grid)
        for term_index, term in enumerate(deck.terms, 1):
            front, back = found[f"{term_index}/{len(deck.terms)}"]
            assert same_face_text(front.text, plain(term.term)), (front.text, term.term)
            assert same_face_text(back.text, plain(term.definition)), back.text


LONG = " ".join(["word"] * 500)


def long_deck(tmp_path: Path) -> Path:
    path = tmp_path / "long.yaml"
    path.write_text(
        "title: Long\nterms:\n  - term: Short\n    definition: Fine.\n"
        f"  - term: Wordy\n    definition: {LONG}\n",
        encoding="utf-8",
    )
    return path


def test_overflow_is_a_warning_with_path_and_line(tmp_path: Path) -> None:
    deck = long_deck(tmp_path)
    out = tmp_path / "c.pdf"
    result = run("cards", str(deck), "--layout", "avery-5371", "-o", str(out))
    assert result.exit_code == 0
    assert result.stderr == (
        f"{deck}:5:5: warning: term 'Wordy': the definition does not fit on a avery-5371 card "
        "even at 6 pt; shorten it or use a larger card layout\n"
    )
    assert out.is_file()


def test_overflow_under_strict_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    deck = long_deck(tmp_path)
    out = tmp_path / "c.pdf"
    result = run("cards", str(deck), "--layout", "avery-5371", "--strict", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{deck}:5:5: term 'Wordy': the definition does not fit on a avery-5371 card "
        "even at 6 pt; shorten it or use a larger card layout\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.yaml"]


def test_fold_on_one_column_stock_is_a_usage_error(tmp_path: Path) -> None:
    deck = deck_of(3, tmp_path)
    result = run(
        "cards",
        str(deck),
        "--layout",
        "avery-5388",
        "--mode",
        "fold",
        "-o",
        str(tmp_path / "x.pdf"),
    )
    assert result.exit_code == 2
    assert "cannot fold in half left to right" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_reprint_keeps_card_numbers(tmp_path: Path) -> None:
    deck = deck_of(12, tmp_path)
    out = tmp_path / "r.pdf"
    result = run("cards", str(deck), "--terms", "Term 7", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = PdfReader(str(out)).pages[0].extract_text() or ""
    assert "7/12" in text and "1/1" not in text


def test_bad_offset(tmp_path: Path) -> None:
    deck = deck_of(3, tmp_path)
    result = run("cards", str(deck), "--offset", "1.5", "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2
    assert result.stderr == "error: --offset takes two millimetre values like 1.5,-1, not '1.5'\n"


def test_calibration_sheet(tmp_path: Path) -> None:
    out = tmp_path / "cal.pdf"
    result = run("cards", "--calibrate", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    reader = PdfReader(str(out))
    assert len(reader.pages) == 2
    front, back = (p.extract_text() or "" for p in reader.pages)
    assert "Front" in front and "--flip short" in front
    assert "Back" in back and "+5" in back and "-5" in back.replace("−", "-")
    with pdfplumber.open(out) as pdf:
        w = float(pdf.pages[0].width)
        cross = [ln for ln in pdf.pages[0].lines if abs(ln["x0"] - ln["x1"]) < 0.01]
        assert any(abs(ln["x0"] - w / 2) < 0.01 for ln in cross)


def test_byte_identical(tmp_path: Path) -> None:
    deck = load_deck(sample_decks()[0])
    a, _ = render(
        deck,
        tmp_path / "1" if (tmp_path / "1").mkdir() is None else tmp_path,
        "letter-2x4",
        "duplex",
    )
    b, _ = render(
        deck,
        tmp_path / "2" if (tmp_path / "2").mkdir() is None else tmp_path,
        "letter-2x4",
        "duplex",
    )
    assert a[0].read_bytes() == b[0].read_bytes()


def test_geometry_plan_is_pure() -> None:
    grid = Grid(612, 792, 270, 180, 2, 4, safe_margin=mm(8))
    sheets = list(plan(grid, 5, "fold"))
    assert len(sheets) == 2
    assert [f.card for f in sheets[0] if f.side == "front"] == [0, 1, 2, 3]
    assert grid.problems() == []
    assert Grid(612, 792, 300, 200, 2, 4, safe_margin=mm(8)).problems()


def test_faces_fill_the_card_and_small_text_is_reported(tmp_path: Path) -> None:
    from tests.pagelint import lint

    deck = tmp_path / "sizes.yaml"
    deck.write_text(
        "title: Sizes\nterms:\n  - term: 本\n    definition: book\n"
        "  - term: Osmosis\n    definition: Water crossing a membrane.\n"
        f"  - term: Wordy\n    definition: {' '.join(['longword'] * 100)}\n",
        encoding="utf-8",
    )
    out = tmp_path / "cards.pdf"
    result = run("cards", str(deck), "-o", str(out), "--layout", "avery-5371", "--mode", "duplex")
    assert result.exit_code == 0
    assert (
        result.stderr.startswith(f"{deck}:7:5: warning: term 'Wordy': the definition is set at ")
        and "below 8 pt; shorten it or use a larger card layout" in result.stderr
    )
    with pdfplumber.open(out) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    sizes = {c["text"]: c["size"] for c in chars}
    assert sizes["本"] >= 28 and sizes["O"] >= 24  # as large as the card allows
    # below 7 pt only the reported definition: numbers and the print hint are 7 pt
    assert {c["text"] for c in chars if c["size"] < 7} <= set("longword ")
    assert not lint(out, min_size=6, check_fill=False)
    strict = run("cards", str(deck), "-o", str(tmp_path / "s.pdf"), "--layout", "avery-5371",
                 "--mode", "duplex", "--strict")  # fmt: skip
    assert strict.exit_code == 1 and not (tmp_path / "s.pdf").exists()
    assert "is set at" in strict.stderr


@pytest.mark.parametrize("preset", ["letter-2x4", "avery-5371", "large-print-cards"])
def test_no_word_is_broken_on_a_card(preset: str, tmp_path: Path) -> None:
    """Faces start large, but never so large that a word no longer fits the card."""
    deck_path = next(p for p in sample_decks() if p.stem == "therapy")
    deck = load_deck(deck_path)
    label = f"{deck.subject} {deck.unit} {deck.title}"  # each card names its unit
    written = {
        w.casefold()
        for t in deck.terms
        for w in re.findall(r"[\w'-]+", f"{t.term} {t.definition} {label}")
    }
    out = tmp_path / "cards.pdf"
    assert run("cards", str(deck_path), "-o", str(out), "--layout", preset).exit_code == 0
    with pdfplumber.open(out) as pdf:
        for page in pdf.pages:
            for word in page.extract_words():
                text = re.sub(r"^\W+|\W+$", "", word["text"]).casefold()
                if len(text) >= 4 and not re.fullmatch(r"\d+/\d+", text):
                    assert text in written or not text.isalpha() or text in HINT_WORDS, text


HINT_WORDS = {
    "print", "actual", "size", "fit", "page", "fold", "along", "dashed", "line", "then",
    "cut", "grey", "lines", "double-sided", "flipping", "long", "edge", "short", "fronts",
    "back", "tray", "backs", "half", "over", "top", "the", "tear", "perforations",
}  # fmt: skip


def test_the_command_says_how_to_print(tmp_path: Path) -> None:
    deck = str(sample_decks()[0])
    duplex = run(
        "cards", deck, "-o", str(tmp_path / "d.pdf"), "--mode", "duplex", "--flip", "short"
    )
    assert duplex.stdout.splitlines()[-1] == (
        "Print at actual size (100%), not “fit to page”. Print double-sided, "
        "flipping on the short edge; then cut along the grey lines."
    )
    fold = run("cards", deck, "-o", str(tmp_path / "f.pdf"))
    assert "Fold along the dashed line" in fold.stdout.splitlines()[-1]


@pytest.mark.parametrize("preset", ["avery-5371", "avery-5388"])
def test_perforated_stock_prints_no_cut_lines_and_says_tear(preset: str, tmp_path: Path) -> None:
    """Precut stock: no grey lines (they would never sit on the perforations), "tear"
    in the hint and the command's advice, and every character where the same grid with
    cut lines puts it."""
    deck = deck_of(7, tmp_path)
    plain_out, lined_out = tmp_path / "stock.pdf", tmp_path / "lined.pdf"
    result = run("cards", str(deck), "--layout", preset, "-o", str(plain_out))
    assert result.exit_code == 0
    assert "tear along the perforations" in result.stdout
    lined = with_cut_lines(preset, tmp_path)
    assert run("cards", str(deck), "--layout", str(lined), "-o", str(lined_out)).exit_code == 0
    with pdfplumber.open(plain_out) as stock, pdfplumber.open(lined_out) as other:
        for page, twin in zip(stock.pages, other.pages, strict=True):
            assert not page.rects and twin.rects
            faces = [(c["text"], round(c["x0"], 2), round(c["top"], 2)) for c in page.chars]
            twins = [(c["text"], round(c["x0"], 2), round(c["top"], 2)) for c in twin.chars]
            hint = max(c["top"] for c in page.chars)  # the hint line differs: tear / cut
            assert [f for f in faces if f[2] < hint - 1] == [t for t in twins if t[2] < hint - 1]
    assert "tear along the perforations" in pdf_text(plain_out)
    assert "cut along the grey lines" in pdf_text(lined_out)


def test_each_card_names_its_unit(tmp_path: Path) -> None:
    """Cut cards of three units can be told apart: subject and unit in a corner."""
    paths = []
    for unit in ("Unit 1", "Unit 2", "Unit 3"):
        path = tmp_path / f"{unit[-1]}.yaml"
        path.write_text(
            f"title: Words {unit}\nsubject: Spanish\nunit: {unit}\nterms:\n"
            "  - term: uno\n    definition: one\n  - term: dos\n    definition: two\n",
            encoding="utf-8",
        )
        paths.append(path)
    out = tmp_path / "cards.pdf"
    assert run("cards", *map(str, paths), "-o", str(out), "--mode", "duplex").exit_code == 0
    with pdfplumber.open(out) as pdf:
        labels = [
            w["text"]
            for page in pdf.pages
            for w in page.extract_words()
            if abs(w["bottom"] - w["top"] - 7) < 2.5 and w["text"].startswith("Unit")
        ]
        # every face, front and back, carries its unit: six cards, two sides each
        lines = [
            line
            for page in pdf.pages
            for line in (page.extract_text() or "").splitlines()
            if "Spanish · Unit" in line
        ]
    assert len(labels) == 12
    assert sum(line.count("Spanish · Unit") for line in lines) == 12
