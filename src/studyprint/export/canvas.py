"""``canvas``: a quiz package in the shape Canvas itself exports (QTI 1.2 with Canvas's
metadata), which Canvas imports most faithfully; other platforms take ``qti`` (2.1).

One zip holding, for each version, one assessment (``<ident>/<ident>.xml``, a
``questestinterop``) and its quiz settings (``<ident>/assessment_meta.xml``), both
listed in ``imsmanifest.xml``: Canvas makes one quiz of each version. Every item
carries ``question_type`` and ``points_possible`` as Canvas's own exports do:

- multiple choice: ``multiple_choice_question`` (one ``response_lid``, the right
  label's score set to 100);
- true/false: ``true_false_question`` (the labels True and False);
- a matching block: ``matching_question``, one ``response_lid`` per term, every
  meaning (spares too) a label of each, 100 shared among the pairs;
- a written term: ``short_answer_question`` with every accepted answer;
- an open question: ``essay_question``, for the teacher to mark.

Texts a student reads are HTML (markup kept, the deck's text escaped); matching
meanings are plain text, as Canvas keeps them.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

from studyprint.export.text import clean, to_html, to_plain, to_unicode
from studyprint.export.written import Written, whole
from studyprint.export.zipdates import entry

SUFFIX = ".canvas.zip"
QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI_XSD = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS = "http://canvas.instructure.com/xsd/cccv1p0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

#: Canvas's question types, by the plan's item type.
QUESTION_TYPES = {
    "mc": "multiple_choice_question",
    "tf": "true_false_question",
    "match": "matching_question",
    "written": "short_answer_question",
}


def question_type(item: dict[str, Any]) -> str:
    kind = QUESTION_TYPES.get(item["type"])
    if kind == "short_answer_question" and not item["accepted"]:
        return "essay_question"
    if kind is None:  # a registered type: choices if it has options, else an open answer
        return "multiple_choice_question" if item["options"] else "essay_question"
    return kind


def write(plan: dict[str, Any], out: Path) -> Written:
    notes: list[str] = []
    points = float(plan["points_per_question"])
    title = clean(plan["title"])
    assessments: list[tuple[str, bytes, bytes]] = []  # (ident, questions, settings)
    for version in plan["versions"]:
        letter = version["version"]
        ident = _ident(plan["title"], plan["seed"], letter)
        name = f"{title} (version {letter})" if len(plan["versions"]) > 1 else title
        total = sum(points * len(item["numbers"]) for item in version["items"])
        quiz = _assessment(ident, name, version, points, notes)
        assessments.append((ident, _xml(quiz), _xml(_settings(ident, name, total))))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(entry("imsmanifest.xml"), _xml(_manifest(title, assessments)))
        for ident, questions, settings in assessments:
            package.writestr(entry(f"{ident}/{ident}.xml"), questions)
            package.writestr(entry(f"{ident}/assessment_meta.xml"), settings)
    return whole(plan, notes)


def _ident(*parts: object) -> str:
    """A stable identifier (the same quiz and seed, the same package)."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    return "g" + digest[:32]


