"""A real studyprint web server for tests: uvicorn on a free loopback port, in a
thread of the test process, with the settings a test gives."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from studyprint.web.app import ServeSettings, create_app


@contextmanager
def serving(settings: ServeSettings | None = None) -> Iterator[str]:
    """Serve the page; yield its address (``http://127.0.0.1:PORT``)."""
    with serving_app(create_app(settings)) as url:
        yield url


@contextmanager
def serving_app(app: Any) -> Iterator[str]:
    """Serve any ASGI application (the page, grading's review page); yield its address."""
    listening = socket.socket()  # bound here and handed over: no other run can take the port
    listening.bind(("127.0.0.1", 0))
    port = int(listening.getsockname()[1])
    config = uvicorn.Config(app, host="127.0.0.1", port=port,
                            log_level="warning", access_log=False)  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120  # a bound on a hang
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=120)
        listening.close()


def terms_text(count: int, start: int = 0) -> str:
    """``count`` made-up terms with different definitions, one a line (tab-separated)."""
    words = (
        "river stone cloud ember field shell maple frost pearl cedar flint coral dune "
        "moss quartz delta fern lark"
    ).split()
    lines = []
    for n in range(start, start + count):
        a, b, c = words[n % 18], words[(n * 7 + 3) % 18], words[(n * 5 + 11) % 18]
        lines.append(f"{a}-{b} {n}\tthe {c} that follows the {b} in lesson {n}, not the {a}")
    return "\n".join(lines) + "\n"
