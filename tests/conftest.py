"""Fixtures only; the helpers tests share live in ``tests/helpers.py``."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from studyprint.resources import content_dir

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
#: CI: a few hundred examples over all fuzz tests, the same ones every run.
settings.register_profile(
    "ci", max_examples=30, derandomize=True, deadline=None, suppress_health_check=_QUIET,
    database=None,
)  # fmt: skip
#: ``pytest --slow``: thousands, random, remembered in .hypothesis/ when they fail.
settings.register_profile(
    "slow", max_examples=450, deadline=None, suppress_health_check=_QUIET, print_blob=True
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow", action="store_true", help="the fuzz suite's long profile (thousands of examples)"
    )


def pytest_configure(config: pytest.Config) -> None:
    settings.load_profile("slow" if config.getoption("--slow") else "ci")


@pytest.fixture
def content() -> Path:
    return content_dir()
