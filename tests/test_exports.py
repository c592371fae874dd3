"""Exports (issue 17, first part): Moodle XML, GIFT and JSON, read back with real
parsers and checked item by item against the plan of the printed quiz."""

from __future__ import annotations

import json
import re
import time
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from studyprint.text.markup import plain
from tests.helpers import run, sample_decks

THERAPY = next(p for p in sample_decks() if p.stem == "therapy")


def printed_plan(tmp_path: Path, *args: str) -> dict[str, Any]:
    """The plan of the quiz `studyprint quiz` prints with these options."""
    plan = tmp_path / "printed.json"
    made = run("quiz", *args, "--plan", str(plan), "-o", str(tmp_path / "printed.pdf"))
    assert made.exit_code == 0, made.stderr
    return dict(json.loads(plan.read_text(encoding="utf-8")))


def html_text(html: str | None) -> str:
    return unescape(re.sub(r"<[^>]+>", "", (html or "").replace("<br>", "\n")))


@pytest.fixture
def marked_deck(tmp_path: Path) -> Path:
    """A deck whose text has markup, a tag-like text and GIFT's special characters."""
    deck = tmp_path / "chem.yaml"
    lines = ["title: Chemistry {basics}", "terms:"]
    for name, meaning in [
        ("Water", "H~2~O, **the** solvent of life"),
        ("Carbon dioxide", "CO~2~: breathed out; <not a tag> = gas"),
        ("Ion", "An atom with a charge such as Na^+^ or Cl^-^"),
        ("Mole", "6.02 x 10^23^ particles ~ a chemist's dozen"),
        ("Catalyst", "Speeds a reaction: {not used up} # itself"),
        ("Isotope", "Atoms of one element with different *mass* numbers"),
        ("Acid", "A proton donor; its pH is below 7"),
        ("Base", "A proton acceptor; its pH is above 7"),
    ]:
        lines += [f"  - term: {name}", f"    definition: {json.dumps(meaning)}"]
    deck.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return deck


