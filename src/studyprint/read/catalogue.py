"""Message catalogues: the words a page prints, read from ``languages/*.yaml`` or a file.

A page language is named by a built-in code (``es``, ``ar``) or by a catalogue
file. A file named in a deck, layout or manifest is found relative to it and
must stay inside its folder (those files come from strangers); one named on
the command line is relative to where the command runs. A catalogue is
checked like any other input: every unknown key, every changed placeholder
is reported as ``path:line:col``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from studyprint.errors import LayoutError, Pos, Problem, UnreadableFile
from studyprint.read.loader import Node, ScalarNode, load_yaml_file
from studyprint.read.schema import LANGUAGE_TAG, Checker
from studyprint.resources import languages_dir
from studyprint.safety import Allowed, outside, outside_message
from studyprint.words import RTL_LANGUAGES, Direction, Words, placeholders

ENGLISH = "en"
CATALOGUE_KEYS = ("language", "name", "direction", "messages")


def builtin_languages() -> dict[str, Path]:
    """Built-in catalogues by language code, sorted."""
    return {p.stem: p for p in sorted(languages_dir().glob("*.yaml"), key=lambda p: p.stem)}


def resolve_page_language(
    spec: str, folder: Path | None, allow: Allowed = ()
) -> tuple[str | None, str]:
    """(reference, problem) for a page language as written: a built-in code, or a
    catalogue file's absolute path. ``folder``: the file naming it must keep the
    catalogue inside this folder (None: the command line, relative to here)."""
    builtins = builtin_languages()
    if spec in builtins:
        return spec, ""
    if "/" not in spec and "\\" not in spec and not spec.endswith((".yaml", ".yml")):
        names = ", ".join(builtins)
        return None, (
            f"no built-in page language '{spec}'; use one of {names}, "
            "or name a catalogue file (copy languages/en.yaml and translate it)"
        )
    base = folder if folder is not None else Path.cwd()
    path = (base / spec).resolve()
    if folder is not None and outside(folder, path, allow):
        return None, f"'{spec}': {outside_message('catalogue', folder, path)}"
    if not path.is_file():
        return None, f"catalogue file '{spec}' not found" + (
            " (paths are relative to this file)" if folder is not None else ""
        )
    return str(path), ""


def check_page_language(
    check: Checker, node: Node | None, folder: Path, allow: Allowed = ()
) -> str | None:
    """``page_language:`` in a deck, layout or manifest: resolved and its catalogue read
    now, so its mistakes are reported with the file that names it."""
    spec = check.text(node, "page_language")
    if spec is None or node is None:
        return None
    ref, problem = resolve_page_language(spec, folder, allow)
    if ref is None:
        check.error(node.pos, problem)
        return None
    try:
        load_words(ref)
    except LayoutError as exc:
        check.problems += exc.problems
        return None
    return ref


@lru_cache(maxsize=32)
def load_words(ref: str = ENGLISH) -> Words:
    """The catalogue ``ref`` (a built-in code or a resolved file) over English."""
    english = _english()
    if ref == ENGLISH:
        return english
    path = builtin_languages().get(ref) or Path(ref)
    shown = f"languages/{ref}.yaml" if ref in builtin_languages() else ref
    code, direction, messages = _read(path, shown, english.messages)
    return Words(code, direction, messages, english.messages)


@lru_cache(maxsize=1)
def _english() -> Words:
    path = builtin_languages().get(ENGLISH)
    if path is None:  # a broken install: nothing can print
        raise LayoutError([Problem(None, "the English catalogue is missing; reinstall studyprint")])
    code, direction, messages = _read(path, "languages/en.yaml", None)
    return Words(code, direction, messages, messages)


def _read(
    path: Path, shown: str, reference: Mapping[str, str] | None
) -> tuple[str, Direction, dict[str, str]]:
    check = Checker(shown)
    try:
        root = load_yaml_file(path, shown)
    except UnreadableFile as exc:
        raise LayoutError(exc.problems) from None
    top = check.mapping(root, "a message catalogue", CATALOGUE_KEYS)
    code, direction, messages = ENGLISH, "ltr", {}
    if top is not None:
        code_node = check.required(top, "language", "the catalogue")
        code = check.text(code_node, "language", required=True) or ENGLISH
        if code_node is not None and not LANGUAGE_TAG.match(code):
            check.error(code_node.pos, f"'language' must be a tag like es or pt-BR, not '{code}'")
        default = "rtl" if code.split("-")[0].lower() in RTL_LANGUAGES else "ltr"
        direction = check.choice(top.get("direction"), "direction", ("ltr", "rtl")) or default
        check.text(top.get("name"), "name")
        messages = _messages(check, top.get("messages"), reference)
    if check.failed:
        raise LayoutError(check.sorted_problems())
    return code, "RTL" if direction == "rtl" else "LTR", messages


def _messages(
    check: Checker, node: Node | None, reference: Mapping[str, str] | None
) -> dict[str, str]:
    block = check.mapping(node, "messages", list(reference) if reference else None)
    if block is None:
        if node is None:
            check.error(Pos(check.path, 1, 1), "the catalogue has no 'messages:'")
        return {}
    messages: dict[str, str] = {}
    for key, (_, value) in block.entries.items():
        text = check.text(value, key, required=True)
        if text is None or not isinstance(value, ScalarNode):
            continue
        if reference is not None and key in reference:
            want, got = placeholders(reference[key]), placeholders(text)
            if want != got:
                missing = ", ".join("{" + p + "}" for p in sorted(want - got))
                extra = ", ".join("{" + p + "}" for p in sorted(got - want))
                what = f"keep {missing}" if missing else ""
                what += ("; " if what and extra else "") + (
                    f"{extra} is not filled in here" if extra else ""
                )
                check.error(
                    value.pos, f"message '{key}': {what} (as in English: {reference[key]!r})"
                )
                continue
        messages[key] = text
    return messages


__all__ = ["builtin_languages", "check_page_language", "load_words", "resolve_page_language"]
