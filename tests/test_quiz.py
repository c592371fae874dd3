"""Quizzes and keys read back: every key answer is right for the options as printed."""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

from studyprint.model import Deck, Term
from studyprint.products.quiz.bank import without_reading
from studyprint.products.quiz.generate import quiz_code
from studyprint.products.quiz.types.base import norm
from studyprint.read.deck import load_deck
from studyprint.text.markup import plain
from tests.helpers import pdf_text, run, sample_decks, visual

QUESTION = re.compile(r"^(\d+)\.\s+(.*)$")
OPTION = re.compile(r"^([A-H])\.\s+(.*)$")


def n(text: str) -> str:
    """Comparable text: markup applied, case folded, no whitespace (wrapping and
    sub/superscripts put spaces where the source has none; shaped Arabic extracts as
    presentation forms, which NFKC undoes)."""
    return re.sub(r"\s+", "", norm(unicodedata.normalize("NFKC", plain(text))))


def within(part: str, whole: str) -> bool:
    return part in whole or visual(part) in visual(whole)


def same(a: str, b: str) -> bool:
    """Equal, or equal but for where extraction put a sub/superscript character."""
    return a == b or sorted(a) == sorted(b)


def find(mapping: dict[str, object], key: str) -> object:
    if key in mapping:
        return mapping[key]
    matches = [v for k, v in mapping.items() if sorted(k) == sorted(key)]
    assert len(matches) == 1, key
    return matches[0]


def page_lines(
    page: pdfplumber.page.Page, bbox: tuple[float, float, float, float] | None = None
) -> list[str]:
    """Lines of text with sub- and superscripts kept on their line (ordinary
    extraction puts a raised or lowered character on a line of its own)."""
    region = page.crop(bbox) if bbox else page
    chars = sorted(region.chars, key=lambda c: (c["top"] + c["bottom"]) / 2)
    lines: list[list[dict]] = []  # type: ignore[type-arg]
    for c in chars:
        middle = (c["top"] + c["bottom"]) / 2
        for line in reversed(lines[-2:]):
            base = max(line, key=lambda d: d["size"])
            if abs(middle - (base["top"] + base["bottom"]) / 2) < 0.6 * base["size"]:
                line.append(c)
                break
        else:
            lines.append([c])
    result = []
    for line in sorted(
        lines, key=lambda ln: min(c["top"] for c in ln if c["size"] == max(d["size"] for d in ln))
    ):
        line.sort(key=lambda c: c["x0"])
        text = ""
        for prev, c in zip([None, *line], line, strict=False):
            if prev is not None and c["x0"] - prev["x1"] > 0.2 * max(c["size"], prev["size"]):
                text += " "
            text += c["text"]
        result.append(re.sub(r"\s+", " ", text).strip())
    return [r for r in result if r]


def pages_by_version(path: Path) -> dict[str, list[int]]:
    """Page indexes of each quiz version (keys and blank pages excluded)."""
    result: dict[str, list[int]] = {}
    with pdfplumber.open(path) as pdf:
        for i, page in enumerate(pdf.pages):
            text = page.extract_text() or ""
            found = re.search(r"^Version ([A-Z]) · Quiz [2-9A-Z]{4}", text, re.M)
            if found and "Answer key" not in text and len(text.splitlines()) > 2:
                result.setdefault(found.group(1), []).append(i)
    return result


def parse_quiz(path: Path, pages: list[int]) -> dict[int, dict[str, object]]:
    """Questions by number: kind, prompt and options, from the printed text."""
    questions: dict[int, dict[str, object]] = {}
    current: dict[str, object] | None = None
    kind = ""
    target = "prompt"
    with pdfplumber.open(path) as pdf:
        lines = [ln for i in pages for ln in page_lines(pdf.pages[i])[1:-1]]
    for line in lines:
        line = line.strip()
        if line.startswith("Part ") and " · " in line:
            kind = line.split(" · ")[1]
            current = None
            continue
        if kind == "Matching":
            continue
        if current is None and not QUESTION.match(line):
            continue  # instructions and header lines
        q = QUESTION.match(line)
        o = OPTION.match(line)
        if q and (current is None or o is None):
            current = {"kind": kind, "prompt": q.group(2), "options": {}}
            questions[int(q.group(1))] = current
            target = "prompt"
        elif o and current is not None:
            current["options"][o.group(1)] = o.group(2)  # type: ignore[index]
            target = o.group(1)
        elif line == "True / False":
            continue
        elif current is not None:
            if target == "prompt":
                current["prompt"] = f"{current['prompt']} {line}"
            else:
                opts = current["options"]
                opts[target] = f"{opts[target]} {line}"  # type: ignore[index]
    return questions


