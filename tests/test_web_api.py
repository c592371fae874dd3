"""studyprint serve's HTTP API (issue 18), against a real server on loopback: every
product, every refusal (422 with line:col, 413, 401, 403, 503), pictures only
from the upload, scratch folders removed, and twenty teachers at once."""

from __future__ import annotations

import base64
import io
import re
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from pypdf import PdfReader

from studyprint.web.app import ServeSettings
from studyprint.web.gate import Limits
from tests.helpers import run
from tests.webserver import serving, terms_text

TWELVE = terms_text(12)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def render(base: str, **fields: Any) -> httpx.Response:
    files = fields.pop("files", None)
    data = {"terms": TWELVE, **fields}
    return httpx.post(f"{base}/api/render", data=data, files=files, timeout=120)


@pytest.fixture(scope="module")
def base() -> Any:
    with serving() as url:
        yield url


@pytest.mark.parametrize(
    ("fields", "kind", "names"),
    [
        ({"product": "guide"}, "application/pdf", ["My-terms-guide.pdf"]),
        ({"product": "glossary", "paper": "a4"}, "application/pdf", ["My-terms-glossary.pdf"]),
        ({"product": "cards"}, "application/pdf", ["My-terms-cards.pdf"]),
        ({"product": "cards", "cards": "duplex", "layout": "large-print"}, "application/pdf",
         ["My-terms-cards.pdf"]),
        ({"product": "cards", "cards": "avery-5371"}, "application/pdf", ["My-terms-cards.pdf"]),
        ({"product": "quiz", "count": "8", "versions": "2"}, "application/zip",
         ["My-terms-quiz.pdf", "My-terms-quiz-key.pdf"]),
    ],
)  # fmt: skip
def test_every_product_comes_back_with_the_terms(
    base: str, fields: dict[str, str], kind: str, names: list[str]
) -> None:
    response = render(base, **fields)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == kind
    disposition = response.headers["content-disposition"]
    if kind == "application/pdf":
        assert f'filename="{names[0]}"' in disposition
        files = {names[0]: response.content}
    else:
        with zipfile.ZipFile(io.BytesIO(response.content)) as bundle:
            assert bundle.namelist() == names
            files = {n: bundle.read(n) for n in names}
    text = pdf_text(files[names[0]])
    assert int(response.headers["x-studyprint-pages"]) == len(
        PdfReader(io.BytesIO(files[names[0]])).pages
    )
    if fields["product"] in ("guide", "glossary"):
        for n in range(12):  # every term is on the sheet
            assert f" {n}" in text
        assert "river-" in text
    elif fields["product"] == "quiz":
        assert "Version A" in text and "Version B" in text
        assert "Answer key" in pdf_text(files[names[1]]) or "key" in pdf_text(files[names[1]])


def test_a_packet_with_a_roster_is_a_zip_of_every_student(base: str) -> None:
    roster = "name,id,period\nAna Ruiz,1001,3\nBen Okafor,1002,3\nChen Wei,1003,4\n"
    response = render(base, product="packet", count="6",
                      files={"roster": ("period3.csv", roster.encode(), "text/csv")})  # fmt: skip
    assert response.status_code == 200, response.text
    with zipfile.ZipFile(io.BytesIO(response.content)) as bundle:
        names = bundle.namelist()
        assert "packet.pdf" in names and "keys.pdf" in names
        students = [n for n in names if n.startswith("students/")]
        assert len(students) == 3
        whole = pdf_text(bundle.read("packet.pdf"))
    for name in ("Ana Ruiz", "Ben Okafor", "Chen Wei"):
        assert name in whole


