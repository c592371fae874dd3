"""Hypothesis strategies for hostile inputs: decks, manifests, layouts, rosters,
exports and command lines, as a stranger or a bad day would write them.

Files are built as text (not through a YAML library), so a strategy can write
what a library never would: wrong indentation, duplicate keys, aliases, tags,
NaN, a truncated last line. The keys come from the readers' own tuples, so the
fuzzing follows the schema as it grows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from hypothesis import strategies as st

from studyprint.read import layout as layout_schema
from studyprint.read import manifest as manifest_schema
from studyprint.read.deck import DECK_KEYS, QUESTION_KEYS, TERM_KEYS

#: Characters that have broken text tools: controls, bidi overrides, markup and
#: tag characters, quotes, scripts of every direction, combining marks, emoji.
HOSTILE_CHARS = (
    "\x00\x07\x08\t\x0b\x0c\r\x1b\x7f\x85\u200e\u200f\u202e\u2066\u2028\ufeff"
    "*^~_<>&;'\"`\\/:#-=+@|,.% \n"
    "aZ9éßΩжא؟ع漢かᄀ\u0301\u0651🙂"
)

#: Values that are wrong in a way someone has tried: numbers that are not
#: numbers, paths out of the folder, devices, markup that reads files, YAML
#: features from outside the safe subset.
NASTY_SCALARS = (
    ".nan", "-.inf", ".inf", "1e309", "-0", "0", "-1", "99999999999999999999", "0x10",
    "null", "~", "[]", "{}", "yes", "'0777'", "12pt", "-3in", "1000000in", "0mm",
    "!!python/object/apply:os.system ['true']", "!!binary aGk=", "*missing", "&a x",
    "'../../../etc/passwd'", "/etc/passwd", "/dev/zero", "'/proc/self/fd/1'",
    "'<img src=\"/etc/passwd\"/>'", "'<font name=\"x\">a</font>'", "'<para>'",
    "'=cmd|'' /C calc''!A0'", "'\u202eevil'", "'**bold'", "'^^^^'", "'~a~b~'",
)  # fmt: skip


#: What a manifest may say besides its title and decks.
OTHER_MANIFEST_KEYS = tuple(k for k in manifest_schema.MANIFEST_KEYS if k not in ("title", "decks"))
#: What a term may carry besides its name and definition.
EXTRA_TERM_KEYS = tuple(k for k in TERM_KEYS if k not in ("term", "definition"))


def quoted(text: str) -> str:
    """A YAML double-quoted scalar for any text (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


texts = st.text(alphabet=HOSTILE_CHARS, max_size=30)
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéñ漢字", min_size=1, max_size=12)
#: A definition someone might write, with markup and every script now and then.
sentences = st.lists(
    st.one_of(words, st.sampled_from(["**bold**", "*it*", "H~2~O", "x^2^", "مرحبا", "ελληνικά",
                                      "カタカナ", "<b>", "&amp;", "a-very-long-unbreakable-"
                                      "compound-word-that-will-not-fit"])),
    min_size=1, max_size=12,
).map(lambda parts: quoted(" ".join(parts)))  # fmt: skip

#: A YAML scalar as it would sit after "key: ".
scalars = st.one_of(
    words,
    texts.map(quoted),
    st.sampled_from(NASTY_SCALARS),
    st.integers(-(10**12), 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    texts,  # unquoted: often not valid YAML at all, which is a case too
)


@st.composite
def values(draw: st.DrawFn, good: st.SearchStrategy[str], nasty: bool = True) -> str:
    """Mostly a plausible value (so the run reaches the pages), sometimes anything."""
    return draw(good) if not nasty or draw(st.integers(0, 7)) else draw(scalars)


@st.composite
def mapping(
    draw: st.DrawFn,
    keys: tuple[str, ...],
    good: dict[str, st.SearchStrategy[str]],
    nasty: bool = True,
) -> str:
    """A flow mapping ``{k: v, ...}`` of some of ``keys`` (and sometimes a stranger)."""
    usable = keys if nasty else tuple(k for k in keys if k in good)  # tidy: known values
    if not usable:
        return "{}"
    chosen = draw(st.lists(st.sampled_from(usable), max_size=4, unique=True))
    if nasty and not draw(st.integers(0, 8)):
        chosen.append(draw(words))  # an unknown key
    pairs = [f"{k}: {draw(values(good.get(k, words), nasty))}" for k in chosen]
    return "{" + ", ".join(pairs) + "}"


lengths = st.one_of(
    st.sampled_from(["0.5in", "2in", "3.5in", "10mm", "54mm", "12pt", "1in", "85mm"]),
    st.floats(0, 100).map(lambda x: f"{x:.2f}mm"),
)
small_ints = st.integers(-2, 25).map(str)


@st.composite
def deck(draw: st.DrawFn, images: tuple[str, ...] = (), nasty: bool = True) -> str:
    """A deck's text: a few terms with hostile words, and sometimes broken YAML."""
    lines = [f"title: {draw(values(words, nasty))}"]
    for key in draw(st.lists(st.sampled_from(DECK_KEYS[1:-1]), max_size=2, unique=True)):
        good = st.sampled_from(["en", "es", "ar", "ja", *(["xx", "none.yaml"] if nasty else [])])
        lines.append(f"{key}: {draw(values(good, nasty))}")
    lines.append("terms:")
    for _ in range(draw(st.integers(0 if nasty else 2, 7) | st.just(6))):
        lines.append(f"  - term: {draw(values(words, nasty))}")
        hostile = st.one_of(sentences, texts.map(quoted)) if nasty else sentences
        lines.append(f"    definition: {draw(values(hostile, nasty))}")
        for key in draw(st.lists(st.sampled_from(EXTRA_TERM_KEYS), max_size=2, unique=True)):
            if key == "image":
                good = st.sampled_from(
                    [*images, "../outside.png", "missing.png", "/dev/zero", "broken.png"]
                    if nasty
                    else images
                )
                lines.append(f"    image: {draw(values(good, nasty))}")
            elif key == "questions":
                if nasty:
                    q = draw(mapping(QUESTION_KEYS, {"q": texts.map(quoted), "a": words}))
                else:
                    q = f"{{q: {draw(sentences)}, a: {draw(words)}}}"
                lines.append(f"    questions: [{q}]")
            else:
                good = words if key == "reading" else st.lists(words, max_size=3).map(str)
                lines.append(f"    {key}: {draw(values(good, nasty))}")
    return mutate(draw, "\n".join(lines) + "\n", nasty)


def mutate(draw: st.DrawFn, text: str, nasty: bool = True) -> str:
    """Now and then, what editors and bad copies do to a file."""
    if not nasty:
        return text
    kind = draw(st.sampled_from(["none"] * 18 + ["cut", "indent", "dup", "tab", "alias", "bom"]))
    lines = text.split("\n")
    if kind == "cut":
        return text[: draw(st.integers(0, len(text)))]
    if kind == "indent" and len(lines) > 1:
        i = draw(st.integers(0, len(lines) - 1))
        lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
    elif kind == "dup" and len(lines) > 1:
        i = draw(st.integers(0, len(lines) - 1))
        lines.insert(i, lines[i])
    elif kind == "tab":
        return text.replace("  ", "\t", 1)
    elif kind == "alias":
        return "x: &big " + quoted("long " * 50) + "\n" + text.replace(": ", ": *big #", 1)
    elif kind == "bom":
        return "\ufeff" + text
    return "\n".join(lines)


@st.composite
def layout(draw: st.DrawFn, nasty: bool = True) -> str:
    good: dict[str, st.SearchStrategy[str]] = {
        "extends": st.sampled_from(["letter", "a4", "large-print", "avery-5371", "self.yaml"]),
        "paper": st.sampled_from(["letter", "a4", "{width: 8in, height: 5in}",
                                  "{width: 100000in, height: 11in}", "{width: .nan, height: 1}"]),
        "page_language": st.sampled_from(["ar", "ja", "es", "en"]),
    }  # fmt: skip
    blocks: Blocks = {
        "margins": (layout_schema.MARGIN_KEYS, dict.fromkeys(layout_schema.MARGIN_KEYS, lengths)),
        "fonts": (layout_schema.FONT_KEYS, {
            "family": st.sampled_from(["sans", "serif", "mono", "comic"]),
            **dict.fromkeys(("body", "heading", "small", "min"), st.integers(1, 80).map(str)),
            "leading": st.floats(0.5, 3).map(lambda x: f"{x:.2f}"),
        }),
        "sheet": (layout_schema.SHEET_KEYS, {"answer_lines": small_ints, "gap": lengths,
                                             "line_gap": lengths, "image_height": lengths}),
        "cards": (layout_schema.CARD_KEYS, {
            **dict.fromkeys(("width", "height", "gap_x", "gap_y", "safe_margin", "padding"),
                            lengths),
            "columns": small_ints, "rows": small_ints,
            "mode": st.sampled_from(["fold", "duplex", "manual", "fold-horizontal"]),
        }),
        "quiz": (layout_schema.QUIZ_KEYS, {"answer_lines": small_ints, "key_columns": small_ints}),
    }  # fmt: skip
    lines = ["extends: letter"] if draw(st.booleans()) or not nasty else []
    lines += draw(entries(layout_schema.LAYOUT_KEYS, 4, good, blocks, nasty))
    return mutate(draw, "\n".join(lines) + "\n", nasty)


Blocks = dict[str, tuple[tuple[str, ...], dict[str, st.SearchStrategy[str]]]]


@st.composite
def entries(
    draw: st.DrawFn,
    keys: tuple[str, ...],
    most: int,
    good: dict[str, st.SearchStrategy[str]],
    blocks: Blocks,
    nasty: bool,
) -> list[str]:
    """Top-level ``key: value`` lines of a file: some of ``keys``, each a value or a
    block (a flow mapping of its own keys)."""
    lines = []
    for key in draw(st.lists(st.sampled_from(keys), max_size=most, unique=True)):
        if key in blocks:
            inner, goods = blocks[key]
            lines.append(f"{key}: {draw(mapping(inner, goods, nasty=nasty))}")
        else:
            lines.append(f"{key}: {draw(values(good.get(key, words), nasty))}")
    return lines


@st.composite
def manifest(draw: st.DrawFn, decks: tuple[str, ...], nasty: bool = True) -> str:
    good: dict[str, st.SearchStrategy[str]] = {
        "title": words,
        "decks": st.one_of(
            st.lists(st.sampled_from(decks), min_size=1, max_size=2, unique=True),
            st.lists(st.sampled_from([*decks, "../outside.yaml", "/etc/passwd", "gone.yaml",
                                      "roster.csv", "unit.yaml"]), min_size=1, max_size=3)
            if nasty else st.nothing(),
        ).map(lambda d: "[" + ", ".join(d) + "]"),
        "include": st.lists(st.sampled_from(["sheet", "glossary", "cards", "quiz", "video"]
                                            if nasty else ["sheet", "glossary", "cards", "quiz"]),
                            min_size=0 if nasty else 1, max_size=4
                            ).map(lambda d: "[" + ", ".join(d) + "]"),
        "roster": st.sampled_from(["roster.csv", "../roster.csv", "missing.csv", "/dev/zero"]),
        "duplex": st.sampled_from(["true", "false", "maybe"]),
        "layout": st.sampled_from(["letter", "layout.yaml", "../layout.yaml", "nope"]),
        "paper": st.sampled_from(["letter", "a4", "a5"]),
        "page_language": st.sampled_from(["ar", "ja", "es", "zz"]),
    }  # fmt: skip
    blocks: Blocks = {
        "sheet": (manifest_schema.SHEET_KEYS, {"answers": st.sampled_from(["end", "inline"])}),
        "glossary": (manifest_schema.GLOSSARY_KEYS, {"layout": good["layout"]}),
        "cards": (manifest_schema.CARD_KEYS, {"mode": st.sampled_from(["fold", "manual"])}),
        "quiz": (manifest_schema.QUIZ_KEYS, {
            "count": st.integers(-1, 40).map(str),
            "versions": st.sampled_from(["1", "3", "per-student", "0", "27", "100000"]),
            "seed": st.integers(-5, 2**70).map(str),
            "points": st.sampled_from(["1", "0.5", ".nan", "1e9"]),
            "types": st.sampled_from(["[mc, tf]", "[written]", "[match, short]", "[essay]"]),
        }),
    }  # fmt: skip
    lines = [f"title: {draw(values(words, nasty))}", f"decks: {draw(values(good['decks'], nasty))}"]
    lines += draw(entries(OTHER_MANIFEST_KEYS, 5, good, blocks, nasty))
    return mutate(draw, "\n".join(lines) + "\n", nasty)


@st.composite
def roster(draw: st.DrawFn) -> bytes:
    """A class roster as a spreadsheet exports it, or as a careless hand writes it."""
    header = draw(st.sampled_from(["name,id,period", "Name;ID", "nombre,id", "", "name"]))
    rows = draw(st.lists(st.tuples(texts, st.integers(0, 10**6)), max_size=6))
    sep = ";" if ";" in header else ","
    body = "\n".join(f"{quoted(n) if draw(st.booleans()) else n}{sep}{i}" for n, i in rows)
    text = f"{header}\n{body}\n" if header else body
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(encoding, errors="replace")


@st.composite
def export(draw: st.DrawFn) -> bytes:
    """A Quizlet, Anki or spreadsheet export, in any of the encodings they come in."""
    kind = draw(st.sampled_from(["quizlet", "anki", "csv"]))
    cell = texts if draw(st.booleans()) else words  # half of them tidy
    rows = draw(st.lists(st.tuples(cell, cell), max_size=8))
    if kind == "anki":
        header = draw(st.lists(st.sampled_from([
            "#separator:tab", "#separator:Comma", "#html:true", "#columns:Front\tBack",
            "#columns:Front", "#tags column:3", "#tags column:0", "#deck column:1",
            "#notetype column:2", "#separator:\"",
        ]), max_size=3))  # fmt: skip
        text = "\n".join([*header, *(f"{a}\t{b}" for a, b in rows)])
    elif kind == "quizlet":
        sep = draw(st.sampled_from(["\t", " - ", ";;", ","]))
        text = "\n".join(f"{a}{sep}{b}" for a, b in rows)
    else:
        header = draw(st.sampled_from(["term,definition", "Wort,Bedeutung", "", "a,b,c"]))
        text = "\n".join([header, *(f"{quoted(a)},{quoted(b)}" for a, b in rows)])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "mac_roman"]))
    return text.encode(encoding, errors="replace")