def parse_match(path: Path, pages: list[int]) -> tuple[dict[int, str], dict[str, str]]:
    """(number -> term, letter -> definition) from the matching table, column by column."""
    terms: dict[int, str] = {}
    options: dict[str, str] = {}
    with pdfplumber.open(path) as pdf:
        for i in pages:
            page = pdf.pages[i]
            text = page.extract_text() or ""
            if "· Matching ·" not in text:
                continue
            words = page.extract_words()
            head = next(w for w in words if w["text"] == "Matching")
            start = head["bottom"]
            ends = [w["top"] for w in words if w["text"] == "Part" and w["top"] > start]
            end = min(ends) if ends else page.height - 40
            split = 51 + 0.38 * (page.width - 102)
            left = "\n".join(page_lines(page, (0, start + 12, split, end - 3)))
            right = "\n".join(page_lines(page, (split, start + 12, page.width, end - 3)))
            last = None
            for line in left.splitlines():
                m = re.match(r"^_+\s*(\d+)\.\s+(.*)$", line.strip())
                if m:
                    last = int(m.group(1))
                    terms[last] = m.group(2)
                elif last is not None:
                    terms[last] += " " + line.strip()
            letter = None
            for line in right.splitlines():
                m = OPTION.match(line.strip())
                if m:
                    letter = m.group(1)
                    options[letter] = m.group(2)
                elif letter is not None:
                    options[letter] += " " + line.strip()
    return terms, options


def parse_key(path: Path, version: str) -> tuple[dict[int, str], str]:
    """(number -> short answer from the grid, the whole key text) of one version."""
    with pdfplumber.open(path) as pdf:
        everything = "\n".join("\n".join(page_lines(page)) for page in pdf.pages)
        if f"Answer key · Version {version}\n" not in everything:
            return parse_shared_key(pdf, version)
    # keys share pages: this version's runs from its heading to the next key's
    start = everything.index(f"Answer key · Version {version}\n")
    end = everything.find("\nAnswer key · Version ", start + 1)
    whole = everything[start : end if end >= 0 else None]
    grid = {int(a): b for a, b in re.findall(r"(?:^|\s)(\d+)\. (True|False|[A-H])(?=\s|$)", whole)}
    return grid, whole


_TAG_RUN = re.compile(r"^((?:[A-Z] \d+)(?: · [A-Z] \d+)*) (.*)$")


def parse_shared_key(pdf: Any, version: str) -> tuple[dict[int, str], str]:
    """The same for keys printed side by side: this version's column of the grid
    (found by its "Version X" header cell), and the longer answers tagged "X 8"."""
    cells: dict[int, str] = {}
    details: dict[int, str] = {}
    for page in pdf.pages:
        words = page.extract_words()
        if not any(
            a["text"] == "Answer" and b["text"] == "keys" for a, b in itertools.pairwise(words)
        ):
            continue  # a quiz page (its subtitle names the version too)
        heads = [
            (w, nxt) for w, nxt in itertools.pairwise(words)
            if w["text"] == "Version" and abs(w["top"] - nxt["top"]) < 2
        ]  # fmt: skip
        mine = [w for w, nxt in heads if nxt["text"] == version]
        if not mine:
            continue
        head = mine[0]
        starts = sorted(w["x0"] for w, _ in heads if abs(w["top"] - head["top"]) < 2)
        left = head["x0"] - 4
        right = next((x - 4 for x in starts if x > head["x0"] + 1), float(page.width))
        after = [w for w in words if w["top"] > head["bottom"]]
        numbers = [w for w in after if re.fullmatch(r"\d+\.", w["text"]) and w["x1"] < starts[0]]
        below = next(
            (w["top"] for w in after if w["text"] == "Matching,"), float(page.height)
        )  # the longer answers start at their heading
        for number, following in zip(numbers, [*numbers[1:], None], strict=True):
            bottom = following["top"] - 1 if following else below
            inside = [
                w for w in after
                if number["top"] - 1 <= w["top"] < bottom and left <= w["x0"] < right
            ]  # fmt: skip
            inside.sort(key=lambda w: (round(w["top"]), w["x0"]))
            cells[int(number["text"][:-1])] = " ".join(w["text"] for w in inside)
        current: list[int] = []
        if below >= float(page.height) - 1:
            continue  # no longer answers on this page
        crop = page.crop((0, below, page.width, page.height))
        for line in page_lines(crop)[1:]:  # after the heading
            found = _TAG_RUN.match(line)
            if found:
                tags = [tag.split() for tag in found.group(1).split(" · ")]
                current = [int(n) for v, n in tags if v == version]
                line = found.group(2)
            for n in current:
                details[n] = (details.get(n, "") + " " + line).strip()
    grid = {
        n: text.split()[0]
        for n, text in cells.items()
        if text and re.fullmatch(r"True|False|[A-H]", text.split()[0])
    }
    whole = "\n".join(f"{n}. {t}" for n, t in sorted(cells.items()))
    whole += "\n" + "\n".join(f"{n}. {t}" for n, t in sorted(details.items()))
    return grid, whole


