"""The ASGI application: the page, its HTTP API, and what keeps a school server safe.

- ``GET /`` the page; ``POST /`` its buttons without JavaScript (load, check,
  preview, add a row), answered with the page again.
- ``POST /api/render`` the PDF (or a zip), ``POST /api/check`` and
  ``POST /api/preview`` JSON, ``POST /api/deck`` the table as a deck file,
  ``GET /healthz``. Bad input is 422 with ``{"errors": [...], "warnings": [...]}``.
- A body larger than the limit is 413 before any work; with a password every
  request but ``/healthz`` needs it (HTTP Basic, or ``Bearer``), else 401; a
  browser's POST must come from this page (its Origin) and carry the page's
  token, else 403; a full queue is 503 with ``Retry-After``.
"""

from __future__ import annotations

import base64
import hmac
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote, urlsplit

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from studyprint.web.deckform import DeckForm, Row, deck_text
from studyprint.web.fields import FieldError, Fields, options, source, task
from studyprint.web.gate import Busy, Gate, Limits, TooSlow, WorkerDied
from studyprint.web.jinja import templates
from studyprint.web.work import Action, Message, Options, Outcome, Source, Upload

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BYTES = 8 * 1024 * 1024  # a deck, its pictures and a roster, with room to spare
RETRY_SECONDS = 5


@dataclass(frozen=True, slots=True)
class ServeSettings:
    password: str | None = None  # required when serving beyond this machine
    limits: Limits = field(default_factory=Limits)
    max_bytes: int = MAX_BYTES
    scratch: str | None = None  # where requests' scratch folders go (default: the temp dir)


def create_app(settings: ServeSettings | None = None) -> ASGIApp:
    settings = settings or ServeSettings()
    gate = Gate(settings.limits, settings.scratch)
    token = secrets.token_urlsafe(24)  # the page's CSRF token, new each start
    pages = templates()

    async def run(request: Request, action: Action, fields: Fields) -> Outcome | Response:
        try:
            return await gate.run(task(fields, action))
        except FieldError as exc:
            return _problem(request, 422, [str(exc)], fields, pages, token)
        except Busy:
            return _problem(request, 503, ["the server is busy; try again in a few seconds"],
                            fields, pages, token, {"Retry-After": str(RETRY_SECONDS)})  # fmt: skip
        except TooSlow:
            return _problem(request, 503, [f"this took longer than {settings.limits.seconds:g} s "
                                           "and was stopped; try fewer terms"], fields, pages,
                            token)  # fmt: skip
        except WorkerDied:
            return _problem(request, 500, ["the job stopped unexpectedly; try again"], fields,
                            pages, token)  # fmt: skip

    async def page(request: Request) -> Response:
        sample = request.query_params.get("sample", "")
        if sample:
            fields = Fields({"source": ["sample"], "sample": [sample]}, {})
            outcome = await run(request, "load", fields)
            if isinstance(outcome, Response):
                return outcome
            return _page(pages, token, fields, outcome, status=200, loading=True)
        return _page(pages, token, Fields({}, {}), Outcome(form=_blank()), status=200)

    async def page_action(request: Request) -> Response:
        fields = await _form(request, token)
        if isinstance(fields, Response):
            return fields
        action = fields.one("action", "check")
        if fields.one("source"):
            action = "load"
        if action == "add":
            form = _table(fields)
            grown = replace(form, rows=(*form.rows, Row()))
            return _page(pages, token, fields, Outcome(form=grown), status=200)
        if action not in ("load", "check", "preview"):
            action = "check"
        outcome = await run(request, action, fields)  # type: ignore[arg-type]
        if isinstance(outcome, Response):
            return outcome
        status = 422 if outcome.errors else 200
        return _page(pages, token, fields, outcome, status=status, loading=action == "load")

    async def api(request: Request) -> Response:
        fields = await _form(request, token)
        if isinstance(fields, Response):
            return fields
        action: Action = {"/api/render": "render", "/api/check": "check",
                          "/api/preview": "preview"}[request.url.path]  # type: ignore[assignment]  # fmt: skip
        outcome = await run(request, action, fields)
        if isinstance(outcome, Response):
            return outcome
        if outcome.errors:
            return _problem(request, 422, [m.text for m in outcome.errors], fields, pages, token,
                            outcome=outcome)  # fmt: skip
        report = _report(outcome)
        if action == "check":
            return JSONResponse(report)
        if action == "preview":
            report["pages"] = outcome.pages
            report["previews"] = [_png_url(png) for png in outcome.previews]
            return JSONResponse(report)
        return Response(outcome.data, media_type=outcome.media_type, headers={
            "Content-Disposition": _attachment(outcome.filename),
            "X-Studyprint-Pages": str(outcome.pages),
            "X-Studyprint-Warnings": str(len(outcome.warnings)),
        })  # fmt: skip

    async def save_deck(request: Request) -> Response:
        fields = await _form(request, token)
        if isinstance(fields, Response):
            return fields
        form = _table(fields)
        name = _file_stem(form.title) + ".yaml"
        return Response(deck_text(form).yaml, media_type="application/yaml; charset=utf-8",
                        headers={"Content-Disposition": _attachment(name)})  # fmt: skip

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", "waiting": gate.waiting})

    from importlib.resources import files

    static = StaticFiles(directory=str(files("studyprint.web") / "static"))
    app = Starlette(routes=[
        Route("/", page, methods=["GET"]),
        Route("/", page_action, methods=["POST"]),
        Route("/api/render", api, methods=["POST"]),
        Route("/api/check", api, methods=["POST"]),
        Route("/api/preview", api, methods=["POST"]),
        Route("/api/deck", save_deck, methods=["POST"]),
        Route("/healthz", healthz, methods=["GET"]),
        Mount("/static", static, name="static"),
    ])  # fmt: skip
    return _guarded(app, settings)


