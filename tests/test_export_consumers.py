"""Exports read by the software that consumes them (issue 38): every stem, option and
key of the printed quiz comes back exactly (after the consumer's own unescaping),
on every sample deck and on a deck of awkward text; what a format cannot carry is
named in a note."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from studyprint.export.text import to_unicode
from studyprint.text.markup import plain
from tests.awkward import awkward_deck
from tests.helpers import run, sample_decks
from tests.processes import run as run_process

GIFT = Path(__file__).parent / "gift"
NODE = shutil.which("node")


@pytest.fixture(scope="session")
def gift_parser() -> Path:
    """gift-pegjs (the parser Moodle-compatible tools use), as .ci/run installs it; a
    machine with Node but without it installs it here once (npm's registry)."""
    if NODE is None:
        pytest.skip("needs Node.js for gift-pegjs (.ci/run installs it)")
    if not (GIFT / "node_modules" / "gift-pegjs").is_dir():
        npm = shutil.which("npm")
        done = run_process([npm or "npm", "ci", "--no-audit", "--no-fund"], cwd=GIFT,
                              capture_output=True, timeout=300, check=False)  # fmt: skip
        if done.returncode != 0:
            pytest.skip(f"gift-pegjs could not be installed: {done.stderr[-300:]!r}")
    return GIFT / "parse.js"


def decks(tmp_path: Path) -> list[Path]:
    (tmp_path / "awkward").mkdir()
    return [*sample_decks(), awkward_deck(tmp_path / "awkward")]


def shown(html: str) -> str:
    """What a browser shows for an HTML text of ours: tags gone, entities read."""
    return unescape(re.sub(r"<(/?)(b|i|sub|sup)>", "", html.replace("<br>", "\n")))


def typed(text: str) -> str:
    """A deck text as a plain-text answer carries it (Unicode sub- and superscripts)."""
    return " ".join(to_unicode(text)[0].replace("\n", " ").split())


def moodle_post(text: str) -> str:
    """Moodle's own last step for escaped GIFT characters (gift-pegjs leaves it to the
    importer in matching answers: ``\\~`` comes back as ``&&126;``)."""
    return re.sub(r"&&(\d+);", lambda m: chr(int(m[1])), text)


def plan_and_export(
    deck: Path, folder: Path, fmt: str, *options: str
) -> tuple[dict[str, Any], Path, Any]:
    plan = folder / "plan.json"
    quiz = run("quiz", str(deck), *options, "--plan", str(plan), "-o", str(folder / "q.pdf"))
    assert quiz.exit_code == 0, quiz.stderr
    out = folder / {"gift": "q.gift.txt", "moodle": "q.xml", "qti": "q.zip",
                    "canvas": "q.canvas.zip"}[fmt]  # fmt: skip
    made = run("export", "quiz", str(deck), *options, "--to", fmt, "-o", str(out))
    assert made.exit_code == 0, made.stderr
    return json.loads(plan.read_text(encoding="utf-8")), out, made


def both_ways(item: dict[str, Any]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """A matching block's pairs as printed (term asked, meaning chosen), and turned
    round (meaning asked, term chosen), as a plain-text answer carries them."""
    pairs = list(zip(item["prompts"], item["correct"], strict=True))
    asked = [(plain(p), typed(item["options"][c])) for p, c in pairs]
    turned = [(plain(item["options"][c]), typed(p)) for p, c in pairs]
    return asked, turned


def exports(tmp_path: Path, fmt: str, *options: str) -> Iterator[tuple[Path, Any, Path]]:
    """Each deck (the samples and the awkward one) in each mix, printed and exported in
    ``fmt``: (deck, the printed quiz's plan, the exported file)."""
    for n, deck in enumerate(decks(tmp_path)):
        for m, mix in enumerate(MIXES):
            folder = tmp_path / f"{fmt}-{n}-{m}"
            folder.mkdir()
            plan, out, _ = plan_and_export(deck, folder, fmt, *options, *mix)
            yield deck, plan, out


MIXES = [("--types", "mc,tf,match,written"), ()]


@pytest.mark.parametrize("mix", MIXES, ids=["four-types", "defaults"])
def test_gift_read_by_gift_pegjs_gives_back_every_stem_option_and_key(
    gift_parser: Path, tmp_path: Path, mix: tuple[str, ...]
) -> None:
    seen: set[str] = set()
    for n, deck in enumerate(decks(tmp_path)):
        folder = tmp_path / f"d{n}"
        folder.mkdir()
        plan, out, made = plan_and_export(
            deck, folder, "gift", "--seed", "5", "--versions", "2", *mix
        )
        parsed = json.loads(run_process(["node", str(gift_parser), str(out)], check=True,
                                           capture_output=True, timeout=120).stdout)  # fmt: skip
        questions = {q["title"]: q for q in parsed if q["type"] != "Category"}
        items = [(v["version"], i) for v in plan["versions"] for i in v["items"]]
        assert len(questions) == len(items), deck
        for letter, item in items:
            q = questions[f"{letter}{item['number']}"]
            assert q["stem"]["format"] == "html"  # never Moodle's auto-format (HTML unasked)
            stem = item["stem"] or "Match each term with its meaning."
            assert shown(q["stem"]["text"]) == plain(stem), (deck, item["number"])
            kind = item["type"]
            if kind == "tf":
                assert q["type"] == "TF" and q["isTrue"] == (item["correct"] == [0])
            elif kind == "match":
                pairs = [(shown(p["subquestion"]["text"]), moodle_post(p["subanswer"]))
                         for p in q["matchPairs"]]  # fmt: skip
                printed, turned = both_ways(item)
                assert pairs in (printed, turned), (deck, item["number"])
                if pairs == turned:
                    assert f"question {item['number']}: a meaning is longer" in made.stderr
            elif item["options"]:
                assert q["type"] == "MC"
                assert [shown(c["text"]["text"]) for c in q["choices"]] == [
                    plain(o) for o in item["options"]
                ]
                assert [c["text"]["format"] for c in q["choices"]] == ["html"] * len(
                    item["options"]
                )
                right = [i for i, c in enumerate(q["choices"]) if c["isCorrect"]]
                assert right == sorted(item["correct"]), (deck, item["number"])
            elif kind == "written" and item["accepted"]:
                assert q["type"] == "Short"
                assert [c["text"]["text"] for c in q["choices"]] == [
                    typed(a) for a in item["accepted"]
                ]
                assert all(c["isCorrect"] for c in q["choices"])
            else:
                assert q["type"] == "Essay"
            seen.add(kind)
    assert {"mc", "tf", "match", "written"} <= seen


def test_moodle_xml_gives_back_every_text_within_moodles_limits(tmp_path: Path) -> None:
    """Read as Moodle's importer does: the structure and rules (tests/data's RELAX NG
    and the limits of its columns), each HTML text escaped once, plain texts plain."""
    import xml.etree.ElementTree as ET

    from tests.test_exports import moodle_problems

    seen: set[str] = set()
    for deck, plan, out in exports(tmp_path, "moodle", "--seed", "5", "--versions", "2"):
        assert moodle_problems(out) == [], deck
        questions = [q for q in ET.parse(out).getroot() if q.get("type") != "category"]
        items = [i for v in plan["versions"] for i in v["items"]]
        assert len(questions) == len(items)
        for q, item in zip(questions, items, strict=True):
            stem = item["stem"] or "Match each term with its meaning."
            assert q.find("questiontext").get("format") == "html"
            assert shown(q.findtext("questiontext/text") or "") == plain(stem)
            if item["type"] == "match":
                pairs = [(shown(s.findtext("text") or ""), s.findtext("answer/text"))
                         for s in q.findall("subquestion")]  # fmt: skip
                asked, turned = both_ways(item)
                assert pairs[: len(asked)] in (asked, turned)
            elif item["type"] == "written" and item["accepted"]:
                assert [a.findtext("text") for a in q.findall("answer")] == [
                    plain(a) for a in item["accepted"]
                ]
            elif item["options"] and item["type"] != "tf":
                answers = q.findall("answer")
                assert [shown(a.findtext("text") or "") for a in answers] == [
                    plain(o) for o in item["options"]
                ]
                assert [i for i, a in enumerate(answers) if a.get("fraction") == "100"] == item[
                    "correct"
                ]
            seen.add(item["type"])
    assert {"mc", "tf", "match", "written"} <= seen


LANDFORMS = {
    "Delta": "Flat ground built where a river slows at its mouth and drops the sand and silt it "
    "carried; the channel splits again and again into smaller branches, and the new land "
    "spreads outward into the sea or lake a little more after every flood season, as on the Nile.",
    "Estuary": "The wide, tidal lower reach of a river, where fresh water from upstream mixes "
    "with salt water pushed in by the sea twice a day; its brackish water and mud flats feed "
    "fish nurseries, oyster beds and the wading birds that come to hunt there at low tide "
    "each day.",
    "Fjord": "A long, narrow and very deep inlet of the sea between steep cliffs, carved out "
    "by a glacier grinding down a valley during an ice age and then flooded by the ocean once "
    "the ice melted back; Norway, Chile and New Zealand are known for their many fjords.",
    "Lagoon": "A shallow stretch of calm water cut off from the open sea by a bar of sand, a "
    "chain of barrier islands or a coral reef; waves break on the barrier outside, so the "
    "water inside stays warm and still, and it may grow saltier than the sea through strong "
    "evaporation.",
    "Moraine": "A ridge or mound of unsorted rock, gravel and clay that a glacier pushed ahead "
    "of itself or dropped along its sides; when the ice retreats, the heap is left standing "
    "across the valley, sometimes damming a long lake behind it for thousands of years.",
    "Oxbow": "A curved lake left beside a river after a tight bend of its channel was cut off: "
    "the river erodes the narrow neck of land between two loops, takes the shorter path in "
    "a flood, and the old loop is sealed off by new deposits of silt and mud at both of its ends.",
}


def long_meanings(folder: Path) -> Path:
    """Six terms whose meanings are all longer than Moodle keeps of a matching answer
    (of one length band, so a matching block holds them together)."""
    lines = ["title: Landforms", "terms:"]
    for name, meaning in LANDFORMS.items():
        lines += [f"  - term: {json.dumps(name)}", f"    definition: {json.dumps(meaning)}"]
    deck = folder / "landforms.yaml"
    deck.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return deck


def test_a_meaning_longer_than_moodle_keeps_turns_its_matching_block_round(
    tmp_path: Path,
) -> None:
    """Meanings of 300 characters in a matching block: each asked as a question (no
    limit), its term the answer, in Moodle XML and GIFT alike; said in a note."""
    import xml.etree.ElementTree as ET

    deck = long_meanings(tmp_path)
    options = ("--types", "match", "--seed", "1")
    out = tmp_path / "q.xml"
    made = run("export", "quiz", str(deck), *options, "--to", "moodle", "-o", str(out))
    assert made.exit_code == 0, made.stderr
    said = ("a meaning is longer than Moodle keeps of a matching answer (255 characters), so "
            "each meaning is asked and its term chosen")  # fmt: skip
    assert said in made.stderr
    (block,) = [q for q in ET.parse(out).getroot() if q.get("type") == "matching"]
    answers = [s.findtext("answer/text") for s in block.findall("subquestion")]
    asked = [shown(s.findtext("text") or "") for s in block.findall("subquestion")]
    assert set(answers) <= {"Delta", "Estuary", "Fjord", "Lagoon", "Moraine", "Oxbow"}
    assert set(asked) <= set(LANDFORMS.values()) and max(map(len, asked)) > 255
    gift = tmp_path / "q.gift.txt"
    made = run("export", "quiz", str(deck), *options, "--to", "gift", "-o", str(gift))
    assert made.exit_code == 0, made.stderr
    assert said in made.stderr and "-> Estuary" in gift.read_text(encoding="utf-8")


def test_a_block_nothing_can_carry_is_refused_naming_the_term() -> None:
    """A long meaning and a long term in one block: turned or not, Moodle would cut one."""
    from studyprint.errors import ExportError
    from studyprint.export.matching import moodle_matching

    long_term = "Oxbow lake, " + "also called a horseshoe lake or a cutoff meander, " * 6
    item = {
        "prompts": ["Delta", long_term, "Fjord"],
        "options": list(LANDFORMS.values())[:4],
        "correct": [0, 1, 2],
        "terms": [{"file": "land.yaml", "line": 9, "term": long_term}],
    }
    with pytest.raises(ExportError) as refused:
        moodle_matching(item, "version A, question 4")
    assert str(refused.value) == (
        "land.yaml:9: version A, question 4: the term 'Oxbow lake, also called a horseshoe lake…' "
        "is longer than the 255 characters Moodle keeps of a matching answer, and so is a "
        "meaning in its block; shorten one, or leave matching out (--types)"
    )
    short = {**item, "prompts": ["Delta", "Oxbow", "Fjord"]}
    assert moodle_matching(short, "version A, question 4").turned


QTI12 = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"

#: Each Canvas question type's item, as Canvas's own QTI 1.2 exports build it: every
#: path from <item> to a leaf (namespace left off). Written from Canvas's exported
#: items (canvas-lms, gems/plugins/qti_exporter/spec_canvas/fixtures/canvas/, e.g.
#: multiple_choice_html.xml) and what its converter reads; feedback left out, as
#: studyprint writes none.
_META = ["itemmetadata/qtimetadata/qtimetadatafield/fieldlabel",
         "itemmetadata/qtimetadata/qtimetadatafield/fieldentry"]  # fmt: skip
_CHOICE = [*_META, "presentation/material/mattext",
           "presentation/response_lid/render_choice/response_label/material/mattext",
           "resprocessing/outcomes/decvar", "resprocessing/respcondition/conditionvar/varequal",
           "resprocessing/respcondition/setvar"]  # fmt: skip
_TYPED = [*_META, "presentation/material/mattext",
          "presentation/response_str/render_fib/response_label",
          "resprocessing/outcomes/decvar"]  # fmt: skip
CANVAS_SHAPE = {
    "multiple_choice_question": set(_CHOICE),
    "true_false_question": set(_CHOICE),
    "matching_question": {*_CHOICE, "presentation/response_lid/material/mattext"},
    "short_answer_question": {
        *_TYPED,
        "resprocessing/respcondition/conditionvar/varequal",
        "resprocessing/respcondition/setvar",
    },
    "essay_question": {*_TYPED, "resprocessing/respcondition/conditionvar/other"},
}
WE_MEANT = {"mc": "multiple_choice_question", "tf": "true_false_question",
            "match": "matching_question", "written": "short_answer_question"}  # fmt: skip


def _leaves(node: Any, path: str = "") -> set[str]:
    children = list(node)
    if not children:
        return {path}
    return set().union(*(_leaves(c, f"{path}/{c.tag.removeprefix(QTI12)}".lstrip("/"))
                         for c in children))  # fmt: skip


def read_canvas(package: Path) -> list[tuple[Any, Any]]:
    """Each assessment the manifest lists (Canvas makes a quiz of each): its questions
    file's root and its quiz settings."""
    import xml.etree.ElementTree as ET
    import zipfile

    cp = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
    with zipfile.ZipFile(package) as z:
        manifest = ET.fromstring(z.read("imsmanifest.xml"))
        found = []
        for resource in manifest.iter(f"{cp}resource"):
            if resource.get("type") != "imsqti_xmlv1p2":
                continue
            href = resource.find(f"{cp}file").get("href")
            settings = resource.find(f"{cp}dependency").get("identifierref")
            meta = next(r for r in manifest.iter(f"{cp}resource")
                        if r.get("identifier") == settings)  # fmt: skip
            found.append((ET.fromstring(z.read(href)), ET.fromstring(z.read(meta.get("href")))))
    return found


@pytest.mark.parametrize("versions", ["1", "3"])
def test_canvas_items_carry_the_type_answers_and_points_we_meant_in_canvas_shape(
    tmp_path: Path, versions: str
) -> None:
    seen: set[str] = set()
    for deck, plan, out in exports(tmp_path, "canvas", "--seed", "6", "--versions", versions):
        quizzes = read_canvas(out)
        assert len(quizzes) == len(plan["versions"]) == int(versions)
        points = plan["points_per_question"]
        for (root, settings), version in zip(quizzes, plan["versions"], strict=True):
            items = root.findall(f"{QTI12}assessment/{QTI12}section/{QTI12}item")
            assert len(items) == len(version["items"])
            total = sum(points * len(i["numbers"]) for i in version["items"])
            canvas = "{http://canvas.instructure.com/xsd/cccv1p0}"
            assert float(settings.findtext(f"{canvas}points_possible")) == total
            for element, item in zip(items, version["items"], strict=True):
                fields = {f.findtext(f"{QTI12}fieldlabel"): f.findtext(f"{QTI12}fieldentry")
                          for f in element.iter(f"{QTI12}qtimetadatafield")}  # fmt: skip
                kind = fields["question_type"]
                meant = WE_MEANT.get(item["type"], "essay_question")
                if item["type"] == "written" and not item["accepted"]:
                    meant = "essay_question"
                assert kind == meant, (deck, item["number"])
                assert float(fields["points_possible"]) == points * len(item["numbers"])
                assert _leaves(element) == CANVAS_SHAPE[kind], (deck, kind)
                _same_answers(element, item, kind)
                seen.add(kind)
    assert set(CANVAS_SHAPE) <= seen


def _same_answers(element: Any, item: dict[str, Any], kind: str) -> None:
    """The item's texts and right answers, read as Canvas reads them, against the plan."""
    q = QTI12
    stem = item["stem"] or "Match each term with its meaning."
    assert shown(element.findtext(f"{q}presentation/{q}material/{q}mattext") or "") == plain(stem)
    conditions = element.findall(f"{q}resprocessing/{q}respcondition")
    if kind in ("multiple_choice_question", "true_false_question"):
        labels = element.findall(
            f"{q}presentation/{q}response_lid/{q}render_choice/{q}response_label"
        )
        texts = [shown(label.findtext(f"{q}material/{q}mattext") or "") for label in labels]
        assert texts == [plain(o) for o in item["options"]]
        (scoring,) = conditions
        assert (
            scoring.findtext(f"{q}setvar") == "100"
            and scoring.find(f"{q}setvar").get("action") == "Set"
        )
        right = [label.get("ident") for label in labels].index(
            scoring.findtext(f"{q}conditionvar/{q}varequal")
        )
        assert [right] == item["correct"]
    elif kind == "matching_question":
        lids = element.findall(f"{q}presentation/{q}response_lid")
        lefts = [lid.findtext(f"{q}material/{q}mattext") for lid in lids]
        assert lefts == [typed(p) for p in item["prompts"]]
        total = 0.0
        for lid, right in zip(lids, item["correct"], strict=True):
            labels = {label.get("ident"): label.findtext(f"{q}material/{q}mattext")
                      for label in lid.iter(f"{q}response_label")}  # fmt: skip
            assert sorted(labels.values()) == sorted(
                typed(o) for o in item["options"]
            )  # spares too
            ident = lid.get("ident")
            asked = [c.find(f"{q}conditionvar/{q}varequal") for c in conditions]
            (scoring,) = [c for c, v in zip(conditions, asked, strict=True)
                          if v.get("respident") == ident]  # fmt: skip
            assert scoring.get("continue") == "Yes"  # every pair is scored
            assert labels[scoring.findtext(f"{q}conditionvar/{q}varequal")] == typed(
                item["options"][right]
            )
            total += float(scoring.findtext(f"{q}setvar") or 0)
        assert abs(total - 100) < 0.05
    elif kind == "short_answer_question":
        (scoring,) = conditions
        given = [v.text for v in scoring.iter(f"{q}varequal")]
        assert given == [typed(a) for a in item["accepted"]]
        assert scoring.findtext(f"{q}setvar") == "100"
    else:
        assert [c.find(f"{q}conditionvar/{q}other") is not None for c in conditions] == [True]


SCHEMAS = Path(__file__).parent / "data" / "qti-2.1"  # IMS's XSDs, unchanged (licence inside)


@pytest.fixture(scope="session")
def qti_schemas() -> tuple[Any, Any]:
    from lxml import etree

    items = etree.XMLSchema(etree.parse(str(SCHEMAS / "qtiv2p1" / "imsqti_v2p1.xsd")))
    package = etree.XMLSchema(etree.parse(str(SCHEMAS / "imscp_v1p1.xsd")))
    return items, package


def test_qti_packages_are_valid_by_the_official_xsds_and_keep_every_key(
    tmp_path: Path, qti_schemas: tuple[Any, Any]
) -> None:
    import zipfile

    from lxml import etree

    items_xsd, package_xsd = qti_schemas
    qti = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
    keys = 0
    for deck, plan, out in exports(tmp_path, "qti", "--seed", "7", "--versions", "2"):
        with zipfile.ZipFile(out) as z:
            manifest = etree.fromstring(z.read("imsmanifest.xml"))
            assert package_xsd.validate(manifest), package_xsd.error_log
            for name in z.namelist():
                if name.startswith(("items/", "tests/")):
                    document = etree.fromstring(z.read(name))
                    assert items_xsd.validate(document), (deck, name, items_xsd.error_log)
            for version in plan["versions"]:
                for item in version["items"]:
                    root = etree.fromstring(
                        z.read(f"items/V{version['version']}-Q{item['number']}.xml")
                    )
                    right = root.findall(
                        f"{qti}responseDeclaration/{qti}correctResponse/{qti}value"
                    )
                    if item["type"] == "match":
                        assert [v.text for v in right] == [
                            f"P{i} D{c}" for i, c in enumerate(item["correct"])
                        ]
                    elif item["options"]:
                        assert [v.text for v in right] == [f"C{item['correct'][0]}"]
                    elif item["type"] == "written" and item["accepted"]:
                        entries = root.iter(f"{qti}mapEntry")
                        assert [e.get("mapKey") for e in entries] == [
                            plain(a) for a in item["accepted"]
                        ]
                    keys += 1
    assert keys > 150


def test_anki_packages_are_read_by_the_anki_library(tmp_path: Path) -> None:
    """The official importer, into a fresh collection: every note, its fields as the deck
    says (HTML escaped once, markup as HTML), pictures byte for byte, and importing the
    same package again adds nothing."""
    anki = pytest.importorskip("anki.collection")

    from studyprint.read.deck import load_deck

    for n, deck in enumerate(decks(tmp_path)):
        out = tmp_path / f"d{n}.apkg"
        made = run("export", "deck", str(deck), "--to", "anki", "-o", str(out))
        assert made.exit_code == 0, made.stderr
        collection = anki.Collection(str(tmp_path / f"c{n}.anki2"))
        try:
            options = anki.ImportAnkiPackageOptions()
            request = anki.ImportAnkiPackageRequest(package_path=str(out), options=options)
            first = collection.import_anki_package(request)
            terms = load_deck(deck).terms
            assert len(first.log.new) == len(terms), deck
            notes = [collection.get_note(i) for i in collection.find_notes("")]
            by_term = {shown(note["Term"]): note for note in notes}
            for term in terms:
                note = by_term[plain(term.term)]
                definition = re.sub(r'<br><img src="[^"]+">$', "", note["Definition"])
                assert shown(definition) == plain(term.definition), (deck, term.term)
                if term.image is not None:
                    (name,) = re.findall(r'<img src="([^"]+)">', note["Definition"])
                    stored = Path(collection.media.dir()) / name
                    assert stored.read_bytes() == (deck.parent / term.image).read_bytes()
            again = collection.import_anki_package(request)
            assert len(again.log.new) == 0 and len(collection.find_notes("")) == len(terms)
        finally:
            collection.close()


def test_last_lines_say_what_each_file_holds(tmp_path: Path) -> None:
    """Kahoot holds multiple choice only: its line counts the rows written, not the
    quiz; a tab in a term going to Quizlet is said; an import of that file does not
    take one Arabic word for the deck's language."""
    deck = awkward_deck(tmp_path)
    out = tmp_path / "k.xlsx"
    made = run("export", "quiz", str(deck), "--types", "mc,written", "--count", "10",
               "--seed", "2", "--to", "kahoot", "-o", str(out))  # fmt: skip
    assert made.exit_code == 0, made.stderr
    left = made.stderr.count("Kahoot's spreadsheet holds multiple choice only; left out")
    assert left > 0
    from openpyxl import load_workbook

    rows = [r for r in load_workbook(out).worksheets[0].iter_rows(values_only=True)
            if isinstance(r[0], int)]  # fmt: skip
    assert made.stdout == (
        f"wrote {out} ({len(rows)} of 10 questions, 1 version, seed 2; {left} left out; "
        "see the notes above)\n"
    )
    quizlet = tmp_path / "q.txt"
    made = run("export", "deck", str(deck), "--to", "quizlet", "-o", str(quizlet))
    assert made.exit_code == 0, made.stderr
    assert "note: Tab here: a tab or line break in the term becomes a space" in made.stderr
    imported = run("import", str(quizlet), "-o", str(tmp_path / "back.yaml"))
    assert imported.exit_code == 0, imported.stderr
    assert "language:" not in (tmp_path / "back.yaml").read_text(encoding="utf-8")