def as_printed(term: object) -> str:
    """A term's definition as the quiz prints it: without a bracket that only reads a term
    of another script ("yes (naʿam)" is printed "yes")."""
    assert isinstance(term, Term)
    return without_reading(term.term, term.definition)


def check_version(deck: Deck, quiz: Path, key: Path, version: str, pages: list[int]) -> int:
    by_definition = {n(as_printed(t)): t for t in deck.terms}
    by_name = {n(name): t for t in deck.terms for name in t.names}
    # keyed so that right-to-left runs match however they were extracted
    authored = {visual(n(q.prompt)): q for t in deck.terms for q in t.questions}
    questions = parse_quiz(quiz, pages)
    grid, key_text = parse_key(key, version)
    checked = 0
    for number, q in sorted(questions.items()):
        prompt = n(str(q["prompt"]))
        options = {k: n(v) for k, v in q["options"].items()}  # type: ignore[attr-defined]
        if q["kind"] == "Multiple choice":
            chosen = options[grid[number]]
            if visual(prompt) in authored:
                assert same(chosen, n(authored[visual(prompt)].answer)), number
            elif prompt.startswith("whichdefinitionfits"):
                term = find(by_name, prompt.removeprefix("whichdefinitionfits").removesuffix("?"))
                assert same(chosen, n(as_printed(term))), number  # type: ignore[attr-defined]
            else:
                assert find(by_name, chosen) is find(by_definition, prompt), number
            checked += 1
        elif q["kind"] == "True or false":
            name, _, shown = str(q["prompt"]).partition(": ")
            truth = same(n(as_printed(find(by_name, n(name)))), n(shown))  # type: ignore[attr-defined]
            assert grid[number] == ("True" if truth else "False"), number
            checked += 1
        elif q["kind"] == "Name the term":
            term = find(by_definition, prompt)  # type: ignore[assignment]
            assert within(f"{number}.{n(term.term)}", n(key_text)), number
            checked += 1
        elif q["kind"] == "Short answer":
            answer = authored[visual(prompt)].answer
            assert within(f"{number}.{n(answer)}", n(key_text)), number
            checked += 1
    terms, options = parse_match(quiz, pages)
    for number, term in terms.items():
        letter = grid[number]
        assert same(n(options[letter]), n(as_printed(find(by_name, n(term))))), number  # type: ignore[attr-defined]
        checked += 1
    return checked


