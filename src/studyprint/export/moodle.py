"""``moodle``: Moodle XML, one category per version.

Multiple choice as ``multichoice``, true/false as ``truefalse``, a matching
block as ``matching`` (extra meanings as answers without a question), a written
term as ``shortanswer`` with every accepted answer, an open review question as
``essay`` with its model answer for the grader. Text is HTML (markup kept).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from studyprint.export.matching import moodle_matching, moodle_name
from studyprint.export.text import clean, to_html, to_plain, to_unicode
from studyprint.export.written import Written, whole

SUFFIX = ".xml"


def write(plan: dict[str, Any], out: Path) -> Written:
    notes: list[str] = []
    quiz = ET.Element("quiz")
    points = f"{plan['points_per_question']:g}"
    for version in plan["versions"]:
        category = ET.SubElement(quiz, "question", type="category")
        title = clean(plan["title"]).replace("/", "//")  # a single '/' would nest categories
        name = f"$course$/{title}/Version {version['version']}"
        ET.SubElement(ET.SubElement(category, "category"), "text").text = name
        for item in version["items"]:
            quiz.append(_question(item, version["version"], points, notes))
    tree = ET.ElementTree(quiz)
    ET.indent(tree, space=" ")
    tree.write(out, encoding="UTF-8", xml_declaration=True)
    return whole(plan, notes)


def _question(item: dict[str, Any], letter: str, points: str, notes: list[str]) -> ET.Element:
    kind = {"mc": "multichoice", "tf": "truefalse", "match": "matching",
            "written": "shortanswer"}.get(item["type"], "essay")  # fmt: skip
    if item["type"] not in ("mc", "tf", "match", "written") and item["options"]:
        kind = "multichoice"  # a registered type with options
    question = ET.Element("question", type=kind)
    name = moodle_name(letter, item["number"], item["stem"] or "Matching")
    ET.SubElement(ET.SubElement(question, "name"), "text").text = name
    _html(question, "questiontext", item["stem"] or "Match each term with its meaning.")
    size = len(item["numbers"])
    ET.SubElement(question, "defaultgrade").text = f"{float(points) * size:g}"
    if kind == "multichoice":
        ET.SubElement(question, "single").text = "true"
        ET.SubElement(question, "shuffleanswers").text = "0"  # as printed
        ET.SubElement(question, "answernumbering").text = "ABCD"
        for i, option in enumerate(item["options"]):
            fraction = "100" if i in item["correct"] else "0"
            answer = ET.SubElement(question, "answer", fraction=fraction, format="html")
            ET.SubElement(answer, "text").text = to_html(option)
    elif kind == "truefalse":
        truth = item["correct"][0] == 0  # options are printed True, False
        for value in ("true", "false"):
            right = (value == "true") == truth
            answer = ET.SubElement(question, "answer", fraction="100" if right else "0")
            ET.SubElement(answer, "text").text = value
    elif kind == "matching":
        ET.SubElement(question, "shuffleanswers").text = "true"
        block = moodle_matching(item, f"version {letter}, question {item['number']}")
        notes += block.notes
        for asked, meaning in [*block.pairs, *(("", spare) for spare in block.spares)]:
            sub = ET.SubElement(question, "subquestion", format="html")
            ET.SubElement(sub, "text").text = to_html(asked) if asked else ""
            shown, lost = to_unicode(meaning)  # a matching answer is plain text in Moodle
            if lost:
                notes.append(f"version {letter}, question {item['number']}: {shown!r} loses "
                             "its bold, italics or raised text")  # fmt: skip
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = " ".join(shown.split())
    elif kind == "shortanswer":
        ET.SubElement(question, "usecase").text = "0"
        for accepted in item["accepted"]:
            answer = ET.SubElement(question, "answer", fraction="100", format="moodle_auto_format")
            ET.SubElement(answer, "text").text = to_plain(accepted)
    else:
        model = "<br>".join(to_html(a) for a in item["accepted"])
        _html(question, "graderinfo", model)
        ET.SubElement(question, "responseformat").text = "editor"
    return question


def _html(parent: ET.Element, tag: str, text: str) -> None:
    node = ET.SubElement(parent, tag, format="html")
    ET.SubElement(node, "text").text = to_html(text)