def test_a_bad_deck_is_422_with_line_and_column(base: str) -> None:
    deck = b"title: Cells\nterms:\n  - term: Nucleus\n    definition:\n  - term: Ribosome\n"
    response = httpx.post(f"{base}/api/check", files={"deck": ("cells.yaml", deck)})
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0].startswith("cells.yaml:4:")
    assert any("cells.yaml:5:" in e for e in body["errors"])
    # the page's table: each message names the row it belongs to
    table = {"title": "Cells", "term": ["Nucleus", "Ribosome", ""],
             "definition": ["holds the DNA", "", ""]}  # fmt: skip
    checked = httpx.post(f"{base}/api/check", data=table)
    assert checked.status_code == 422
    assert checked.json()["rows"] == {"1": checked.json()["errors"][0]}
    assert re.match(r"deck\.yaml:\d+:\d+: 'definition' is empty", checked.json()["errors"][0])
    good = httpx.post(f"{base}/api/check", data={"terms": TWELVE})
    assert good.status_code == 200 and good.json()["errors"] == []
    pasted = httpx.post(f"{base}/api/check", data={"terms": "river\tflows\njust one word\n"})
    assert pasted.status_code == 422
    assert pasted.json()["errors"] == [
        "pasted terms:2:1: put a tab, ' - ' or a comma between the term and its definition"
    ]


