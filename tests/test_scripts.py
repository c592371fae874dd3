"""Cleaning text and telling direction, shaping and CJK apart."""

from __future__ import annotations

from studyprint.text import scripts


def test_clean_drops_controls_keeps_newlines_and_joiners() -> None:
    assert scripts.clean("a\x07b\x00c\r\nd\te") == "abc\nd e"
    assert scripts.clean("x\ud800y") == "x\ufffdy"
    assert scripts.clean("क्\u200dष") == "क्\u200dष"
    assert scripts.clean("a\u2028b") == "a b"
    assert scripts.clean("plain ascii") == "plain ascii"


def test_direction() -> None:
    assert scripts.base_direction("שלום world") == "RTL"
    assert scripts.base_direction("world שלום") == "LTR"
    assert scripts.base_direction("123 مرحبا") == "RTL"
    assert scripts.base_direction("") == "LTR"


def test_detection() -> None:
    assert scripts.needs_shaping("مرحبا") and scripts.needs_shaping("नमस्ते")
    assert not scripts.needs_shaping("שלום") and not scripts.needs_shaping("Ωmega")
    assert scripts.has_rtl("a שלום") and not scripts.has_rtl("Привет")
    assert scripts.has_cjk("学校") and scripts.has_cjk("한국어") and not scripts.has_cjk("Δx")
    assert scripts.is_simple("Ça va, Ωmega, Привет") and not scripts.is_simple("学")