@dataclass
class Folder:
    """The files of one example: written into ``in/`` of a fresh temporary folder."""

    files: dict[str, bytes] = field(default_factory=dict)


@st.composite
def folder(draw: st.DrawFn) -> Folder:
    """A folder a stranger might hand over: decks, a manifest, a layout, a roster, an
    export, a picture, and a link out."""
    made = Folder()
    made.files["cell.png"] = PNG
    made.files["broken.png"] = BROKEN_PNG
    names = ("a.yaml", "b.yml")
    nasty = draw(st.booleans())  # half the folders are tidy: the runs reach the pages
    for name in names[: draw(st.integers(1 if nasty else 2, 2))]:
        text = draw(deck(images=("cell.png",), nasty=nasty))
        made.files[name] = text.encode("utf-8", "surrogatepass")
    made.files["layout.yaml"] = draw(layout(nasty)).encode("utf-8", "surrogatepass")
    made.files["unit.yaml"] = draw(manifest(names, nasty)).encode("utf-8", "surrogatepass")
    made.files["roster.csv"] = draw(roster())
    made.files["export.txt"] = draw(export())
    return made


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (3, 2), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


#: A small honest picture, and one whose header is fine but whose pixels are not.
PNG = _png()
BROKEN_PNG = PNG[:-20] + b"\x00" * 8 + PNG[-12:]


