"""The page of ``grade --review``: each flagged reading's picture beside its choices.

Served on this machine only, for one teacher: ``GET /`` the open doubts, ``GET
/crop/<id>.jpg`` a doubt's picture, ``POST /`` settles what was chosen (and writes
results.csv, graded.pdf and settled.json again), ``POST /done`` ends the review. A
POST must carry the page's token and come from the page (its Origin); every request
must name this machine (its Host), so another site open in the browser can neither
read the page nor settle answers.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from studyprint.grade.review import Review, doubt_id
from studyprint.web.jinja import templates

#: The radio value that leaves a doubt open for later; every other is "=" + the value.
LATER = "later"


def create_review_app(review: Review, done: Callable[[], None]) -> Starlette:
    token = secrets.token_urlsafe(24)
    pages = templates()

    def page(message: str = "", problems: list[str] | None = None, status: int = 200) -> Response:
        doubts = [
            {
                "id": doubt_id(d),
                "page": d.page,
                "student": d.student,
                "question": d.question,
                "read": _shown(d.read),
                "why": d.why,
                "choices": [("=" + c, c or "no answer") for c in d.choices],
                "digits": d.digits,
            }
            for d in review.open
        ]
        html = pages.get_template("review.html").render(
            doubts=doubts, token=token, message=message, problems=problems or [],
            results=str(review.out_dir / "results.csv"), settled=review.settled_now,
        )  # fmt: skip
        return HTMLResponse(html, status_code=status, headers=_NO_STORE)

    async def show(request: Request) -> Response:
        return page()

    async def crop(request: Request) -> Response:
        doubt = review.doubt(request.path_params["ident"])
        if doubt is None:
            return Response("no such picture", status_code=404, media_type="text/plain")
        return Response(doubt.crop, media_type="image/jpeg", headers=_NO_STORE)

    async def settle(request: Request) -> Response:
        form = await request.form()
        refused = _refused(request, str(form.get("token", "")), token)
        if refused:
            return Response(refused, status_code=403, media_type="text/plain")
        answers: dict[str, str] = {}
        for name, value in form.multi_items():
            if name == "token" or not isinstance(value, str):
                continue
            if value.startswith("="):
                answers[name] = value[1:]
            elif value.strip() and value != LATER:  # a typed student number
                answers[name] = value
        problems = review.settle(answers)
        if problems:
            return page(problems=problems, status=422)
        told = f"Settled {len(answers)}; results.csv and graded.pdf are written again."
        return page(told if answers else "Nothing was chosen; nothing changed.")

    async def finish(request: Request) -> Response:
        form = await request.form()
        refused = _refused(request, str(form.get("token", "")), token)
        if refused:
            return Response(refused, status_code=403, media_type="text/plain")
        done()
        html = pages.get_template("review_done.html").render(
            settled=review.settled_now, left=len(review.open),
            results=str(review.out_dir / "results.csv"),
        )  # fmt: skip
        return HTMLResponse(html, headers=_NO_STORE)

    # a page elsewhere whose name was pointed at this machine (DNS rebinding) is not let in
    hosts = Middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost"])
    return Starlette(
        middleware=[hosts],
        routes=[
            Route("/", show, methods=["GET"]),
            Route("/", settle, methods=["POST"]),
            Route("/done", finish, methods=["POST"]),
            Route("/crop/{ident}.jpg", crop, methods=["GET"]),
        ],
    )


_NO_STORE = {"Cache-Control": "no-store"}


def _refused(request: Request, given: str, token: str) -> str:
    """Why a POST is refused ("" if it is not): the page's token, from the page."""
    host = request.headers.get("host", "")
    origin = request.headers.get("origin")
    if origin is not None and urlsplit(origin).netloc != host:
        return "requests from other sites are refused"
    if not hmac.compare_digest(given.encode(), token.encode()):
        return "this form is from an old page; reload it"
    return ""


def _shown(value: str) -> str:
    return {"": "nothing", "*": "two or more marks"}.get(value, value)


__all__ = ["create_review_app"]
