"""Fixtures only; the helpers tests share live in ``tests/helpers.py``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from studyprint.resources import content_dir
from tests import processes

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
    if not hasattr(config, "workerinput"):  # the main process (pytest-xdist's or the only one)
        processes.become_subreaper()


@pytest.fixture(autouse=True)
def _own_processes() -> Iterator[None]:
    """Whatever a test's outcome, the process groups it started are stopped after it."""
    yield
    processes.stop_all()


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """No test may leave a process behind: list what is still alive below pytest once
    the tests (and pytest-xdist's workers) are done, kill it, and fail the run."""
    if hasattr(session.config, "workerinput"):
        return  # orphans of a worker's tests come back to the main process, checked there
    left = processes.left_behind(float(os.environ.get("STUDYPRINT_TESTS_LEFT_WAIT", "5")))
    if not left:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    lines = ["processes left running by the tests (killed now):", *left]
    if reporter is not None:
        reporter.section("left behind", sep="=", red=True)
        for line in lines:
            reporter.line(line, red=True)
    else:
        print("\n".join(lines))
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def content() -> Path:
    return content_dir()
