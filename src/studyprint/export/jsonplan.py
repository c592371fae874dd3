"""``json``: the quiz plan itself (docs/quiz-plan.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from studyprint.export.written import Written, whole

SUFFIX = ".json"


def write(plan: dict[str, Any], out: Path) -> Written:
    out.write_text(json.dumps(plan, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return whole(plan)