def squeeze(text: str) -> str:
    """Text as compared with a PDF's: markup gone, compatibility forms folded, no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", plain(text))).casefold()


def locate(text: str, piece: str, start: int) -> int:
    """Where ``piece`` is in ``text`` from ``start`` (right-to-left runs as extracted)."""
    found = text.find(squeeze(piece), start)
    return found if found >= 0 else visual(text).find(visual(squeeze(piece)), start)


def plan_in_pdf_order(plan: dict[str, Any], quiz: Path) -> int:
    """Every plan item's stem and options appear in its version's pages, in order."""
    by_version = pages_by_version(quiz)
    reader = PdfReader(str(quiz))
    checked = 0
    for version in plan["versions"]:
        pages = by_version[version["version"]]
        text = squeeze(" ".join(reader.pages[i].extract_text() or "" for i in pages))
        cursor = 0
        for item in version["items"]:
            start = cursor
            pieces = [item["stem"]] if item["type"] != "match" else []
            if item["type"] == "mc" and item["mode"] == "pick-definition":
                pieces = [f"Which definition fits {item['stem']}?"]
            options = item["options"] if item["type"] in ("mc",) else []
            for piece in [*pieces, *options]:
                found = locate(text, piece, cursor)
                assert found >= 0, (version["version"], item["number"], piece)
                cursor = found + len(squeeze(piece))
            columns = (item["prompts"], item["options"]) if item["type"] == "match" else ()
            for column in columns:
                inner = start
                for piece in column:
                    found = locate(text, piece, inner)
                    assert found >= 0, (version["version"], item["number"], piece)
                    inner = found + len(squeeze(piece))
                cursor = max(cursor, inner)
            checked += 1
    return checked


def render_with_plan(deck: Path, out: Path, seed: int, versions: int = 3) -> dict[str, Any]:
    plan_file = out.with_suffix(".json")
    result = run(
        "quiz", str(deck), "-o", str(out), "--seed", str(seed), "--versions", str(versions),
        "--plan", str(plan_file),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    plan: dict[str, Any] = json.loads(plan_file.read_text(encoding="utf-8"))
    return plan


@pytest.mark.parametrize("deck_path", sample_decks(), ids=[p.stem for p in sample_decks()])
def test_every_key_answer_matches_its_version(deck_path: Path, tmp_path: Path) -> None:
    """Read back from the PDFs alone: every key answer is right for the options printed;
    the plan lists the very items printed, in order."""
    out = tmp_path / "q.pdf"
    plan = render_with_plan(deck_path, out, seed=7)
    key = tmp_path / "q-key.pdf"
    deck = load_deck(deck_path)
    versions = pages_by_version(out)
    assert sorted(versions) == ["A", "B", "C"]
    for version in plan["versions"]:
        pages = versions[version["version"]]
        checked = check_version(deck, out, key, version["version"], pages)
        # at least 5: a tangled 11-term deck carries 5 or 6 clean questions
        assert checked == version["questions"] >= 5, (version["version"], checked)
    assert plan_in_pdf_order(plan, out) == sum(len(v["items"]) for v in plan["versions"])


@pytest.mark.parametrize("seed", range(100))
def test_plan_matches_the_pdf_for_100_seeds(seed: int, tmp_path: Path) -> None:
    """The plan-to-PDF check on 100 seeds, the sample decks taking turns (every deck
    gets sixteen or more seeds, each of two versions; three in the test above)."""
    decks = sample_decks()
    deck_path = decks[seed % len(decks)]
    out = tmp_path / f"{deck_path.stem}.pdf"
    plan = render_with_plan(deck_path, out, seed, versions=2)
    assert plan_in_pdf_order(plan, out) == sum(len(v["items"]) for v in plan["versions"])


def test_key_at_the_end_starts_on_a_new_sheet(tmp_path: Path) -> None:
    deck = sample_decks()[0]
    out = tmp_path / "q.pdf"
    result = run(
        "quiz", str(deck), "-o", str(out), "--seed", "3", "--versions", "2", "--key", "end"
    )
    assert result.exit_code == 0, result.stderr
    assert not (tmp_path / "q-key.pdf").exists()
    texts = [p.extract_text() or "" for p in PdfReader(str(out)).pages]
    first_key = next(i for i, t in enumerate(texts) if "Answer keys" in t.splitlines()[:3])
    assert first_key % 2 == 0  # page index even: a right-hand (front) page
    for version, pages in pages_by_version(out).items():
        assert pages[0] % 2 == 0, version
        check_version(load_deck(deck), out, out, version, pages)


def test_key_none(tmp_path: Path) -> None:
    out = tmp_path / "q.pdf"
    result = run("quiz", str(sample_decks()[0]), "-o", str(out), "--key", "none", "--seed", "1")
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.pdf"]
    assert "Answer key" not in " ".join(p.extract_text() or "" for p in PdfReader(str(out)).pages)


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    deck = next(p for p in sample_decks() if p.stem == "therapy")
    for name in ("a", "b"):
        result = run(
            "quiz", str(deck), "-o", str(tmp_path / f"{name}.pdf"), "--seed", "7", "--versions", "3"
        )
        assert result.exit_code == 0
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert (tmp_path / "a-key.pdf").read_bytes() == (tmp_path / "b-key.pdf").read_bytes()


def test_without_seed_one_is_chosen_printed_and_reproducible(tmp_path: Path) -> None:
    deck = sample_decks()[1]
    result = run("quiz", str(deck), "-o", str(tmp_path / "a.pdf"))
    seed = re.search(r"seed (\d+)\)", result.stdout)
    assert seed
    assert len(seed.group(1)) >= 6 or seed.group(1).startswith("0") is False
    quiz_text = pdf_text(tmp_path / "a.pdf")
    assert seed.group(1) not in quiz_text and "Seed" not in quiz_text  # students never see it
    assert re.search(r"Version A · Quiz [2-9A-Z]{4}", quiz_text)
    key_text = pdf_text(tmp_path / "a-key.pdf")
    assert f"Seed {seed.group(1)}" in key_text
    run("quiz", str(deck), "-o", str(tmp_path / "b.pdf"), "--seed", seed.group(1))
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_header_points_and_footer(tmp_path: Path) -> None:
    out = tmp_path / "q.pdf"
    args = ["-o", str(out), "--seed", "2", "--points", "2", "--count", "12", "--allow-repeats"]
    result = run("quiz", str(sample_decks()[0]), *args)
    assert "(12 questions," in result.stdout, result.stdout + result.stderr
    reader = PdfReader(str(out))
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text() or "")
    for label in ("Name", "Date", "Class/Period", "Score", "/ 24"):
        assert label in first
    pages = [re.sub(r"\s+", " ", p.extract_text() or "") for p in reader.pages]
    for number, text in enumerate(pages, 1):
        assert f"Version A · Quiz {quiz_code(2, 'A')}" in text and "Seed" not in text
        assert f"Page {number} of {len(pages)}" in text


def test_tiny_deck_warns_and_still_prints(tmp_path: Path) -> None:
    deck = tmp_path / "tiny.yaml"
    deck.write_text(
        "title: Tiny\nterms:\n  - term: A\n    definition: First.\n"
        "  - term: B\n    definition: Second.\n",
        encoding="utf-8",
    )
    result = run("quiz", str(deck), "-o", str(tmp_path / "t.pdf"), "--seed", "1")
    assert result.exit_code == 0, result.stderr
    assert "warning: multiple choice skipped" in result.stderr
    assert "warning: matching skipped" in result.stderr


def test_one_term_mc_only_is_an_error_without_output(tmp_path: Path) -> None:
    deck = tmp_path / "one.yaml"
    deck.write_text("title: One\nterms:\n  - term: A\n    definition: First.\n", encoding="utf-8")
    result = run("quiz", str(deck), "-o", str(tmp_path / "t.pdf"), "--types", "mc")
    assert result.exit_code == 2
    assert "no questions could be made" in result.stderr
    assert not (tmp_path / "t.pdf").exists()


def test_bad_types(tmp_path: Path) -> None:
    result = run(
        "quiz", str(sample_decks()[0]), "--types", "mc,essay", "-o", str(tmp_path / "x.pdf")
    )
    assert result.exit_code == 2
    assert result.stderr == "error: --types takes any of mc,tf,match,written,short; not essay\n"


def test_quiz_block_in_a_layout(tmp_path: Path) -> None:
    layout = tmp_path / "mine.yaml"
    layout.write_text("extends: letter\nquiz: {answer_lines: 5, key_colums: 4}\n", encoding="utf-8")
    result = run(
        "quiz", str(sample_decks()[0]), "--layout", str(layout), "-o", str(tmp_path / "q.pdf")
    )
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"{layout}:2:25: unknown key 'key_colums' in quiz; did you mean 'key_columns'?\n"
    )
    assert not (tmp_path / "q.pdf").exists()


def test_a_question_taller_than_a_page_flows_on_with_nothing_cut(tmp_path: Path) -> None:
    words = [f"word{i}" for i in range(900)]
    deck = tmp_path / "long.yaml"
    deck.write_text(
        "title: Long\nterms:\n"
        f"  - term: Marathon\n    definition: {' '.join(words)}\n"
        "  - term: Sprint\n    definition: Short.\n",
        encoding="utf-8",
    )
    out = tmp_path / "q.pdf"
    result = run(
        "quiz", str(deck), "-o", str(out), "--types", "written", "--count", "2", "--seed", "1"
    )
    assert result.exit_code == 0, result.stderr
    reader = PdfReader(str(out))
    assert len(reader.pages) >= 2
    text = " ".join(p.extract_text() or "" for p in reader.pages)
    assert all(w in text.split() for w in words)


def test_plan_file_names_every_term_by_file_and_line(tmp_path: Path) -> None:
    deck_path = next(p for p in sample_decks() if p.stem == "therapy")
    plan = render_with_plan(deck_path, tmp_path / "q.pdf", seed=11)
    assert plan["schema"] == "studyprint-quiz-plan/1" and plan["seed"] == 11
    assert [v["version"] for v in plan["versions"]] == ["A", "B", "C"]
    assert len({v["code"] for v in plan["versions"]}) == 3
    lines = deck_path.read_text(encoding="utf-8").splitlines()
    for version in plan["versions"]:
        assert sum(len(i["numbers"]) for i in version["items"]) == version["questions"]
        for item in version["items"]:
            assert item["terms"], item
            for term in item["terms"]:
                assert term["file"] == "sample psychology/therapy"  # a bundled sample
                assert lines[term["line"] - 1].strip() == f"- term: {term['term']}"
            if item["type"] in ("mc", "tf"):
                assert len(item["correct"]) == 1 and item["accepted"]
            if item["type"] == "match":
                assert len(item["correct"]) == len(item["prompts"]) == len(item["numbers"])
    key = pdf_text(tmp_path / "q-key.pdf")
    assert "Seed 11" in key
    assert all(f"Quiz {v['code']}" in key for v in plan["versions"])


def test_plan_is_never_written_over_an_input(tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(sample_decks()[0].read_text(encoding="utf-8"), encoding="utf-8")
    before = deck.read_bytes()
    result = run("quiz", str(deck), "-o", str(tmp_path / "q.pdf"), "--plan", str(deck))
    assert result.exit_code == 1
    assert "this is one of the input files" in result.stderr
    assert deck.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.yaml"]


def test_points_must_be_a_finite_number(tmp_path: Path) -> None:
    result = run("quiz", str(sample_decks()[0]), "--points", "nan", "-o", str(tmp_path / "q.pdf"))
    assert result.exit_code == 2
    assert result.stderr.endswith("error: --points must be a number from 0.25 to 100, not nan\n")
    assert list(tmp_path.iterdir()) == []


def test_matching_too_tall_side_by_side_stacks_its_definitions(tmp_path: Path) -> None:
    """Large print: six long definitions beside four terms are taller than a page, so
    the definitions run across the whole width with the terms under them (on Letter
    they stay side by side)."""
    deck = Path(__file__).resolve().parents[1] / "content" / "psychology" / "therapy.yaml"
    for layout, stacked in (("large-print", True), ("letter", False)):
        out = tmp_path / f"{layout}.pdf"
        result = run("quiz", str(deck), "--seed", "7", "--types", "match", "--layout", layout,
                     "-o", str(out))  # fmt: skip
        assert result.exit_code == 0, result.stderr
        with pdfplumber.open(out) as pdf:
            words = [w for page in pdf.pages for w in page.extract_words()]
            letters = [w for w in words if re.fullmatch(r"[A-F]\.", w["text"])]
            blanks = [w for w in words if w["text"] == "____"]
        assert len(letters) >= 5 and blanks
        left = min(w["x0"] for w in letters)
        if stacked:  # letters at the margin, where the blanks start too
            assert all(abs(w["x0"] - left) < 1 for w in letters)
            assert abs(min(b["x0"] for b in blanks) - left) < 2
        else:  # letters in the right-hand column, beside the terms
            assert left > min(b["x0"] for b in blanks) + 100


def test_keys_of_several_versions_sit_side_by_side_with_answer_text(tmp_path: Path) -> None:
    """Three versions' keys: one page, one column each on the same rows, the letter of a
    multiple-choice answer with the start of its text, each longer answer once."""
    deck = Path(__file__).resolve().parents[1] / "content" / "psychology" / "therapy.yaml"
    out = tmp_path / "q.pdf"
    plan = tmp_path / "plan.json"
    made = run(
        "quiz", str(deck), "--seed", "7", "--versions", "3", "--plan", str(plan), "-o", str(out)
    )
    assert made.exit_code == 0
    longer = [
        item["accepted"][0]
        for item in json.loads(plan.read_text())["versions"][0]["items"]
        if item["type"] == "short" and len(item["accepted"][0]) > 40
    ]
    key = tmp_path / "q-key.pdf"
    with pdfplumber.open(key) as pdf:
        assert len(pdf.pages) == 1
        words = pdf.pages[0].extract_words()
        text = pdf.pages[0].extract_text() or ""
    heads = [w for w in words if w["text"] == "Version"]
    assert len(heads) == 3 and max(h["top"] for h in heads) - min(h["top"] for h in heads) < 1
    mc = re.findall(r"^1\. ([A-D]) (\S.*?) ([A-D]) ", text, re.M)
    assert mc, text[:400]  # "1. B Eclectic approach D Eclectic approach ..."
    assert longer
    for answer in longer:  # once, tagged with its number in every version
        assert " ".join(text.split()).count(" ".join(answer.split()[:6])) == 1, answer
    assert re.search(r"A \d+ · B \d+ · C \d+", text)
