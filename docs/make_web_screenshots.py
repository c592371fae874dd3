"""Screenshots of the web page for the README (needs the web and test extras and
Chromium): python docs/make_web_screenshots.py"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.webserver import serving, terms_text

DOCS = Path(__file__).resolve().parent


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with serving() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        page.screenshot(path=str(DOCS / "web-empty.png"))
        page.fill("#terms-box", terms_text(6) + "a line with no definition\n")
        page.click("button[value=paste]")
        page.screenshot(path=str(DOCS / "web-error.png"))
        page.select_option("#sample", "therapy")
        page.click("button[value=sample]")
        page.locator("textarea[name=definition]").nth(1).fill("")
        page.wait_for_selector("tr.row-errors")
        page.locator("#terms").screenshot(path=str(DOCS / "web-row-error.png"))
        page.locator("textarea[name=definition]").nth(1).fill(
            "The therapist's effort to understand the client's experience from the inside."
        )
        page.check("input[name=product][value=cards]")
        page.wait_for_function("!document.querySelector('tr.row-errors')")
        page.wait_for_selector("#pages img")
        page.wait_for_timeout(1500)
        page.locator("#product").screenshot(path=str(DOCS / "web-options.png"))
        page.locator("#preview").screenshot(path=str(DOCS / "web-preview.png"))
        # a quiz: the planner's audit under the messages, opened
        page.check("input[name=product][value=quiz]")
        page.wait_for_selector("details.audit")
        page.click("details.audit summary")
        page.locator("#messages").screenshot(path=str(DOCS / "web-audit.png"))
        browser.close()


if __name__ == "__main__":
    main()