def _blank() -> DeckForm:
    return DeckForm(rows=(Row(),))


def _table(fields: Fields) -> DeckForm:
    found = source(fields).form
    return found if found is not None else _blank()


async def _form(request: Request, token: str) -> Fields | Response:
    """The request's fields, once it has shown it came from our page (browsers)."""
    text: dict[str, list[str]] = {}
    files: dict[str, list[Upload]] = {}
    async with request.form(max_files=200, max_fields=20000) as form:
        for name, value in form.multi_items():
            if isinstance(value, UploadFile):
                files.setdefault(name, []).append(Upload(value.filename or "", await value.read()))
            else:
                text.setdefault(name, []).append(value)
    for kept in text.pop("kept_picture", []):  # pictures loaded earlier, carried by the page
        name, _, data = kept.partition(":")
        try:
            files.setdefault("pictures", []).append(Upload(name, base64.b64decode(data)))
        except ValueError:
            continue
    fields = Fields(text, files)
    if request.headers.get("origin") is not None or request.headers.get("sec-fetch-site"):
        sent = fields.one("csrf") or request.headers.get("x-csrf-token", "")
        if not hmac.compare_digest(sent.encode(), token.encode()):
            stale = "this form is out of date or not from this page; reload the page"
            return JSONResponse({"errors": [stale], "warnings": []}, status_code=403)
    return fields


def _report(outcome: Outcome) -> dict[str, Any]:
    return {
        "errors": [m.text for m in outcome.errors],
        "warnings": [m.text for m in outcome.warnings],
        "audit": list(outcome.audit),
        "rows": {str(m.row): m.text for m in outcome.errors if m.row is not None},
    }


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


def _problem(
    request: Request,
    status: int,
    errors: list[str],
    fields: Fields,
    pages: Any,
    token: str,
    headers: dict[str, str] | None = None,
    outcome: Outcome | None = None,
) -> Response:
    """A refusal: JSON for a program, the page with the messages for a browser."""
    outcome = outcome or Outcome(errors=tuple(Message(e) for e in errors))
    if _wants_html(request):
        response = _page(pages, token, fields, outcome, status=status)
        response.headers.update(headers or {})
        return response
    return JSONResponse(_report(outcome) | {"errors": errors}, status_code=status,
                        headers=headers)  # fmt: skip


