"""The page in a real browser (issue 18): Debian's Chromium driven by Playwright.

A teacher pastes twelve terms, fixes the line the page points at, fixes a row the
live preview marks, changes the product and sees the preview change, downloads
every product and the deck; and the same main flow by keyboard alone.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from studyprint.web.app import ServeSettings
from tests.webserver import serving, terms_text

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (.ci/run installs it)")
#: Root needs --no-sandbox; the rest keep Chromium from reaching for the network (closed here).
QUIET_CHROMIUM = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip

TWELVE = terms_text(12)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    scratch = tmp_path_factory.mktemp("scratch")
    with serving(ServeSettings(scratch=str(scratch))) as url:
        yield url
    assert list(scratch.iterdir()) == []  # every request's folder was removed


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=QUIET_CHROMIUM)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, site: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(120_000)  # a bound on a hang, not a speed check
    tab.goto(site)
    yield tab
    context.close()


def download(page: Any, button: str, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        page.click(button)
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def test_paste_fix_preview_and_download_every_product(page: Any, tmp_path: Path) -> None:
    lines = TWELVE.splitlines()
    broken = [*lines[:6], "lonely term with nothing after it", *lines[6:]]
    page.fill("#terms-box", "\n".join(broken))
    page.click("button[value=paste]")
    alert = page.locator(".errors")
    assert "pasted terms:7:1: put a tab, ' - ' or a comma" in alert.inner_text()
    # the teacher fixes the line the page named
    fixed = [*lines[:6], "lonely term - now it has a meaning", *lines[6:]]
    page.fill("#terms-box", "\n".join(fixed))
    page.click("button[value=paste]")
    assert "13 terms loaded" in page.locator(".ok").inner_text()
    assert page.locator("tr.row").count() == 13
    # a definition emptied in the table: the live preview marks that row
    page.locator("textarea[name=definition]").nth(2).fill("")
    page.wait_for_selector("tr.row-errors")
    marked = page.locator("tr.row.has-error")
    assert marked.count() == 1 and marked.get_attribute("data-row") == "2"
    assert "'definition' is empty" in page.locator("tr.row-errors").inner_text()
    page.locator("textarea[name=definition]").nth(2).fill("the cloud that came back")
    page.wait_for_selector("#pages img")
    page.wait_for_function("!document.querySelector('tr.row-errors')")
    guide_preview = page.locator("#pages img").first.get_attribute("src")
    # another product: the preview changes
    page.check("input[name=product][value=cards]")
    page.wait_for_function(
        "src => document.querySelector('#pages img') && "
        "document.querySelector('#pages img').src !== src",
        arg=guide_preview,
    )
    assert "page" in page.locator("#preview-status").inner_text()
    # every product downloads and opens
    for product in ("guide", "glossary", "cards", "quiz", "packet"):
        page.check(f"input[name=product][value={product}]")
        if product == "quiz":
            page.fill("input[name=count]", "8")
        saved = download(page, "#download", tmp_path)
        data = saved.read_bytes()
        if saved.suffix == ".zip":
            with zipfile.ZipFile(io.BytesIO(data)) as bundle:
                pdfs = [n for n in bundle.namelist() if n.endswith(".pdf")]
                assert pdfs, product
                text = pdf_text(bundle.read(pdfs[0]))
        else:
            assert saved.suffix == ".pdf", product
            text = pdf_text(data)
        assert len(text) > 100, product
        if product in ("guide", "glossary"):
            assert "lonely term" in text and "the cloud that came back" in text
    deck = download(page, "#save-deck", tmp_path)
    from studyprint.read.deck import load_deck

    loaded = load_deck(deck)
    assert len(loaded.terms) == 13
    assert loaded.terms[2].definition == "the cloud that came back"


def test_the_main_flow_by_keyboard_alone(page: Any, tmp_path: Path) -> None:
    def tab_to(selector: str, limit: int = 80) -> None:
        """Press Tab until the element is focused (a real keyboard path, not a click)."""
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement === document.querySelector({selector!r})"):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("a.skip", 3)  # the first stop: skip to the terms
    tab_to("#terms-box")
    page.keyboard.insert_text(TWELVE)
    tab_to("button[value=paste]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".ok")
    assert page.locator("tr.row").count() == 12
    tab_to("input[name=product][value=guide]", 200)
    page.keyboard.press("ArrowRight")  # radio buttons move with arrow keys
    page.keyboard.press("ArrowRight")
    assert page.is_checked("input[name=product][value=cards]")
    tab_to("#download", 60)
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    target = tmp_path / "cards.pdf"
    info.value.save_as(target)
    assert "river-" in pdf_text(target.read_bytes())
    # focus is visible wherever it is
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_a_sample_deck_and_large_print_preview(page: Any) -> None:
    page.select_option("#sample", "basics")
    page.click("button[value=sample]")
    assert page.locator("tr.row").count() >= 10
    page.select_option("select[name=layout]", "large-print")
    page.wait_for_selector("#pages img")
    assert page.locator("#pages img").count() == 2
    status = page.locator("#preview-status").inner_text()
    assert "pages" in status
