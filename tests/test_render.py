"""The one door: every product through ``render``, question types through the registry."""

from __future__ import annotations

import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from studyprint.batch.jobs import Job
from studyprint.batch.packet import plan_packet
from studyprint.model import Deck, Term
from studyprint.products.quiz.types import REGISTRY, register, unregister
from studyprint.products.quiz.types.base import (
    Arranger,
    Block,
    KeyDetail,
    Pool,
    Printed,
    PrintKit,
    QuestionType,
)
from studyprint.read.manifest import load_manifest
from studyprint.render import (
    CardsRequest,
    QuizRequest,
    Selection,
    SheetRequest,
    outputs,
    render,
)
from studyprint.words import Words
from tests.helpers import pdf_text, run, sample_decks


@dataclass(frozen=True, slots=True)
class FirstLetterItem:
    term: Term


class FirstLetter(QuestionType):
    """A toy sixth type: the definition and the term's first letter; write the term."""

    name = "first"
    title = "Finish the word"
    instructions = "Write the whole term that starts with the letter given."

    def capacity(self, pool: Pool) -> int:
        return len(pool.pairs)

    def generate(self, pool: Pool, n: int) -> list[FirstLetterItem]:
        return [FirstLetterItem(term) for _, term in pool.choose(pool.pairs, n)]

    def arrange(self, item: FirstLetterItem, number: int, arranger: Arranger) -> Printed:
        term = item.term
        hint = f"{term.definition} (starts with {term.term[0]})"
        return Printed(number, self.name, hint, accepted=(term.term,), term=term)

    def print(self, q: Printed, kit: PrintKit) -> list[Block]:
        return [kit.stem(q.stem, q.number), kit.write_lines(1)]

    def key_labels(self, q: Printed, words: Words) -> list[tuple[int, str]]:
        return [(q.number, f"{q.accepted[0]}!")]

    def key_detail(self, q: Printed, words: Words) -> KeyDetail:
        return KeyDetail(f"spelled {q.accepted[0]}", f"{q.number}.")


@pytest.fixture
def first_letter() -> Iterator[QuestionType]:
    kind = register(FirstLetter())
    yield kind
    unregister(kind.name)


TOY = Deck(
    "Toy deck",
    (
        Term("Osmosis", "Water moving across a membrane."),
        Term("Enzyme", "A protein that speeds up a reaction."),
        Term("Neuron", "A cell that carries signals."),
    ),
    language="en",
)


def test_a_new_question_type_is_one_class_and_one_register(
    first_letter: QuestionType, tmp_path: Path
) -> None:
    out = tmp_path / "toy.pdf"
    request = QuizRequest(Selection((TOY,)), seed=3, count=3, types=("first",))
    result = render(request, out)
    assert result.questions == 3 and result.files == (out, tmp_path / "toy-key.pdf")
    quiz, key = pdf_text(out), pdf_text(tmp_path / "toy-key.pdf")
    assert "Part 1 · Finish the word · 3 × 1 point = 3" in quiz
    assert "Write the whole term that starts with the letter given." in quiz
    for term in TOY.terms:
        assert f"{term.definition} (starts with {term.term[0]})" in quiz
        assert term.term not in quiz
        assert f"{term.term}!" in key and f"spelled {term.term}" in key
    # through the command line too, which knows the type from the registry alone
    deck = tmp_path / "toy.yaml"
    deck.write_text(
        "title: Toy\nterms:\n"
        + "".join(f"  - term: {t.term}\n    definition: {t.definition}\n" for t in TOY.terms),
        encoding="utf-8",
    )
    cli = run("quiz", str(deck), "--types", "first,tf", "--seed", "1", "-o", str(tmp_path / "c"))
    assert cli.exit_code == 0, cli.stderr
    assert "Finish the word" in pdf_text(tmp_path / "c.pdf")


def test_unknown_types_name_the_registry(tmp_path: Path) -> None:
    deck = sample_decks()[0]
    result = run("quiz", str(deck), "--types", "mc,essay", "-o", str(tmp_path / "q.pdf"))
    assert result.exit_code == 2
    assert result.stderr == f"error: --types takes any of {','.join(REGISTRY)}; not essay\n"
    assert list(tmp_path.iterdir()) == []


def test_multi_deck_quiz_has_one_title_from_the_cli_and_from_a_packet(tmp_path: Path) -> None:
    decks = sample_decks()[:2]
    titles = " / ".join(
        re.search(r"^title: (.*)$", p.read_text(encoding="utf-8"), re.M).group(1).strip('"')  # type: ignore[union-attr]
        for p in decks
    )
    cli = run("quiz", *map(str, decks), "--seed", "4", "-o", str(tmp_path / "cli.pdf"))
    assert cli.exit_code == 0, cli.stderr
    manifest = tmp_path / "two.yaml"
    manifest.write_text(
        f"title: Two decks\ndecks: [{decks[0]}, {decks[1]}]\ninclude: [quiz]\nquiz: {{seed: 4}}\n",
        encoding="utf-8",
    )
    allowed = ("--allow-path", str(decks[0].parents[1]))  # the decks are elsewhere
    packet = run("packet", str(manifest), "-o", str(tmp_path / "out"), "--jobs", "1", *allowed)
    assert packet.exit_code == 0, packet.stderr
    first_pages = [
        (PdfReader(str(path)).pages[0].extract_text() or "").splitlines()[:3]
        for path in (tmp_path / "cli.pdf", tmp_path / "out" / "two" / "packet.pdf")
    ]
    for lines in first_pages:
        assert titles in lines, lines
    assert (PdfReader(str(tmp_path / "cli.pdf")).metadata or {}).get("/Title") == (
        PdfReader(str(tmp_path / "out" / "two" / "keys.pdf")).metadata or {}
    ).get("/Title").replace("answer key", "quiz")  # type: ignore[union-attr]


def test_every_packet_job_is_a_picklable_request(tmp_path: Path) -> None:
    from tests.test_packet import make_packet

    plan = plan_packet(load_manifest(make_packet(tmp_path, students=2)), tmp_path / "parts")
    kinds = {type(job.request) for job in plan.jobs}
    assert kinds == {SheetRequest, CardsRequest, QuizRequest}
    for job in plan.jobs:
        assert pickle.loads(pickle.dumps(job)) == job
        assert isinstance(job, Job)


def test_the_door_never_writes_over_an_input(tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    text = "title: D\nterms:\n  - term: A\n    definition: First.\n"
    deck.write_text(text, encoding="utf-8")
    request = CardsRequest(Selection((deck,)), mode="manual")
    fronts = deck.with_name("deck-fronts.pdf")
    assert outputs(request, deck) == [fronts, deck.with_name("deck-backs.pdf")]
    with pytest.raises(Exception, match="one of the input files"):
        render(SheetRequest(Selection((deck,))), deck)
    assert deck.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.yaml"]