def _xml(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def _q(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def _assessment(
    ident: str, title: str, version: dict[str, Any], points: float, notes: list[str]
) -> ET.Element:
    ET.register_namespace("", QTI)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(_q("questestinterop"), {f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}"})
    assessment = ET.SubElement(root, _q("assessment"), ident=ident, title=title)
    _metadata(assessment, {"cc_maxattempts": "1"})
    section = ET.SubElement(assessment, _q("section"), ident="root_section")
    for item in version["items"]:
        where = f"version {version['version']}, question {item['number']}"
        section.append(_item(item, ident, points, where, notes))
    return root


def _metadata(parent: ET.Element, fields: dict[str, str]) -> None:
    metadata = ET.SubElement(parent, _q("qtimetadata"))
    for label, value in fields.items():
        field = ET.SubElement(metadata, _q("qtimetadatafield"))
        ET.SubElement(field, _q("fieldlabel")).text = label
        ET.SubElement(field, _q("fieldentry")).text = value


def _item(
    item: dict[str, Any], quiz: str, points: float, where: str, notes: list[str]
) -> ET.Element:
    kind = question_type(item)
    number = item["number"]
    first = 1000 * number  # answer ids: numbers, as Canvas's own exports use
    element = ET.Element(_q("item"), ident=_ident(quiz, number), title=f"Question {number}")
    answer_ids = [str(first + i) for i in range(len(item["options"]))]
    meta = ET.SubElement(element, _q("itemmetadata"))
    fields = {
        "question_type": kind,
        "points_possible": f"{points * len(item['numbers']):g}",
        "assessment_question_identifierref": _ident(quiz, number, "bank"),
    }
    lefts = [str(first + 500 + n) for n in range(len(item["prompts"]))]  # a matching block's terms
    if kind in ("multiple_choice_question", "true_false_question"):
        fields["original_answer_ids"] = ",".join(answer_ids)
    elif kind == "matching_question":  # Canvas's answers of a matching block are its terms
        fields["original_answer_ids"] = ",".join(lefts)
    _metadata(meta, fields)
    presentation = ET.SubElement(element, _q("presentation"))
    stem = item["stem"] or "Match each term with its meaning."
    _mattext(presentation, to_html(stem), html=True)
    processing = ET.Element(_q("resprocessing"))
    outcomes = ET.SubElement(processing, _q("outcomes"))
    ET.SubElement(outcomes, _q("decvar"), maxvalue="100", minvalue="0", varname="SCORE",
                  vartype="Decimal")  # fmt: skip
    if kind in ("multiple_choice_question", "true_false_question"):
        lid = ET.SubElement(presentation, _q("response_lid"), ident="response1",
                            rcardinality="Single")  # fmt: skip
        choices = ET.SubElement(lid, _q("render_choice"))
        for ident, option in zip(answer_ids, item["options"], strict=True):
            label = ET.SubElement(choices, _q("response_label"), ident=ident)
            _mattext(label, to_html(option), html=True)
        _scores(processing, "response1", [answer_ids[item["correct"][0]]], "Set", "100")
    elif kind == "matching_question":
        share = f"{100 / len(item['prompts']):.2f}"
        for left, prompt, right in zip(lefts, item["prompts"], item["correct"], strict=True):
            response = f"response_{left}"
            lid = ET.SubElement(presentation, _q("response_lid"), ident=response)
            _mattext(lid, _plain(prompt, where, notes), html=False)
            choices = ET.SubElement(lid, _q("render_choice"))
            for ident, option in zip(answer_ids, item["options"], strict=True):
                label = ET.SubElement(choices, _q("response_label"), ident=ident)
                _mattext(label, _plain(option, where, notes), html=False)
            # every pair is scored: a condition that holds must not end the scoring
            _scores(processing, response, [answer_ids[right]], "Add", share, go_on=True)
    else:
        text = ET.SubElement(presentation, _q("response_str"), ident="response1",
                             rcardinality="Single")  # fmt: skip
        fib = ET.SubElement(text, _q("render_fib"))
        ET.SubElement(fib, _q("response_label"), ident="answer1", rshuffle="No")
        if kind == "short_answer_question":
            accepted = [_plain(a, where, notes) for a in item["accepted"]]
            _scores(processing, "response1", accepted, "Set", "100")
        else:
            condition = ET.SubElement(processing, _q("respcondition"), {"continue": "No"})
            ET.SubElement(ET.SubElement(condition, _q("conditionvar")), _q("other"))
            if item["accepted"]:  # a model answer, for the teacher who marks it
                notes.append(
                    f"{where}: Canvas shows no model answer to the marker; it is in the key"
                )
    element.append(processing)
    return element


def _scores(
    processing: ET.Element,
    response: str,
    right: list[str],
    action: str,
    value: str,
    go_on: bool = False,
) -> None:
    """One condition: any of ``right`` given for ``response`` sets (or adds) the score."""
    condition = ET.SubElement(
        processing, _q("respcondition"), {"continue": "Yes" if go_on else "No"}
    )
    variables = ET.SubElement(condition, _q("conditionvar"))
    for answer in right:
        ET.SubElement(variables, _q("varequal"), respident=response).text = answer
    ET.SubElement(condition, _q("setvar"), action=action, varname="SCORE").text = value


def _mattext(parent: ET.Element, text: str, html: bool) -> None:
    material = ET.SubElement(parent, _q("material"))
    kind = "text/html" if html else "text/plain"
    ET.SubElement(material, _q("mattext"), texttype=kind).text = text


def _plain(text: str, where: str, notes: list[str]) -> str:
    shown, lost = to_unicode(text)
    if lost:
        notes.append(f"{where}: {to_plain(text)!r} loses its bold, italics or raised text")
    return " ".join(shown.split())


def _settings(ident: str, title: str, points: float) -> ET.Element:
    """The quiz's settings as Canvas exports them beside its questions."""
    ET.register_namespace("", CANVAS)
    quiz = ET.Element(f"{{{CANVAS}}}quiz", identifier=ident)
    for tag, value in (
        ("title", title),
        ("description", ""),
        ("shuffle_answers", "false"),  # the letters as printed and keyed
        ("scoring_policy", "keep_highest"),
        ("quiz_type", "assignment"),
        ("points_possible", f"{points:g}"),
        ("allowed_attempts", "1"),
        ("one_question_at_a_time", "false"),
    ):
        ET.SubElement(quiz, f"{{{CANVAS}}}{tag}").text = value
    return quiz


def _manifest(title: str, assessments: list[tuple[str, bytes, bytes]]) -> ET.Element:
    ET.register_namespace("", CP)
    manifest = ET.Element(f"{{{CP}}}manifest", identifier=_ident("manifest", title))
    metadata = ET.SubElement(manifest, f"{{{CP}}}metadata")
    ET.SubElement(metadata, f"{{{CP}}}schema").text = "IMS Content"
    ET.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.1.3"
    ET.SubElement(manifest, f"{{{CP}}}organizations")
    resources = ET.SubElement(manifest, f"{{{CP}}}resources")
    for ident, _, _ in assessments:
        resource = ET.SubElement(resources, f"{{{CP}}}resource", identifier=ident,
                                 type="imsqti_xmlv1p2")  # fmt: skip
        ET.SubElement(resource, f"{{{CP}}}file", href=f"{ident}/{ident}.xml")
        ET.SubElement(resource, f"{{{CP}}}dependency", identifierref=f"{ident}-meta")
        meta = ET.SubElement(
            resources, f"{{{CP}}}resource", identifier=f"{ident}-meta",
            type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
            href=f"{ident}/assessment_meta.xml",
        )  # fmt: skip
        ET.SubElement(meta, f"{{{CP}}}file", href=f"{ident}/assessment_meta.xml")
    return manifest


__all__ = ["QUESTION_TYPES", "question_type", "write"]