def option_sets(command: str) -> st.SearchStrategy[list[str]]:
    """Options for ``command``, valid and not, as a hurried user types them."""
    common = {
        "--paper": st.sampled_from(["letter", "a4", "A4", "a5", ""]),
        "--layout": st.sampled_from(["letter", "large-print", "in/layout.yaml", "nope", "in"]),
        "--page-language": st.sampled_from(["ar", "ja", "xx", "in/a.yaml"]),
        "--terms": st.sampled_from([",,,", "x", "uno, dos", "\x1b[2J"]),
        "--tags": st.sampled_from([",", "a", "b"]),
        "--allow-path": st.sampled_from(["in", "/", "nowhere"]),
    }
    own: dict[str, dict[str, st.SearchStrategy[str]]] = {
        "sheet": {"--style": st.sampled_from(["guide", "glossary", "list"]),
                  "--answers": st.sampled_from(["end", "inline", "none", "later"])},
        "cards": {"--mode": st.sampled_from(["fold", "duplex", "manual", "x"]),
                  "--offset": st.sampled_from(["1,1", "nan,0", "30,0", "1", "a,b"]),
                  "--flip": st.sampled_from(["long", "short", "none"])},
        "quiz": {"--count": st.sampled_from(["1", "0", "-3", "500", "x"]),
                 "--versions": st.sampled_from(["1", "3", "26", "27", "0"]),
                 "--types": st.sampled_from(["mc", "tf,written", "match", "essay", ",,"]),
                 "--seed": st.sampled_from(["0", "-1", "99999999999999999999999", "x"]),
                 "--points": st.sampled_from(["1", "nan", "inf", "0.1"]),
                 "--key": st.sampled_from(["end", "separate", "none", "x"]),
                 "--plan": st.sampled_from(["out/plan.json", "in/a.yaml", "out"])},
        "import": {"--format": st.sampled_from(["auto", "quizlet", "anki", "csv", "x"]),
                   "--columns": st.sampled_from(["term=1,definition=2", "term=9", "x", ""]),
                   "--encoding": st.sampled_from(["cp1252", "utf-16", "klingon"]),
                   "--language": st.sampled_from(["es", "??"])},
        "export": {"--count": st.sampled_from(["1", "4", "10", "0", "x"]),
                   "--versions": st.sampled_from(["1", "1", "2", "27"]),
                   "--types": st.sampled_from(["mc", "tf,written", "match", "mc,tf,match",
                                               "short", ",,"]),
                   "--ask": st.sampled_from(["term", "definition", "both", "x"]),
                   "--points": st.sampled_from(["1", "2", "nan"]),
                   "--title": st.sampled_from(["a/b", "\x1b[2J", ""])},
        "packet": {"--jobs": st.sampled_from(["1", "1", "1", "0", "65"]),
                   "--seed": st.sampled_from(["1", "7", "-1", "x"])},
    }  # fmt: skip
    shared = {k: common[k] for k in ("--terms", "--tags", "--allow-path")}
    pool = {**(common if command in ("sheet", "cards", "quiz") else {}),
            **(shared if command == "export" else {}), **own.get(command, {})}  # fmt: skip
    if command in ("packet", "check", "build"):
        pool["--allow-path"] = common["--allow-path"]
    if not pool:
        return st.just([])
    return st.lists(st.sampled_from(sorted(pool)), max_size=3, unique=True).flatmap(
        lambda names: st.tuples(*(pool[n] for n in names)).map(
            lambda chosen: [part for pair in zip(names, chosen, strict=True) for part in pair]
        )
    )


#: Where ``-o`` points: a new file, the output folder, an input, a device, a name
#: too long, a folder that does not exist yet, an existing file.
outputs = st.sampled_from(
    ["out/x.pdf", "out", "out/", "in/a.yaml", "in/roster.csv", "/dev/null", "out/" + "n" * 300,
     "out/sub/deeper/x.pdf", "out/old.pdf", "out/x"]
)  # fmt: skip
