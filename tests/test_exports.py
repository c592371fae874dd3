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

from studyprint.export.text import to_unicode
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
                # a matching answer is plain text in Moodle: H~2~O goes as H₂O
                expected = [(plain(p), to_unicode(item["options"][c])[0]) for p, c in pairs_printed]
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
    asked = plan["versions"][0]["questions"]
    assert asked >= 6
    assert result.stdout == f"wrote {out} ({asked} questions in each of 3 versions, seed 8)\n"


def test_export_mistakes_are_messages(tmp_path: Path) -> None:
    result = run("export", "quiz", str(THERAPY), "--to", "kahootz")
    assert result.exit_code == 2
    refused = run("export", "quiz", str(THERAPY), "--to", "json", "-o", str(THERAPY))
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"error: -o {THERAPY}: --to json writes a .json file; give a name ending in .json\n"
    )
    roster = tmp_path / "roster.csv"  # a file someone keeps: never replaced unasked
    roster.write_text("name,id\nAna,1\n", encoding="utf-8")
    kept = run("export", "deck", str(THERAPY), "--to", "csv", "-o", str(roster))
    assert kept.exit_code == 2
    assert kept.stderr == (
        f"error: {roster} already exists; choose another name, or add --force to replace it\n"
    )
    assert roster.read_text(encoding="utf-8") == "name,id\nAna,1\n"
    forced = run("export", "deck", str(THERAPY), "--to", "csv", "-o", str(roster), "--force")
    assert forced.exit_code == 0 and roster.read_text(encoding="utf-8-sig").startswith("term,")
    bare = run("export", "quiz", str(THERAPY), "--to", "moodle", "-o", str(tmp_path / "unit8.v2"))
    assert bare.stdout.startswith(f"wrote {tmp_path / 'unit8.v2.xml'} ")
    (tmp_path / "bank").mkdir()
    inside = run("export", "quiz", str(THERAPY), "--to", "qti", "-o", str(tmp_path / "bank"))
    assert inside.stdout.startswith(f"wrote {tmp_path / 'bank' / 'therapy-quiz.qti.zip'} ")
    gift = run("export", "quiz", str(THERAPY), "--to", "gift", "-o", str(tmp_path / "q.gift"))
    assert gift.exit_code == 0, gift.stderr


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
        resources = {r.get("identifier"): r for r in manifest.iter(f"{cp}resource")}
        listed = [r.get("href") for r in resources.values()]
        assert set(listed) == names - {"imsmanifest.xml"}
        for resource in resources.values():  # each lists its file; dependencies exist
            assert [f.get("href") for f in resource.iter(f"{cp}file")] == [resource.get("href")]
            for dependency in resource.iter(f"{cp}dependency"):
                assert dependency.get("identifierref") in resources
        items = [r for r in resources.values() if r.get("type") == "imsqti_item_xmlv2p1"]
        tests = [r for r in resources.values() if r.get("type") == "imsqti_test_xmlv2p1"]
        assert len(items) + len(tests) == len(resources)
        for version, test in zip(plan["versions"], tests, strict=True):  # a test a version
            root = ET.fromstring(package.read(str(test.get("href"))))
            assert root.tag == f"{qti}assessmentTest"
            refs = [r.get("href") for r in root.iter(f"{qti}assessmentItemRef")]
            assert refs == [f"../items/V{version['version']}-Q{i['number']}.xml"
                            for i in version["items"]]  # fmt: skip
            listed.remove(test.get("href"))
        for version in plan["versions"]:
            for item in version["items"]:
                path = f"items/V{version['version']}-Q{item['number']}.xml"
                listed.remove(path)
                root = ET.fromstring(package.read(path))  # well-formed, QTI 2.1's namespace
                assert root.tag == f"{qti}assessmentItem"
                assert root.get("identifier") == path.removeprefix("items/").removesuffix(".xml")
                declared = {d.get("identifier") for d in root.iter(f"{qti}responseDeclaration")}
                asked = {i.get("responseIdentifier") for i in root.iter()
                         if i.tag.endswith("Interaction")}  # fmt: skip
                assert asked and asked == declared
                kinds = (f"{qti}simpleChoice", f"{qti}simpleAssociableChoice")
                choices = {c.get("identifier") for c in root.iter() if c.tag in kinds}
                for declaration in root.iter(f"{qti}responseDeclaration"):
                    if declaration.get("baseType") in ("identifier", "directedPair"):
                        for v in declaration.iter(f"{qti}value"):  # names a printed choice
                            assert set((v.text or "").split()) <= choices
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
        out = tmp_path / f"{deck.stem}-{fmt}{ {'anki': '.apkg', 'csv': '.csv'}.get(fmt, '.txt') }"
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
    first = tmp_path / f"x{out.suffix}"
    styled = run("export", "deck", str(marked_deck), "--to", fmt, "-o", str(first))
    # what the format cannot carry is said; Anki keeps the styling as HTML
    assert ("note: Water: " in styled.stderr) == (fmt != "anki")
    if fmt == "anki":  # the same deck, the same package: a re-import updates, not doubles
        time.sleep(2.1)  # zip dates count in 2-second steps: make a second later matter
        again = tmp_path / f"y{out.suffix}"
        assert run("export", "deck", str(marked_deck), "--to", fmt, "-o", str(again)).exit_code == 0
        assert again.read_bytes() == first.read_bytes()


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


