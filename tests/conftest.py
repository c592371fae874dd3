"""Fixtures only; the helpers tests share live in ``tests/helpers.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyprint.resources import content_dir


@pytest.fixture
def content() -> Path:
    return content_dir()