def test_moodle_xml_holds_every_item_as_printed(tmp_path: Path, marked_deck: Path) -> None:
    args = (str(marked_deck), "--seed", "4", "--versions", "2", "--count", "12")
    plan = printed_plan(tmp_path, *args)
    out = tmp_path / "quiz.xml"
    result = run("export", "quiz", *args, "--to", "moodle", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    root = ET.parse(out).getroot()
    assert root.tag == "quiz"
    questions = root.findall("question")
    categories = [q for q in questions if q.get("type") == "category"]
    assert [c.findtext("category/text") for c in categories] == [
        "$course$/Chemistry {basics}/Version A",
        "$course$/Chemistry {basics}/Version B",
    ]
    by_name = {q.findtext("name/text", "").split(" ")[0]: q for q in questions
               if q.get("type") != "category"}  # fmt: skip
    count = 0
    for version in plan["versions"]:
        for item in version["items"]:
            q = by_name[f"{version['version']}{item['number']}"]
            count += 1
            for required in ("name/text", "questiontext/text", "defaultgrade"):
                assert q.find(required) is not None, required
            stem = q.findtext("questiontext/text")
            if item["stem"]:
                assert html_text(stem) == plain(item["stem"])
            answers = q.findall("answer")
            if item["type"] == "mc":
                assert q.get("type") == "multichoice"
                assert [html_text(a.findtext("text")) for a in answers] == [
                    plain(o) for o in item["options"]
                ]
                assert [i for i, a in enumerate(answers) if a.get("fraction") == "100"] == item[
                    "correct"
                ]
            elif item["type"] == "tf":
                assert q.get("type") == "truefalse"
                right = next(a.findtext("text") for a in answers if a.get("fraction") == "100")
                assert right == ("true" if item["correct"] == [0] else "false")
            elif item["type"] == "match":
                assert q.get("type") == "matching"
                pairs = [(html_text(s.findtext("text")), s.findtext("answer/text"))
                         for s in q.findall("subquestion")]  # fmt: skip
                pairs_printed = zip(item["prompts"], item["correct"], strict=True)
                expected = [(plain(p), plain(item["options"][c])) for p, c in pairs_printed]
                assert pairs[: len(expected)] == expected
                extra = {a for p, a in pairs[len(expected) :] if p == ""}
                unused = set(range(len(item["options"]))) - set(item["correct"])
                assert extra == {plain(item["options"][i]) for i in unused}
            elif item["type"] == "written":
                assert q.get("type") == "shortanswer"
                assert [a.findtext("text") for a in answers] == [plain(a) for a in item["accepted"]]
    assert count == sum(len(v["items"]) for v in plan["versions"]) >= 6
    # markup as HTML, user text never as tags: every definition is a stem or an option
    # of a multiple-choice item when all eight are asked that way
    every = tmp_path / "mc.xml"
    made = run("export", "quiz", str(marked_deck), "--seed", "4", "--types", "mc", "--count", "8",
               "--to", "moodle", "-o", str(every))  # fmt: skip
    assert made.exit_code == 0, made.stderr
    texts = [t.text or "" for t in ET.parse(every).getroot().iter("text")]
    assert any("H<sub>2</sub>O, <b>the</b> solvent" in t for t in texts)
    assert any("CO<sub>2</sub>: breathed out; &lt;not a tag&gt; = gas" in t for t in texts)


def read_gift(text: str) -> dict[str, tuple[str, str]]:
    """A small GIFT reader: title -> (stem, answer block), escapes undone."""
    questions = {}
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block.startswith("::"):
            continue
        match = re.match(r"::((?:\\.|[^:])*)::(.*?)(?<!\\)\{(.*)(?<!\\)\}$", block, re.S)
        assert match, block
        title, stem, answers = match.groups()
        questions[_ungift(title)] = (stem.strip(), answers)
    return questions


def _ungift(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def test_gift_escapes_and_keeps_every_answer(tmp_path: Path, marked_deck: Path) -> None:
    args = (str(marked_deck), "--seed", "4", "--count", "12", "--types", "mc,tf,match,written")
    plan = printed_plan(tmp_path, *args)
    out = tmp_path / "quiz.gift.txt"
    result = run("export", "quiz", *args, "--to", "gift", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    questions = read_gift(out.read_text(encoding="utf-8"))
    (version,) = plan["versions"]
    for item in version["items"]:
        stem, answers = questions[f"A{item['number']}"]
        shown = _ungift(stem)
        shown = html_text(shown[6:]) if shown.startswith("[html]") else shown
        if item["stem"]:
            assert shown == plain(item["stem"])
        parts = [_ungift(a) for a in re.split(r"(?<!\\)\n", answers.strip()) if a]
        if item["type"] == "tf":
            assert answers == ("TRUE" if item["correct"] == [0] else "FALSE")
        elif item["type"] == "mc":
            right = [p[1:] for p in parts if p.startswith("=")]
            assert [html_text(r[6:]) if r.startswith("[html]") else r for r in right] == [
                plain(item["options"][item["correct"][0]])
            ]
            assert len(parts) == len(item["options"])
        elif item["type"] == "match":
            assert len(parts) == len(item["prompts"])
        elif item["type"] == "written":
            assert parts == [" ".join(f"={a}" for a in map(plain, item["accepted"]))]
    assert "match" not in {i["type"] for i in version["items"]} or "left out" in result.stderr


def test_json_is_the_plan_of_the_printed_quiz(tmp_path: Path) -> None:
    args = (str(THERAPY), "--seed", "8", "--versions", "3")
    plan = printed_plan(tmp_path, *args)
    out = tmp_path / "quiz.json"
    result = run("export", "quiz", *args, "--to", "json", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == plan
    assert result.stdout == f"wrote {out} (10 questions, 3 version(s), seed 8)\n"


def test_export_mistakes_are_messages(tmp_path: Path) -> None:
    result = run("export", "quiz", str(THERAPY), "--to", "kahootz")
    assert result.exit_code == 2
    refused = run("export", "quiz", str(THERAPY), "--to", "json", "-o", str(THERAPY))
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"error: {THERAPY}: this is one of the input files; choose another output with -o\n"
    )


def test_a_qti_package_lists_every_item_and_each_answers_as_printed(
    tmp_path: Path, marked_deck: Path
) -> None:
    import zipfile

    args = (str(marked_deck), "--seed", "6", "--versions", "2", "--count", "12",
            "--types", "mc,tf,match,written")  # fmt: skip
    plan = printed_plan(tmp_path, *args)
    out = tmp_path / "quiz.qti.zip"
    result = run("export", "quiz", *args, "--to", "qti", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    qti, cp = (
        "{http://www.imsglobal.org/xsd/imsqti_v2p1}",
        "{http://www.imsglobal.org/xsd/imscp_v1p1}",
    )
    with zipfile.ZipFile(out) as package:
        names = set(package.namelist())
        manifest = ET.fromstring(package.read("imsmanifest.xml"))
        listed = [r.get("href") for r in manifest.iter(f"{cp}resource")]
        assert set(listed) == names - {"imsmanifest.xml"}
        assert all(r.get("type") == "imsqti_item_xmlv2p1" for r in manifest.iter(f"{cp}resource"))
        for version in plan["versions"]:
            for item in version["items"]:
                path = f"items/V{version['version']}-Q{item['number']}.xml"
                listed.remove(path)
                root = ET.fromstring(package.read(path))  # well-formed, QTI 2.1's namespace
                assert root.tag == f"{qti}assessmentItem"
                order = [child.tag.removeprefix(qti) for child in root]
                assert order[-2:] in (["itemBody", "responseProcessing"],
                                      ["outcomeDeclaration", "itemBody"])  # fmt: skip
                values = [v.text for v in root.iter(f"{qti}value")][:-1]  # less SCORE's 0
                if item["type"] in ("mc", "tf"):
                    choices = ["".join(c.itertext())
                               for c in root.iter(f"{qti}simpleChoice")]  # fmt: skip
                    assert choices == [plain(o) for o in item["options"]]
                    assert values == [f"C{item['correct'][0]}"]
                elif item["type"] == "match":
                    assert values == [f"P{i} D{c}" for i, c in enumerate(item["correct"])]
                    sets = list(root.iter(f"{qti}simpleMatchSet"))
                    assert ["".join(c.itertext())
                            for c in sets[1]] == [plain(o) for o in item["options"]]  # fmt: skip
                elif item["type"] == "written":
                    keys = [e.get("mapKey") for e in root.iter(f"{qti}mapEntry")]
                    assert keys == [plain(a) for a in item["accepted"]]
        assert listed == []
    again = tmp_path / "again.qti.zip"  # the same quiz, the same bytes
    assert run("export", "quiz", *args, "--to", "qti", "-o", str(again)).exit_code == 0
    assert again.read_bytes() == out.read_bytes()


@pytest.mark.parametrize("fmt", ["csv", "quizlet", "anki"])
def test_a_deck_exported_and_imported_again_gives_back_its_terms(
    fmt: str, tmp_path: Path, marked_deck: Path
) -> None:
    from studyprint.read.deck import load_deck

    for deck in (marked_deck, *sample_decks()):
        out = tmp_path / f"{deck.stem}.{fmt}{'.apkg' if fmt == 'anki' else '.txt'}"
        result = run("export", "deck", str(deck), "--to", fmt, "-o", str(out))
        assert result.exit_code == 0, result.stderr
        again = tmp_path / f"{deck.stem}-{fmt}.yaml"
        how = [] if fmt == "anki" else ["--format", "csv" if fmt == "csv" else "quizlet"]
        imported = run("import", str(out), "-o", str(again), *how)
        assert imported.exit_code == 0, imported.stderr
        original, back = load_deck(deck), load_deck(again)
        names = [plain(t.term) + (f" ({t.reading})" if t.reading and fmt == "quizlet" else "")
                 for t in original.terms]  # fmt: skip
        assert [t.term for t in back.terms] == names
        assert [" ".join(plain(t.definition).split()) for t in original.terms] == [
            " ".join(plain(t.definition).split()) for t in back.terms
        ]
        if fmt in ("csv", "anki"):  # every field comes back
            assert [t.reading for t in back.terms] == [t.reading for t in original.terms]
            assert [t.tags for t in back.terms] == [t.tags for t in original.terms]
            assert [tuple(map(plain, t.facts)) for t in original.terms] == [
                tuple(map(plain, t.facts)) for t in back.terms
            ]
    styled = run("export", "deck", str(marked_deck), "--to", fmt, "-o", str(tmp_path / "x.out"))
    # what the format cannot carry is said; Anki keeps the styling as HTML
    assert ("note: Water: " in styled.stderr) == (fmt != "anki")
    if fmt == "anki":  # the same deck, the same package: a re-import updates, not doubles
        time.sleep(2.1)  # zip dates count in 2-second steps: make a second later matter
        again = tmp_path / "y.out"
        assert run("export", "deck", str(marked_deck), "--to", fmt, "-o", str(again)).exit_code == 0
        assert again.read_bytes() == (tmp_path / "x.out").read_bytes()


def test_a_strange_anki_package_is_a_message(tmp_path: Path) -> None:
    import zipfile

    cases = {
        "notzip.apkg": (b"hello", "not an Anki package (.apkg is a zip file; export the deck "
                                  "again)"),
        "empty.apkg": (None, "not an Anki package (no collection inside)"),
        "damaged.apkg": (b"SQLite format 3\x00" + b"\x00" * 200, "the collection inside cannot be "
                         "read (a damaged package?)"),
        "newest.apkg": ("anki21b", "this package uses Anki's newest format; export it again "
                        "with 'Support older Anki versions' ticked"),
    }  # fmt: skip
    for name, (content, message) in cases.items():
        path = tmp_path / name
        if isinstance(content, bytes) and name == "notzip.apkg":
            path.write_bytes(content)
        else:
            with zipfile.ZipFile(path, "w") as package:
                if content == "anki21b":
                    package.writestr("collection.anki21b", b"zstd")
                elif isinstance(content, bytes):
                    package.writestr("collection.anki2", content)
                else:
                    package.writestr("media", b"{}")
        result = run("import", str(path), "-o", str(tmp_path / "d.yaml"))
        assert result.exit_code == 1, (name, result.stderr)
        assert result.stderr == f"{path}:1:1: {message}\n", name
        assert not (tmp_path / "d.yaml").exists()
