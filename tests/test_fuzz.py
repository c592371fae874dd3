"""Every command, fed hostile folders and option sets (Hypothesis).

Each example writes a stranger's folder (decks, manifest, layout, roster, export,
picture: see ``fuzz_inputs``) into ``in/``, runs one command in-process, and
checks what issue 15 asks of every run: exit 0, 1 or 2; no "internal error" or
traceback; every message one line with no raw control characters; nothing
written outside ``out/``; no input changed; no scratch file left; an earlier
output untouched unless it was the target.

The default run is a few hundred examples, derandomized so CI sees the same
ones; ``pytest --slow tests/test_fuzz.py`` runs about fifteen times as many,
randomly (see ``conftest.py``).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from hypothesis import event, given, settings
from hypothesis import strategies as st

from studyprint.output import PACKET_MARK
from tests.fuzz_inputs import Folder, folder, option_sets, outputs
from tests.helpers import run

#: Characters that must never reach the terminal raw (one message, one line).
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

#: Examples per command, as a share of the profile's max_examples.
WEIGHT = {"sheet": 1.5, "cards": 1.0, "quiz": 1.5, "check": 1.5, "import": 1.5,
          "packet": 0.7, "build": 0.5, "new": 0.5, "grade": 1.0, "export": 1.0}  # fmt: skip

DECK_ARGS = st.sampled_from(
    ["in/a.yaml", "in", "in/export.txt", "in/unit.yaml", "in/layout.yaml", "in/roster.csv",
     "in/missing.yaml", "in/cell.png"]
)  # fmt: skip


#: Where an export's ``-o`` points: mostly names without an ending (the format's is
#: added), inputs and a PDF (another format's file), a device, a name too long.
EXPORT_OUTPUTS = st.sampled_from(
    ["out/x", "out", "out/", "in/a.yaml", "in/roster.csv", "/dev/null", "out/" + "n" * 300,
     "out/sub/deeper/x", "out/old.pdf", "out/x.xml", "out/x.txt"]
)  # fmt: skip


def budget(command: str) -> int:
    return max(5, int(settings.default.max_examples * WEIGHT[command]))


def tree(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and not p.is_symlink()}


def run_in(made: Folder, args: list[str], clutter: dict[str, bytes] | None = None) -> None:
    """Run ``studyprint ARGS`` in a fresh folder holding ``made`` (and a teacher's own
    files in ``out/``: ``clutter``) and check the run."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inputs = root / "in"
        inputs.mkdir()
        for name, data in made.files.items():
            (inputs / name).write_bytes(data)
        (root / "outside.png").write_bytes(made.files["cell.png"])  # what ../ would reach
        (root / "outside.yaml").write_bytes(made.files["a.yaml"])
        (root / "out").mkdir()
        (root / "out" / "old.pdf").write_bytes(b"yesterday's handout")  # named .pdf, not one
        for name, data in (clutter or {}).items():
            (root / "out" / name).write_bytes(data)
        before = tree(root)
        cwd = os.getcwd()
        os.chdir(root)
        try:
            result = run(*args)
        finally:
            os.chdir(cwd)
        shown = f"studyprint {' '.join(args)}\n{result.stderr}"
        event(f"exit {result.exit_code}")  # --hypothesis-show-statistics: how many printed
        assert result.exception is None, f"{shown}\n{result.exception!r}"
        assert result.exit_code in (0, 1, 2), shown
        assert "internal error" not in result.stderr, shown
        assert "Traceback" not in result.stderr + result.stdout, shown
        for line in (result.stderr + result.stdout).splitlines():
            assert not RAW.search(line), f"raw control character in {line!r}"
        # no command deletes or changes a file it did not make: every file there before
        # (inputs, the teacher's own files, a non-PDF named .pdf) is there, unchanged
        after = tree(root)
        assert {p: after.get(p) for p in before} == before, shown
        assert sorted(p.name for p in root.iterdir()) == ["in", "out", "outside.png",
                                                           "outside.yaml"], shown  # fmt: skip
        left = [p for p in (root / "out").rglob("*")
                if p.name.startswith(".") and p.name != PACKET_MARK]  # fmt: skip
        assert left == [], f"scratch left: {left}\n{shown}"
        strays = sorted(Path("/dev").glob("null.*"))  # "-o /dev/null" made a file beside it
        assert strays == [], f"{strays}\n{shown}"


def printing(command: str) -> None:
    """One of sheet, cards, quiz on any of the folder's files, with options."""

    @settings(max_examples=budget(command))
    @given(made=folder(), deck=DECK_ARGS, options=option_sets(command), out=outputs)
    def check(made: Folder, deck: str, options: list[str], out: str) -> None:
        run_in(made, [command, deck, *options, "-o", out])

    check()


def test_sheet_survives_hostile_folders() -> None:
    printing("sheet")


def test_cards_survive_hostile_folders() -> None:
    printing("cards")


def test_quiz_survives_hostile_folders() -> None:
    printing("quiz")


@given(made=folder(), target=DECK_ARGS)
@settings(max_examples=budget("check"))
def test_check_survives_hostile_folders(made: Folder, target: str) -> None:
    run_in(made, ["check", target])


@given(
    made=folder(),
    options=option_sets("import"),
    out=st.sampled_from(["out/d.yaml", "in/a.yaml", "out", "out/" + "d" * 300, "/dev/null"]),
)
@settings(max_examples=budget("import"))
def test_import_survives_hostile_exports(made: Folder, options: list[str], out: str) -> None:
    run_in(made, ["import", "in/export.txt", *options, "-o", out])