def _page(
    pages: Any, token: str, fields: Fields, outcome: Outcome, status: int, loading: bool = False
) -> HTMLResponse:
    from studyprint.web.samples import samples

    try:
        chosen = options(fields)
    except FieldError:
        chosen = Options()
    try:
        table = outcome.form or _table(fields)
    except FieldError:
        table = _blank()
    pictures = [(p.name, base64.b64encode(p.data).decode()) for p in source_pictures(fields)]
    html = pages.get_template("page.html").render(
        csrf=token,
        table=table,
        rows=table.rows or (Row(),),
        row_errors=_by_row(outcome.errors),
        errors=[m.text for m in outcome.errors if m.row is None],
        warnings=[m.text for m in outcome.warnings],
        audit=list(outcome.audit),
        previews=[_png_url(p) for p in outcome.previews],
        page_count=outcome.pages,
        options=chosen,
        samples=list(samples()),
        pasted=fields.one("terms"),
        kept_pictures=pictures,
        loaded=len(outcome.form.rows) if outcome.form is not None and loading else 0,
        sample=fields.one("sample"),
    )
    return HTMLResponse(html, status_code=status)


def source_pictures(fields: Fields) -> list[Upload]:
    return [p for p in fields.files.get("pictures", ()) if p.name and p.data]


def _by_row(messages: tuple[Message, ...]) -> dict[int, list[str]]:
    rows: dict[int, list[str]] = {}
    for m in messages:
        if m.row is not None:
            rows.setdefault(m.row, []).append(m.text)
    return rows


def _png_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


def _attachment(name: str) -> str:
    ascii_name = name.encode("ascii", "replace").decode().replace('"', "").replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def _file_stem(title: str) -> str:
    from studyprint.output import safe_name

    return safe_name(title, "deck")[:60]


def _guarded(app: ASGIApp, settings: ServeSettings) -> ASGIApp:
    """Size limit, password and origin checks, before the application sees a request."""

    async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        password = settings.password
        if (password is not None and scope["path"] != "/healthz"
                and not _authorised(headers.get("authorization", ""), password)):  # fmt: skip
            await _send_json(send, 401, {"errors": ["this server needs its password"]},
                             {"WWW-Authenticate": 'Basic realm="studyprint"'})  # fmt: skip
            return
        if scope["method"] == "POST":
            origin = headers.get("origin")
            if origin is not None and urlsplit(origin).netloc != headers.get("host", ""):
                await _send_json(send, 403, {"errors": ["requests from other sites are refused"]})
                return
            length = headers.get("content-length", "")
            if length.isdigit() and int(length) > settings.max_bytes:
                await _send_json(send, 413, _too_large(settings.max_bytes))
                return
            body, complete = await _body(receive, settings.max_bytes)
            if not complete:
                await _send_json(send, 413, _too_large(settings.max_bytes))
                return
            receive = _replay(body)
        await app(scope, receive, send)

    return guarded


def _too_large(limit: int) -> dict[str, list[str]]:
    return {"errors": [f"the upload is larger than {limit // (1024 * 1024)} MB; send a "
                       "smaller deck or fewer pictures"], "warnings": []}  # fmt: skip


def _authorised(header: str, password: str) -> bool:
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        given = value.strip()
    elif scheme.lower() == "basic":
        try:
            given = base64.b64decode(value.strip()).decode("utf-8").partition(":")[2]
        except ValueError:
            return False
    else:
        return False
    return hmac.compare_digest(given.encode(), password.encode())


async def _body(receive: Receive, limit: int) -> tuple[bytes, bool]:
    """The whole body, unless it grows past ``limit`` (then: what came, False)."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"", False
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return b"", False
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), True


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> MutableMapping[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _send_json(
    send: Send, status: int, content: dict[str, Any], headers: dict[str, str] | None = None
) -> None:
    body = json.dumps(content).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


__all__ = ["ServeSettings", "Source", "create_app"]
