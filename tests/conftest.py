"""Shared helpers: run the CLI in-process and keep stdout and stderr apart."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from studyprint.cli import app
from studyprint.resources import content_dir

DATA = Path(__file__).parent / "data"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None


def run(*args: str) -> Result:
    """Run ``studyprint ARGS`` in-process."""
    result = CliRunner().invoke(app, list(args))
    exception = result.exception
    if isinstance(exception, SystemExit):
        exception = None
    return Result(result.exit_code, result.stdout, result.stderr, exception)


@pytest.fixture
def content() -> Path:
    return content_dir()


def sample_decks() -> list[Path]:
    """The bundled decks (packet manifests left out)."""
    from studyprint.read.deck import expand_deck_paths

    return expand_deck_paths([content_dir()])