@given(
    made=folder(),
    deck=DECK_ARGS,
    options=option_sets("export"),
    to=st.sampled_from(["moodle", "qti", "gift", "kahoot", "json"]),
    out=EXPORT_OUTPUTS,
    what=st.sampled_from(["quiz", "quiz", "deck"]),
)
@settings(max_examples=budget("export"))
def test_exports_survive_hostile_folders(
    made: Folder, deck: str, options: list[str], to: str, out: str, what: str
) -> None:
    if what == "deck":  # the deck formats, with the options they take
        kept = [o for pair in zip(options[::2], options[1::2], strict=True)
                if pair[0] in ("--terms", "--tags", "--allow-path") for o in pair]  # fmt: skip
        to = {"moodle": "anki", "qti": "csv", "gift": "quizlet"}.get(to, "anki")
        run_in(made, ["export", "deck", deck, "--to", to, *kept, "-o", out])
    else:
        run_in(made, ["export", "quiz", deck, "--to", to, *options, "-o", out])


@given(made=folder(), options=option_sets("packet"), out=outputs, clutter=st.booleans())
@settings(max_examples=budget("packet"))
def test_packet_survives_hostile_manifests(
    made: Folder, options: list[str], out: str, clutter: bool
) -> None:
    """``clutter``: a teacher's file where the packet folder would go (a packet deleted it)."""
    mine = {"unit": b"notes on unit 8"} if clutter else None
    run_in(made, ["packet", "in/unit.yaml", "--jobs", "1", "--quiet", *options, "-o", out], mine)


@given(made=folder(), allow=st.sampled_from([[], ["--allow-path", "in"]]))
@settings(max_examples=budget("build"))
def test_build_survives_hostile_folders(made: Folder, allow: list[str]) -> None:
    run_in(made, ["build", "in", "-o", "out", "--jobs", "1", "--quiet", *allow])


@given(made=folder(), source=st.sampled_from(["in/export.txt", "in/a.yaml", "in/roster.csv"]))
@settings(max_examples=budget("new"))
def test_new_survives_hostile_sources(made: Folder, source: str) -> None:
    run_in(made, ["new", "out/started.yaml", "--from", source])


def _real_plan() -> dict[str, object]:
    """A quiz plan with answer sheets, made once."""
    import json

    global _PLAN
    if _PLAN is None:
        with tempfile.TemporaryDirectory() as tmp:
            from tests.helpers import sample_decks

            deck = next(p for p in sample_decks() if p.stem == "therapy")
            plan = Path(tmp) / "plan.json"
            made = run("quiz", str(deck), "--seed", "1", "--answer-sheet", "--plan", str(plan),
                       "-o", str(Path(tmp) / "q.pdf"))  # fmt: skip
            assert made.exit_code == 0, made.stderr
            _PLAN = json.loads(plan.read_text(encoding="utf-8"))
            import cv2

            from tests.scanmaker import render_page
            from tests.test_answer_sheets import sheet_pages

            page = render_page(Path(tmp) / "q.pdf", sheet_pages(Path(tmp) / "q.pdf")[0])
            _SHEET.append(cv2.imencode(".png", page)[1].tobytes())
    return _PLAN


_PLAN: dict[str, object] | None = None
_SHEET: list[bytes] = []
NASTY_JSON = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**9), 10**9), st.text(max_size=5),
    st.floats(allow_nan=True, allow_infinity=True), st.just([]), st.just({}),
)  # fmt: skip


@st.composite
def damaged_plans(draw: st.DrawFn) -> bytes:
    """A real plan with a few values replaced, or its text cut short."""
    import copy
    import json

    plan = copy.deepcopy(_real_plan())
    for _ in range(draw(st.integers(0, 3))):
        node: object = plan
        for _ in range(draw(st.integers(1, 7))):
            if isinstance(node, dict) and node:
                key = draw(st.sampled_from(sorted(node)))
                if draw(st.booleans()) or not isinstance(node[key], dict | list):
                    node[key] = draw(NASTY_JSON)
                    break
                node = node[key]
            elif isinstance(node, list) and node:
                index = draw(st.integers(0, len(node) - 1))
                if draw(st.booleans()) or not isinstance(node[index], dict | list):
                    node[index] = draw(NASTY_JSON)
                    break
                node = node[index]
    text = json.dumps(plan).encode()
    return text[: draw(st.integers(0, len(text)))] if draw(st.integers(0, 5)) == 0 else text


@given(made=folder(), plan=damaged_plans(), scan=st.sampled_from(["in/sheet.png",
       "in/sheet.png", "in/cell.png", "in/broken.png", "in/a.yaml", "in/export.txt"]))  # fmt: skip
@settings(max_examples=budget("grade"))
def test_grade_survives_damaged_plans_and_strange_scans(
    made: Folder, plan: bytes, scan: str
) -> None:
    made.files["plan.json"] = plan
    made.files["scan.pdf"] = made.files["a.yaml"]  # a "PDF" that is not one
    made.files["sheet.png"] = _SHEET[0]  # a real, blank answer sheet of that quiz
    run_in(made, ["grade", scan, "in/scan.pdf", "--key", "in/plan.json", "-o", "out/results",
                  "--jobs", "1", "--quiet"])  # fmt: skip
