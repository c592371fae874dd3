"""``qti``: an IMS QTI 2.1 content package (a zip) for Canvas, Blackboard and the like.

One ``assessmentItem`` file per question and version, listed in
``imsmanifest.xml``: multiple choice and true/false as ``choiceInteraction``,
a matching block as ``matchInteraction`` (one point per pair), a written term as
``textEntryInteraction`` accepting every accepted answer, an open question as
``extendedTextInteraction``. Each version is also an ``assessmentTest`` naming
its items in printed order, so a platform makes one quiz a version. Text keeps
bold, italics, sub- and superscripts.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

from studyprint.export.text import clean, to_html, to_plain
from studyprint.export.written import Written, whole
from studyprint.export.zipdates import entry

SUFFIX = ".qti.zip"
QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
TEMPLATES = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/"


def _q(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def write(plan: dict[str, Any], out: Path) -> Written:
    ET.register_namespace("", QTI)
    files: list[tuple[str, str, bytes]] = []  # (identifier, path, xml)
    tests: list[tuple[str, str, bytes, list[str]]] = []  # and the items each test holds
    for version in plan["versions"]:
        idents = []
        for item in version["items"]:
            ident = f"V{version['version']}-Q{item['number']}"
            title = f"{version['version']}{item['number']} {to_plain(item['stem'])[:50]}".strip()
            root = _item(item, ident, title, float(plan["points_per_question"]))
            files.append((ident, f"items/{ident}.xml", _xml(root)))
            idents.append(ident)
        test = f"test-{version['version']}"
        title = f"{clean(plan['title'])} (version {version['version']})"
        tests.append((test, f"tests/{test}.xml", _xml(_test(test, title, idents)), idents))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(entry("imsmanifest.xml"), _manifest(files, tests))
        for _, path, data, _ in tests:
            package.writestr(entry(path), data)
        for _, path, data in files:
            package.writestr(entry(path), data)
    return whole(plan)


def _test(ident: str, title: str, items: list[str]) -> ET.Element:
    """A version as an assessment test, so a platform makes one quiz of its items in
    the printed order (not a loose bank)."""
    test = ET.Element(_q("assessmentTest"), identifier=ident, title=title)
    part = ET.SubElement(test, _q("testPart"), identifier="part", navigationMode="nonlinear",
                         submissionMode="simultaneous")  # fmt: skip
    section = ET.SubElement(part, _q("assessmentSection"), identifier="section",
                            title=title, visible="true")  # fmt: skip
    for item in items:
        ET.SubElement(section, _q("assessmentItemRef"), identifier=item,
                      href=f"../items/{item}.xml")  # fmt: skip
    return test


def _xml(root: ET.Element) -> bytes:
    ET.indent(root, space=" ")
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def _manifest(
    files: list[tuple[str, str, bytes]], tests: list[tuple[str, str, bytes, list[str]]]
) -> bytes:
    ET.register_namespace("", CP)
    manifest = ET.Element(f"{{{CP}}}manifest", identifier="studyprint-quiz")
    metadata = ET.SubElement(manifest, f"{{{CP}}}metadata")
    ET.SubElement(metadata, f"{{{CP}}}schema").text = "QTIv2.1 Package"
    ET.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.0.0"
    ET.SubElement(manifest, f"{{{CP}}}organizations")
    resources = ET.SubElement(manifest, f"{{{CP}}}resources")
    for ident, path, _, items in tests:
        resource = ET.SubElement(resources, f"{{{CP}}}resource", identifier=ident,
                                 type="imsqti_test_xmlv2p1", href=path)  # fmt: skip
        ET.SubElement(resource, f"{{{CP}}}file", href=path)
        for item in items:
            ET.SubElement(resource, f"{{{CP}}}dependency", identifierref=item)
    for ident, path, _ in files:
        resource = ET.SubElement(resources, f"{{{CP}}}resource", identifier=ident,
                                 type="imsqti_item_xmlv2p1", href=path)  # fmt: skip
        ET.SubElement(resource, f"{{{CP}}}file", href=path)
    data = _xml(manifest)
    ET.register_namespace("", QTI)
    return data


def _item(item: dict[str, Any], ident: str, title: str, points: float) -> ET.Element:
    root = ET.Element(_q("assessmentItem"), identifier=ident, title=title,
                      adaptive="false", timeDependent="false")  # fmt: skip
    body = ET.Element(_q("itemBody"))
    kind = item["type"]
    if item["options"] and kind != "match":
        _declare(root, "single", "identifier", [f"C{item['correct'][0]}"])
        _score(root)
        _html(body, item["stem"])
        interaction = ET.SubElement(body, _q("choiceInteraction"), responseIdentifier="RESPONSE",
                                    shuffle="false", maxChoices="1")  # fmt: skip
        for i, option in enumerate(item["options"]):
            choice = ET.SubElement(interaction, _q("simpleChoice"), identifier=f"C{i}")
            _inline(choice, option)
        template = "match_correct"
    elif kind == "match":
        pairs = [f"P{i} D{c}" for i, c in enumerate(item["correct"])]
        declaration = _declare(root, "multiple", "directedPair", pairs)
        mapping = ET.SubElement(declaration, _q("mapping"), defaultValue="0")
        for pair in pairs:
            ET.SubElement(mapping, _q("mapEntry"), mapKey=pair, mappedValue=f"{points:g}")
        _score(root)
        _html(body, "Match each term with its meaning.")
        interaction = ET.SubElement(body, _q("matchInteraction"), responseIdentifier="RESPONSE",
                                    shuffle="false", maxAssociations=str(len(pairs)))  # fmt: skip
        terms = ET.SubElement(interaction, _q("simpleMatchSet"))
        for i, prompt in enumerate(item["prompts"]):
            choice = ET.SubElement(terms, _q("simpleAssociableChoice"), identifier=f"P{i}",
                                   matchMax="1")  # fmt: skip
            _inline(choice, prompt)
        meanings = ET.SubElement(interaction, _q("simpleMatchSet"))
        for i, option in enumerate(item["options"]):
            choice = ET.SubElement(meanings, _q("simpleAssociableChoice"), identifier=f"D{i}",
                                   matchMax="1")  # fmt: skip
            _inline(choice, option)
        template = "map_response"
    elif kind == "written" and item["accepted"]:
        accepted = [to_plain(a) for a in item["accepted"]]
        declaration = _declare(root, "single", "string", accepted[:1])
        mapping = ET.SubElement(declaration, _q("mapping"), defaultValue="0")
        for answer in accepted:
            ET.SubElement(mapping, _q("mapEntry"), mapKey=answer, mappedValue=f"{points:g}",
                          caseSensitive="false")  # fmt: skip
        _score(root)
        _html(body, item["stem"])
        paragraph = ET.SubElement(body, _q("p"))
        ET.SubElement(paragraph, _q("textEntryInteraction"), responseIdentifier="RESPONSE",
                      expectedLength=str(max(len(a) for a in accepted) + 5))  # fmt: skip
        template = "map_response"
    else:  # an open question, marked by the teacher
        _declare(root, "single", "string", [])
        _score(root)
        _html(body, item["stem"])
        ET.SubElement(body, _q("extendedTextInteraction"), responseIdentifier="RESPONSE")
        template = ""
    root.append(body)
    if template:
        ET.SubElement(root, _q("responseProcessing"), template=TEMPLATES + template)
    return root


def _declare(root: ET.Element, cardinality: str, base: str, values: list[str]) -> ET.Element:
    declaration = ET.SubElement(root, _q("responseDeclaration"), identifier="RESPONSE",
                                cardinality=cardinality, baseType=base)  # fmt: skip
    if values:
        correct = ET.SubElement(declaration, _q("correctResponse"))
        for value in values:
            ET.SubElement(correct, _q("value")).text = value
    return declaration


def _score(root: ET.Element) -> None:
    outcome = ET.SubElement(root, _q("outcomeDeclaration"), identifier="SCORE",
                            cardinality="single", baseType="float")  # fmt: skip
    ET.SubElement(ET.SubElement(outcome, _q("defaultValue")), _q("value")).text = "0"


def _html(parent: ET.Element, text: str) -> None:
    """A paragraph of deck text, its markup as QTI's own inline XHTML."""
    _inline(ET.SubElement(parent, _q("p")), text)


def _inline(parent: ET.Element, text: str) -> None:
    fragment = ET.fromstring(f"<x>{to_html(text).replace('<br>', '<br/>')}</x>")
    parent.text = fragment.text
    for child in fragment:
        for node in child.iter():
            node.tag = _q(node.tag)
        parent.append(child)