MOODLE_SCHEMA = Path(__file__).parent / "data" / "moodle-quiz.rng"


def moodle_problems(path: Path) -> list[str]:
    """What Moodle's importer would refuse: the structure (RELAX NG), and the rules
    a schema cannot say (one right option, one true and one false, enough pairs)."""
    from lxml import etree

    schema = etree.RelaxNG(etree.parse(str(MOODLE_SCHEMA)))
    document = etree.parse(str(path))
    if not schema.validate(document):
        return [str(e) for e in schema.error_log]
    problems = []
    for q in document.getroot():
        kind, fractions = q.get("type"), [a.get("fraction") for a in q.findall("answer")]
        name = q.findtext("name/text")
        if kind == "multichoice" and fractions.count("100") != 1:
            problems.append(f"{name}: {fractions.count('100')} right options")
        if kind == "truefalse" and (
            sorted(a.findtext("text") for a in q.findall("answer")) != ["false", "true"]
            or sorted(fractions) != ["0", "100"]
        ):
            problems.append(f"{name}: not one true and one false")
        if kind == "matching":  # Moodle: two questions and three answers at least
            subs = q.findall("subquestion")
            if sum(bool(s.findtext("text")) for s in subs) < 2 or len(subs) < 3:
                problems.append(f"{name}: too few pairs")
        if kind == "shortanswer" and "100" not in fractions:
            problems.append(f"{name}: no right answer")
        # the columns Moodle stores them in: a name, a matching answer (255 characters);
        # a name is plain text (Moodle strips what looks like a tag)
        if len(name or "") > 255 or re.search(r"<[^>]*>", name or ""):
            problems.append(f"{name}: a name Moodle would cut or strip")
        for answer in q.findall("subquestion/answer/text"):
            if len(answer.text or "") > 255:
                problems.append(f"{name}: a matching answer of {len(answer.text or '')} characters")
    return problems


def test_moodle_xml_validates_against_moodles_structure(tmp_path: Path, marked_deck: Path) -> None:
    checked = 0
    for deck in (marked_deck, *sample_decks()):
        out = tmp_path / f"{deck.stem}.xml"
        types = "mc,tf,match,written,short"
        result = run("export", "quiz", str(deck), "--seed", "2", "--versions", "2",
                     "--types", types, "--to", "moodle", "-o", str(out))  # fmt: skip
        if result.exit_code != 0:  # a deck too small for a fair quiz says so
            assert "error:" in result.stderr and "Traceback" not in result.stderr
            continue
        assert moodle_problems(out) == [], deck
        checked += 1
    assert checked >= 4
    # the check can fail: a grade Moodle's menu does not have, a second right option
    text = (tmp_path / "chem.xml").read_text(encoding="utf-8")
    (tmp_path / "bad1.xml").write_text(text.replace('fraction="0"', 'fraction="33"', 1), "utf-8")
    assert moodle_problems(tmp_path / "bad1.xml") != []
    root = ET.parse(tmp_path / "chem.xml").getroot()
    mc = next(q for q in root if q.get("type") == "multichoice")
    for answer in mc.findall("answer"):
        answer.set("fraction", "100")
    ET.ElementTree(root).write(tmp_path / "bad2.xml", encoding="UTF-8")
    assert moodle_problems(tmp_path / "bad2.xml") != []


