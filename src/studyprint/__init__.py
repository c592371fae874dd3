"""studyprint: printable study sheets, flashcards and quizzes from YAML decks."""

import importlib.util as _util
import sys as _sys

__version__ = "0.1.0"


def _install_bidi_adapter() -> None:
    """Let ReportLab order right-to-left text through python-bidi.

    ReportLab decides once, when it is first imported, whether it can do bidi
    (it looks for ``rlbidi``, which is not on PyPI). Registering our adapter
    here, before any studyprint module can import ReportLab, makes that
    decision come out right. A real rlbidi, if installed, is left alone.
    """
    if "rlbidi" in _sys.modules or _util.find_spec("rlbidi") is not None:
        return
    from studyprint.text import _rlbidi

    _sys.modules["rlbidi"] = _rlbidi


_install_bidi_adapter()