def png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def test_pictures_come_only_from_the_upload(base: str, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"  # a file on the server beside nothing the request owns
    secret.write_bytes(png("red"))
    for image in (
        "/etc/passwd",
        str(secret),
        "../secret.png",
        "../../../../etc/hostname",
        "../nothing-here.png",
    ):
        deck = f"title: T\nterms:\n  - term: a\n    definition: b\n    image: {image}\n"
        response = httpx.post(f"{base}/api/render", data={"product": "guide"},
                              files={"deck": ("d.yaml", deck.encode())})  # fmt: skip
        assert response.status_code == 422, image
        message = response.json()["errors"][0]
        assert message.startswith("d.yaml:5:12: "), message
        refusal = (
            "is not among the files uploaded with the deck"
            if image.endswith(".png")
            else "is not a PNG, JPEG or GIF file"
        )  # refused before any file is looked at
        assert refusal in message, message
        assert "--allow-path" not in message and "studyprint-web-" not in message
    deck = b"title: T\nterms:\n  - term: a\n    definition: b\n    image: leaf.png\n"
    leaf = ("pictures", ("leaf.png", png("green"), "image/png"))
    sent = httpx.post(f"{base}/api/render", data={"product": "guide"},
                      files=[("deck", ("d.yaml", deck)), leaf])  # fmt: skip
    assert sent.status_code == 200, sent.text
    page = PdfReader(io.BytesIO(sent.content)).pages[0]
    assert list(page.images)  # the uploaded picture is printed
    named = httpx.post(f"{base}/api/render", data={"product": "guide"}, files=[
        ("deck", ("../../evil/d.yaml", deck)),
        ("pictures", ("../../leaf.png", png("green"), "image/png"))])  # fmt: skip
    assert named.status_code == 200, named.text  # names kept to one component, inside


def test_an_upload_too_large_is_413(tmp_path: Path) -> None:
    with serving(ServeSettings(max_bytes=64 * 1024, scratch=str(tmp_path))) as url:
        big = {"deck": ("d.csv", b"a,b\n" * 40_000)}
        response = httpx.post(f"{url}/api/render", files=big)
        assert response.status_code == 413
        assert response.json()["errors"] == [
            "the upload is larger than 0 MB; send a smaller deck or fewer pictures"
        ]

        def chunks() -> Any:  # no Content-Length: counted as it arrives
            for _ in range(100):
                yield b"x" * 4096

        streamed = httpx.post(f"{url}/api/render", content=chunks(),
                              headers={"content-type": "text/plain"})  # fmt: skip
        assert streamed.status_code == 413
        assert httpx.post(f"{url}/api/check", data={"terms": TWELVE}).status_code == 200
    assert list(tmp_path.iterdir()) == []  # every scratch folder removed


def test_a_password_guards_every_request_but_health() -> None:
    with serving(ServeSettings(password="correct horse")) as url:
        assert httpx.get(f"{url}/").status_code == 401
        assert httpx.get(f"{url}/").headers["www-authenticate"] == 'Basic realm="studyprint"'
        assert httpx.get(f"{url}/", auth=("teacher", "wrong password")).status_code == 401
        assert httpx.get(f"{url}/", auth=("teacher", "correct horse")).status_code == 200
        bearer = {"Authorization": "Bearer correct horse"}
        checked = httpx.post(f"{url}/api/check", data={"terms": TWELVE}, headers=bearer)
        assert checked.status_code == 200
        refused = httpx.post(f"{url}/api/check", data={"terms": TWELVE})
        assert refused.status_code == 401
        assert httpx.get(f"{url}/healthz").json()["status"] == "ok"
        garbled = {"Authorization": "Basic %%%not-base64"}
        assert httpx.get(f"{url}/", headers=garbled).status_code == 401


def test_a_browser_form_must_come_from_this_page(base: str) -> None:
    page = httpx.get(f"{base}/").text
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token is not None
    evil = httpx.post(f"{base}/api/render", data={"terms": TWELVE},
                      headers={"Origin": "http://evil.example"})  # fmt: skip
    assert evil.status_code == 403
    same = {"Origin": base}
    stale = httpx.post(f"{base}/api/render", data={"terms": TWELVE}, headers=same)
    assert stale.status_code == 403
    assert stale.json()["errors"] == [
        "this form is out of date or not from this page; reload the page"
    ]
    fresh = httpx.post(f"{base}/api/render", data={"terms": TWELVE, "csrf": token[1]},
                       headers=same)  # fmt: skip
    assert fresh.status_code == 200


def test_field_mistakes_are_422_naming_the_field(base: str) -> None:
    cases = {
        "product": ("poster", "product: 'poster' is not one of guide, glossary, cards, quiz, "
                              "packet"),
        "layout": ("../../etc/layout", "layout: '../../etc/layout' is not one of letter, a4, "
                                       "large-print"),
        "count": ("0", "count: 0 is not from 1 to 200"),
        "versions": ("x", "versions: 'x' is not a whole number"),
        "types": ("mc,essay", "types: 'essay' is not a question type; use mc, tf, match, "
                              "written, short"),
        "sample": ("../../etc/passwd", None),
    }  # fmt: skip
    for name, (value, message) in cases.items():
        data = {"terms": "" if name == "sample" else TWELVE, name: value}
        response = httpx.post(f"{base}/api/render", data=data)
        assert response.status_code == 422, name
        if message is not None:
            assert response.json()["errors"] == [message]
        else:
            assert response.json()["errors"][0].startswith("no sample deck called")


def test_user_text_is_never_html(base: str) -> None:
    hostile = "<script>alert(1)</script>\t<img src=x onerror=alert(2)> & more\n" + TWELVE
    page = httpx.post(f"{base}/", data={"terms": hostile, "source": "paste"},
                      headers={"Accept": "text/html"})  # fmt: skip
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "&lt;img src=x onerror=alert(2)&gt; &amp; more" in page.text


def test_a_sample_loads_into_the_table_and_saves_as_a_deck(base: str, tmp_path: Path) -> None:
    from studyprint.read.deck import load_deck

    page = httpx.get(f"{base}/", params={"sample": "therapy"})
    assert page.status_code == 200
    assert page.text.count('name="term"') == 12
    assert "Therapeutic alliance" in page.text
    fields = {"title": "Cells", "term": ["Nucleus", "Ribosome"],
              "definition": ["holds the DNA", "makes proteins"], "tags": ["core, organelle", ""],
              "questions": ["What does it hold? => DNA",
                            "Which? => protein | fat | sugar"]}  # fmt: skip
    saved = httpx.post(f"{base}/api/deck", data=fields)
    assert saved.status_code == 200
    assert saved.headers["content-disposition"].startswith('attachment; filename="Cells.yaml"')
    path = tmp_path / "Cells.yaml"
    path.write_bytes(saved.content)
    deck = load_deck(path)
    assert [t.term for t in deck.terms] == ["Nucleus", "Ribosome"]
    assert deck.terms[0].tags == ("core", "organelle")
    assert deck.terms[1].questions[0].choices == ("protein", "fat", "sugar")
    assert deck.terms[1].questions[0].answer == "protein"


def test_a_preview_shows_the_first_pages(base: str) -> None:
    response = httpx.post(f"{base}/api/preview", data={"terms": TWELVE, "product": "cards"},
                          timeout=60)  # fmt: skip
    assert response.status_code == 200
    body = response.json()
    assert body["pages"] >= 2 and len(body["previews"]) == 2
    first = base64.b64decode(body["previews"][0].removeprefix("data:image/png;base64,"))
    image = Image.open(io.BytesIO(first))
    assert image.width == 600 and image.height > 600  # a portrait page


def test_a_quiz_preview_carries_the_planners_audit(base: str) -> None:
    """Issue 31: the page shows what `studyprint quiz --audit` prints."""
    quiz = {"terms": TWELVE, "product": "quiz", "count": "6", "types": "mc,written"}
    response = httpx.post(f"{base}/api/preview", data=quiz, timeout=60)
    assert response.status_code == 200, response.text
    audit = response.json()["audit"]
    assert audit[0].startswith("audit: steered round ")
    assert "  version A: no leak, cue or near-synonym on the sheet" in audit
    pairs = [line.split("\t") for line in TWELVE.splitlines()]
    table = {"title": "T", "term": [p[0] for p in pairs], "definition": [p[1] for p in pairs]}
    form = {**table, "product": "quiz", "count": "6", "types": "mc,written", "action": "preview"}
    html = httpx.post(f"{base}/", data=form, headers={"Accept": "text/html"}, timeout=60)
    assert html.status_code == 200
    assert '<details class="audit">' in html.text and "version A: no leak" in html.text
    cards = httpx.post(f"{base}/api/preview", data={"terms": TWELVE, "product": "cards"},
                       timeout=60)  # fmt: skip
    assert cards.json()["audit"] == []


def slow_deck(terms: int) -> dict[str, Any]:
    return {"terms": terms_text(terms), "product": "guide"}


def test_a_full_queue_is_503_with_retry_after(tmp_path: Path) -> None:
    limits = Limits(workers=1, queue=0, seconds=60)
    with serving(ServeSettings(limits=limits, scratch=str(tmp_path))) as url:
        answers: list[httpx.Response] = []

        def one() -> None:
            answers.append(httpx.post(f"{url}/api/render", data=slow_deck(2000), timeout=300))

        drawing = threading.Thread(target=one)
        drawing.start()
        deadline = time.monotonic() + 120  # a bound on a hang
        while httpx.get(f"{url}/healthz").json()["waiting"] == 0:  # the event: it holds the worker
            assert drawing.is_alive() and time.monotonic() < deadline, answers
            time.sleep(0.02)
        render = f"{url}/api/render"
        refused = [httpx.post(render, data=slow_deck(20), timeout=60) for _ in range(3)]
        drawing.join()
        codes = [a.status_code for a in answers + refused]
        assert codes == [200, 503, 503, 503], codes
        busy = refused[0]
        assert busy.headers["retry-after"] == "5"
        assert busy.json()["errors"] == ["the server is busy; try again in a few seconds"]
        assert httpx.get(f"{url}/healthz").json()["waiting"] == 0
    assert list(tmp_path.iterdir()) == []


def test_a_render_past_its_time_limit_is_stopped(tmp_path: Path) -> None:
    limits = Limits(workers=1, queue=4, seconds=0.5)
    with serving(ServeSettings(limits=limits, scratch=str(tmp_path))) as url:
        response = httpx.post(f"{url}/api/render", data=slow_deck(2000), timeout=120)
        assert response.status_code == 503
        assert response.json()["errors"] == [
            "this took longer than 0.5 s and was stopped; try fewer terms"
        ]
        quick = httpx.post(f"{url}/api/check", data={"terms": TWELVE})  # the server goes on
        assert quick.status_code == 200
    assert list(tmp_path.iterdir()) == []


def test_twenty_teachers_at_once_are_all_served(tmp_path: Path) -> None:
    """20 clients, each rendering a 100-term deck's cards, at the same moment."""
    with serving(ServeSettings(scratch=str(tmp_path))) as url:
        answers: dict[int, httpx.Response] = {}

        def teacher(n: int) -> None:
            data = {"terms": terms_text(100, start=n * 1000), "product": "cards"}
            answers[n] = httpx.post(f"{url}/api/render", data=data, timeout=300)

        started = time.monotonic()
        threads = [threading.Thread(target=teacher, args=(n,)) for n in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.monotonic() - started
    assert sorted(answers) == list(range(20))
    assert [a.status_code for a in answers.values()] == [200] * 20
    for n, answer in answers.items():  # each teacher got their own terms
        text = pdf_text(answer.content)
        assert f" {n * 1000 + 99}" in text and f" {((n + 1) % 20) * 1000 + 5}\n" not in text
    assert seconds < 240, seconds
    assert list(tmp_path.iterdir()) == []


def test_serve_will_not_open_to_the_network_without_a_password(tmp_path: Path) -> None:
    opened = run("serve", "--host", "0.0.0.0", "--no-browser")
    assert opened.exit_code == 2
    assert opened.stderr == (
        "error: --host 0.0.0.0 lets other computers in: give --password (or --password-file) "
        "so only your colleagues can use it\n"
    )
    short = run("serve", "--password", "abc", "--no-browser")
    assert short.exit_code == 2
    assert short.stderr == "error: the password must have at least 8 characters\n"
    missing = run("serve", "--password-file", str(tmp_path / "none"), "--no-browser")
    assert missing.exit_code == 2 and "cannot be read" in missing.stderr


def test_the_page_works_without_javascript(base: str) -> None:
    """Every button posts the form: load, add a row, check, preview (as images)."""
    html = {"Accept": "text/html"}
    loaded = httpx.post(f"{base}/", data={"terms": TWELVE, "source": "paste"}, headers=html)
    assert loaded.status_code == 200 and "12 terms loaded" in loaded.text
    table = {"title": "Rivers", "term": ["delta", "ember"],
             "definition": ["where a river fans out", "a glowing coal"]}  # fmt: skip
    grown = httpx.post(f"{base}/", data={**table, "action": "add"}, headers=html)
    assert grown.text.count('name="term"') == 3
    pairs = [line.split("\t") for line in TWELVE.splitlines()]
    twelve = {"title": "T", "term": [p[0] for p in pairs], "definition": [p[1] for p in pairs]}
    shown = httpx.post(f"{base}/", data={**twelve, "action": "preview", "product": "cards"},
                       headers=html, timeout=60)  # fmt: skip
    assert shown.status_code == 200
    assert shown.text.count('src="data:image/png;base64,') == 2
    assert "pages; the first 2 shown below." in shown.text
    broken = {**table, "definition": ["where a river fans out", ""], "action": "check"}
    checked = httpx.post(f"{base}/", data=broken, headers=html)
    assert checked.status_code == 422
    assert 'id="row-1-errors"' in checked.text and "&#39;definition&#39; is empty" in checked.text
    # Download with a mistake, from a browser: the page again, with the message
    download = httpx.post(f"{base}/api/render", data=broken, headers=html)
    assert download.status_code == 422 and "text/html" in download.headers["content-type"]
    assert 'id="row-1-errors"' in download.text


def test_a_deck_past_the_term_limit_is_refused(base: str) -> None:
    response = httpx.post(f"{base}/api/check", data={"terms": terms_text(2001)}, timeout=60)
    assert response.status_code == 422
    assert response.json()["errors"] == ["2001 terms: a page takes at most 2000; split the deck"]
