"""Per-character fallback over the bundled fonts."""

from __future__ import annotations

from studyprint.text import fonts
from studyprint.text.fonts import split_runs, stack_for


def test_latin_is_one_run_in_the_primary_font() -> None:
    runs = split_runs("Ça va, señor Dvořák → ≤ Δ", stack_for("sans"))
    assert runs.runs == (("FiraGO", "Ça va, señor Dvořák → ≤ Δ"),)
    assert not runs.missing


def test_mixed_text_switches_fonts_and_keeps_spaces_with_neighbours() -> None:
    runs = split_runs("学校 means school", stack_for("sans", "ja"))
    assert runs.runs == (("KurintoJP", "学校 "), ("FiraGO", "means school"))


def test_every_run_is_covered_by_its_font() -> None:
    text = "Ωmega Привет שלום مرحبا नमस्ते 学校 がっこう 한국어 光合作用产生 ∮ ⟦x⟧"
    runs = split_runs(text, stack_for("sans"))
    assert not runs.missing
    for key, part in runs.runs:
        assert set(part) <= fonts.coverage(key) | {" "}, (key, part)
    assert "".join(part for _, part in runs.runs) == text


def test_uncovered_characters_are_reported_and_replaced() -> None:
    runs = split_runs("smile 😀 now", stack_for("sans"))
    assert runs.missing == {"😀"}
    assert "😀" not in "".join(part for _, part in runs.runs)
    assert fonts.REPLACEMENT in "".join(part for _, part in runs.runs) or "?" in "".join(
        part for _, part in runs.runs
    )


def test_language_orders_cjk_fonts() -> None:
    assert fonts.cjk_order("ja")[0] == "KurintoJP"
    assert fonts.cjk_order("zh-Hant")[0] == "KurintoTC"
    assert fonts.cjk_order("zh")[0] == "KurintoSC"
    assert fonts.cjk_order("ko")[0] == "KurintoKR"
    assert fonts.cjk_order(None, "ひらがな")[0] == "KurintoJP"
    assert fonts.cjk_order(None, "汉字")[0] == "KurintoSC"


def test_hyperlegible_falls_back_to_firago() -> None:
    stack = stack_for("hyperlegible")
    assert stack[:2] == ("Atkinson", "FiraGO")
    runs = split_runs("Read Привет", stack)
    assert runs.runs[0] == ("Atkinson", "Read ")


def test_faces_fall_back_to_nearest_style() -> None:
    assert fonts.face_name("FiraGO", bold=True, italic=True) == "SP-FiraGO-BoldItalic"
    assert fonts.face_name("KurintoJP", italic=True) == "SP-KurintoJP-Regular"
    assert fonts.face_name("KurintoJP", bold=True, italic=True) == "SP-KurintoJP-Bold"


def test_an_opening_quote_joins_the_word_it_opens() -> None:
    """Large print (Atkinson has no Arabic): the quote after an Arabic phrase belongs to
    the English word it opens, so shaped text never prints it as ``" morning``."""
    stack = stack_for("hyperlegible", None, 'صباح النور, "morning of light"')
    runs = split_runs('صباح النور, "morning of light"', stack).runs
    english = next(text for _, text in runs if "morning" in text)
    assert english.startswith('"morning')
    assert "".join(text for _, text in runs) == 'صباح النور, "morning of light"'
    closing = split_runs("(bonjour)", stack).runs  # nothing to move: one run as before
    assert "".join(t for _, t in closing) == "(bonjour)"
