"""``studyprint serve``: the web page on this machine, or for a whole school."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Annotated

import typer

from studyprint.cli.shared import app, say
from studyprint.errors import OptionError


def loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def password_from(password: str | None, password_file: Path | None) -> str | None:
    """The server's password: given, or the first line of a file only its owner reads."""
    if password is not None and password_file is not None:
        raise OptionError("give --password or --password-file, not both")
    if password_file is not None:
        try:
            text = password_file.read_text(encoding="utf-8").strip().splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise OptionError(f"--password-file {password_file}: cannot be read ({exc})") from None
        password = text[0].strip() if text else ""
    if password is not None and len(password) < 8:
        raise OptionError("the password must have at least 8 characters")
    return password


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Do not open the page in a browser.")
    ] = False,
    password: Annotated[
        str | None,
        typer.Option("--password", help="Required by every request (needed beyond loopback)."),
    ] = None,
    password_file: Annotated[
        Path | None, typer.Option("--password-file", help="Read the password from this file.")
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, max=64, help="Renders at once (default: cores)"),
    ] = None,
    queue: Annotated[
        int, typer.Option("--queue", min=0, max=1000, help="Requests that may wait; then 503.")
    ] = 32,
    time_limit: Annotated[
        float, typer.Option("--time-limit", min=1, max=3600, help="Seconds a render may take.")
    ] = 60.0,
) -> None:
    """Serve the web page: paste terms, check them, preview and download PDFs."""
    try:
        import uvicorn
    except ImportError:
        raise OptionError(
            "the web page needs the web extra: pip install 'studyprint[web]'"
        ) from None
    from studyprint.web.app import ServeSettings, create_app
    from studyprint.web.gate import Limits

    secret = password_from(password, password_file)
    if not loopback(host) and secret is None:
        raise OptionError(
            f"--host {host} lets other computers in: give --password (or --password-file) "
            "so only your colleagues can use it"
        )
    limits = Limits(workers=workers or max(1, os.cpu_count() or 1), queue=queue,
                    seconds=time_limit)  # fmt: skip
    application = create_app(ServeSettings(password=secret, limits=limits))
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    say(f"studyprint is serving {url} (Ctrl-C to stop)")
    if not no_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)