def test_a_slash_in_the_title_does_not_nest_moodle_categories(tmp_path: Path) -> None:
    out = tmp_path / "q.xml"
    result = run("export", "quiz", str(THERAPY), "--title", "Unit 3/4 review", "--to", "moodle",
                 "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    category = ET.parse(out).getroot().findtext("question/category/text")
    assert category == "$course$/Unit 3//4 review/Version A"


def kahoot_rows(path: Path) -> list[tuple[Any, ...]]:
    from openpyxl import load_workbook

    sheet = load_workbook(path).worksheets[0]  # Kahoot reads the first sheet
    header = [c.value for c in sheet[8]][1:8]
    assert header[0] == "Question - max 120 characters"
    assert header[6] == "Correct answer(s) - choose at least one"
    return [row for row in sheet.iter_rows(min_row=9, values_only=True) if any(row)]


def fits(cut: str, whole: str, limit: int) -> bool:
    """Is ``cut`` the text, or the text cut within the limit?"""
    return cut == whole or (len(cut) <= limit and cut.endswith("…")
                            and whole.startswith(cut[:-1]))  # fmt: skip


def test_a_kahoot_spreadsheet_asks_every_question_kahoot_can_hold(
    tmp_path: Path, marked_deck: Path
) -> None:
    from studyprint.export.text import to_unicode

    def flat(text: str) -> str:
        return " ".join(to_unicode(text)[0].split())

    for deck, seed in ((THERAPY, "3"), (marked_deck, "5")):
        args = (str(deck), "--seed", seed, "--count", "12", "--types", "mc,tf,match,written")
        plan = printed_plan(tmp_path, *args)
        out = tmp_path / f"{deck.stem}.xlsx"
        result = run("export", "quiz", *args, "--to", "kahoot", "-o", str(out))
        assert result.exit_code == 0, result.stderr
        rows = kahoot_rows(out)
        expected = []  # (question, answers, right answer) from the printed quiz
        for item in plan["versions"][0]["items"]:
            if item["type"] == "match":
                for right in item["correct"]:
                    expected.append((item["options"][right], item["prompts"],
                                     item["prompts"][item["correct"].index(right)]))  # fmt: skip
            elif item["type"] in ("mc", "tf"):
                options = item["options"]
                expected.append((item["stem"], options, options[item["correct"][0]]))
            else:
                assert f"question {item['number']} ({item['type']}): " in result.stderr
        assert len(rows) == len(expected)
        for number, (row, (stem, options, right)) in enumerate(zip(rows, expected, strict=True), 1):
            assert row[0] == number and row[6] == 20
            assert fits(row[1], flat(stem), 120), (row[1], stem)
            answers = [a for a in row[2:6] if a is not None]
            assert 2 <= len(answers) <= 4 and len(set(answers)) == len(answers)
            assert fits(answers[row[7] - 1], flat(right), 75)
            assert all(any(fits(a, flat(o), 75) for o in options) for a in answers)
            if row[1] != flat(stem):
                assert f"question {number}: the question cut to 120 characters" in result.stderr
        if deck == marked_deck:  # sub- and superscripts in Unicode's small digits
            cells = {c for r in rows for c in r if isinstance(c, str)}
            assert any("H₂O, the solvent of life" in c for c in cells)
            assert "loses its bold or italics" in result.stderr
    again = tmp_path / "again.xlsx"  # the same quiz, the same bytes
    time.sleep(1)
    assert run("export", "quiz", *args, "--to", "kahoot", "-o", str(again)).exit_code == 0
    assert again.read_bytes() == out.read_bytes()


def test_kahoot_cuts_options_and_text_and_never_runs_a_formula(tmp_path: Path) -> None:
    deck = tmp_path / "long.yaml"
    lines = ["title: Long", "terms:"]
    six = ["one", "two", "three", "four", "five", "six"]
    words = ["rivers carry silt", "winds lift dust", "ice grinds rock", "waves cut cliffs",
             "roots split stone", "rain melts lime", "frost heaves", "sand blasts"]  # fmt: skip
    for n in range(8):
        lines += [f"  - term: '=SUM(A{n}:A9) item {n}'",
                  f"    definition: '{f'{words[n]} {words[n - 1]} {words[n - 2]} ' * 5}'",
                  "    questions:",
                  f"      - q: 'Which of six is right for {n}?'",
                  "        choices: [one, two, three, four, five, six]",
                  f"        answer: {six[n % 6]}"]  # fmt: skip
    deck.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = (str(deck), "--seed", "1", "--types", "mc", "--count", "16")
    plan = printed_plan(tmp_path, *args)
    out = tmp_path / "k.xlsx"
    result = run("export", "quiz", *args, "--to", "kahoot", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    rows = kahoot_rows(out)
    authored = [i for i in plan["versions"][0]["items"] if len(i["options"]) == 6]
    assert len(authored) >= 1
    for item in authored:  # four answers kept, the right one among them
        row = rows[item["number"] - 1]
        answers = [a for a in row[2:6] if a is not None]
        assert len(answers) == 4 and answers[row[7] - 1] == item["options"][item["correct"][0]]
        assert f"question {item['number']}: Kahoot takes 4 answers; kept the right one" in (
            result.stderr
        )
    from openpyxl import load_workbook

    sheet = load_workbook(out).worksheets[0]
    texts = [c.value for row in sheet.iter_rows(min_row=9) for c in row]
    assert any(isinstance(t, str) and t.startswith("=SUM(") for t in texts)
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert all(len(t) <= 120 for t in texts if isinstance(t, str))
    assert "the question cut to 120 characters (it had " in result.stderr
    meanings = run("export", "quiz", *args, "--ask", "definition", "--to", "kahoot",
                   "-o", str(tmp_path / "m.xlsx"))  # fmt: skip
    assert meanings.exit_code == 0, meanings.stderr
    assert "answer 1 cut to 75 characters (it had " in meanings.stderr
    cut = [a for row in kahoot_rows(tmp_path / "m.xlsx") for a in row[2:6] if a]
    assert cut and all(len(a) <= 75 for a in cut)


def test_kahoot_mistakes_are_messages(tmp_path: Path) -> None:
    versions = run("export", "quiz", str(THERAPY), "--versions", "2", "--to", "kahoot",
                   "-o", str(tmp_path / "k.xlsx"))  # fmt: skip
    assert versions.exit_code == 2
    assert versions.stderr == (
        "error: a Kahoot spreadsheet holds one quiz: export one version at a time "
        "(--versions 1, with --seed for the same items)\n"
    )
    written = run("export", "quiz", str(THERAPY), "--types", "written", "--to", "kahoot",
                  "-o", str(tmp_path / "k.xlsx"))  # fmt: skip
    assert written.exit_code == 2
    assert written.stderr.endswith(
        "error: none of these questions fits Kahoot (multiple choice only); "
        "use --types mc,tf,match\n"
    )
    assert not (tmp_path / "k.xlsx").exists()


def test_pictures_go_into_an_anki_package_and_are_named_where_left_out(tmp_path: Path) -> None:
    import zipfile

    from PIL import Image

    for folder, colour in (("one", "red"), ("two", "blue")):  # two decks, two a.png
        (tmp_path / folder / "images").mkdir(parents=True)
        Image.new("RGB", (40, 30), colour).save(tmp_path / folder / "images" / "a.png")
        (tmp_path / folder / "deck.yaml").write_text(
            f"title: {folder}\nterms:\n  - term: {colour} square\n    definition: painted "
            f"{colour}\n    image: images/a.png\n  - term: plain\n    definition: no picture\n",
            encoding="utf-8",
        )
    decks = [str(tmp_path / f / "deck.yaml") for f in ("one", "two")]
    out = tmp_path / "p.apkg"
    result = run("export", "deck", *decks, "--to", "anki", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as package:
        media = json.loads(package.read("media"))
        pictures = {name: package.read(number) for number, name in media.items()}
    assert len(pictures) == 2  # not one picture for both decks
    for folder in ("one", "two"):
        original = (tmp_path / folder / "images" / "a.png").read_bytes()
        assert original in pictures.values()
    imported = run("import", str(out), "-o", str(tmp_path / "back.yaml"))
    assert imported.exit_code == 0, imported.stderr
    left = "is left out (import reads text; add it to the term with image:)"
    assert imported.stderr.count(left) == 2
    as_csv = run("export", "deck", decks[0], "--to", "csv", "-o", str(tmp_path / "p.csv"))
    assert as_csv.stderr == (
        "note: red square: CSV holds text only; its picture 'a.png' is left out "
        "(export --to anki keeps it)\n"
    )


@pytest.mark.parametrize("fmt", ["moodle", "qti", "kahoot"])
def test_control_characters_in_a_deck_leave_the_export_readable(fmt: str, tmp_path: Path) -> None:
    """A backspace or form feed pasted into a deck would make an XML file unreadable
    (the fuzz suite found it); they are left out of every XML-based export."""
    import zipfile

    from openpyxl import load_workbook

    deck = tmp_path / "ctl.yaml"
    lines = ['title: "Unit\\b 1"', "terms:"]
    for n, word in enumerate(["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]):
        lines += [f'  - term: "{word}\\b{n}"', f'    definition: "letter\\f number {n}\\x01"']
    deck.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / f"q{ {'moodle': '.xml', 'qti': '.zip', 'kahoot': '.xlsx'}[fmt] }"
    result = run("export", "quiz", str(deck), "--seed", "1", "--count", "6", "--types", "mc,tf",
                 "--to", fmt, "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    if fmt == "moodle":
        texts = [t.text or "" for t in ET.parse(out).getroot().iter("text")]
    elif fmt == "qti":
        with zipfile.ZipFile(out) as package:
            texts = ["".join(ET.fromstring(package.read(n)).itertext())
                     for n in package.namelist()]  # fmt: skip
    else:
        texts = [str(c) for r in load_workbook(out).worksheets[0].iter_rows(values_only=True)
                 for c in r if c]  # fmt: skip
    assert any("alpha0" in t for t in texts) and any("letter number" in t for t in texts)
